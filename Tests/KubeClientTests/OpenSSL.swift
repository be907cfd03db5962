import Foundation
import TestSupport

/// The `openssl` command line, for fixtures that make certificates at test time.
enum OpenSSL {
    /// Runs `openssl` with `arguments`, output discarded; throws when it fails.
    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        InheritedDescriptors.keepFromChildren()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
    }
}
