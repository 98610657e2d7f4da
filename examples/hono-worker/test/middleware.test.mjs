// edge-jwt/hono in workerd, in a real Hono app (apps/features.js): where the token is read from,
// the secret from env, rotation, and the status and challenge of every failure.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { issue } from "edge-jwt";
import { buildApp, rawToken, SECRET, signedCookie, startWorker } from "./harness.mjs";

const COOKIE_SECRET = "the cookie signing secret";
const SHORT_SECRET = "mysecretkey";
const T0 = 1_700_000_000;
const REALM = "http://worker.test";
const sign = (claims, options = {}, secret = SECRET) => issue(claims, secret, { expiresIn: 600, ...options });

let bundle;
let worker;
before(async () => {
  bundle = await buildApp("features.js");
  worker = await startWorker(bundle, { JWT_SECRET: SECRET, COOKIE_SECRET, SHORT_SECRET });
});
after(async () => {
  await worker?.dispose();
  await bundle?.remove();
});

const get = (path, headers = {}) => worker.fetch(path, { headers });
const bearer = (token) => ({ Authorization: `Bearer ${token}` });

async function expectOk(response, sub) {
  const text = await response.text();
  assert.equal(response.status, 200, text);
  const body = JSON.parse(text);
  assert.equal(body.payload.sub, sub);
  return body;
}

/** The 401 of a refused token: RFC 6750's invalid_token, the JwtError as cause, no token echoed. */
async function expectInvalid(response, code, description, { path = "/header-or-cookie", token } = {}) {
  const text = await response.text();
  assert.equal(response.status, 401, text);
  assert.equal(text, "Unauthorized");
  assert.equal(
    response.headers.get("WWW-Authenticate"),
    `Bearer realm="${REALM}${path}", error="invalid_token", error_description="${description}"`,
  );
  assert.equal(response.headers.get("X-Error"), "HTTPException 401");
  assert.equal(response.headers.get("X-Cause-Code"), code);
  if (token !== undefined) {
    for (const [name, value] of response.headers) assert.ok(!value.includes(token), `${name} echoes the token`);
  }
}

async function expectMissing(response, path = "/header-or-cookie") {
  assert.equal(response.status, 401);
  assert.equal(await response.text(), "Unauthorized");
  assert.equal(response.headers.get("WWW-Authenticate"), `Bearer realm="${REALM}${path}"`);
  assert.equal(response.headers.get("X-Cause-Code"), "none");
}

async function expectServerError(response, code) {
  assert.equal(response.status, 500);
  assert.equal(await response.text(), "Internal Server Error"); // the reason is for onError, not the client
  assert.equal(response.headers.get("WWW-Authenticate"), null);
  assert.equal(response.headers.get("X-Error"), "HTTPException 500");
  assert.equal(response.headers.get("X-Cause-Code"), code);
}

