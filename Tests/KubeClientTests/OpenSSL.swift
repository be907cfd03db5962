import Foundation
import KubeClient

/// The `openssl` command line, for fixtures that make certificates at test time.
enum OpenSSL {
    /// Runs `openssl` with `arguments`, output discarded; throws when it fails.
    static func run(_ arguments: [String]) throws {
        guard try SpawnedProcess.run("/usr/bin/openssl", arguments) == 0 else { throw POSIXError(.EINVAL) }
    }
}
