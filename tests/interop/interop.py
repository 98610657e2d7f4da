#!/usr/bin/env python3
"""Interop between edge-jwt and python-jose, PyJWT and jose (npm), both directions.

Run by scripts/test-interop.sh (which makes the venv and installs jose), as
    .venv-interop/bin/python tests/interop/interop.py [--markdown]

edge-jwt is driven natively through `examples/interop.rs` (one JSON command per
line); jose through tests/interop/jose_check.mjs. Every case states what each
library is observed to do, so a change in any of them is noticed; the
disagreements are explained in docs/interop.md (`--markdown` prints the table).

The clock: edge-jwt and jose take it as an argument. PyJWT and python-jose read
`datetime.now()`; it is stopped by replacing the `datetime` name in their
modules for the duration of one call (see `frozen`). python-jose then rounds it
down to whole seconds (`timegm(utctimetuple())`), as it does in production.
"""

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
import warnings

import jose.jwt
import jwt as pyjwt
import jwt.api_jwt
from jose import jwt as jose_jwt

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "tests", "interop")

# The FastAPI tutorial's key (`openssl rand -hex 32`): 64 bytes of text.
FASTAPI_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
# The key of the FastAPI example this project started from: 11 bytes.
SHORT_KEY = "mysecretkey"
KEY = "interop-secret-0123456789abcdefghij"  # 35 bytes
NOW = 1_700_000_000
LIBS = ("edge", "pyjwt", "python-jose", "jose")
HEADER = b'{"alg":"HS256","typ":"JWT"}'


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(signing_input: str, key: str) -> str:
    mac = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


def forge(payload, header=HEADER, key=KEY) -> str:
    """Signs raw header and payload bytes, bypassing every library's rules."""
    if not isinstance(payload, bytes):
        payload = json.dumps(payload, separators=(",", ":")).encode()
    return sign(f"{b64(header)}.{b64(payload)}", key)


# --- the libraries -----------------------------------------------------------