describe("where the token comes from", () => {
  test("the header, the cookie, and the header first when both are sent", async () => {
    const alice = sign({ sub: "alice" });
    const bob = sign({ sub: "bob" });
    await expectOk(await get("/header-or-cookie", bearer(alice)), "alice");
    await expectOk(await get("/header-or-cookie", { Cookie: `token=${bob}` }), "bob");
    await expectOk(await get("/header-or-cookie", { ...bearer(alice), Cookie: `token=${bob}` }), "alice");
    await expectOk(await get("/header-or-cookie", { ...bearer(alice), Cookie: "token=garbage" }), "alice");
    // A present header decides, as in hono/jwt: a bad one is not skipped for a good cookie.
    const forged = sign({ sub: "alice" }, {}, "another secret of at least 32 bytes!!");
    await expectInvalid(await get("/header-or-cookie", { ...bearer(forged), Cookie: `token=${bob}` }),
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "The access token signature is invalid");
  });

  test("the bearer scheme in any case, spaces only, one b64token", async () => {
    const token = sign({ sub: "alice" });
    await expectOk(await get("/header-or-cookie", { Authorization: `bEaReR ${token}` }), "alice");
    await expectOk(await get("/header-or-cookie", { Authorization: `Bearer    ${token}` }), "alice");
    for (const malformed of [`Bearer\t${token}`, "Bearer", `Bearer ${token} extra`, `Bearer ${token},x`]) {
      const response = await get("/header-or-cookie", { Authorization: malformed });
      assert.equal(response.status, 401, malformed);
      assert.match(response.headers.get("WWW-Authenticate"), /^Bearer realm="[^"]+", error="invalid_request", /, malformed);
    }
    // Another scheme is no Bearer credential (RFC 6750 §3.1): the challenge without an error code.
    await expectMissing(await get("/header-or-cookie", { Authorization: "Basic am9objpzZWNyZXQ=", Cookie: `token=${token}` }));
  });

  test("no token, an empty cookie, a cookie the parser drops: the challenge without an error code", async () => {
    await expectMissing(await get("/header-or-cookie"));
    await expectMissing(await get("/header-or-cookie", { Cookie: "token=" }));
    await expectMissing(await get("/header-or-cookie", { Cookie: "other=1; token" }));
    await expectMissing(await get("/header-or-cookie", { Cookie: 'token=a"b\\c' }));
  });

  test("a malformed cookie is a refused token", async () => {
    await expectInvalid(await get("/header-or-cookie", { Cookie: "token=not-a-jwt" }), "ERR_JWS_INVALID", "The access token is malformed");
    await expectInvalid(await get("/header-or-cookie", { Cookie: "token=a.b.c%ZZ" }), "ERR_JWS_INVALID", "The access token is malformed");
    await expectInvalid(await get("/header-or-cookie", { Cookie: "token=..." }), "ERR_JWS_INVALID", "The access token is malformed");
  });

  test("a custom header", async () => {
    const token = sign({ sub: "carol" });
    await expectOk(await get("/custom-header", { "X-Auth": `Bearer ${token}` }), "carol");
    await expectMissing(await get("/custom-header", bearer(token)), "/custom-header");
  });

  test("a signed cookie: good signature, bad signature, unsigned", async () => {
    const token = sign({ sub: "dave" });
    await expectOk(await get("/signed-cookie", { Cookie: `token=${signedCookie(token, COOKIE_SECRET)}` }), "dave");
    const bad = await get("/signed-cookie", { Cookie: `token=${signedCookie(token, "not the cookie secret")}` });
    assert.equal(bad.status, 401);
    assert.equal(bad.headers.get("WWW-Authenticate"),
      `Bearer realm="${REALM}/signed-cookie", error="invalid_token", error_description="The cookie signature is invalid"`);
    // Without a signature the cookie is not read at all: as if there were none.
    await expectMissing(await get("/signed-cookie", { Cookie: `token=${token}` }), "/signed-cookie");
    // A well-signed cookie still holds a token that must verify.
    const expired = sign({ sub: "dave" }, { expiresIn: 1, now: T0 });
    await expectInvalid(await get("/signed-cookie", { Cookie: `token=${signedCookie(expired, COOKIE_SECRET)}` }),
      "ERR_JWT_EXPIRED", "The access token expired", { path: "/signed-cookie" });
  });

  test("a __Host- cookie (prefixOptions)", async () => {
    const token = sign({ sub: "erin" });
    await expectOk(await get("/host-cookie", { Cookie: `__Host-token=${token}` }), "erin");
    await expectMissing(await get("/host-cookie", { Cookie: `token=${token}` }), "/host-cookie");
  });

  test("realm: quoted as RFC 9110 asks", async () => {
    const response = await get("/realm");
    assert.equal(response.headers.get("WWW-Authenticate"), 'Bearer realm="api \\"v1\\""');
  });
});

describe("the secret", () => {
  test("from env through a function of the context, sync or async", async () => {
    const token = sign({ sub: "frank" });
    await expectOk(await get("/async-secret", bearer(token)), "frank");
    await expectOk(await get("/header-or-cookie", bearer(token)), "frank");
  });

  test("a rotated JWT_SECRET takes effect on the next request, in the same isolate", async () => {
    const NEXT = "the next secret, also 32 bytes or more";
    const before = sign({ sub: "grace" });
    const isolate = (await expectOk(await get("/header-or-cookie", bearer(before)), "grace")).isolate;
    try {
      assert.equal(await (await worker.fetch("/__rotate", { method: "POST", body: NEXT })).text(), isolate);
      await expectInvalid(await get("/header-or-cookie", bearer(before)), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "The access token signature is invalid");
      const after = await expectOk(await get("/header-or-cookie", bearer(sign({ sub: "grace" }, {}, NEXT))), "grace");
      assert.equal(after.isolate, isolate, "the worker restarted");
    } finally {
      await worker.fetch("/__rotate", { method: "POST", body: SECRET });
    }
    await expectOk(await get("/header-or-cookie", bearer(before)), "grace");
  });

  test("a Uint8Array whose bytes change gets a new key (the cache is by value, not by object)", async () => {
    const ones = new Uint8Array(32).fill(1);
    const twos = new Uint8Array(32).fill(2);
    await expectOk(await get("/bytes", bearer(sign({ sub: "heidi" }, {}, ones))), "heidi");
    try {
      await worker.fetch("/__bytes", { method: "POST", body: "2" });
      await expectInvalid(await get("/bytes", bearer(sign({ sub: "heidi" }, {}, ones))),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "The access token signature is invalid", { path: "/bytes" });
      await expectOk(await get("/bytes", bearer(sign({ sub: "heidi" }, {}, twos))), "heidi");
    } finally {
      await worker.fetch("/__bytes", { method: "POST", body: "1" });
    }
  });
});

