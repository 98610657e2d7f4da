// The mixed workload of the long-running-isolate check (issue #8): issue and
// verify with a reused Key and with a string secret, failures of every common
// kind, and Keys that are created and then freed or simply dropped. Shared by
// Node (soak.mjs) and workerd (worker.mjs).

const SECRET = "soak-test-secret-of-32-bytes-ok!";
const NOW = 1_700_000_000;

export function setup({ issue, Key }) {
  const key = new Key(SECRET);
  const token = issue({ sub: "soak", role: "user" }, key, { expiresIn: 3600, now: NOW });
  const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
  return { key, token, tampered, dropped: 0, freed: 0, failures: 0, ok: 0 };
}

/** Runs `count` calls; throws if any result is not what it must be. */
export function run({ issue, verify, Key, JwtError }, state, count, { freeEvery = 2 } = {}) {
  const { key, token, tampered } = state;
  for (let i = 0; i < count; i++) {
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        if (typeof issue({ sub: "soak", n: i }, key, { expiresIn: "30m", now: NOW }) !== "string") {
          throw new Error("issue did not return a token");
        }
        state.ok++;
        break;
      case 3:
      case 4:
      case 5:
        if (verify(token, key, { now: NOW + 1 }).sub !== "soak") throw new Error("verify lost the claims");
        state.ok++;
        break;
      case 6:
        if (verify(token, SECRET, { now: NOW + 1 }).sub !== "soak") throw new Error("string secret failed");
        state.ok++;
        break;
      case 7:
        expectCode(JwtError, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", () => verify(tampered, key, { now: NOW }));
        state.failures++;
        break;
      case 8:
        expectCode(JwtError, "ERR_JWT_EXPIRED", () => verify(token, key, { now: NOW + 3600 }));
        expectCode(JwtError, "ERR_INVALID_CLAIMS", () => issue({ bad: undefined }, key));
        expectCode(JwtError, "ERR_INVALID_OPTION", () => verify(token, key, { leeway: "30" }));
        state.failures += 3;
        break;
      case 9: {
        // A Key per ten calls: every `freeEvery`-th is freed, the others are left to the GC.
        const k = new Key(`${SECRET}${i % 7}`);
        issue({ sub: "k" }, k, { now: NOW });
        if (Math.floor(i / 10) % freeEvery === 0) {
          k.free();
          state.freed++;
        } else {
          state.dropped++;
        }
        break;
      }
    }
  }
}

function expectCode(JwtError, code, f) {
  try {
    f();
  } catch (e) {
    if (e instanceof JwtError && e.code === code) return;
    throw new Error(`expected ${code}, got ${e?.code ?? e}`);
  }
  throw new Error(`expected ${code}, got success`);
}
