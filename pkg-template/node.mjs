// Node >= 20, `import ... from "edge-jwt"`: the same instance as `require` (see node.cjs).
import lib from "./node.cjs";

export const { issue, verify, decodeUnverified, Key, JwtError, bearerToken, tokenCookie } = lib;
