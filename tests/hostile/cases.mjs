// A hostile caller, as an app with hostile input or a hostile dependency would be one: each case
// attacks the package one way, checks what it got, and then checks that the instance still works
// (a dead instance fails every later request of an edge isolate). Portable: node.test.mjs runs
// them in Node and workerd.test.mjs in workerd, against the package.
//
// Each case is `(lib) => void` and throws an Error that says what went wrong.

export const SECRET = "a-secret-of-at-least-thirty-two-bytes!!";

/**
 * Every identifier and word in `source`, the package's built JavaScript: the names the case that
 * puts each on the prototypes is given (by node.test.mjs and workerd.test.mjs, which read the file).
 */
export const spelledIn = (source) => source.match(/[A-Za-z_$][\w$]*/g);
const NOW = 1_700_000_000;

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** The error `run` threw, which must be a JwtError with `code`. */
function refused(lib, run, code, what) {
  let thrown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  check(thrown !== undefined, `${what}: no error was thrown`);
  check(thrown instanceof lib.JwtError, `${what}: threw ${String(thrown?.name)}: ${String(thrown?.message)}, not a JwtError`);
  check(thrown.code === code, `${what}: code ${thrown.code}, expected ${code} (${thrown.message})`);
  return thrown;
}

/** Every operation still works: issue, verify and decodeUnverified, with a string, bytes and a Key. */
export function stillWorks(lib, what) {
  const key = new lib.Key(SECRET);
  const bytes = new TextEncoder().encode(SECRET);
  for (const secret of [SECRET, bytes, key]) {
    const token = lib.issue({ ok: true, list: [1, "two"] }, secret, { subject: "alice", issuer: "idp", expiresIn: 60, now: NOW });
    const claims = lib.verify(token, secret, { subject: "alice", issuer: "idp", now: NOW });
    check(claims.ok === true && claims.sub === "alice" && claims.iss === "idp", `${what}: verify returned ${JSON.stringify(claims)}`);
    check(lib.decodeUnverified(token).payload.list[1] === "two", `${what}: decodeUnverified`);
    refused(lib, () => lib.verify(token, secret, { subject: "bob", now: NOW }), "ERR_JWT_CLAIM_VALIDATION_FAILED", `${what}: wrong subject`);
  }
  key.free();
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Defines `name` on `target` for the length of `run`. */
function withMember(target, name, descriptor, run) {
  Object.defineProperty(target, name, { configurable: true, ...descriptor });
  try {
    return run();
  } finally {
    delete target[name];
  }
}

function base64url(text) {
  return btoa(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * Fifteen kinds of call, between them every path of the boundary's JavaScript (issue and verify with
 * each kind of secret and of option, the refusals, decodeUnverified, new Key), and `outcome`, what a
 * call gave as a string, made without calling a method of it.
 */
function kindsOfCall(lib) {
  const key = new lib.Key(SECRET);
  const bytes = new TextEncoder().encode(SECRET);
  // More than eight members, one named like a member of Object.prototype, one too long to travel packed.
  const claims = { sub: "a", a_member_name_of_some_length: 1, list: [1, { x: 2 }], s: "q\"\n\u00e9\u{1F600}", f: 1.5 };
  for (let i = 0; i < 10; i++) claims[`k${i}`] = i;
  claims.toString = "t";
  const token = lib.issue(claims, SECRET, { now: NOW, expiresIn: 60, audience: ["a", "b"] });
  const calls = [
    () => lib.issue({ sub: "a", n: 1.5, s: "\"\\\n\u00e9\u{1F600}\u0001", iat: new Date(NOW * 1000), nested: { list: [1, "x"] } },
      SECRET, { now: NOW, expiresIn: "1h", audience: ["a", "b"], issuer: "i", keyId: "k" }),
    () => lib.issue({ sub: "a" }, key, { now: () => new Date(NOW * 1000), expiresIn: 60 }),
    () => lib.issue({ sub: "a" }, bytes, { now: NOW, notBefore: "1m", jwtId: "j" }),
    () => lib.issue({ f() {} }, SECRET),
    () => lib.issue({ m: new Map(), d: new Date(0) }, SECRET),
    () => lib.verify(token, SECRET, { now: NOW, audience: "a", requiredClaims: ["sub"], leeway: "5s", maxAge: "1h" }),
    () => lib.verify(token, SECRET, { now: NOW, audience: "a" }),
    () => lib.verify(token, key, { now: NOW }),
    () => lib.verify(token, bytes, { now: NOW }),
    () => lib.verify(token, SECRET, { now: NOW + 1e6 }),
    () => lib.verify(`${token}x`, SECRET, { now: NOW }),
    () => lib.verify(token, SECRET, { nope: 1 }),
    () => lib.decodeUnverified(token),
    () => new lib.Key(SECRET).free(),
    () => new lib.Key("short"),
  ];
  // What a call gave or threw, kept as it is while the prototypes are changed, and described after.
  const settle = (call) => {
    try {
      return { got: call() };
    } catch (e) {
      return { thrown: e };
    }
  };
  const describe = ({ got, thrown }) => {
    if (thrown !== undefined) return thrown instanceof lib.JwtError ? `${thrown.code}: ${thrown.message}` : `${thrown}`;
    return typeof got === "string" ? `a string of ${got.length}` : JSON.stringify(got);
  };
  return { calls, settle, describe };
}

/** More than wasm-bindgen's 1,024 externref slots: each leaked one used to bring the end nearer. */
const MANY = 1100;

export const cases = {
  "1. a getter that throws a revoked Proxy, many times over, leaves the instance working"(lib) {
    const proxy = revokedProxy();
    for (let i = 0; i < MANY; i++) {
      const e = refused(lib, () => lib.issue({ get a() { throw proxy; } }, SECRET), "ERR_INVALID_CLAIMS", "claims getter");
      check(e.cause === proxy, "the revoked Proxy is the cause");
    }
    for (let i = 0; i < MANY; i++) {
      refused(lib, () => lib.verify("x.y.z", SECRET, { get leeway() { throw proxy; } }), "ERR_INVALID_OPTION", "option getter");
    }
    stillWorks(lib, "after revoked Proxies");
  },

  "1. a throwing setter on Object.prototype, hit while an error is made, leaves the instance working"(lib) {
    const boom = () => {
      throw new Error("a setter on Object.prototype threw");
    };
    const names = ["code", "claim", "reason", "option", "expiredAt", "cause", "message"];
    for (const name of names) Object.defineProperty(Object.prototype, name, { set: boom, configurable: true });
    try {
      const token = lib.issue({ exp: NOW - 10 }, SECRET, { now: NOW, issuedAt: false });
      for (let i = 0; i < MANY; i++) {
        const e = refused(lib, () => lib.verify(token, SECRET, { now: NOW }), "ERR_JWT_EXPIRED", "expired");
        check(Object.hasOwn(e, "code") && e.claim === "exp" && e.expiredAt === NOW - 10, "the error's own fields");
      }
      const forever = lib.issue({ sub: "a" }, SECRET, { now: NOW });
      for (let i = 0; i < MANY; i++) {
        const e = refused(lib, () => lib.verify(forever, SECRET, { now: NOW }), "ERR_JWT_CLAIM_VALIDATION_FAILED", "no exp");
        check(Object.hasOwn(e, "reason") && e.claim === "exp" && e.reason === "missing", "the missing exp's own fields");
      }
      for (let i = 0; i < 100; i++) {
        refused(lib, () => lib.verify(token, SECRET, { nope: 1 }), "ERR_INVALID_OPTION", "bad option");
        const e = refused(lib, () => lib.issue({ f() {} }, SECRET), "ERR_INVALID_CLAIMS", "bad claims");
        check(e.message === '"f": claim holds a function, which JSON cannot carry' && e.cause === undefined,
          `bad claims: ${e.message}`);
      }
    } finally {
      for (const name of names) delete Object.prototype[name];
    }
    stillWorks(lib, "after throwing setters");
  },

  "1. a read-only or accessor member of Object.prototype named as a claim leaves the instance working"(lib) {
    const token = lib.issue({ role: "admin", level: 3 }, SECRET, { expiresIn: 60, now: NOW });
    withMember(Object.prototype, "role", { value: "guest", writable: false }, () => {
      withMember(Object.prototype, "level", { get: () => 0, set: () => { throw new Error("no"); } }, () => {
        for (let i = 0; i < MANY; i++) {
          const claims = lib.verify(token, SECRET, { now: NOW });
          check(Object.hasOwn(claims, "role") && claims.role === "admin", `own role: ${claims.role}`);
          check(Object.hasOwn(claims, "level") && claims.level === 3, `own level: ${claims.level}`);
        }
      });
    });
    stillWorks(lib, "after read-only members");
  },

  "1. values and getters at the indices of Object.prototype never change what issue writes, nor why it refuses"(lib) {
    // Every ASCII character, the control characters escaped as JSON.stringify escapes them.
    const text = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join("");
    const odd = [new Map(), () => 1, Symbol("s"), 1n, new Date(0), new Uint8Array(1), undefined, "\ud800", NaN];
    const why = odd.map((v) => refused(lib, () => lib.issue({ v }, SECRET), "ERR_INVALID_CLAIMS", "unpolluted").message);
    let ran = 0;
    for (const member of [{ value: 0x22 }, { get() { ran++; return 0x22; } }]) {
      for (let i = 0; i < 128; i++) Object.defineProperty(Object.prototype, String(i), { configurable: true, ...member });
      try {
        const token = lib.issue({ text }, SECRET, { expiresIn: 60, now: NOW });
        const got = lib.verify(token, SECRET, { now: NOW }).text;
        check(got === text, `the text came back as ${JSON.stringify(got)}`);
        for (let i = 0; i < odd.length; i++) {
          const e = refused(lib, () => lib.issue({ v: odd[i] }, SECRET), "ERR_INVALID_CLAIMS", `odd value ${i}`);
          check(e.message === why[i], `odd value ${i}: "${e.message}", not "${why[i]}"`);
        }
      } finally {
        for (let i = 0; i < 128; i++) delete Object.prototype[i];
      }
    }
    check(ran === 0, `a getter on Object.prototype ran ${ran} times`);
    stillWorks(lib, "after indices on Object.prototype");
  },

  "1. an accessor or a value on a prototype for any name the package spells runs never and changes nothing"(lib, names) {
    // Every identifier and word in the package's JavaScript (the fields of its own objects among them:
    // one read that missed would ask the prototype), the indices 0 to 299 and the well-known symbols
    // (Symbol.iterator, Symbol.toPrimitive, ...): on Object.prototype, and in front of what typed arrays
    // and Buffers inherit (`length`, `buffer`, `byteOffset`, `set`, ...).
    check(Array.isArray(names) && names.length > 500, "the runner passes the names the package spells");
    const { calls, settle, describe } = kindsOfCall(lib);
    const expected = calls.map((call) => describe(settle(call)));
    const define = Object.defineProperty;
    const targets = [Object.prototype, Uint8Array.prototype, Float64Array.prototype];
    if (typeof Buffer === "function") targets.push(Buffer.prototype);
    for (const target of targets) {
      const spelled = new Set(names);
      for (let i = 0; i < 300; i++) spelled.add(String(i));
      for (const name of Object.getOwnPropertyNames(target)) spelled.delete(name);
      for (const name of Object.getOwnPropertyNames(Object.prototype)) spelled.delete(name);
      for (const name of Reflect.ownKeys(Symbol)) {
        if (typeof Symbol[name] === "symbol" && !Object.hasOwn(target, Symbol[name])) spelled.add(Symbol[name]);
      }
      const all = [...spelled];
      const where = `${all.length} names on ${target === Object.prototype ? "Object" : target.constructor.name}.prototype`;
      const ran = new Set();
      // The descriptors have no prototype either: `get` and `set` are among the names.
      const accessor = (name) => ({
        __proto__: null, get() { ran.add(String(name)); }, set() { ran.add(String(name)); }, configurable: true,
      });
      for (const member of [accessor, () => ({ __proto__: null, value: 0x22, writable: true, configurable: true })]) {
        // Its items are own before the names are defined: an assignment past the end would meet them.
        const got = calls.map(() => undefined);
        for (let i = 0; i < all.length; i++) define(target, all[i], member(all[i]));
        try {
          for (let c = 0; c < calls.length; c++) got[c] = settle(calls[c]);
        } finally {
          for (let i = 0; i < all.length; i++) delete target[all[i]];
        }
        check(ran.size === 0, `${where}: the accessors of ${[...ran].join(", ")} ran`);
        for (let c = 0; c < calls.length; c++) {
          const now = describe(got[c]);
          check(now === expected[c], `${where}: call ${c} gave ${now}, not ${expected[c]}`);
        }
      }
    }
    stillWorks(lib, "after names on the prototypes");
  },

  "1. JwtError's parent class cannot be replaced, so no caller code runs when an error is made"(lib) {
    const evil = function Evil() {
      throw new Error("caller code ran while a JwtError was made");
    };
    let replaced = true;
    try {
      Object.setPrototypeOf(lib.JwtError, evil);
    } catch {
      replaced = false;
    }
    if (replaced) Object.setPrototypeOf(lib.JwtError, Error);
    check(!replaced, "Object.setPrototypeOf(JwtError, ...) took");
    check(!Reflect.setPrototypeOf(lib.JwtError, evil) && Object.getPrototypeOf(lib.JwtError) === Error, "JwtError's parent");
    refused(lib, () => lib.verify("x.y.z", SECRET), "ERR_JWS_INVALID", "after the attempt");
    stillWorks(lib, "after an attempt to replace JwtError's parent");
  },

  "1. a get or set member of Object.prototype never turns a result or a JwtError into a TypeError"(lib) {
    // Twelve members, one of them named as a member of Object.prototype: the reader defines it.
    const claims = { toString: "t", list: [1, { x: 2 }] };
    for (let i = 0; i < 12; i++) claims[`k${i}`] = i;
    const token = lib.issue(claims, SECRET, { expiresIn: 60, now: NOW });
    // A property descriptor that inherits `get` or `set` (a function or anything else) describes an
    // accessor: defining a value with one throws a TypeError.
    for (const name of ["get", "set"]) {
      for (const member of [{ value() {}, writable: true }, { get: () => () => 0 }, { value: 1, writable: true }]) {
        withMember(Object.prototype, name, member, () => {
          const got = lib.verify(token, SECRET, { now: NOW });
          check(Object.hasOwn(got, "toString") && got.toString === "t" && got.k11 === 11 && got.list[1].x === 2,
            `${name}: verify returned ${Object.keys(got)}`);
          refused(lib, () => lib.verify(token, SECRET, { now: NOW + 120 }), "ERR_JWT_EXPIRED", `${name}: expired`);
          refused(lib, () => lib.issue({ exp: "soon" }, SECRET), "ERR_INVALID_CLAIMS", `${name}: claims`);
          refused(lib, () => lib.issue({ a: undefined }, SECRET), "ERR_INVALID_CLAIMS", `${name}: a claim JSON lacks`);
          refused(lib, () => lib.verify(token, SECRET, { leewy: 1 }), "ERR_INVALID_OPTION", `${name}: option`);
          refused(lib, () => new lib.Key("short"), "ERR_KEY_TOO_SHORT", `${name}: key`);
        });
      }
    }
    stillWorks(lib, "after get and set members of Object.prototype");
  },

  "2. a stack overflow at any depth leaves nothing in use"(lib) {
    const token = lib.issue({ a: 1 }, SECRET, { expiresIn: "1h" });
    const key = new lib.Key(SECRET);
    const calls = [
      () => lib.verify(token, SECRET, { now: 1e9, issuer: "idp" }),
      () => lib.issue({ a: [1, 2] }, key, { subject: "s" }),
      () => new lib.Key(SECRET),
      () => lib.decodeUnverified(token),
    ];
    for (const call of calls) {
      const probe = () => {
        try {
          probe();
        } catch {}
        try {
          call();
        } catch {}
      };
      probe();
      probe();
      probe();
    }
    const claims = lib.verify(token, SECRET);
    check(claims.a === 1, "verify after the probes");
    stillWorks(lib, "after stack overflows");
  },

  "4. verify defines its result's members, whatever the prototypes hold"(lib) {
    const token = lib.issue({ role: "admin", arr: ["x", "y"], nested: { role: "inner" } }, SECRET, { expiresIn: 60, now: NOW });
    const seen = [];
    const claims = withMember(Object.prototype, "role", { value: "guest", writable: false }, () =>
      withMember(Array.prototype, "0", { set(v) { seen.push(v); }, get() { return "from the prototype"; } }, () =>
        withMember(Object.prototype, "1", { set(v) { seen.push(v); } }, () => lib.verify(token, SECRET, { now: NOW }))));
    check(seen.length === 0, `a setter on a prototype ran with ${JSON.stringify(seen)}`);
    check(JSON.stringify(claims) === JSON.stringify({ role: "admin", arr: ["x", "y"], nested: { role: "inner" }, iat: NOW, exp: NOW + 60 }),
      `the claims are ${JSON.stringify(claims)}`);
    check(Object.hasOwn(claims, "role") && Object.hasOwn(claims.nested, "role"), "own role");
    check(Object.hasOwn(claims.arr, "0") && Object.hasOwn(claims.arr, "1"), "own items");
  },

  "4. no method or accessor of a built-in prototype runs, whichever one is replaced"(lib) {
    // Every method and accessor of the prototypes below is replaced, one at a time, by one that throws,
    // around fifteen kinds of call; none may run, and every result must stay what it was.
    const { calls, settle, describe } = kindsOfCall(lib);
    const expected = calls.map((call) => describe(settle(call)));
    const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
    const prototypes = [
      String.prototype, Array.prototype, Object.prototype, RegExp.prototype, Number.prototype, Boolean.prototype,
      Function.prototype, Symbol.prototype, BigInt.prototype, Error.prototype, Date.prototype, Map.prototype,
      Set.prototype, Promise.prototype, typedArray, Uint8Array.prototype, Float64Array.prototype, ArrayBuffer.prototype,
      TextEncoder.prototype, TextDecoder.prototype, WebAssembly.Memory.prototype,
      Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    ];
    if (typeof Buffer === "function") prototypes.push(Buffer.prototype);
    const define = Object.defineProperty;
    const descriptor = Object.getOwnPropertyDescriptor;
    let replaced = 0;
    const ran = [];
    for (const proto of prototypes) {
      for (const name of Reflect.ownKeys(proto)) {
        const original = descriptor(proto, name);
        if (name === "constructor" || !original.configurable) continue;
        if (original.get === undefined && typeof original.value !== "function") continue;
        let runs = 0;
        const thrower = () => {
          runs++;
          throw new Error("a replaced method ran");
        };
        define(proto, name, original.get ? { get: thrower, configurable: true } : { value: thrower, writable: true, configurable: true });
        const got = [];
        try {
          for (let c = 0; c < calls.length; c++) got[c] = settle(calls[c]);
        } finally {
          define(proto, name, original);
        }
        replaced++;
        let changed = 0;
        for (let c = 0; c < calls.length; c++) if (describe(got[c]) !== expected[c]) changed++;
        if (runs !== 0 || changed !== 0) ran.push(`${String(name)}: ran ${runs} times, changed ${changed} results`);
      }
    }
    check(replaced > 250, `only ${replaced} methods and accessors were replaced`);
    check(ran.length === 0, ran.join("; "));
    stillWorks(lib, "after methods were replaced");
  },

  "4. a Proxy under Array.prototype is never asked about a list item"(lib) {
    const token = lib.issue({ aud: ["a", "b"], list: [1, [2, 3]] }, SECRET, { now: NOW, expiresIn: 60 });
    let asked = 0;
    const trap = new Proxy(Object.prototype, {
      has(target, key) {
        asked++;
        return Reflect.has(target, key);
      },
    });
    Object.setPrototypeOf(Array.prototype, trap);
    let claims;
    try {
      claims = lib.verify(token, SECRET, { now: NOW, audience: "a" });
    } finally {
      Object.setPrototypeOf(Array.prototype, Object.prototype);
    }
    check(asked === 0, `the Proxy was asked ${asked} times`);
    check(JSON.stringify(claims.list) === "[1,[2,3]]" && Object.hasOwn(claims.aud, "1"), "the lists are whole and own");
  },

  "4. setters on Object.prototype for every index up to 999 never run, whatever the member count"(lib) {
    // 550 members, some named as indices, in a payload under 4 KiB (so read from its tape): more
    // members at once than any other case reads.
    const many = {};
    for (let i = 0; i < 550; i++) many[i.toString(36)] = i % 10;
    const token = lib.issue(many, SECRET, { now: NOW, expiresIn: 60 });
    let ran = 0;
    const names = Array.from({ length: 1000 }, (_, i) => String(i));
    for (const name of names) Object.defineProperty(Object.prototype, name, { set() { ran++; }, configurable: true });
    let claims;
    try {
      claims = lib.verify(token, SECRET, { now: NOW });
    } finally {
      for (const name of names) delete Object.prototype[name];
    }
    check(ran === 0, `a setter ran ${ran} times`);
    check(Object.keys(claims).length === 552 && claims["9"] === 9 && claims.f9 === 9 && claims.f8 === 8, "every member is there");
  },

  "4. a setter on Object.prototype that re-enters verify never runs, and no item goes missing"(lib) {
    const big = {};
    for (let i = 0; i < 200; i++) big[`k${i}`] = [`v${i}`, i, { deep: i }];
    big.zz = "last";
    const token = lib.issue(big, SECRET, { now: NOW, expiresIn: 60, maxTokenLength: 65536 });
    let ran = 0;
    const claims = withMember(Object.prototype, "zz", {
      set() {
        ran++;
        lib.verify(token, SECRET, { now: NOW, maxTokenLength: 65536 });
      },
    }, () => lib.verify(token, SECRET, { now: NOW, maxTokenLength: 65536 }));
    check(ran === 0, "the setter ran");
    check(claims.zz === "last" && claims.k199[2].deep === 199 && claims.k0[0] === "v0", "every item is there");
  },

  "6. a list item whose getter throws a revoked Proxy is a JwtError"(lib) {
    const proxy = revokedProxy();
    const list = ["a"];
    Object.defineProperty(list, 1, { get() { throw proxy; }, enumerable: true });
    for (const option of ["audience", "issuer", "requiredClaims"]) {
      const e = refused(lib, () => lib.verify("a.b.c", SECRET, { [option]: list }), "ERR_INVALID_OPTION", option);
      check(e.option === option && e.cause === proxy, `${option}: option and cause`);
    }
    refused(lib, () => lib.issue({}, SECRET, { audience: list }), "ERR_INVALID_OPTION", "issue audience");
    stillWorks(lib, "after list getters");
  },

  "6. a huge issue is refused with ERR_JWT_TOO_LONG, and issue takes maxTokenLength"(lib) {
    refused(lib, () => lib.issue({ blob: "x".repeat(10_000_000) }, SECRET), "ERR_JWT_TOO_LONG", "10 MB claim");
    refused(lib, () => lib.issue({ blob: "x".repeat(20_000) }, SECRET), "ERR_JWT_TOO_LONG", "20 KB claim at 16 KiB");
    const token = lib.issue({ blob: "x".repeat(20_000) }, SECRET, { maxTokenLength: 65_536, now: NOW });
    // The limit is the token's length, as for verify.
    lib.issue({ blob: "x".repeat(20_000) }, SECRET, { maxTokenLength: token.length, now: NOW });
    refused(lib, () => lib.issue({ blob: "x".repeat(20_000) }, SECRET, { maxTokenLength: token.length - 1, now: NOW }),
      "ERR_JWT_TOO_LONG", "one byte under");
    refused(lib, () => lib.issue({}, SECRET, { maxTokenLength: 0 }), "ERR_INVALID_OPTION", "maxTokenLength 0");
    refused(lib, () => lib.issue({}, SECRET, { maxTokenLength: 2 ** 21 }), "ERR_INVALID_OPTION", "maxTokenLength 2 MiB");
    lib.verify(token, SECRET, { maxTokenLength: 65_536, now: NOW, allowMissingExp: true });
    stillWorks(lib, "after huge claims");
  },

  "6. option strings and secrets longer than the longest token are refused before they reach wasm memory"(lib) {
    const token = lib.issue({ sub: "a" }, SECRET, { expiresIn: 60, now: NOW });
    const mib = 2 ** 20;
    const option = (e, name) => check(e.option === name && !e.message.includes("x".repeat(64)), `${name}: ${e.message}`);
    option(refused(lib, () => lib.verify(token, SECRET, { now: NOW, issuer: "x".repeat(mib) }), "ERR_INVALID_OPTION",
      "a 1 MiB issuer"), "issuer");
    // In all: three items of 400 KB.
    option(refused(lib, () => lib.verify(token, SECRET, { now: NOW, audience: ["a", ...Array(3).fill("x".repeat(400_000))] }),
      "ERR_INVALID_OPTION", "1.2 MB of audiences"), "audience");
    option(refused(lib, () => lib.issue({}, SECRET, { subject: "x".repeat(40_000_000) }), "ERR_INVALID_OPTION",
      "a 40 MB subject"), "subject");
    // Just under: read, and compared as any other.
    refused(lib, () => lib.verify(token, SECRET, { now: NOW, issuer: "x".repeat(mib - 8) }), "ERR_JWT_CLAIM_VALIDATION_FAILED",
      "an issuer under 1 MiB");
    for (const secret of ["k".repeat(mib + 1), new Uint8Array(mib + 1).fill(107)]) {
      option(refused(lib, () => lib.verify(token, secret, { now: NOW }), "ERR_INVALID_OPTION", "a secret over 1 MiB"), "secret");
      option(refused(lib, () => new lib.Key(secret), "ERR_INVALID_OPTION", "a Key over 1 MiB"), "secret");
    }
    // A secret of 1 MiB is a secret.
    const longest = "k".repeat(mib);
    check(lib.verify(lib.issue({ sub: "b" }, longest, { expiresIn: 60, now: NOW }), longest, { now: NOW }).sub === "b", "1 MiB secret");
    stillWorks(lib, "after huge options and secrets");
  },

  "7. an array whose length is not a whole number is refused, as JSON.stringify would not write it"(lib) {
    for (const length of [2.5, 1n, -1, "2", NaN]) {
      const array = new Proxy([1, 2, 3], { get: (t, k) => (k === "length" ? length : t[k]) });
      const e = refused(lib, () => lib.issue({ list: array }, SECRET), "ERR_INVALID_CLAIMS", `length ${String(length)}`);
      check(e.claim === "list", "names the claim");
    }
    const list = new Proxy(["a"], { get: (t, k) => (k === "length" ? 1n : t[k]) });
    refused(lib, () => lib.verify("a.b.c", SECRET, { audience: list }), "ERR_INVALID_OPTION", "list option of length 1n");
  },

  "the key kept for the last string secret serves that string alone"(lib) {
    const token = lib.issue({ a: 1 }, SECRET, { expiresIn: "1h" });
    check(lib.verify(token, SECRET).a === 1 && lib.verify(token, SECRET).a === 1, "the same string, twice");
    // One character more, one less, another of the same length: each is its own key.
    for (const other of [SECRET + "x", SECRET.slice(0, -1), SECRET.replace("a", "b")]) {
      refused(lib, () => lib.verify(token, other), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "another string");
      check(lib.verify(lib.issue({ b: 2 }, other, { expiresIn: "1h" }), other).b === 2, "the other string's own tokens");
    }
    // A short key kept with allowShortKey does not pass without it.
    const short = "mysecretkey";
    const shortToken = lib.issue({ c: 3 }, short, { allowShortKey: true, expiresIn: "1h" });
    check(lib.verify(shortToken, short, { allowShortKey: true }).c === 3, "the short key, allowed");
    refused(lib, () => lib.verify(shortToken, short), "ERR_KEY_TOO_SHORT", "the short key, not allowed");
    // A Uint8Array is never kept: new bytes are a new key.
    const bytes = new TextEncoder().encode(SECRET);
    check(lib.verify(token, bytes).a === 1, "the bytes");
    bytes[0] ^= 1;
    refused(lib, () => lib.verify(token, bytes), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "changed bytes");
  },

  "low: a string secret with a lone surrogate is refused, not turned into U+FFFD"(lib) {
    for (const secret of ["\ud800" + SECRET, SECRET + "\udfff"]) {
      const e = refused(lib, () => lib.issue({}, secret), "ERR_INVALID_OPTION", "issue");
      check(e.option === "secret", "names the secret");
      refused(lib, () => new lib.Key(secret), "ERR_INVALID_OPTION", "new Key");
    }
    const token = lib.issue({}, "\ufffd" + SECRET);
    refused(lib, () => lib.verify(token, "\ud800" + SECRET), "ERR_INVALID_OPTION", "verify");
  },

  "a token's length is its UTF-8 bytes, checked at the limit, for any script"(lib) {
    // 8 two-byte characters: 16 bytes of UTF-8, in 8 UTF-16 units.
    const token = "é".repeat(8);
    refused(lib, () => lib.verify(token, SECRET, { maxTokenLength: 16 }), "ERR_JWS_INVALID", "16 bytes at 16");
    refused(lib, () => lib.verify(token, SECRET, { maxTokenLength: 15 }), "ERR_JWT_TOO_LONG", "16 bytes at 15");
    refused(lib, () => lib.verify("€".repeat(6), SECRET, { maxTokenLength: 17 }), "ERR_JWT_TOO_LONG", "18 bytes at 17");
    refused(lib, () => lib.verify("😀".repeat(4), SECRET, { maxTokenLength: 16 }), "ERR_JWS_INVALID", "16 bytes at 16");
    refused(lib, () => lib.decodeUnverified("é".repeat(8193)), "ERR_JWT_TOO_LONG", "16 KiB + 2 bytes");
    stillWorks(lib, "after long tokens");
  },

  "low: an unknown option is refused whatever its value, undefined too"(lib) {
    const token = lib.issue({}, SECRET);
    const e = refused(lib, () => lib.verify(token, SECRET, { audiance: undefined }), "ERR_INVALID_OPTION", "verify");
    check(e.option === "audiance", "names the option");
    refused(lib, () => lib.issue({}, SECRET, { expiresin: undefined }), "ERR_INVALID_OPTION", "issue");
    refused(lib, () => new lib.Key(SECRET, { allowShortKeys: undefined }), "ERR_INVALID_OPTION", "Key");
  },

  "low: alg none with an empty signature is ERR_JOSE_ALG_NOT_ALLOWED"(lib) {
    const token = `${base64url('{"alg":"none"}')}.${base64url('{"sub":"a"}')}.`;
    refused(lib, () => lib.verify(token, SECRET), "ERR_JOSE_ALG_NOT_ALLOWED", "alg none");
  },
};
