import Foundation
import Synchronization

/// Stops every process the harness started when the harness itself is interrupted (Ctrl-C)
/// or terminated: without it kube-sim and the operator's processes outlive an aborted run and
/// hold its ports and CPU. They get SIGTERM (every vmsvc process drains and exits on it),
/// SIGKILL after `grace`, and the harness then exits with 128 + the signal's number.
enum InterruptCleanup {
    private static let children = Mutex<[ChildProcess]>([])
    /// Kept so that the sources stay alive. Safe unsynchronised: written only by `install`,
    /// which the command runs once before it starts anything concurrent, and never read.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    static let grace: Duration = .seconds(10)

    /// Records a started process; those that have exited are dropped from the list.
    static func started(_ child: ChildProcess) {
        children.withLock { list in
            list.removeAll { !$0.isRunning }
            list.append(child)
        }
    }

    private static var running: [ChildProcess] { children.withLock { $0.filter(\.isRunning) } }

    /// Installs the handlers; call once, before the first process starts.
    static func install() {
        for signal in [SIGINT, SIGTERM] {
            // Dispatch sees the signal only once its default action (exiting) is off.
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { stopAll(exitingWith: signal) }
            source.resume()
            sources.append(source)
        }
    }

    private static func stopAll(exitingWith signal: Int32) {
        let stopping = running
        FileHandle.standardError.write(Data("interrupted: stopping \(stopping.count) processes\n".utf8))
        for child in stopping { kill(child.pid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, !running.isEmpty { usleep(50_000) }
        for child in running { kill(child.pid, SIGKILL) }
        exit(128 + signal)
    }
}
