#!/usr/bin/env bash
# make demo: the main job, locally. The edge worker (examples/edge-worker, wrangler dev on
# 127.0.0.1:8787) and the demo page (www/, Vite preview on 127.0.0.1:5173) together, on the npm
# package built from this checkout. Ctrl-C stops both.
#
# Installs what is missing first (the wasm toolchain, pkg/, the two folders' npm packages) and
# skips what is there. JWT_SECRET may be set (at least 32 bytes); otherwise the worker makes a
# random one for this run. PORT is not honoured here: the page's origin and the worker's CORS
# list both name these two ports.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh

say() { printf '[demo] %s\n' "$*" >&2; }

for port in 8787 5173; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "127.0.0.1:$port is already in use: stop whatever serves it (an earlier make demo?)"
    exit 1
  fi
done

make --no-print-directory pkg >&2
ensure_npm_tools examples/edge-worker pkg/package.json
ensure_npm_tools www pkg/package.json

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

(cd examples/edge-worker && exec npm run --silent dev) &
pids+=($!)
(cd www && npm run --silent build >&2 && exec npx --no-install vite preview) &
pids+=($!)

# Both answer before the URLs are printed.
for url in http://127.0.0.1:8787/ http://127.0.0.1:5173/; do
  for _ in $(seq 1 120); do
    if node -e "fetch('$url').then(() => process.exit(0), () => process.exit(1))" 2>/dev/null; then
      break
    fi
    sleep 1
  done
done

cat <<MSG

  edge-jwt demo
    page:    http://127.0.0.1:5173/   (issue, inspect, verify with a time-travel clock)
    worker:  http://127.0.0.1:8787/   (POST /token as johndoe / secret, GET /users/me)

  Ctrl-C stops both.

MSG
wait
