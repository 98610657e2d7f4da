// A hono/jwt app moved to edge-jwt/hono by changing its import and nothing else (apps/compat.js):
// both builds run in workerd and get the same requests. For the HS256 cases both support, the status
// and the body must be the same; the differences that remain are listed, and checked, at the end.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { issue } from "edge-jwt";
import { buildApp, rawToken, SECRET, signedCookie, startWorker } from "./harness.mjs";

const COOKIE_SECRET = "the cookie signing secret";
const OTHER = "another secret of at least 32 bytes!!";
const T0 = 1_700_000_000;
const sign = (claims, options = {}, secret = SECRET) => issue(claims, secret, { expiresIn: 600, ...options });

let bundles = [];
let hono;
let edge;
before(async () => {
  const [original, moved] = await Promise.all([
    buildApp("compat.js"),
    buildApp("compat.js", (source) => {
      const edited = source.replace('from "hono/jwt"', 'from "edge-jwt/hono"');
      assert.notEqual(edited, source, "compat.js no longer imports hono/jwt");
      return edited;
    }),
  ]);
  bundles = [original, moved];
  [hono, edge] = await Promise.all([startWorker(original), startWorker(moved)]);
});
after(async () => {
  await hono?.dispose();
  await edge?.dispose();
  for (const bundle of bundles) await bundle.remove();
});

/** Sends one request to both; returns both answers as { status, body, challenge }. */
async function both(path, headers = {}) {
  const answer = async (worker) => {
    const response = await worker.fetch(path, { headers });
    const text = await response.text();
    const type = response.headers.get("Content-Type") ?? "";
    return { status: response.status, body: type.startsWith("application/json") ? JSON.parse(text) : text, challenge: response.headers.get("WWW-Authenticate") };
  };
  return { hono: await answer(hono), edge: await answer(edge) };
}

const token = sign({ sub: "alice", role: "admin", n: 1.5 });
const claims = { iss: "https://issuer.test", aud: "api", sub: "bob" };
const cases = [
  ["a valid bearer token", "/auth/page", { Authorization: `Bearer ${token}` }, 200],
  ["the scheme in lower case", "/auth/page", { Authorization: `bearer ${token}` }, 200],
  ["a token with nbf and iat in the past", "/auth/page", { Authorization: `Bearer ${sign({ sub: "a", nbf: Math.floor(Date.now() / 1000) - 60 })}` }, 200],
  ["no token", "/auth/page", {}, 401],
  ["another scheme", "/auth/page", { Authorization: "Basic am9objpzZWNyZXQ=" }, 401],
  ["two tokens", "/auth/page", { Authorization: `Bearer ${token} ${token}` }, 401],
  ["Bearer alone", "/auth/page", { Authorization: "Bearer" }, 401],
  ["a wrong signature", "/auth/page", { Authorization: `Bearer ${sign({ sub: "a" }, {}, OTHER)}` }, 401],
  ["an expired token", "/auth/page", { Authorization: `Bearer ${sign({ sub: "a" }, { expiresIn: 1, now: T0 })}` }, 401],
  ["a token not yet valid", "/auth/page", { Authorization: `Bearer ${sign({ sub: "a" }, { notBefore: "1h" })}` }, 401],
  ["exp as a string", "/auth/page", { Authorization: `Bearer ${rawToken('{"alg":"HS256","typ":"JWT"}', '{"exp":"9999999999"}')}` }, 401],
  ["alg none", "/auth/page", { Authorization: `Bearer ${rawToken('{"alg":"none"}', '{"sub":"a"}').split(".").slice(0, 2).join(".")}.` }, 401],
  ["alg HS512 in the header", "/auth/page", { Authorization: `Bearer ${rawToken('{"alg":"HS512","typ":"JWT"}', '{"sub":"a"}')}` }, 401],
  ["not a JWT", "/auth/page", { Authorization: "Bearer abc" }, 401],
  ["a payload that is not JSON", "/auth/page", { Authorization: `Bearer ${rawToken('{"alg":"HS256"}', "not json")}` }, 401],
  ["the cookie", "/cookie/page", { Cookie: `token=${token}` }, 200],
  ["header and cookie: the header wins", "/cookie/page", { Authorization: `Bearer ${token}`, Cookie: `token=${sign({ sub: "z" })}` }, 200],
  ["a bad header is not skipped for a good cookie", "/cookie/page", { Authorization: `Bearer ${sign({ sub: "a" }, {}, OTHER)}`, Cookie: `token=${token}` }, 401],
  ["a malformed cookie", "/cookie/page", { Cookie: "token=garbage" }, 401],
  ["an expired cookie", "/cookie/page", { Cookie: `token=${sign({ sub: "a" }, { expiresIn: 1, now: T0 })}` }, 401],
  ["a custom header", "/custom/page", { "x-custom-auth-header": `Bearer ${token}` }, 200],
  ["Authorization where a custom header is expected", "/custom/page", { Authorization: `Bearer ${token}` }, 401],
  ["a signed cookie", "/signed/page", { Cookie: `token=${signedCookie(token, COOKIE_SECRET)}` }, 200],
  ["a signed cookie with a bad signature", "/signed/page", { Cookie: `token=${signedCookie(token, "wrong")}` }, 401],
  ["an unsigned cookie where a signed one is expected", "/signed/page", { Cookie: `token=${token}` }, 401],
  ["iss and aud as required", "/claims/page", { Authorization: `Bearer ${sign(claims)}` }, 200],
  ["aud in a list", "/claims/page", { Authorization: `Bearer ${sign({ ...claims, aud: ["web", "api"] })}` }, 200],
  ["another issuer", "/claims/page", { Authorization: `Bearer ${sign({ ...claims, iss: "https://other.test" })}` }, 401],
  ["another audience", "/claims/page", { Authorization: `Bearer ${sign({ ...claims, aud: "web" })}` }, 401],
  ["no audience", "/claims/page", { Authorization: `Bearer ${sign({ iss: claims.iss, sub: "bob" })}` }, 401],
];

