#!/usr/bin/env bash
# Sourced by the scripts that run the FastAPI example (test-fastapi.sh, test-www.sh, demo.sh):
# makes .venv-fastapi/ from examples/fastapi's pinned requirements (the app's and the end-to-end
# suite's), and skips the install when neither requirements file changed since the last one. Only
# PyPI is contacted.
#
#   ensure_fastapi_venv   # then $FASTAPI_VENV/bin/python runs the apps and uvicorn

FASTAPI_VENV=.venv-fastapi

ensure_fastapi_venv() {
  local reqs=(examples/fastapi/requirements.txt examples/fastapi/test/requirements.txt)
  local stamp="$FASTAPI_VENV/.installed-from-requirements.sha256" want
  want=$(sha256sum "${reqs[@]}" | sha256sum | cut -d' ' -f1)
  if [[ ! -x $FASTAPI_VENV/bin/python ]]; then
    python3 -m venv "$FASTAPI_VENV"
  fi
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  printf '[fastapi-venv] pip install -r examples/fastapi/test/requirements.txt into %s\n' "$FASTAPI_VENV" >&2
  "$FASTAPI_VENV/bin/pip" install --quiet --disable-pip-version-check -r examples/fastapi/test/requirements.txt >&2
  "$FASTAPI_VENV/bin/pip" check --disable-pip-version-check >/dev/null
  printf '%s\n' "$want" >"$stamp"
}
