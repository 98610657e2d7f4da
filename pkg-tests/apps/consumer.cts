// A TypeScript user of the package (CommonJS: require through index.d.cts), compiled with tsc --strict.
import { issue, JwtError, Key, verify } from "edge-jwt";

const key = new Key(new Uint8Array(32).fill(7));
const token: string = issue({ sub: "johndoe" }, key, { expiresIn: 60 });
try {
  verify(token, key, { now: 0 });
} catch (err) {
  if (err instanceof JwtError && err.code === "ERR_JWT_CLAIM_VALIDATION_FAILED") console.log(err.claim);
}
