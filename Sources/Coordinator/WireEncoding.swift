import Foundation
import KubeModel
import ShardProtocol
import VMServiceCore

/// The coordinator's side of the wire schema: cache values into protobuf messages.
/// (The worker's transport does the reverse.) Full objects travel as JSON (see shard.proto).
public enum WireEncoding {
    public static func projection(_ vm: VMProjection) -> ShardVMProjection {
        var message = ShardVMProjection()
        message.namespace = vm.namespace
        message.name = vm.name
        message.uid = vm.uid
        message.labels = vm.labels
        message.primaryIp4 = vm.primaryIP4
        message.primaryIp6 = vm.primaryIP6
        if let status = vm.readyStatus { message.readyStatus = status }
        message.readinessProbeConfigured = vm.hasReadinessProbe
        message.beingDeleted = vm.isBeingDeleted
        return message
    }

    /// Our model types encode without failing (they hold no non-finite numbers); should
    /// one ever fail, the worker receives bytes it cannot decode and skips that object.
    static func json(_ object: some Encodable) -> Data {
        (try? JSONEncoder().encode(object)) ?? Data()
    }

    public static func change(_ change: ClusterChange) -> ShardChange {
        var message = ShardChange()
        switch change {
        case .vmUpserted(let vm):
            message.vmUpsert = projection(vm)
        case .vmDeleted(let name, let uid, let labels):
            var delete = ShardVMDelete()
            delete.name = name
            delete.uid = uid
            delete.lastLabels = labels
            message.vmDelete = delete
        case .vmServiceUpserted(let object):
            message.vmServiceUpsert = json(object)
        case .vmServiceDeleted(let name, let uid):
            message.vmServiceDelete = reference(name, uid)
        case .serviceUpserted(let object):
            message.serviceUpsert = json(object)
        case .serviceDeleted(let name, let uid, let version):
            message.serviceDelete = reference(name, uid, version)
        case .endpointsUpserted(let object):
            message.endpointsUpsert = json(object)
        case .endpointsDeleted(let name, let uid, let version):
            message.endpointsDelete = reference(name, uid, version)
        case .endpointSliceUpserted(let object):
            message.endpointSliceUpsert = json(object)
        case .endpointSliceDeleted(let name, let uid, let version):
            message.endpointSliceDelete = reference(name, uid, version)
        }
        return message
    }

    static func content(_ content: NamespaceContent) -> SnapshotChunker.Content {
        SnapshotChunker.Content(
            virtualMachines: content.vms.map(projection),
            virtualMachineServices: content.vmServices.map(json),
            services: content.services.map(json),
            endpoints: content.endpoints.map(json),
            endpointSlices: content.endpointSlices.map(json))
    }

    private static func reference(_ name: String, _ uid: String, _ resourceVersion: String? = nil) -> ShardObjectRef {
        var reference = ShardObjectRef()
        reference.name = name
        reference.uid = uid
        reference.resourceVersion = resourceVersion ?? ""
        return reference
    }
}
