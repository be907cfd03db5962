#!/usr/bin/env bash
# Conformance of kube-sim against the official Python client: starts `vmsvc sim` (with the
# project's CRDs, a small history and frequent bookmarks) and runs python_client.py in a venv
# under .build/. Prints "N passed, M failed". Usage: hack/conformance/python.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VMSVC="${VMSVC:-}"
if [[ -z "$VMSVC" ]]; then
  swift build --product vmsvc >/dev/null
  VMSVC="$(swift build --show-bin-path)/vmsvc"
fi
VENV="$ROOT/.build/conformance-venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import kubernetes" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q kubernetes
fi

WORK="$(mktemp -d)"
SIM_PID=""
cleanup() {
  if [[ -n "$SIM_PID" ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A history of 5 changes: resourceVersion 1 is long compacted by the time the 410 check runs.
"$VMSVC" sim --host 127.0.0.1 --port 0 --kubeconfig-out "$WORK/kubeconfig" --crds deploy/crds \
  --history 5 --bookmark-interval 1 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 1 300); do
  grep -q "kube-sim listening on" "$WORK/sim.out" 2>/dev/null && break
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.err"; exit 1; }
  sleep 0.1
done
grep -q "kube-sim listening on" "$WORK/sim.out" || { echo "kube-sim did not start"; exit 1; }

KUBECONFIG="$WORK/kubeconfig" "$VENV/bin/python" hack/conformance/python_client.py
