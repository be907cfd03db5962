import Foundation
import KubeClient
import KubeModel
import Logging

/// Gives the leader Lease up on a graceful stop, as client-go's `ReleaseOnCancel` does: an
/// empty holder lets a standby take over at its next retry instead of after the lease
/// duration. `LeaderElector` treats an empty holder as released.
enum LeaseRelease {
    static func release(client: KubeClient, namespace: String, name: String, identity: String, logger: Logger) async {
        do {
            var lease = try await client.get(Lease.self, name: name, namespace: namespace)
            guard lease.spec?.holderIdentity == identity else { return }
            lease.spec?.holderIdentity = ""
            lease.spec?.renewTime = MicroTime(microsecondsSince1970: Int64(Date().timeIntervalSince1970 * 1_000_000))
            // The resourceVersion makes this conditional: a Lease someone else took is left alone.
            _ = try await client.update(lease)
            logger.info("released the leader Lease", metadata: ["lease": "\(namespace)/\(name)"])
        } catch {
            logger.warning("could not release the leader Lease", metadata: ["error": "\(error)"])
        }
    }
}