class Edge:
    """examples/interop.rs, kept running: one JSON command per line."""

    def __init__(self):
        self.proc = subprocess.Popen(
            ["cargo", "run", "--quiet", "--example", "interop"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def call(self, command: dict) -> dict:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("examples/interop stopped")
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@contextlib.contextmanager
def frozen(now: float):
    """Stops the clock PyJWT and python-jose read, at `now` (seconds)."""

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.fromtimestamp(now, tz or dt.timezone.utc)

    saved = (jwt.api_jwt.datetime, jose.jwt.datetime)
    jwt.api_jwt.datetime = Frozen
    jose.jwt.datetime = Frozen
    try:
        yield
    finally:
        jwt.api_jwt.datetime, jose.jwt.datetime = saved


def run_pyjwt(token, key, now, opts):
    kwargs = {"algorithms": ["HS256"], "leeway": opts.get("leeway", 0)}
    if "audience" in opts:
        kwargs["audience"] = opts["audience"]
    if "issuer" in opts:
        kwargs["issuer"] = opts["issuer"]
    with warnings.catch_warnings(record=True) as caught, frozen(now):
        warnings.simplefilter("always")
        try:
            claims = pyjwt.decode(token, key, **kwargs)
            outcome = "ok"
        except Exception as e:  # the class name is the observed behaviour
            claims, outcome = None, type(e).__name__
    names = sorted({w.category.__name__ for w in caught if "Key" in w.category.__name__})
    return (outcome + "".join(f" +{n}" for n in names)), claims


def run_python_jose(token, key, now, opts):
    kwargs = {"algorithms": ["HS256"], "options": {"leeway": opts.get("leeway", 0)}}
    if "audience" in opts:
        kwargs["audience"] = opts["audience"]
    if "issuer" in opts:
        kwargs["issuer"] = opts["issuer"]
    with frozen(now):
        try:
            return "ok", jose_jwt.decode(token, key, **kwargs)
        except Exception as e:
            return type(e).__name__, None


def run_node(commands):
    out = subprocess.run(
        ["node", os.path.join(HERE, "jose_check.mjs")],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    return json.loads(out.stdout)


# --- the cases ----------------------------------------------------------------

CASES = []


def case(name, token, expect, now=NOW, key=KEY, opts=None, short=False, claims=None, why=""):
    """One token checked by every library.

    expect: {lib: outcome}; an outcome is "ok", an error code (edge-jwt,
    jose) or an exception class name (PyJWT, python-jose), "-" to skip.
    """
    CASES.append(
        dict(name=name, token=token, expect=expect, now=now, key=key, opts=opts or {},
             short=short, claims=claims, why=why)
    )


def e(edge, pyjwt_, python_jose, jose_):
    return dict(zip(LIBS, (edge, pyjwt_, python_jose, jose_)))


def build_cases(edge: Edge):
    real_now = time.time()

    # 1. python-jose -> edge-jwt, exactly as the FastAPI example makes tokens.
    for key, short in ((FASTAPI_KEY, False), (SHORT_KEY, True)):
        token = jose_jwt.encode(
            {"sub": "johndoe", "exp": dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=30)},
            key,
            algorithm="HS256",
        )
        label = "FastAPI python-jose token, " + ("hex key" if not short else "11-byte key, short-key opt-in")
        case(label, token, e("ok", "ok" + (" +InsecureKeyLengthWarning" if short else ""), "ok", "ok"),
             now=real_now, key=key, short=short, claims={"sub": "johndoe"})
    short_token = jose_jwt.encode(
        {"sub": "johndoe", "exp": dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=30)},
        SHORT_KEY, algorithm="HS256")
    case("FastAPI python-jose token, 11-byte key, no opt-in", short_token,
         e("ERR_KEY_TOO_SHORT", "ok +InsecureKeyLengthWarning", "ok", "ok"), now=real_now, key=SHORT_KEY,
         why="RFC 7518 §3.2: a key of the same size as the hash output (256 bits) or larger MUST be used")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        token = pyjwt.encode({"sub": "johndoe", "exp": int(real_now) + 1800}, FASTAPI_KEY, algorithm="HS256")
    case("PyJWT token", token, e("ok", "ok", "ok", "ok"), now=real_now, key=FASTAPI_KEY,
         claims={"sub": "johndoe"})

    # 2. edge-jwt -> the others.
    issued = edge.call({"op": "issue", "key": FASTAPI_KEY, "claims": {"sub": "johndoe"},
                        "options": {"expiresIn": 1800}, "now": real_now})
    case("edge-jwt token, FastAPI flow (expiresIn 30 min)", issued["token"], e("ok", "ok", "ok", "ok"),
         now=real_now, key=FASTAPI_KEY, claims={"sub": "johndoe"})
    rich = {"name": "Zoë 🦀", "roles": ["admin", "ünïcode"], "n": 9007199254740992, "f": 0.5,
            "nested": {"a": [1, {"b": None}]}}
    issued = edge.call({"op": "issue", "key": KEY, "claims": rich, "now": NOW, "options": {
        "expiresIn": 600, "notBefore": 0, "issuer": "edge", "audience": ["api", "web"], "jwtId": "j1",
        "keyId": "k1"}})
    case("edge-jwt token, every option, unicode and nested claims", issued["token"],
         e("ok", "ok", "ok", "ok"), opts={"audience": "api", "issuer": "edge"}, claims=rich)
    issued = edge.call({"op": "issue", "key": SHORT_KEY, "allowShortKey": True,
                        "claims": {"sub": "johndoe"}, "options": {"expiresIn": 1800}, "now": NOW})
    case("edge-jwt token, 11-byte key (opt-in)", issued["token"],
         e("ok", "ok +InsecureKeyLengthWarning", "ok", "ok"), key=SHORT_KEY, short=True)

    # 3. Edge cases where libraries may disagree. Tokens are forged (valid MAC).
    case("exp == now", forge({"exp": NOW}),
         e("ERR_JWT_EXPIRED", "ExpiredSignatureError", "ok", "ERR_JWT_EXPIRED"),
         why="RFC 7519 §4.1.4: the current time MUST be before exp")
    case("exp == now - 1", forge({"exp": NOW - 1}),
         e("ERR_JWT_EXPIRED", "ExpiredSignatureError", "ExpiredSignatureError", "ERR_JWT_EXPIRED"))
    case("exp == now - leeway (leeway 10)", forge({"exp": NOW - 10}),
         e("ERR_JWT_EXPIRED", "ExpiredSignatureError", "ok", "ERR_JWT_EXPIRED"), opts={"leeway": 10})
    case("exp == now - leeway + 1 (leeway 10)", forge({"exp": NOW - 9}),
         e("ok", "ok", "ok", "ok"), opts={"leeway": 10})
    case("nbf == now", forge({"nbf": NOW, "exp": NOW + 3600}), e("ok", "ok", "ok", "ok"))
    case("no exp", forge({"sub": "x"}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ok", "ok", "ok"),
         why="a token without exp never expires; Rust's jsonwebtoken requires exp by default too")
    case("no exp, allowMissingExp", forge({"sub": "x"}), e("ok", "ok", "ok", "ok"),
         opts={"allowMissingExp": True})
    case("nbf == now + 1", forge({"nbf": NOW + 1}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ImmatureSignatureError", "JWTClaimsError",
           "ERR_JWT_CLAIM_VALIDATION_FAILED"))
    case("nbf == now + leeway (leeway 10)", forge({"nbf": NOW + 10, "exp": NOW + 3600}), e("ok", "ok", "ok", "ok"),
         opts={"leeway": 10})
    case("fractional exp, passed 0.2 s ago (now = T+0.7, exp = T+0.5)", forge({"exp": NOW + 0.5}),
         e("ERR_JWT_EXPIRED", "ExpiredSignatureError", "ok", "ok"), now=NOW + 0.7,
         why="python-jose and jose round the clock down to whole seconds")
    case("fractional exp, 0.2 s ahead (now = T+0.3, exp = T+0.5)", forge({"exp": NOW + 0.5}),
         e("ok", "ExpiredSignatureError", "ok", "ok"), now=NOW + 0.3,
         why="PyJWT truncates exp with int()")
    case("fractional nbf, 0.2 s ahead (now = T+0.3, nbf = T+0.5)", forge({"nbf": NOW + 0.5}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ok", "ok", "ERR_JWT_CLAIM_VALIDATION_FAILED"), now=NOW + 0.3)
    case("string exp (future)", forge({"exp": str(NOW + 1800)}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ok", "ok", "ERR_JWT_CLAIM_VALIDATION_FAILED"),
         why="RFC 7519 §2: a NumericDate is a JSON numeric value")
    case("string exp (past)", forge({"exp": str(NOW - 1800)}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ExpiredSignatureError", "ExpiredSignatureError",
           "ERR_JWT_CLAIM_VALIDATION_FAILED"))
    case("boolean exp (true)", forge({"exp": True}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ExpiredSignatureError", "ExpiredSignatureError",
           "ERR_JWT_CLAIM_VALIDATION_FAILED"))
    case("huge exp (1e300)", forge(b'{"exp":1e300}'),
         e("ok", "ok", "ok", "ok"))
    case("aud present, no audience asked", forge({"aud": "api", "exp": NOW + 3600}),
         e("ok", "InvalidAudienceError", "JWTClaimsError", "ok"),
         why="RFC 7519 §4.1.3: a principal that does not identify itself with a value in aud MUST reject")
    case("aud list contains the audience", forge({"aud": ["web", "api"], "exp": NOW + 3600}), e("ok", "ok", "ok", "ok"),
         opts={"audience": "api"})
    case("aud does not contain the audience", forge({"aud": ["web"]}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "InvalidAudienceError", "JWTClaimsError",
           "ERR_JWT_CLAIM_VALIDATION_FAILED"), opts={"audience": "api"})
    case("aud list with a non-string entry", forge({"aud": [1, "api"]}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "InvalidAudienceError", "JWTClaimsError", "ok"),
         opts={"audience": "api"})
    case("audience asked, aud missing", forge({"sub": "x"}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "MissingRequiredClaimError", "ok",
           "ERR_JWT_CLAIM_VALIDATION_FAILED"), opts={"audience": "api"})
    case("duplicate exp in the payload (first passed, last future)",
         forge(f'{{"exp":{NOW - 10},"exp":{NOW + 1800}}}'.encode()),
         e("ERR_JWT_INVALID", "ok", "ok", "ok"),
         why="RFC 7519 §4: reject, or use the lexically last member")
    case("duplicate alg in the header (none, then HS256)", forge({"sub": "x"},
         header=b'{"alg":"none","alg":"HS256"}'), e("ERR_JWS_INVALID", "ok", "ok", "ok"),
         why="RFC 7515 §4: reject, or use the lexically last member")
    sub_x = b'{"sub":"x"}'
    padded = b64(HEADER) + "." + base64.urlsafe_b64encode(sub_x).decode()
    case("padded payload segment (signed as sent)", sign(padded, KEY),
         e("ERR_JWS_INVALID", "ok", "ok", "ok"),
         why="RFC 7515 §2: base64url with all trailing '=' omitted")
    good = forge({"sub": "x"})
    last = good[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # A 32-byte tag is 43 characters: the last one carries 2 unused bits.
    twin = good[:-1] + alphabet[alphabet.index(last) ^ 1]
    case("signature with non-zero unused bits (same MAC, other text)", twin,
         e("ERR_JWS_INVALID", "DecodeError", "ok", "ok"),
         why="RFC 4648 §3.5: decoders MAY reject non-zero pad bits; RFC 7515 §2 asks for canonical base64url")
    case("alg: hs256 (lower case)", forge({"sub": "x"}, header=b'{"alg":"hs256"}'),
         e("ERR_JOSE_ALG_NOT_ALLOWED", "InvalidAlgorithmError", "JWTError", "ERR_JOSE_ALG_NOT_ALLOWED"),
         why="RFC 7515 §4.1.1: alg is case-sensitive")
    none_token = b64(b'{"alg":"none"}') + "." + b64(sub_x) + "."
    case("alg: none, empty signature", none_token,
         e("ERR_JOSE_ALG_NOT_ALLOWED", "InvalidAlgorithmError", "JWTError", "ERR_JOSE_ALG_NOT_ALLOWED"))
    case("alg: HS384", forge({"sub": "x"}, header=b'{"alg":"HS384"}'),
         e("ERR_JOSE_ALG_NOT_ALLOWED", "InvalidAlgorithmError", "JWTError", "ERR_JOSE_ALG_NOT_ALLOWED"))
    case("crit names an unknown extension", forge({"sub": "x"},
         header=b'{"alg":"HS256","crit":["foo"],"foo":1}'),
         e("ERR_JOSE_NOT_SUPPORTED", "InvalidTokenError", "ok", "ERR_JOSE_NOT_SUPPORTED"),
         why="RFC 7515 §4.1.11: recipients MUST reject a crit extension they do not understand")
    case("b64: false with crit (RFC 7797)", forge({"sub": "x"},
         header=b'{"alg":"HS256","b64":false,"crit":["b64"]}'),
         e("ERR_JOSE_NOT_SUPPORTED", "DecodeError", "ok", "ERR_JWT_INVALID"),
         why="RFC 7797 §7: b64 is not for JWTs")
    case("11-byte key without the opt-in (forged)", forge({"sub": "x"}, key=SHORT_KEY),
         e("ERR_KEY_TOO_SHORT", "ok +InsecureKeyLengthWarning", "ok", "ok"), key=SHORT_KEY)
    case("empty key", forge({"sub": "x"}, key=""),
         e("ERR_KEY_EMPTY", "InvalidKeyError", "ok", "DataError"), key="")
    case("iat one hour in the future", forge({"iat": NOW + 3600, "exp": NOW + 7200}),
         e("ok", "ImmatureSignatureError", "ok", "ok"),
         why="RFC 7519 §4.1.6 gives iat no validity rule")
    case("iat in the future, maxAge 1 h", forge({"iat": NOW + 3600}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "-", "-", "ERR_JWT_CLAIM_VALIDATION_FAILED"),
         opts={"maxAge": 3600})
    case("iat exactly maxAge old", forge({"iat": NOW - 3600, "exp": NOW + 3600}),
         e("ERR_JWT_EXPIRED", "-", "-", "ok"), opts={"maxAge": 3600},
         why="edge-jwt treats iat + maxAge like exp (expired at that instant); jose fails only past it")
    case("iat maxAge + 1 s old", forge({"iat": NOW - 3601, "exp": NOW + 3600}),
         e("ERR_JWT_EXPIRED", "-", "-", "ERR_JWT_EXPIRED"), opts={"maxAge": 3600})
    case("string iat", forge({"iat": str(NOW)}),
         e("ERR_JWT_CLAIM_VALIDATION_FAILED", "ok", "ok", "ERR_JWT_CLAIM_VALIDATION_FAILED"),
         why="RFC 7519 §4.1.6: iat is a NumericDate")
    big = forge({"pad": "x" * 20_000})
    case("20 KB token", big, e("ERR_JWT_TOO_LONG", "ok", "ok", "ok"),
         why="RFC 8725 §3.x has no limit; edge-jwt defaults to 16 KiB")
    deep = b'{"a":' + b"[" * 40 + b"]" * 40 + b"}"
    case("payload nested 41 deep", forge(deep), e("ERR_JWT_INVALID", "ok", "ok", "ok"))
    case("payload is a JSON array", forge(b"[1]"),
         e("ERR_JWT_INVALID", "DecodeError", "JWTError", "ERR_JWT_INVALID"))
    case("header with CRLF whitespace (RFC 7515 A.1)",
         "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
         e("ok", "ok", "ok", "ok"), now=1300819379,
         key=base64.urlsafe_b64decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow=="))


def key_fields(key):
    if isinstance(key, bytes):
        return {"keyB64": b64(key)}
    return {"key": key}


def run_all(markdown: bool):
    edge = Edge()
    try:
        build_cases(edge)
        for c in CASES:
            c["got"] = {}
            r = edge.call({"op": "verify", "token": c["token"], "now": c["now"], "options": c["opts"],
                           "allowShortKey": c["short"], **key_fields(c["key"])})
            c["got"]["edge"] = ("ok" if r["ok"] else r["code"], r.get("claims"))
    finally:
        edge.close()
    for c in CASES:
        key = c["key"]
        c["got"]["pyjwt"] = run_pyjwt(c["token"], key, c["now"], c["opts"])
        c["got"]["python-jose"] = run_python_jose(c["token"], key, c["now"], c["opts"])
    results = run_node([{"op": "verify", "token": c["token"], "now": c["now"], "options": c["opts"],
                         **key_fields(c["key"])} for c in CASES])
    for c, r in zip(CASES, results):
        c["got"]["jose"] = ("ok" if r["ok"] else r["code"], r.get("claims"))

    # edge-jwt -> jose also through jose's own signer: a jose token verifies here.
    jose_issued = run_node([{"op": "issue", "key": FASTAPI_KEY,
                             "claims": {"sub": "johndoe", "exp": int(time.time()) + 1800}}])[0]

    passed = failed = 0

    def report(ok, text):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(("ok    " if ok else "FAIL  ") + text)

    for c in CASES:
        for lib in LIBS:
            want = c["expect"][lib]
            if want == "-":
                continue
            got, claims = c["got"][lib]
            report(got == want, f"{c['name']} [{lib}]: expected {want}" + ("" if got == want else f", got {got}"))
            if got.startswith("ok") and c["claims"] is not None:
                same = all(claims.get(k) == v for k, v in c["claims"].items())
                report(same, f"{c['name']} [{lib}]: claims read back" + ("" if same else f": {claims}"))

    edge = Edge()
    try:
        r = edge.call({"op": "verify", "token": jose_issued["token"], "key": FASTAPI_KEY, "now": time.time()})
    finally:
        edge.close()
    report(r["ok"] and r["claims"]["sub"] == "johndoe", "jose SignJWT token [edge]: expected ok")

    if markdown:
        print()
        print("| case | edge-jwt | PyJWT 2.15.1 | python-jose 3.5.0 | jose 6.2.18 |")
        print("|---|---|---|---|---|")
        for c in CASES:
            cells = [c["got"][lib][0] if c["expect"][lib] != "-" else "n/a" for lib in LIBS]
            print(f"| {c['name']} | " + " | ".join(f"`{x}`" for x in cells) + " |")
    print(f"{passed} passed, {failed} failed")
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if run_all("--markdown" in sys.argv) else 1)
