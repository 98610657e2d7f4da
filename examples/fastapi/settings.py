"""Settings shared by both variants: the signing secret, read the way the edge worker reads it.

The tutorials hard-code ``SECRET_KEY = "09d25e09..."``. Here it comes from the environment
variable ``JWT_SECRET``, the name the edge worker's binding has, so one value configures both
sides. Its UTF-8 bytes are the HMAC key on both sides.
"""

import os
import sys

# RFC 7518 section 3.2: an HS256 key is at least as long as the hash output. The edge worker
# refuses a shorter one unless ALLOW_SHORT_JWT_SECRET=true.
MIN_SECRET_BYTES = 32


def jwt_secret_from_env() -> str:
    """The value of JWT_SECRET; exits with a message (the app does not start) when it is unset or empty."""
    secret = os.environ.get("JWT_SECRET", "")
    if secret == "":
        sys.exit(
            "JWT_SECRET is not set: the app refuses to start without its signing secret.\n"
            "Use the edge worker's value, or make one with:\n"
            "  python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    size = len(secret.encode("utf-8"))
    if size < MIN_SECRET_BYTES:
        print(
            f"WARNING: JWT_SECRET is {size} bytes; HS256 wants at least {MIN_SECRET_BYTES} "
            "(RFC 7518 section 3.2). The edge worker refuses it unless ALLOW_SHORT_JWT_SECRET=true.",
            file=sys.stderr,
        )
    return secret
