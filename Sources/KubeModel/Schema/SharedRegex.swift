import Synchronization

/// A `Regex` compiled once and matched from any thread.
///
/// Why: building a `Regex` parses and compiles it, and a schema's `pattern` built per check
/// cost kube-sim more than all the rest of validating a write. `Regex` is not `Sendable`, so
/// the compiled one lives in a lock; a match holds it for microseconds.
final class SharedRegex<Output>: Sendable {
    private let regex: Mutex<Regex<Output>>

    init(_ regex: sending Regex<Output>) {
        self.regex = Mutex(regex)
    }

    func containsMatch(in text: String) -> Bool {
        regex.withLock { text.firstMatch(of: $0) != nil }
    }

    func wholeMatches(_ text: String) -> Bool {
        regex.withLock { text.wholeMatch(of: $0) != nil }
    }
}

extension SharedRegex where Output == AnyRegexOutput {
    /// Nil when `pattern` is not a regular expression Swift can compile.
    convenience init?(pattern: String) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.init(regex)
    }
}
