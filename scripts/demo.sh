#!/usr/bin/env bash
# make demo: the main job, locally. The edge worker (examples/edge-worker, wrangler dev on
# 127.0.0.1:8787) and the demo page (www/, Vite preview on 127.0.0.1:5173) together, on the npm
# package built from this checkout, and, when python3 is there, the FastAPI app the worker
# reproduces (examples/fastapi, python-jose variant, uvicorn on 127.0.0.1:8000) with the same
# secret. Ctrl-C stops them all.
#
# Installs what is missing first (the wasm toolchain, pkg/, the two folders' npm packages, the
# FastAPI venv) and skips what is there. JWT_SECRET may be set (at least 32 bytes); otherwise the
# one in examples/edge-worker/.dev.vars, otherwise a random one for this run, is given to both the
# worker and FastAPI. FASTAPI_VARIANT=pyjwt_app serves the PyJWT variant. PORT is not honoured
# here: the page's origin and the servers' CORS lists name these ports.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh

say() { printf '[demo] %s\n' "$*" >&2; }

fastapi=no
if command -v python3 >/dev/null; then
  fastapi=yes
else
  say "python3 not found: the FastAPI app (127.0.0.1:8000) is left out"
fi

ports=(8787 5173)
[ "$fastapi" = yes ] && ports+=(8000)
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "127.0.0.1:$port is already in use: stop whatever serves it (an earlier make demo?)"
    exit 1
  fi
done

make --no-print-directory pkg >&2
ensure_npm_tools examples/edge-worker pkg/package.json
ensure_npm_tools www pkg/package.json
if [ "$fastapi" = yes ]; then
  # shellcheck source=scripts/fastapi-venv.sh
  . scripts/fastapi-venv.sh
  if ! ensure_fastapi_venv; then
    say "could not install the FastAPI venv (.venv-fastapi): the FastAPI app is left out"
    fastapi=no
  fi
fi

# One secret for both servers, so that a token from one works on the other. The worker's
# npm run dev prefers examples/edge-worker/.dev.vars, so that file's value wins here too.
if [ -f examples/edge-worker/.dev.vars ]; then
  JWT_SECRET=$(sed -n 's/^[[:space:]]*JWT_SECRET[[:space:]]*=[[:space:]]*//p' examples/edge-worker/.dev.vars | tail -n 1)
  JWT_SECRET=${JWT_SECRET%\"}
  JWT_SECRET=${JWT_SECRET#\"}
  say "JWT_SECRET: from examples/edge-worker/.dev.vars, for the worker and FastAPI"
elif [ -z "${JWT_SECRET:-}" ]; then
  JWT_SECRET=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
  say "JWT_SECRET: generated for this run, for the worker and FastAPI"
fi
export JWT_SECRET
if [ "$fastapi" = yes ] && [ -z "$JWT_SECRET" ]; then
  say "JWT_SECRET is empty (examples/edge-worker/.dev.vars): the FastAPI app would refuse to start, left out"
  fastapi=no
fi

pids=()
stop() {
  trap - INT TERM EXIT
  # Each server is a process group (set -m below): npm, node, wrangler and workerd go together.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
set -m

(cd examples/edge-worker && exec npm run --silent dev) &
pids+=($!)
(cd www && npm run --silent build >&2 && exec npx --no-install vite preview) &
pids+=($!)
urls=(http://127.0.0.1:8787/ http://127.0.0.1:5173/)
if [ "$fastapi" = yes ]; then
  (cd examples/fastapi && exec ../../.venv-fastapi/bin/python -m uvicorn demo_app:app --host 127.0.0.1 --port 8000) &
  pids+=($!)
  urls+=(http://127.0.0.1:8000/docs)
fi

# All answer before the URLs are printed.
for url in "${urls[@]}"; do
  for _ in $(seq 1 120); do
    if node -e "fetch('$url').then(() => process.exit(0), () => process.exit(1))" 2>/dev/null; then
      break
    fi
    sleep 1
  done
done

fastapi_line="    fastapi: not started (needs python3)"
if [ "$fastapi" = yes ]; then
  fastapi_line="    fastapi: http://127.0.0.1:8000/docs (${FASTAPI_VARIANT:-jose_app}, same JWT_SECRET: tokens work on both)"
fi
cat <<MSG

  edge-jwt demo
    page:    http://127.0.0.1:5173/   (issue, inspect, verify with a time-travel clock)
    worker:  http://127.0.0.1:8787/   (POST /token as johndoe / secret, GET /users/me)
$fastapi_line

  Ctrl-C stops them all.

MSG
wait