describe("every error code: status and header", () => {
  const token = () => sign({ sub: "ivan" });
  const cases = [
    ["ERR_JWS_INVALID", "The access token is malformed", () => "abc.def"],
    ["ERR_JWT_INVALID", "The access token is malformed", () => rawToken('{"alg":"HS256"}', "[1,2]")],
    ["ERR_JWT_TOO_LONG", "The access token is too long", () => `${"a".repeat(17_000)}.b.c`],
    ["ERR_JOSE_ALG_NOT_ALLOWED", "The access token algorithm is not allowed", () => rawToken('{"alg":"HS512"}', "{}")],
    ["ERR_JOSE_NOT_SUPPORTED", "The access token uses an unsupported header extension", () => rawToken('{"alg":"HS256","crit":["exp"],"exp":1}', "{}")],
    ["ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "The access token signature is invalid", () => sign({ sub: "ivan" }, {}, "another secret of at least 32 bytes!!")],
    ["ERR_JWT_EXPIRED", "The access token expired", () => sign({ sub: "ivan" }, { expiresIn: 1, now: T0 })],
    ["ERR_JWT_CLAIM_VALIDATION_FAILED", "The access token claims are not valid", () => sign({ sub: "ivan" }, { notBefore: "1h" })],
  ];
  for (const [code, description, make] of cases) {
    test(`${code}: 401 invalid_token`, async () => {
      const t = make();
      await expectInvalid(await get("/header-or-cookie", bearer(t)), code, description, { token: t });
    });
  }

  test("ERR_JWT_TOO_LONG with verify.maxTokenLength; the clock of verify.now", async () => {
    await expectInvalid(await get("/short-limit", bearer(token())), "ERR_JWT_TOO_LONG", "The access token is too long", { path: "/short-limit" });
    const atT0 = sign({ sub: "ivan" }, { expiresIn: 60, now: T0 - 30 });
    await expectOk(await get("/clock", bearer(atT0)), "ivan");
    // Expired 5 s before the injected now, within the leeway of 10 s; then 20 s past it.
    await expectOk(await get("/clock", bearer(sign({ sub: "ivan" }, { expiresIn: 25, now: T0 - 30 }))), "ivan");
    await expectInvalid(await get("/clock", bearer(sign({ sub: "ivan" }, { expiresIn: 10, now: T0 - 30 }))),
      "ERR_JWT_EXPIRED", "The access token expired", { path: "/clock" });
  });

  test("hono's verification names (iss, aud) and verify.requiredClaims", async () => {
    const good = { iss: "https://issuer.test", aud: "web", sub: "judy" };
    await expectOk(await get("/claims", bearer(sign(good))), "judy");
    for (const claims of [{ ...good, iss: "https://other.test" }, { ...good, aud: "other" }, { iss: good.iss, aud: good.aud }]) {
      await expectInvalid(await get("/claims", bearer(sign(claims))), "ERR_JWT_CLAIM_VALIDATION_FAILED",
        "The access token claims are not valid", { path: "/claims" });
    }
  });

  test("ERR_KEY_EMPTY, ERR_KEY_TOO_SHORT, ERR_INVALID_OPTION: HTTPException 500 with the JwtError as cause", async () => {
    const t = token();
    await expectServerError(await get("/empty-secret", bearer(t)), "ERR_KEY_EMPTY");
    await expectServerError(await get("/short-secret", bearer(t)), "ERR_KEY_TOO_SHORT");
    await expectServerError(await get("/missing-secret", bearer(t)), "ERR_INVALID_OPTION");
    await expectServerError(await get("/bad-option", bearer(t)), "ERR_INVALID_OPTION");
    // allowShortKey in verify reaches the Key the middleware builds.
    await expectOk(await get("/short-secret-allowed", bearer(sign({ sub: "ivan" }, { allowShortKey: true }, SHORT_SECRET))), "ivan");
  });

  test("without onError, Hono's default handler answers the same statuses and challenges", async () => {
    const missing = await get("/plain/header-or-cookie");
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get("WWW-Authenticate"), `Bearer realm="${REALM}/plain/header-or-cookie"`);
    const expired = await get("/plain/header-or-cookie", bearer(sign({ sub: "x" }, { expiresIn: 1, now: T0 })));
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get("WWW-Authenticate"), /error="invalid_token", error_description="The access token expired"$/);
    const short = await get("/plain/short-secret", bearer(token()));
    assert.equal(short.status, 500);
    assert.equal(await short.text(), "Internal Server Error");
  });
});
