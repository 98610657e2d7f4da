// The whole token flow over HTTP against the deployable bundle in workerd, with tokens minted in
// Node by the same package (edge-jwt) for the cases the worker would never issue itself.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeUnverified, issue, verify } from "edge-jwt";
import { b64url, buildBundle, login, me, randomSecret, removeBundle, startWorker } from "./harness.mjs";

const SECRET = randomSecret();
const JOHNDOE = { username: "johndoe", email: "johndoe@example.com", full_name: "John Doe", disabled: false };
const nowSeconds = () => Math.floor(Date.now() / 1000);

let bundle;
let worker;
before(async () => {
  bundle = await buildBundle();
  worker = await startWorker(bundle, { JWT_SECRET: SECRET });
});
after(async () => {
  await worker?.dispose();
  if (bundle) await removeBundle(bundle);
});

async function tokenFor(username = "johndoe", password = "secret") {
  const res = await login(worker, username, password);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).access_token;
}

/** Asserts an RFC 6750 invalid_token 401 with the given code; returns the body. */
async function assertInvalidToken(res, code, description) {
  const body = await res.json();
  assert.equal(res.status, 401, JSON.stringify(body));
  assert.equal(body.code, code, JSON.stringify(body));
  const challenge = res.headers.get("WWW-Authenticate");
  assert.match(challenge, /^Bearer error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"$/);
  if (description) assert.equal(challenge, `Bearer error="invalid_token", error_description="${description}"`);
  assert.equal(typeof body.detail, "string");
  return body;
}

describe("the FastAPI token flow", () => {
  test("form login -> bearer token with exp = now + 30 min -> /users/me", async () => {
    const before = nowSeconds();
    const res = await login(worker, "johndoe", "secret", { grant_type: "password", scope: "me items" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("Content-Type"), "application/json");
    assert.equal(res.headers.get("Cache-Control"), "no-store");
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "token_type"]);
    assert.equal(body.token_type, "bearer");
    assert.equal(body.expires_in, 30 * 60);

    const { header, payload } = decodeUnverified(body.access_token);
    assert.equal(header.alg, "HS256");
    assert.equal(payload.sub, "johndoe");
    assert.ok(payload.iat >= before - 1 && payload.iat <= nowSeconds() + 1, `iat ${payload.iat}`);
    assert.equal(payload.exp - payload.iat, 30 * 60);
    // The worker's token verifies in Node with the same secret.
    assert.equal(verify(body.access_token, SECRET).sub, "johndoe");

    const user = await me(worker, body.access_token);
    assert.equal(user.status, 200);
    assert.equal(user.headers.get("Cache-Control"), "no-store");
    assert.deepEqual(await user.json(), JOHNDOE);
  });

  test("JSON and multipart logins are accepted too", async () => {
    const asJson = await worker.fetch("/token", {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ username: "johndoe", password: "secret" }),
    });
    assert.equal(asJson.status, 200);
    const form = new FormData();
    form.set("username", "johndoe");
    form.set("password", "secret");
    // Serialized in Node first: Miniflare's dispatchFetch does not take Node's own FormData.
    const encoded = new Response(form);
    const multipart = await worker.fetch("/token", {
      method: "POST",
      headers: { "Content-Type": encoded.headers.get("Content-Type") },
      body: await encoded.arrayBuffer(),
    });
    assert.equal(multipart.status, 200);
    const { access_token } = await multipart.json();
    assert.equal((await me(worker, access_token)).status, 200);
  });

  test("the Bearer scheme is case-insensitive", async () => {
    const token = await tokenFor();
    const res = await worker.fetch("/users/me", { headers: { Authorization: `bEaReR ${token}` } });
    assert.equal(res.status, 200);
  });

  for (const [what, username, password] of [
    ["a wrong password", "johndoe", "not-secret"],
    ["an unknown user", "nobody", "secret"],
    ["a username that is an Object.prototype name", "__proto__", "secret"],
  ]) {
    test(`${what} gets 401 Incorrect username or password`, async () => {
      const res = await login(worker, username, password);
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("WWW-Authenticate"), "Bearer");
      assert.deepEqual(await res.json(), { detail: "Incorrect username or password" });
    });
  }

  test("a disabled user gets a token but /users/me answers 400 Inactive user", async () => {
    const token = await tokenFor("alice", "secret2");
    const res = await me(worker, token);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { detail: "Inactive user" });
  });
});

