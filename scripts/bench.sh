#!/usr/bin/env bash
# make bench: speed, size and cold start (bench/speed/, issue #7). Builds the package, installs the
# pinned contenders, runs them interleaved, writes bench/speed/RESULTS.md and the README's table.
# Run it on a quiet machine. Extra arguments go to run.mjs (--quick: fewer rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
scripts/ensure-tools.sh browsers
make --no-print-directory pkg >&2
ensure_npm_tools bench/speed pkg/package.json
exec node bench/speed/run.mjs "$@"
