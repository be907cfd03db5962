import Foundation
import ShardProtocol

/// What the coordinator sends: assignments with their snapshots, revokes, and deltas as
/// far as each worker's credit reaches.
extension Coordinator {
    /// Re-derives every owner after the worker set changed.
    func rebalanceAll() {
        execute(map.release(map.owners.keys.filter { !scope.selects($0) }))
        pending = pending.filter { map.owners[$0.key].map { !$0.revoking } ?? false }
        var namespaces = Set(map.owners.keys.filter(scope.selects))
        for namespace in cache.namespaces.keys where wants(namespace) { namespaces.insert(namespace) }
        execute(map.rebalance(namespaces))
    }

    /// Whether `namespace` needs an owner: it has a VirtualMachineService and is in scope,
    /// and the caches are complete (see `awaitedLists`).
    func wants(_ namespace: String) -> Bool {
        awaitedLists.isEmpty && cache.isActive(namespace) && scope.selects(namespace)
    }

    func execute(_ commands: [ShardMap.Command]) {
        for command in commands {
            switch command {
            case .assign(let namespace, let epoch, let worker):
                overCapacity.remove(namespace)
                var assign = ShardAssign()
                assign.namespaces = [namespaceEpoch(namespace, epoch)]
                server.send(to: worker, .assign(assign))
                // One line per move: how an operator (and the fault tests) see where a namespace went.
                logger.info("namespace assigned", metadata: ["namespace": "\(namespace)", "worker": "\(worker)", "epoch": "\(epoch)"])
                eventSink.yield(.assigned(namespace: namespace, worker: worker, epoch: epoch))
                sendSnapshot(namespace)
            case .revoke(let namespace, let epoch, let worker):
                // The next owner starts from a snapshot, which holds these changes.
                pending[namespace] = nil
                var revoke = ShardRevoke()
                revoke.namespaces = [namespaceEpoch(namespace, epoch)]
                server.send(to: worker, .revoke(revoke))
                counters.revokes += 1
                eventSink.yield(.revoking(namespace: namespace, worker: worker, epoch: epoch))
            case .overCapacity(let namespace):
                guard overCapacity.insert(namespace).inserted else { continue }
                logger.error(
                    "no worker has room for the namespace; it stays unserved until capacity frees up",
                    metadata: ["namespace": "\(namespace)", "workers": "\(map.workers.count)"])
            }
        }
    }

    /// The namespace's whole state from the cache, in chunks, under its current epoch.
    /// Snapshots are not held back by credit: a new owner cannot start without one.
    func sendSnapshot(_ namespace: String) {
        guard let ownership = map.owners[namespace] else { return }
        pending[namespace] = nil
        var content = WireEncoding.content(cache.content(of: namespace))
        dropOversized(&content, namespace: namespace)
        let first = ownership.lastSent + 1
        let chunks = chunker.chunks(of: content, namespace: namespace, epoch: ownership.epoch, firstSequence: first)
        _ = map.reserveSequences(namespace, count: chunks.count)
        for chunk in chunks { server.send(to: ownership.worker, .snapshot(chunk)) }
        counters.snapshots += 1
        eventSink.yield(
            .snapshotSent(namespace: namespace, worker: ownership.worker, epoch: ownership.epoch, chunks: chunks.count))
    }

    /// An object too large for a frame by itself would make its chunk undeliverable and the
    /// worker ask for the same snapshot forever; it is left out and reported instead.
    private func dropOversized(_ content: inout SnapshotChunker.Content, namespace: String) {
        let limit = config.maxFrameBytes - 1024
        for keyPath in [\SnapshotChunker.Content.virtualMachineServices, \.services, \.endpoints] {
            let (fits, tooLarge) = content[keyPath: keyPath].reduce(into: ([Data](), 0)) { result, json in
                if json.count <= limit { result.0.append(json) } else { result.1 += 1 }
            }
            guard tooLarge > 0 else { continue }
            counters.oversizedObjects += tooLarge
            logger.error("objects too large for a frame left out of a snapshot", metadata: ["namespace": "\(namespace)", "count": "\(tooLarge)"])
            content[keyPath: keyPath] = fits
        }
    }

    func flushAll(of worker: String) {
        for namespace in pending.keys.sorted() where map.owners[namespace]?.worker == worker {
            flush(namespace)
        }
    }

    /// Sends the namespace's waiting changes as Deltas while its owner has credit.
    func flush(_ namespace: String) {
        guard let ownership = map.owners[namespace], !ownership.revoking,
            var changes = pending[namespace], !changes.isEmpty
        else { return }
        while !changes.isEmpty, map.credit(of: ownership.worker) > 0 {
            let batch = changes.prefix(config.maxChangesPerDelta)
            sendDelta(namespace, batch, to: ownership.worker, epoch: ownership.epoch)
            changes.removeFirst(batch.count)
        }
        pending[namespace] = changes.isEmpty ? nil : changes
    }

    /// One Delta with the next sequence number, split in halves while it is too large.
    private func sendDelta(_ namespace: String, _ changes: ArraySlice<ShardChange>, to worker: String, epoch: UInt64) {
        guard let last = map.owners[namespace]?.lastSent else { return }
        var delta = ShardDelta()
        delta.namespace = namespace
        delta.epoch = epoch
        delta.sequence = last + 1
        delta.changes = Array(changes)
        do {
            let payload = try codec.encode(.delta(delta))
            _ = map.reserveSequences(namespace, count: 1)
            server.send(to: worker, payload: payload)
            counters.deltas += 1
            counters.changesSent += changes.count
        } catch .oversized where changes.count > 1 {
            let middle = changes.startIndex + changes.count / 2
            sendDelta(namespace, changes[..<middle], to: worker, epoch: epoch)
            sendDelta(namespace, changes[middle...], to: worker, epoch: epoch)
        } catch {
            counters.oversizedObjects += 1
            logger.error("change cannot be sent", metadata: ["namespace": "\(namespace)", "error": "\(error)"])
        }
    }

    private func namespaceEpoch(_ namespace: String, _ epoch: UInt64) -> ShardNamespaceEpoch {
        var entry = ShardNamespaceEpoch()
        entry.namespace = namespace
        entry.epoch = epoch
        return entry
    }
}
