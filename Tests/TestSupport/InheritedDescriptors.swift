import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the descriptors of the test process out of the processes its tests start.
///
/// Foundation's `Process` hands every descriptor that lacks close-on-exec to the child, the
/// pipes `swift test` reads the test process through among them. A server started by a test
/// (kube-sim, openssl s_server, nghttpd) would then hold those pipes open, and if the test
/// process crashed, `swift test` would wait for ever for them to close instead of reporting
/// the crash.
public enum InheritedDescriptors {
    /// Marks every open descriptor above standard error close-on-exec. Call it just before
    /// starting a child process.
    public static func keepFromChildren() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for case let fd? in names.map({ Int32($0) }) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
