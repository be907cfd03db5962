#!/usr/bin/env bash
# Conformance of kube-sim against the official Python client: starts `vmsvc sim` (with the
# project's CRDs, a small history and frequent bookmarks) and runs python_client.py in a venv
# under .build/. Prints "N passed, M failed". Usage: hack/conformance/python.sh
set -euo pipefail

source "$(dirname "$0")/lib.sh"

VENV="$ROOT/.build/conformance-venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import kubernetes" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q kubernetes
fi

# A history of 5 changes: resourceVersion 1 is long compacted by the time the 410 check runs.
start_sim --crds deploy/crds --history 5 --bookmark-interval 1

"$VENV/bin/python" hack/conformance/python_client.py
