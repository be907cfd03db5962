import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`: exec credential
/// plugins, and the servers and tools the tests start.
///
/// Not Foundation's `Process`: on Linux it learns that a child ended when a socket the child
/// inherited closes, and a process that another thread starts at the same moment can inherit
/// that socket too, so `waitUntilExit` never returns (swift-corelibs-foundation #4795; it
/// hung our test suite). The child gets standard input from /dev/null, the standard output
/// and error it is given, no other descriptor of this process, and default signal handling.
public final class SpawnedProcess: Sendable {
    public let pid: pid_t
    /// The exit status once reaped: guards against reaping twice or signalling a reused pid.
    private let exitStatus = Mutex<Int32?>(nil)

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameters:
    ///   - environment: the child's whole environment; nil = this process's.
    ///   - standardOutput, standardError: descriptors to hand the child; nil = /dev/null.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, source) in [(Int32(1), standardOutput), (2, standardError)] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            }
        }
        guard let closeFrom = Self.closeFrom else {
            throw SpawnError(description: "this libc has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34+)")
        }
        _ = closeFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, which its headers declare only for
    /// _GNU_SOURCE, so Swift's Glibc module does not see it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
    }()

    /// Runs `executable` to its end, output discarded; its exit status.
    public static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        try SpawnedProcess(executable, arguments).waitForExit()
    }

    /// Sends `signal` unless the process has already been reaped.
    public func send(_ signal: Int32) {
        exitStatus.withLock { status in
            if status == nil { _ = kill(pid, signal) }
        }
    }

    /// Blocks until the process ends: its exit code, or 128 + the signal that ended it.
    public func waitForExit() -> Int32 {
        // Wait without reaping, outside the lock, so that `send` is never held up; the pid
        // stays ours (a zombie) until it is reaped under the lock.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        return exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            status = code
            return code
        }
    }

    /// `waitForExit()` on a thread of its own, so no cooperative thread is held meanwhile.
    public func exit() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.waitForExit()) }.start()
        }
    }
}
