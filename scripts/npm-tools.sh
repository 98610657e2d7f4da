#!/usr/bin/env bash
# Sourced by the scripts that use npm packages (build-pkg.sh, test-pkg.sh, demo.sh, ...): installs a tools folder's pinned npm packages
# (package.json + package-lock.json, committed) with `npm ci`, and skips the install when the
# lockfile has not changed since the last one. Only the npm registry is contacted.
#
#   ensure_npm_tools DIR [FILE...]   # then DIR/node_modules/.bin holds the tools
#
# FILEs join the lockfile in deciding whether to reinstall (pkg/package.json, for a folder that
# depends on the local package through "file:").

ensure_npm_tools() {
  local dir=$1 stamp want
  shift
  stamp="$dir/node_modules/.installed-lock.sha256"
  want=$(sha256sum "$dir/package-lock.json" "$@" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  printf '[npm-tools] npm ci in %s\n' "${dir#"$PWD"/}" >&2
  # Install scripts run only for the packages the folder's "allowScripts" approves (npm >= 11.16
  # blocks the others; older npm runs them all). bun, deno and workerd fetch their binary from npm there.
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
  printf '%s\n' "$want" >"$stamp"
}
