#!/usr/bin/env bash
# Interop, both directions, between edge-jwt (native, through
# examples/interop.rs) and python-jose, PyJWT and jose (npm), including the
# edge cases where they disagree (docs/interop.md). Called by `make test-interop`.
#
# Installs what is missing first, idempotently:
#   .venv-interop/                 python3 venv with PyJWT and python-jose, pinned
#   tests/interop/node_modules/    jose, pinned by tests/interop/package-lock.json (npm ci)
# Prints one line per check and, last, "N passed, N failed" alone on a line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

PYJWT=2.15.1
PYTHON_JOSE=3.5.0
VENV=.venv-interop

if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "$PYJWT" "$PYTHON_JOSE" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version
sys.exit(0 if (version("PyJWT"), version("python-jose")) == tuple(sys.argv[1:3]) else 1)
PY
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "PyJWT==$PYJWT" "python-jose==$PYTHON_JOSE"
fi

# npm ci only when the lockfile changed since the last install.
STAMP=tests/interop/node_modules/.installed-from-lock
if ! cmp -s tests/interop/package-lock.json "$STAMP"; then
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/interop/package-lock.json "$STAMP"
fi

# Build first, so the build's output does not interleave with the results.
cargo build --quiet --example interop

exec "$VENV/bin/python" tests/interop/interop.py "$@"
