/// Best-of-N timing: the machine is shared, so the fastest round is the one least disturbed
/// by other processes (every round does the same work). Set-up is not timed.
enum Stopwatch {
    static func best<State>(
        rounds: Int, setUp: () throws -> State, _ body: (inout State) throws -> Void
    ) rethrows -> (elapsed: Duration, state: State) {
        var state = try setUp()
        var best = (elapsed: try ContinuousClock().measure { try body(&state) }, state: state)
        for _ in 1..<max(1, rounds) {
            state = try setUp()
            let elapsed = try ContinuousClock().measure { try body(&state) }
            if elapsed < best.elapsed { best = (elapsed, state) }
        }
        return best
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
