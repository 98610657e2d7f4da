#!/usr/bin/env bash
# The long-running isolate (issue #8): 1,000,000 mixed issue/verify calls, failures and Keys
# created and freed, in one Node process and in one workerd isolate; wasm memory and the JS heap
# must stay within a small bound. Installs tests/soak's pinned packages when its lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/npm-tools.sh
. scripts/npm-tools.sh
[ -f pkg/package.json ] || make --no-print-directory pkg >&2
ensure_npm_tools tests/soak pkg/package.json
node --expose-gc tests/soak/soak.mjs "${1:-1000000}"
node tests/soak/workerd.mjs "${1:-1000000}"
