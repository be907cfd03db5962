import Foundation

/// The processes a run measures (kube-sim, the operator's processes, the harness itself), read
/// together at the start and end of each phase.
struct ProcessGroup: Sendable {
    var members: [(name: String, pid: Int32)]

    init(_ children: [ChildProcess], includeHarness: Bool = true) {
        members = children.map { ($0.name, $0.pid) }
        if includeHarness { members.append(("harness", getpid())) }
    }

    func snapshot() -> [String: ProcessStats] {
        var out: [String: ProcessStats] = [:]
        for member in members { out[member.name] = ProcessStats.read(pid: member.pid) }
        return out
    }

    /// Usage of each process since `start` (processes that exited meanwhile are left out).
    func usage(since start: [String: ProcessStats]) -> [PhaseUsage] {
        let now = snapshot()
        return members.compactMap { member in
            now[member.name].map { PhaseUsage(process: member.name, from: start[member.name], to: $0) }
        }
    }
}
