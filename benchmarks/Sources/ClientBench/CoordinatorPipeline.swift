import Coordinator
import KubeClient
import KubeModel
import ShardProtocol
import VMServiceCore

/// The coordinator's path for a VM watch event, without its sockets:
/// `WatchStreamDecoder<LenientObject<VirtualMachine>>` (as the reflector decodes), the
/// reflector's `ReflectorStore`, `ClusterCache.apply` (projection and the spec §2.2 relevance
/// filter), then per namespace the owner lookup (rendezvous hashing, remembered per
/// namespace as `ShardMap.owners` does) and one encoded Delta of that input's changes
/// (`ShardCodec`).
struct CoordinatorPipeline {
    private var decoder = WatchStreamDecoder<LenientObject<VirtualMachine>>()
    private var store = ReflectorStore<LenientObject<VirtualMachine>>()
    private var cache = ClusterCache()
    private var owners: [String: String] = [:]
    private var sequences: [String: UInt64] = [:]
    private let workers: [String]
    private let codec = ShardCodec()
    private(set) var routed = 0
    private(set) var deltas = 0
    private(set) var deltaBytes = 0
    /// Per worker, bytes it was sent (a stand-in for the socket write).
    private(set) var sentBytes: [String: Int] = [:]

    init(workers: [String]) {
        self.workers = workers
    }

    mutating func resetCounts() {
        (routed, deltas, deltaBytes) = (0, 0, 0)
        sentBytes = [:]
    }

    /// Handles one chunk of the watch stream.
    mutating func feed(_ chunk: ArraySlice<UInt8>) throws {
        var pending: [String: [ShardChange]] = [:]
        for frame in decoder.feed(chunk) {
            guard case .event(let event) = frame, let change = store.apply(event) else { continue }
            for namespaced in cache.apply(change) {
                pending[namespaced.namespace, default: []].append(WireEncoding.change(namespaced.change))
                routed += 1
            }
        }
        for (namespace, changes) in pending {
            let owner = owner(of: namespace)
            var delta = ShardDelta()
            delta.namespace = namespace
            delta.epoch = 1
            sequences[namespace, default: 0] += 1
            delta.sequence = sequences[namespace, default: 1]
            delta.changes = changes
            let bytes = try codec.encode(.delta(delta)).count
            deltas += 1
            deltaBytes += bytes
            sentBytes[owner, default: 0] += bytes
        }
    }

    private mutating func owner(of namespace: String) -> String {
        if let owner = owners[namespace] { return owner }
        let owner = RendezvousHashing.owner(of: namespace, among: workers) ?? ""
        owners[namespace] = owner
        return owner
    }
}
