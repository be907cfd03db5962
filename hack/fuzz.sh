#!/usr/bin/env bash
# Builds the libFuzzer harnesses in fuzz/ (ASan + libFuzzer) and runs each for FUZZ_SECONDS
# (default 60), starting from the committed seed corpus in fuzz/corpus/<harness>. New inputs
# go to .build-fuzz/corpus (not committed); a crash leaves its input in .build-fuzz/crashes
# and fails the run. Prints one summary line per harness.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
harnesses=(${FUZZ_HARNESSES:-FuzzWatchStream FuzzLabelSelector FuzzShardFrame FuzzKubeConfig})
# SwiftPM passes -sanitize-coverage=edge, which alone makes swiftc emit trace-pc-guard
# instrumentation; today's libFuzzer ignores that ("no longer supported") and fuzzes blind.
# The flag after it asks for the counters libFuzzer reads.
build=(swift build --package-path fuzz --scratch-path .build-fuzz/build --sanitize=fuzzer --sanitize=address
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table)
"${build[@]}" >/dev/null
bin=$("${build[@]}" --show-bin-path)
status=0
for harness in "${harnesses[@]}"; do
    corpus=.build-fuzz/corpus/$harness
    crashes=.build-fuzz/crashes/$harness
    mkdir -p "$corpus" "$crashes"
    log=.build-fuzz/$harness.log
    if "$bin/$harness" -max_total_time="$seconds" -max_len=65536 -artifact_prefix="$crashes/" \
        "$corpus" "fuzz/corpus/$harness" >"$log" 2>&1; then
        result=ok
    else
        result="CRASH (see $log and $crashes)"
        status=1
    fi
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo "?")
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
    echo "$harness: ${seconds}s, $runs runs, coverage $cov edges: $result"
done
exit $status
