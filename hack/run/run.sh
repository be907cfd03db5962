#!/usr/bin/env bash
# make run: kube-sim with the CRDs, a sample fleet, and the operator (coordinator + workers
# in one process) against it. Prints the kubectl commands to watch Endpoints follow VMs;
# Ctrl-C stops everything and removes the temporary directory.
#
# Environment:
#   VMSVC            path to a built vmsvc (default: build it with `swift build`)
#   WORKERS          workers in the operator process (default 2)
#   METRICS_PORT     operator /metrics port (default: a free one)
#   HEALTH_PORT      operator /healthz and /readyz port (default: a free one)
#   LOG_FORMAT       text or json (default text)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
samples="$root/hack/samples"
# shellcheck source=../samples/apply-fleet.sh
source "$samples/apply-fleet.sh"
workers="${WORKERS:-2}"

if [[ -z "${VMSVC:-}" ]]; then
  echo "building vmsvc…" >&2
  (cd "$root" && swift build --product vmsvc >&2)
  VMSVC="$(cd "$root" && swift build --show-bin-path)/vmsvc"
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
metrics_port="${METRICS_PORT:-$(free_port)}"
health_port="${HEALTH_PORT:-$(free_port)}"

workdir="$(mktemp -d -t vmsvc-run.XXXXXX)"
kubeconfig="$workdir/kubeconfig"
sim_pid=""
operator_pid=""
tail_pid=""

# Ctrl-C (or any exit): drain the operator, stop kube-sim, clean up; exit with the
# operator's status (0 after a clean drain).
stop() {
  trap - INT TERM EXIT
  local status=0
  echo >&2
  if [[ -n "$tail_pid" ]]; then kill "$tail_pid" 2>/dev/null || true; fi
  if [[ -n "$operator_pid" ]]; then
    if kill -0 "$operator_pid" 2>/dev/null; then
      echo "stopping the operator (SIGTERM: drain, then exit)…" >&2
      kill -TERM "$operator_pid" 2>/dev/null || true
    fi
    wait "$operator_pid" 2>/dev/null || status=$?
    echo "the operator exited with status $status" >&2
  fi
  if [[ -n "$sim_pid" ]] && kill -0 "$sim_pid" 2>/dev/null; then
    echo "stopping kube-sim…" >&2
    kill -TERM "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap stop INT TERM EXIT

# Waits (bounded) until a file contains a line; the file is written by a process we started.
await_line() {
  local file="$1" pattern="$2" pid="$3" seconds="$4"
  local deadline=$((SECONDS + seconds))
  until grep -q "$pattern" "$file" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before printing '$pattern':" >&2
      cat "$file" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "timed out after ${seconds}s waiting for '$pattern' in $file" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Both servers run in sessions of their own (setsid): a Ctrl-C at the terminal reaches only
# this script, which then stops them one by one; otherwise they would get SIGINT from the
# terminal and SIGTERM from the trap, and a second signal means "exit without draining".
echo "starting kube-sim…" >&2
setsid "$VMSVC" sim --port 0 --crds "$root/deploy/crds" --kubeconfig-out "$kubeconfig" \
  >"$workdir/sim.out" 2>"$workdir/sim.log" &
sim_pid=$!
await_line "$workdir/sim.out" "kube-sim listening" "$sim_pid" 60

k() { kubectl --kubeconfig "$kubeconfig" "$@"; }

echo "applying the sample fleet from hack/samples…" >&2
apply_sample_fleet "$samples"

echo "starting vmsvc run --workers $workers…" >&2
setsid "$VMSVC" run --workers "$workers" --kubeconfig "$kubeconfig" \
  --listen "inproc://vmsvc-run" \
  --metrics-bind-address "127.0.0.1:$metrics_port" --health-probe-bind-address "127.0.0.1:$health_port" \
  --log-format "${LOG_FORMAT:-text}" 2>"$workdir/operator.log" &
operator_pid=$!

cat <<MSG

kube-sim:   $(grep -o 'http://[^ ]*' "$workdir/sim.out")
kubeconfig: $kubeconfig
operator:   pid $operator_pid, log $workdir/operator.log
            metrics http://127.0.0.1:$metrics_port/metrics, readiness http://127.0.0.1:$health_port/readyz

Watch Endpoints follow the VMs:
  kubectl --kubeconfig $kubeconfig get endpoints -A -w
  kubectl --kubeconfig $kubeconfig get virtualmachineservices,services -A

Change a VM and see its Endpoints change:
  kubectl --kubeconfig $kubeconfig patch vm web-3 -n shop --subresource=status --type=merge \\
    -p '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"True","message":"","lastTransitionTime":"$(date -u +%Y-%m-%dT%H:%M:%SZ)"}]}}'
  kubectl --kubeconfig $kubeconfig label vm cart-2 -n shop app=web --overwrite
  kubectl --kubeconfig $kubeconfig delete vm web-1 -n shop

Check that every VirtualMachineService is converged:
  $VMSVC verify --kubeconfig $kubeconfig

Ctrl-C stops the operator and kube-sim.
MSG

tail -f "$workdir/operator.log" &
tail_pid=$!
# Returns when the operator exits on its own (or is interrupted by Ctrl-C, which runs stop).
wait "$operator_pid" || true
stop
