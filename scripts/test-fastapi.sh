#!/usr/bin/env bash
# End to end, over HTTP (issue #20): the FastAPI app (examples/fastapi, python-jose and PyJWT
# variants in turn, uvicorn on 127.0.0.1:8000) and the edge worker (examples/edge-worker, the
# deployable bundle in workerd through Miniflare) with one shared secret: each accepts the other's
# tokens and refuses the other's expired, tampered and other-secret tokens. Called by
# `make test-fastapi`.
#
# Installs what is missing first, idempotently:
#   .venv-fastapi/                    python3 venv from examples/fastapi/test/requirements.txt (pinned),
#                                     reinstalled only when a requirements file changed
#   pkg/                              `make pkg`, only when it is absent
#   examples/edge-worker/node_modules `npm ci`, only when its lockfile changed
# Needs 127.0.0.1:8000 free (FASTAPI_PORT=... picks another). Every process it starts runs in this
# script's own process group and is stopped on the way out, on failure and Ctrl-C too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[test-fastapi] %s\n' "$*" >&2; }
started=$SECONDS

if ! command -v python3 >/dev/null; then
  say "python3 is not installed (apt-get install -y python3 python3-venv)"
  exit 1
fi

port=${FASTAPI_PORT:-8000}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  say "127.0.0.1:$port is already in use (make demo? a uvicorn left running?): stop it and run again"
  exit 1
fi

# shellcheck source=scripts/fastapi-venv.sh
. scripts/fastapi-venv.sh
ensure_fastapi_venv

if [ ! -f pkg/package.json ]; then
  say "pkg/ is missing: make pkg"
  make pkg
fi
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
ensure_npm_tools examples/edge-worker pkg/package.json
rm -rf examples/edge-worker/.wrangler

export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false
export FASTAPI_PYTHON=$PWD/$FASTAPI_VENV/bin/python FASTAPI_PORT=$port

# node --test runs as the leader of a new process group: uvicorn, workerd and the test runner's own
# children all stay in it, so one kill on the way out stops every one of them.
group=
stop() {
  trap - INT TERM EXIT
  if [[ -n $group ]] && kill -0 -- "-$group" 2>/dev/null; then
    say "stopping what the run left behind (process group $group)"
    kill -TERM -- "-$group" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$group" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

say "node --test examples/fastapi/test/e2e.test.mjs (uvicorn on 127.0.0.1:$port, workerd)"
setsid node --test --test-concurrency=1 examples/fastapi/test/e2e.test.mjs &
group=$!
status=0
wait "$group" || status=$?
say "finished in $((SECONDS - started)) s (exit $status)"
exit "$status"
