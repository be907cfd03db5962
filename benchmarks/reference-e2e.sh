#!/usr/bin/env bash
# End-to-end check of vmsvc-reference (our re-implementation of the reference controller's
# algorithm): kube-sim with the sample fleet of hack/samples, vmsvc-reference against it, and
# `vmsvc verify` polled until it reports no discrepancy — after the initial sync, after VM
# changes (readiness, label move, delete), and after a VirtualMachineService deletion (the
# finalizer must be released). Ends with SIGTERM, which must give exit status 0.
#
# Environment:
#   VMSVC            a built vmsvc (default: ../.build/debug/vmsvc)
#   VMSVC_REFERENCE  a built vmsvc-reference (default: .build/debug/vmsvc-reference)
#   DEADLINE         seconds each convergence may take (default 120)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
samples="$root/hack/samples"
# shellcheck source=../hack/samples/apply-fleet.sh
source "$samples/apply-fleet.sh"
vmsvc="${VMSVC:-$root/.build/debug/vmsvc}"
reference="${VMSVC_REFERENCE:-$here/.build/debug/vmsvc-reference}"
deadline_seconds="${DEADLINE:-120}"
for binary in "$vmsvc" "$reference"; do
  [[ -x "$binary" ]] || { echo "missing $binary (build it first)" >&2; exit 2; }
done

workdir="$(mktemp -d -t vmsvc-reference-e2e.XXXXXX)"
kubeconfig="$workdir/kubeconfig"
sim_pid=""
reference_pid=""

cleanup() {
  for pid in "$reference_pid" "$sim_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$workdir"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- vmsvc-reference log (last 40 lines)" >&2
  tail -n 40 "$workdir/reference.log" >&2 || true
  exit 1
}

# Polls a command (every 0.2 s, bounded by the deadline) until it succeeds.
await_success() {
  local what="$1"; shift
  local deadline=$((SECONDS + deadline_seconds))
  until "$@" >"$workdir/last.out" 2>&1; do
    if [[ -n "$reference_pid" ]] && ! kill -0 "$reference_pid" 2>/dev/null; then fail "vmsvc-reference exited while waiting for $what"; fi
    if ((SECONDS >= deadline)); then cat "$workdir/last.out" >&2; fail "timed out after ${deadline_seconds}s waiting for $what"; fi
    sleep 0.2
  done
  echo "ok: $what" >&2
}

k() { kubectl --kubeconfig "$kubeconfig" "$@"; }
verify() { "$vmsvc" verify --kubeconfig "$kubeconfig"; }
vmservice_gone() { ! k get virtualmachineservice "$1" -n "$2" >/dev/null 2>&1; }

setsid "$vmsvc" sim --port 0 --crds "$root/deploy/crds" --kubeconfig-out "$kubeconfig" \
  >"$workdir/sim.out" 2>"$workdir/sim.log" &
sim_pid=$!
await_success "kube-sim to listen" grep -q "kube-sim listening" "$workdir/sim.out"

apply_sample_fleet "$samples"

if verify >/dev/null 2>&1; then fail "verify passed before any controller ran (the check would prove nothing)"; fi

setsid "$reference" --kubeconfig "$kubeconfig" --metrics-bind-address 127.0.0.1:0 2>"$workdir/reference.log" &
reference_pid=$!
await_success "initial sync (vmsvc verify exits 0)" verify

# VM changes the controller must follow: a readiness flip, a label move, a deletion.
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
k patch virtualmachine web-3 -n shop --subresource=status --type=merge \
  -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"True\",\"message\":\"\",\"lastTransitionTime\":\"$now\"}]}}" >/dev/null
k label virtualmachine cart-2 -n shop app=web --overwrite >/dev/null
k delete virtualmachine db-1 -n analytics >/dev/null
await_success "convergence after VM changes" verify

# Deleting a VirtualMachineService: children deleted, finalizer released, object gone.
k delete virtualmachineservice cart -n shop --wait=false >/dev/null
await_success "VirtualMachineService shop/cart to be released and gone" vmservice_gone cart shop
await_success "convergence after the deletion" verify

kill -TERM "$reference_pid"
status=0
wait "$reference_pid" || status=$?
reference_pid=""
[[ "$status" == 0 ]] || fail "vmsvc-reference exited with status $status on SIGTERM"
echo "PASS: vmsvc-reference converged three times and exited 0 on SIGTERM" >&2
