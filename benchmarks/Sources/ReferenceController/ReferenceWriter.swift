import Foundation
import KubeClient
import KubeModel
import Logging
import VMServiceCore

/// The API writes of a reconcile, as the reference makes them: controller-runtime's
/// `CreateOrPatch` for the Service and the Endpoints, merge patches of the
/// VirtualMachineService and its status, deletes — each counted — and Kubernetes Events
/// sent in the background, as client-go's event broadcaster does.
struct ReferenceWriter: Sendable {
    enum Operation: String, Sendable {
        case created, updated, unchanged
    }

    let client: KubeClient
    let metrics: ReferenceMetrics
    let logger: Logger
    let fieldManager = "virtualmachineservice-controller"

    /// `CreateOrPatch`: create `desired` when nothing is stored; otherwise send the merge
    /// patch from `stored` to `desired`, unless they render the same. Returns the object as
    /// the API server answered (the stored copy when nothing was sent).
    func createOrPatch<Object: KubernetesObject>(stored: Object?, desired: Object) async throws
        -> (Object, Operation)
    {
        let kind = Object.resource.kind
        guard let stored else {
            let created = try await counted("create \(kind)") {
                try await client.create(desired, fieldManager: fieldManager)
            }
            return (created, .created)
        }
        guard let patch = try ObjectDiff.mergePatch(from: stored, to: desired) else { return (stored, .unchanged) }
        let patched = try await counted("patch \(kind)") {
            try await client.patch(Object.self, name: stored.name, namespace: stored.namespace, patch: .merge(patch))
        }
        return (patched, .updated)
    }

    /// A merge patch of a VirtualMachineService (`subresource: "status"` for its status).
    func patchVirtualMachineService(
        _ vmService: VirtualMachineService, patch: JSONValue, subresource: String? = nil
    ) async throws {
        let kind = subresource == nil ? "patch VirtualMachineService" : "patch VirtualMachineService status"
        _ = try await counted(kind) {
            try await client.patch(
                VirtualMachineService.self, name: vmService.name, namespace: vmService.namespace,
                patch: .merge(patch), subresource: subresource)
        }
    }

    /// Deletes `object` if it is still the same object (UID precondition); gone is fine.
    func delete<Object: KubernetesObject>(_ object: Object) async throws {
        do {
            _ = try await counted("delete \(Object.resource.kind)") {
                try await client.delete(
                    Object.self, name: object.name, namespace: object.namespace,
                    options: DeleteOptions(preconditions: .init(uid: object.metadata.uid)))
            }
        } catch KubeAPIError.notFound {
            return
        }
    }

    /// Records an Event about `vmService` without waiting for it (best effort, like the
    /// reference's recorder, whose broadcaster writes from its own goroutine).
    func record(_ event: ReconcileEvent, about vmService: VirtualMachineService) {
        let now = Date().timeIntervalSince1970
        let stamp = MicroTime(microsecondsSince1970: Int64(now * 1_000_000))
        var object = Event(
            metadata: ObjectMeta(
                name: "\(vmService.name).\(String(UInt64(now * 1e9), radix: 16))", namespace: vmService.namespace))
        object.eventTime = stamp
        object.reportingController = "vmoperator.vmware.com/virtualmachineservice-controller"
        object.reportingInstance = "vmsvc-reference"
        object.action = "Reconcile"
        object.reason = event.reason
        object.note = String(event.message.prefix(1024))
        object.type = event.type
        object.regarding = ObjectReference(
            apiVersion: vmService.apiVersion, kind: VirtualMachineService.resource.kind,
            namespace: vmService.namespace, name: vmService.name, uid: vmService.metadata.uid)
        let (client, metrics, logger) = (client, metrics, logger)
        Task {
            do {
                _ = try await client.create(object)
                metrics.countEventCreated()
            } catch {
                logger.info("event not recorded", metadata: ["reason": "\(event.reason)", "error": "\(error)"])
            }
        }
    }

    private func counted<T: Sendable>(_ kind: String, _ write: () async throws -> T) async throws -> T {
        do {
            let result = try await write()
            metrics.countWrite(kind, succeeded: true)
            return result
        } catch {
            metrics.countWrite(kind, succeeded: false)
            throw error
        }
    }
}
