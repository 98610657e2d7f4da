// A TypeScript user of the package (ESM), compiled with tsc --strict against the shipped declarations.
import { decodeUnverified, issue, JwtError, Key, verify } from "edge-jwt";
import type { Claims, IssueOptions, JwtErrorCode, JwtPayload, VerifyOptions } from "edge-jwt";

const key: Key = new Key("a secret of at least 32 bytes, for HS256!");
const legacy = new Key("mysecretkey", { allowShortKey: true });

const claims: Claims = { sub: "johndoe", scope: ["read", "write"], nbf: new Date(0) };
const issueOptions: IssueOptions = { expiresIn: "30m", issuer: "https://auth.example", now: () => 1_700_000_000 };
const token: string = issue(claims, key, issueOptions);

const verifyOptions: VerifyOptions = { now: new Date(), leeway: 5, issuer: ["https://auth.example"], maxAge: "1h" };
try {
  const payload: JwtPayload = verify(token, key, verifyOptions);
  const subject: string | undefined = payload.sub;
  console.log(subject, decodeUnverified(token).header.alg, verify(token, legacy).exp);
} catch (err) {
  if (err instanceof JwtError) {
    const code: JwtErrorCode = err.code;
    const expiredAt: number | undefined = err.expiredAt;
    console.log(code, expiredAt, err.claim, err.reason, err.option, err.message);
  }
}

// @ts-expect-error: the clock is seconds, a Date or a function, never a string
issue({}, key, { now: "yesterday" });
// @ts-expect-error: a duration string needs a unit
issue({}, key, { expiresIn: "30 minutes" });
key.free();
