import Benchmark

let benchmarks: @Sendable () -> Void = {
    selectorIndexBenchmarks()
    desiredEndpointsBenchmarks()
    canonicalFormBenchmarks()
}
