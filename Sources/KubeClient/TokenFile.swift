import Foundation
import Synchronization

/// A bearer token kept in a file that may be replaced at any time (a projected
/// service-account token, a `tokenFile` in a kubeconfig). The file is re-read when its
/// modification time or size changes, so a rotated token is used from the next request on
/// without a timer and without reading the file on every request.
public final class TokenFile: Sendable {
    public let path: String
    private let cache = Mutex<Cached?>(nil)

    private struct Cached {
        var modified: Date
        var size: Int
        var token: String
    }

    public init(path: String) {
        self.path = path
    }

    /// The current token, trimmed of surrounding whitespace.
    public func read() throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw KubeConfigError.unreadable(path: path, reason: "token file: \(error.localizedDescription)")
        }
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        if let cached = cache.withLock({ $0 }), cached.modified == modified, cached.size == size {
            return cached.token
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError.unreadable(path: path, reason: "token file cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw KubeConfigError.unreadable(path: path, reason: "token file is empty")
        }
        cache.withLock { $0 = Cached(modified: modified, size: size, token: token) }
        return token
    }

    /// Drops the cached token: after a 401 the file is read again even if it looks unchanged
    /// (a rewrite within the same second and of the same size is otherwise invisible).
    func forget() {
        cache.withLock { $0 = nil }
    }
}
