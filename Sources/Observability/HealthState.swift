import Synchronization

/// What `/readyz` answers: ready when every named check passes (for the coordinator
/// `synced`, for a worker `synced` and `assigned`), and never again once draining started,
/// so a Service in front of the pods stops sending work before the process exits.
public final class HealthState: Sendable {
    private struct State {
        var checks: [String: Bool]
        var draining = false
    }

    private let state: Mutex<State>

    /// - Parameter checks: the checks that must all pass; each starts failing.
    public init(checks: [String]) {
        state = Mutex(State(checks: Dictionary(uniqueKeysWithValues: checks.map { ($0, false) })))
    }

    public func set(_ check: String, _ passing: Bool) {
        state.withLock { $0.checks[check] = passing }
    }

    public func startDraining() {
        state.withLock { $0.draining = true }
    }

    public var isReady: Bool {
        state.withLock { state in !state.draining && state.checks.values.allSatisfy { $0 } }
    }

    /// The body of a `/readyz` answer, in the kube-apiserver's `[+]name ok` style.
    public func readinessReport() -> String {
        state.withLock { state in
            var lines = state.checks.keys.sorted().map { name in
                state.checks[name] == true ? "[+]\(name) ok" : "[-]\(name) failed"
            }
            if state.draining { lines.append("[-]shutdown draining") }
            let ready = !state.draining && state.checks.values.allSatisfy { $0 }
            lines.append(ready ? "readyz check passed" : "readyz check failed")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