for (const [name, path, headers, status] of cases) {
  test(`same answer: ${name}`, async () => {
    const answers = await both(path, headers);
    assert.equal(answers.hono.status, status, "hono/jwt's status");
    assert.deepEqual(answers.edge, { ...answers.hono, challenge: answers.edge.challenge }, "edge-jwt/hono answered otherwise");
    if (status === 401) {
      assert.match(answers.edge.challenge, /^Bearer realm="http:\/\/worker\.test\/[a-z]+\/page"/);
      // Where hono/jwt says invalid_token, so does edge-jwt/hono.
      if (/error="invalid_token"/.test(answers.hono.challenge)) assert.match(answers.edge.challenge, /error="invalid_token"/);
    }
  });
}

test("the differences, as documented in README.md (Hono)", async () => {
  // A missing token: RFC 6750 §3.1 asks for no error code; hono/jwt sends invalid_request.
  let answers = await both("/auth/page");
  assert.match(answers.hono.challenge, /error="invalid_request"/);
  assert.equal(answers.edge.challenge, 'Bearer realm="http://worker.test/auth/page"');
  // A signed cookie whose signature fails: invalid_token here, a missing token for hono/jwt.
  answers = await both("/signed/page", { Cookie: `token=${signedCookie(token, "wrong")}` });
  assert.match(answers.hono.challenge, /error="invalid_request"/);
  assert.match(answers.edge.challenge, /error="invalid_token"/);
  // iat in the future: hono/jwt refuses it; edge-jwt checks iat only with verify.maxAge.
  const future = sign({ sub: "a", iat: Math.floor(Date.now() / 1000) + 3600 }, { issuedAt: false });
  answers = await both("/auth/page", { Authorization: `Bearer ${future}` });
  assert.deepEqual([answers.hono.status, answers.edge.status], [401, 200]);
  // A typ other than JWT: hono/jwt refuses it unless verification.typ names it; edge-jwt accepts any typ unless told.
  const later = Math.floor(Date.now() / 1000) + 600;
  const atJwt = rawToken('{"alg":"HS256","typ":"at+jwt"}', `{"sub":"a","exp":${later}}`);
  answers = await both("/auth/page", { Authorization: `Bearer ${atJwt}` });
  assert.deepEqual([answers.hono.status, answers.edge.status], [401, 200]);
  // Tabs between Bearer and the token: hono/jwt splits on any whitespace; RFC 6750 §2.1 allows spaces only.
  answers = await both("/auth/page", { Authorization: `Bearer\t${token}` });
  assert.deepEqual([answers.hono.status, answers.edge.status], [200, 401]);
  // A token without exp: hono/jwt accepts it for ever; edge-jwt refuses it unless verify.allowMissingExp.
  const forever = rawToken('{"alg":"HS256","typ":"JWT"}', '{"sub":"a"}');
  answers = await both("/auth/page", { Authorization: `Bearer ${forever}` });
  assert.deepEqual([answers.hono.status, answers.edge.status], [200, 401]);
  assert.match(answers.edge.challenge, /error="invalid_token"/);
});
