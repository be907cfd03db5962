/// Percentiles of request latencies, in microseconds.
struct LatencySummary {
    var p50: Double
    var p99: Double
    var max: Double

    init(nanoseconds samples: [UInt64]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = min(sorted.count - 1, Int(Double(sorted.count) * fraction))
            return Double(sorted[index]) / 1000
        }
        p50 = at(0.50)
        p99 = at(0.99)
        max = sorted.last.map { Double($0) / 1000 } ?? 0
    }
}
