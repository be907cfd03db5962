import ArgumentParser

/// A flag value like Go's `time.ParseDuration` accepts it for one unit: `50ms`, `2s`,
/// `1.5m`, `1h`, `250us`.
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    var duration: Duration
    private let text: String

    init(_ duration: Duration, text: String) {
        self.duration = duration
        self.text = text
    }

    init?(argument: String) {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        // Longest suffix first, so `ms` is not read as `s`.
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where argument.hasSuffix(unit.suffix) {
            guard let value = Double(argument.dropLast(unit.suffix.count)), value >= 0, value.isFinite else {
                return nil
            }
            self.init(.nanoseconds(Int64(value * unit.nanoseconds)), text: argument)
            return
        }
        return nil
    }

    var description: String { text }
    var defaultValueDescription: String { text }
}

extension DurationArgument {
    /// A duration flag's effective value: the flag, else the environment variable, else the default.
    static func resolve(_ flag: DurationArgument?, environment variable: String, default fallback: Duration) -> Duration {
        (flag ?? Environment.string(variable).flatMap(DurationArgument.init(argument:)))?.duration ?? fallback
    }
}
