import Histogram

/// Propagation latencies of one phase, recorded in microseconds in an HdrHistogram (three
/// significant digits) and reported in milliseconds.
struct LatencyRecorder: Sendable {
    private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)

    mutating func record(_ latency: Duration) {
        let micros = latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000
        histogram.record(UInt64(max(1, micros)))
    }

    var summary: LatencySummary { LatencySummary(histogram) }
}

/// What the report keeps of a latency histogram.
struct LatencySummary: Codable, Sendable {
    var count: Int
    var p50Ms: Double
    var p90Ms: Double
    var p99Ms: Double
    var maxMs: Double
    var meanMs: Double
    /// (percentile, milliseconds) points for the CDF plot, denser towards the tail.
    var cdf: [[Double]]

    init(_ histogram: Histogram<UInt64>) {
        func ms(_ micros: UInt64) -> Double { Double(micros) / 1000 }
        count = Int(histogram.totalCount)
        guard count > 0 else {
            p50Ms = 0; p90Ms = 0; p99Ms = 0; maxMs = 0; meanMs = 0; cdf = []
            return
        }
        p50Ms = ms(histogram.valueAtPercentile(50))
        p90Ms = ms(histogram.valueAtPercentile(90))
        p99Ms = ms(histogram.valueAtPercentile(99))
        maxMs = ms(histogram.max)
        meanMs = histogram.mean / 1000
        cdf = histogram.percentiles(ticksPerHalfDistance: 10).map { [$0.percentileLevelIteratedTo, ms($0.value)] }
    }
}
