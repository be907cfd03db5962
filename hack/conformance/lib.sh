# Shared by the conformance scripts: find or build vmsvc, start `vmsvc sim` on a free port
# with a kubeconfig in $WORK, stop it and clean up on exit. Source it, then call
# `start_sim [extra vmsvc sim flags]`; KUBECONFIG is exported once the server listens.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VMSVC="${VMSVC:-}"
if [[ -z "$VMSVC" ]]; then
  swift build --product vmsvc >/dev/null
  VMSVC="$(swift build --show-bin-path)/vmsvc"
fi

WORK="$(mktemp -d)"
SIM_PID=""
cleanup() {
  if [[ -n "$SIM_PID" ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_sim() {
  "$VMSVC" sim --host 127.0.0.1 --port 0 --kubeconfig-out "$WORK/kubeconfig" "$@" \
    >"$WORK/sim.out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  for _ in $(seq 1 300); do
    grep -q "kube-sim listening on" "$WORK/sim.out" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.err"; exit 1; }
    sleep 0.1
  done
  grep -q "kube-sim listening on" "$WORK/sim.out" || { echo "kube-sim did not start"; exit 1; }
  export KUBECONFIG="$WORK/kubeconfig"
}