describe("GET /users/me refuses bad tokens with RFC 6750 challenges", () => {
  test("no Authorization header: 401, challenge without an error code (§3.1)", async () => {
    const res = await worker.fetch("/users/me");
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("WWW-Authenticate"), "Bearer");
    assert.deepEqual(await res.json(), { detail: "Not authenticated", code: "ERR_TOKEN_MISSING" });
  });

  for (const value of ["Basic am9obmRvZTpzZWNyZXQ=", "Bearer", "Bearer    ", "Token abc"]) {
    test(`Authorization: ${JSON.stringify(value)} counts as no token`, async () => {
      const res = await worker.fetch("/users/me", { headers: { Authorization: value } });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("WWW-Authenticate"), "Bearer");
      assert.equal((await res.json()).code, "ERR_TOKEN_MISSING");
    });
  }

  for (const [what, token] of [
    ["one segment", "abc"],
    ["two segments", "abc.def"],
    ["four segments", "a.b.c.d"],
    ["padded base64url", "eyJhbGciOiJIUzI1NiJ9=.e30.AAAA"],
    ["a token with a space inside", "abc def.ghi.jkl"],
  ]) {
    test(`malformed (${what}): 401 ERR_JWS_INVALID`, async () => {
      await assertInvalidToken(await me(worker, token), "ERR_JWS_INVALID", "The access token is malformed");
    });
  }

  test("tampered payload (sub changed, signature kept): 401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED", async () => {
    const [header, payload, signature] = (await tokenFor()).split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url"));
    claims.sub = "alice";
    const forged = `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
    await assertInvalidToken(
      await me(worker, forged),
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      "The access token signature is invalid",
    );
  });

  test("tampered signature: 401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED", async () => {
    const [header, payload, signature] = (await tokenFor()).split(".");
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    await assertInvalidToken(await me(worker, `${header}.${payload}.${flipped}`), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  test("signed with another key: 401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED", async () => {
    const token = issue({ sub: "johndoe" }, randomSecret(), { expiresIn: 600 });
    await assertInvalidToken(await me(worker, token), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  test('alg "none" with an empty signature: 401 ERR_JOSE_ALG_NOT_ALLOWED (the header says why)', async () => {
    const payload = b64url(JSON.stringify({ sub: "johndoe", exp: nowSeconds() + 600 }));
    const token = `${b64url('{"alg":"none","typ":"JWT"}')}.${payload}.`;
    await assertInvalidToken(await me(worker, token), "ERR_JOSE_ALG_NOT_ALLOWED", "The access token algorithm is not allowed");
  });

  for (const alg of ["none", "None", "HS512", "RS256"]) {
    test(`alg "${alg}" with a signature: 401 ERR_JOSE_ALG_NOT_ALLOWED`, async () => {
      const [, payload, signature] = (await tokenFor()).split(".");
      const token = `${b64url(JSON.stringify({ alg, typ: "JWT" }))}.${payload}.${signature}`;
      await assertInvalidToken(await me(worker, token), "ERR_JOSE_ALG_NOT_ALLOWED", "The access token algorithm is not allowed");
    });
  }

  test("expired (issued an hour ago with an injected clock, 30 min lifetime): 401 ERR_JWT_EXPIRED", async () => {
    const issuedAt = nowSeconds() - 3600;
    const token = issue({ sub: "johndoe" }, SECRET, { expiresIn: "30m", now: issuedAt });
    assert.equal(decodeUnverified(token).payload.exp, issuedAt + 1800);
    const body = await assertInvalidToken(await me(worker, token), "ERR_JWT_EXPIRED", "The access token expired");
    assert.equal(body.claim, "exp");
  });

  test("a token that expires exactly now is already expired (RFC 7519 §4.1.4)", async () => {
    const token = issue({ sub: "johndoe" }, SECRET, { expiresIn: 60, now: nowSeconds() - 60 });
    await assertInvalidToken(await me(worker, token), "ERR_JWT_EXPIRED");
  });

  test("a token minted in Node with the worker's secret and a current clock is accepted", async () => {
    const token = issue({ sub: "johndoe" }, SECRET, { expiresIn: 60 });
    assert.equal((await me(worker, token)).status, 200);
  });

  test("a token without exp: 401 ERR_JWT_CLAIM_VALIDATION_FAILED (claim exp)", async () => {
    const token = issue({ sub: "johndoe" }, SECRET);
    const body = await assertInvalidToken(await me(worker, token), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert.equal(body.claim, "exp");
  });

  test("a token for a user that does not exist: 401 (claim sub)", async () => {
    const token = issue({ sub: "mallory" }, SECRET, { expiresIn: 60 });
    const body = await assertInvalidToken(await me(worker, token), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert.equal(body.claim, "sub");
  });

  test("a token not valid yet (nbf in the future): 401 ERR_JWT_CLAIM_VALIDATION_FAILED (claim nbf)", async () => {
    const token = issue({ sub: "johndoe", nbf: nowSeconds() + 1800 }, SECRET, { expiresIn: 3600 });
    const body = await assertInvalidToken(await me(worker, token), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert.equal(body.claim, "nbf");
  });

  test("a 64 KiB Authorization header: 401 ERR_JWT_TOO_LONG, not a 500", async () => {
    const res = await me(worker, "a".repeat(64 * 1024));
    await assertInvalidToken(res, "ERR_JWT_TOO_LONG", "The access token is too long");
  });

  test("a 5 KiB token with a valid signature is refused for its length (ERR_JWT_TOO_LONG)", async () => {
    const token = issue({ sub: "johndoe", pad: "x".repeat(5000) }, SECRET, { expiresIn: 60 });
    await assertInvalidToken(await me(worker, token), "ERR_JWT_TOO_LONG");
  });
});

describe("POST /token refuses bad bodies with 4xx, never 500", () => {
  const post = (body, type) =>
    worker.fetch("/token", { method: "POST", body, headers: type === undefined ? {} : { "Content-Type": type } });
  const FORM = "application/x-www-form-urlencoded";

  test("empty form: 422 with FastAPI's validation shape for both fields", async () => {
    const res = await post("", FORM);
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), {
      detail: [
        { type: "missing", loc: ["body", "username"], msg: "Field required" },
        { type: "missing", loc: ["body", "password"], msg: "Field required" },
      ],
    });
  });

  test("grant_type other than password: 422", async () => {
    const res = await post("grant_type=client_credentials&username=johndoe&password=secret", FORM);
    assert.equal(res.status, 422);
    assert.equal((await res.json()).detail[0].loc[1], "grant_type");
  });

  for (const [what, body, type, status] of [
    ["no Content-Type", "username=johndoe&password=secret", undefined, 415],
    ["text/plain", "username=johndoe&password=secret", "text/plain", 415],
    ["broken percent-encoding", "username=%zz%&password=%E0%A4%A", FORM, 401],
    ["invalid UTF-8 bytes", new Uint8Array([0x75, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]), FORM, 422],
    ["only ampersands and equals", "&&==&=", FORM, 422],
    ["malformed JSON", '{"username": "johndoe",', "application/json", 400],
    ["JSON that is not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "application/json", 400],
    ["a JSON array", '["johndoe","secret"]', "application/json", 422],
    ["JSON null", "null", "application/json", 422],
    ["a JSON number as username", '{"username": 42, "password": "secret"}', "application/json", 422],
    ["a multipart body without its boundary", "--x\r\n\r\n", "multipart/form-data; boundary=nope", 400],
    ["multipart without a boundary parameter", "junk", "multipart/form-data", 400],
    ["a 20 KiB body", `username=johndoe&password=${"x".repeat(20 * 1024)}`, FORM, 413],
    ["a 2 KiB password", `username=johndoe&password=${"x".repeat(2048)}`, FORM, 422],
  ]) {
    test(`${what}: ${status}`, async () => {
      const res = await post(body, type);
      const text = await res.text();
      assert.equal(res.status, status, text);
      assert.doesNotThrow(() => JSON.parse(text), text);
    });
  }
});

test("a 20 KiB body streamed without Content-Length: 413", async () => {
  const chunk = new TextEncoder().encode("x".repeat(1024));
  let sent = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (sent++ < 20) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const res = await worker.fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
    duplex: "half",
  });
  assert.equal(res.status, 413, await res.clone().text());
});

describe("routing", () => {
  for (const [method, path, allow] of [
    ["GET", "/token", "POST, OPTIONS"],
    ["PUT", "/token", "POST, OPTIONS"],
    ["POST", "/users/me", "GET, OPTIONS"],
    ["DELETE", "/users/me", "GET, OPTIONS"],
  ]) {
    test(`${method} ${path}: 405 with Allow: ${allow}`, async () => {
      const res = await worker.fetch(path, { method });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get("Allow"), allow);
      assert.deepEqual(await res.json(), { detail: "Method Not Allowed" });
    });
  }

  for (const path of ["/", "/users", "/users/me/", "/token/x", "/toString", "/__proto__", "/%00"]) {
    test(`GET ${path}: 404`, async () => {
      const res = await worker.fetch(path);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { detail: "Not Found" });
    });
  }
});

describe("CORS for the demo page", () => {
  for (const origin of ["http://127.0.0.1:5173", "http://localhost:5173"]) {
    test(`preflight from ${origin} for GET /users/me with Authorization: 204`, async () => {
      const res = await worker.fetch("/users/me", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get("Access-Control-Allow-Origin"), origin);
      assert.match(res.headers.get("Access-Control-Allow-Methods"), /\bGET\b/);
      assert.match(res.headers.get("Access-Control-Allow-Headers"), /\bAuthorization\b/);
      assert.match(res.headers.get("Vary"), /\bOrigin\b/);
    });
  }

  test("preflight for POST /token with Content-Type: 204", async () => {
    const res = await worker.fetch("/token", {
      method: "OPTIONS",
      headers: {
        Origin: "http://127.0.0.1:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    assert.equal(res.status, 204);
    assert.match(res.headers.get("Access-Control-Allow-Methods"), /\bPOST\b/);
    assert.match(res.headers.get("Access-Control-Allow-Headers"), /\bContent-Type\b/);
  });

  test("the allowed origin can read responses, including 401s and WWW-Authenticate", async () => {
    const ok = await login(worker, "johndoe", "secret");
    const token = (await ok.json()).access_token;
    const origin = "http://localhost:5173";
    const res = await me(worker, `${token}x`, { Origin: origin });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), origin);
    assert.match(res.headers.get("Access-Control-Expose-Headers"), /WWW-Authenticate/i);
  });

  test("another origin gets 403 on preflight and no CORS headers on requests", async () => {
    const evil = "http://evil.example";
    const pre = await worker.fetch("/users/me", {
      method: "OPTIONS",
      headers: { Origin: evil, "Access-Control-Request-Method": "GET" },
    });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get("Access-Control-Allow-Origin"), null);
    const res = await worker.fetch("/users/me", { headers: { Origin: evil } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("Access-Control-Allow-Origin"), null);
  });

  test("OPTIONS without preflight headers: 204 with Allow", async () => {
    const res = await worker.fetch("/token", { method: "OPTIONS" });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("Allow"), "POST, OPTIONS");
  });
});

test("no request above logged a server error", () => {
  const errors = worker.logs.filter((entry) => entry.level === "error");
  assert.deepEqual(errors, []);
});
