import Foundation

/// Best-of-N timing: the machine is shared, so the fastest round is the one least disturbed
/// by other processes (every round does the same work). Set-up is not timed. Each round's
/// CPU time of the calling thread is kept too: on a loaded machine wall time mostly measures
/// the wait for a core, CPU time the work.
enum Stopwatch {
    struct Round {
        var elapsed: Duration
        var cpu: Duration
    }

    static func best<State>(
        rounds: Int, setUp: () throws -> State, _ body: (inout State) throws -> Void
    ) rethrows -> (round: Round, state: State) {
        var state = try setUp()
        var best = (round: try measure { try body(&state) }, state: state)
        for _ in 1..<max(1, rounds) {
            state = try setUp()
            let round = try measure { try body(&state) }
            if round.cpu < best.round.cpu { best = (round, state) }
        }
        return best
    }

    private static func measure(_ body: () throws -> Void) rethrows -> Round {
        let cpuStart = threadCPUTime()
        let elapsed = try ContinuousClock().measure(body)
        return Round(elapsed: elapsed, cpu: threadCPUTime() - cpuStart)
    }

    private static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
