#!/usr/bin/env bash
# kube-sim's ceiling (see README.md, "kube-sim ceiling"): write throughput with watch fan-out
# (one request in flight per connection, then pipelined), the writes alone (pipelined),
# the cost of a request that does nothing (GET /healthz) and of reading one VM, fan-out to 100
# watchers (as it is, then with --watch-flush-interval 5000), then resident memory per VM for
# a 100k-VM fleet, each against a fresh `vmsvc sim`.
# Run from the repository root after building both in release:
#   swift build -c release --product vmsvc
#   (cd benchmarks && swift build -c release --product kube-sim-load)
#   benchmarks/kube-sim-ceiling.sh
# Environment: VMSVC, LOAD (binaries), CONNECTIONS, WATCHERS, OBJECTS, DURATION (seconds), PIPELINE, FLEET.
set -euo pipefail
VMSVC=${VMSVC:-.build/release/vmsvc}
LOAD=${LOAD:-benchmarks/.build/release/kube-sim-load}
LOG=$(mktemp)
SIM_PID=

start_sim() {
    "$VMSVC" sim --port 0 --crds deploy/crds "$@" >"$LOG" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 600); do
        URL=$(grep -o 'http://[0-9.:]*' "$LOG" | head -1 || true)
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    echo "kube-sim did not start:" >&2
    cat "$LOG" >&2
    exit 1
}

stop_sim() {
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=
}
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -f "$LOG"' EXIT

start_sim
"$LOAD" --url "$URL" --pid "$SIM_PID" --connections "${CONNECTIONS:-8}" --watchers "${WATCHERS:-10}" \
    --objects "${OBJECTS:-1000}" --seconds "${DURATION:-10}"
stop_sim

# The same writes pipelined, with the fan-out coalesced: each connection sends PIPELINE
# requests before reading their answers, so a round trip's system calls and wake-ups are
# shared as an HTTP/2 client's multiplexed requests share them. What is left is kube-sim's
# own work per write.
start_sim --watch-flush-interval 5000
echo "pipelined writes, kube-sim flags: --watch-flush-interval 5000"
"$LOAD" --url "$URL" --pid "$SIM_PID" --connections 4 --pipeline "${PIPELINE:-32}" --watchers "${WATCHERS:-10}" \
    --objects "${OBJECTS:-1000}" --seconds "${DURATION:-10}"
stop_sim

# The write aim on its own: the same pipelined merge patches with nobody watching, so the
# figure is what a write costs kube-sim (the fan-out has its own runs below).
start_sim
echo "pipelined writes, no watchers"
"$LOAD" --url "$URL" --pid "$SIM_PID" --connections 4 --pipeline "${PIPELINE:-32}" --watchers 0 \
    --objects "${OBJECTS:-1000}" --seconds "${DURATION:-10}"
stop_sim

start_sim
for path in /healthz /apis/vmoperator.vmware.com/v1alpha3/namespaces/bench/virtualmachines/vm-1; do
    "$LOAD" --url "$URL" --pid "$SIM_PID" --connections "${CONNECTIONS:-8}" --watchers 0 --objects "${OBJECTS:-1000}" \
        --seconds "${DURATION:-10}" --get "$path"
done
stop_sim

for flags in "" "--watch-flush-interval 5000"; do
    # shellcheck disable=SC2086 # the flags are words
    start_sim $flags
    echo "fan-out, kube-sim flags: ${flags:-none}"
    "$LOAD" --url "$URL" --pid "$SIM_PID" --connections 2 --watchers 100 --objects 1000 --rate 3000 \
        --seconds "${DURATION:-10}"
    stop_sim
done

start_sim
"$LOAD" --url "$URL" --pid "$SIM_PID" --connections 4 --fleet "${FLEET:-100000}"
stop_sim
