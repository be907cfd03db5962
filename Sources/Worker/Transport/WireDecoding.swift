import Foundation
import KubeModel
import ShardProtocol
import VMServiceCore

/// The worker's side of the wire schema: protobuf messages into the engine's types.
/// An object that does not decode is skipped (and counted by the caller), so one bad
/// object never holds up the rest of its namespace.
struct WireDecoding {
    private(set) var undecodableObjects = 0
    private let decoder = JSONDecoder()

    static func projection(_ message: ShardVMProjection) -> VMProjection {
        VMProjection(
            namespace: message.namespace, name: message.name, uid: message.uid, labels: message.labels,
            primaryIP4: message.primaryIp4, primaryIP6: message.primaryIp6,
            readyStatus: message.hasReadyStatus ? message.readyStatus : nil,
            hasReadinessProbe: message.readinessProbeConfigured, isBeingDeleted: message.beingDeleted)
    }

    mutating func object<Object: Decodable>(_ type: Object.Type, _ json: Data) -> Object? {
        do {
            return try decoder.decode(Object.self, from: json)
        } catch {
            undecodableObjects += 1
            return nil
        }
    }

    mutating func objects<Object: Decodable>(_ type: Object.Type, _ json: [Data]) -> [Object] {
        json.compactMap { object(type, $0) }
    }

    mutating func change(_ message: ShardChange) -> NamespaceChange? {
        switch message.kind {
        case .vmUpsert(let vm): .vmUpserted(Self.projection(vm))
        case .vmDelete(let delete): .vmDeleted(name: delete.name)
        case .vmServiceUpsert(let json): object(VirtualMachineService.self, json).map { .vmServiceUpserted($0) }
        case .vmServiceDelete(let reference): .vmServiceDeleted(name: reference.name)
        case .serviceUpsert(let json): object(Service.self, json).map { .serviceUpserted($0) }
        case .serviceDelete(let ref): .serviceDeleted(name: ref.name, resourceVersion: ref.version)
        case .endpointsUpsert(let json): object(Endpoints.self, json).map { .endpointsUpserted($0) }
        case .endpointsDelete(let ref): .endpointsDeleted(name: ref.name, resourceVersion: ref.version)
        case nil: nil
        }
    }

    /// The earliest time the coordinator observed one of `changes`' VM changes (the start
    /// of the propagation latency); nil when it did not say (an older coordinator).
    static func earliestVMObservation(_ changes: [ShardChange]) -> MicroTime? {
        let observed = changes.lazy.filter { $0.isVMChange && $0.hasObservedUnixMicros }.map(\.observedUnixMicros).min()
        return observed.map { MicroTime(microsecondsSince1970: Int64(clamping: $0)) }
    }

    /// Adds one snapshot chunk's objects to the snapshot being assembled.
    mutating func append(_ chunk: ShardSnapshot, to snapshot: inout NamespaceSnapshot) {
        snapshot.sequence = chunk.sequence
        snapshot.vms += chunk.virtualMachines.map(Self.projection)
        snapshot.vmServices += objects(VirtualMachineService.self, chunk.virtualMachineServices)
        snapshot.services += objects(Service.self, chunk.services)
        snapshot.endpoints += objects(Endpoints.self, chunk.endpoints)
    }
}

extension ShardObjectRef {
    /// The resourceVersion, nil when the sender left it out.
    fileprivate var version: String? { resourceVersion.isEmpty ? nil : resourceVersion }
}

extension ShardChange {
    fileprivate var isVMChange: Bool {
        switch kind {
        case .vmUpsert, .vmDelete: true
        default: false
        }
    }
}
