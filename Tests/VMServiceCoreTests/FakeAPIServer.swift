import Foundation
import KubeModel

@testable import VMServiceCore

/// A tiny in-memory API server for one namespace, executing a `ReconcilePlan` the way the
/// worker does (spec §3): phase 1 in order, phase 2 from the Service it returned, then the
/// final writes. Patches are applied as JSON merge patches to the stored JSON, so a wrong
/// patch body shows up as a wrong stored object.
///
/// `defaulting` mimics a single-stack IPv4 kube-apiserver (spec §5.4): `ipFamilies` and
/// `ipFamilyPolicy` defaulted, `RequireDualStack` rejected; without it the store behaves like
/// the reference's fake client, storing objects exactly as sent.
struct FakeAPIServer {
    var vmService: VirtualMachineService
    var services: [String: Service] = [:]
    var endpoints: [String: Endpoints] = [:]
    var slices: [String: EndpointSlice] = [:]
    var events: [ReconcileEvent] = []
    var writes: [ReconcileAction] = []
    var defaulting = false
    /// Writes of these kinds fail (for error-path tests).
    var failing: Set<String> = []
    private var nextUID = 1

    init(_ vmService: VirtualMachineService, defaulting: Bool = false) {
        self.vmService = vmService
        self.defaulting = defaulting
    }

    struct WriteFailure: Error {}

    var service: Service? { services[vmService.name] }
    var endpoint: Endpoints? { endpoints[vmService.name] }

    /// One pass; returns the plan's failure, if any, or the first failed write.
    @discardableResult
    mutating func reconcile(
        _ reconciler: Reconciler = Reconciler(), vms: [VMProjection] = [], now: Time = Fixture.now
    ) throws -> Bool {
        let input = ReconcileInput(
            vmService: vmService, storedService: service, storedEndpoints: endpoint, vms: vms, now: now,
            storedEndpointSlices: slices.values.sorted { $0.name < $1.name })
        let plan = try reconciler.plan(input)
        var ok = plan.failure == nil
        var returned: Service?
        for action in plan.serviceActions where ok {
            ok = apply(action, returnedService: &returned)
        }
        if ok, let phase = plan.endpointsPhase {
            for action in try phase.actions(service: returned) where ok {
                ok = apply(action, returnedService: &returned)
            }
        }
        for action in plan.finalActions { _ = apply(action, returnedService: &returned) }
        return ok
    }

    private mutating func apply(_ action: ReconcileAction, returnedService: inout Service?) -> Bool {
        if case .event(let event) = action {
            events.append(event)
            return true
        }
        writes.append(action)
        if failing.contains(kind(of: action)) { return false }
        switch action {
        case .createService(var service):
            guard admit(&service) else { return false }
            service.metadata.uid = takeUID()
            services[service.name] = service
            returnedService = service
        case .patchService(let patch, _):
            guard var service = patched(service, with: patch) else { return false }
            guard admit(&service) else { return false }
            services[service.name] = service
            returnedService = service
        case .createEndpoints(var endpoints):
            endpoints.metadata.uid = takeUID()
            self.endpoints[endpoints.name] = endpoints
        case .patchEndpoints(let patch, _):
            guard let endpoints = patched(endpoint, with: patch) else { return false }
            self.endpoints[endpoints.name] = endpoints
        case .deleteEndpoints(_, let name, _):
            endpoints[name] = nil
        case .deleteService(_, let name, _):
            services[name] = nil
        case .createEndpointSlice(var slice):
            slice.metadata.uid = takeUID()
            slice.metadata.name = "\(slice.metadata.generateName ?? "")\(slice.metadata.uid ?? "")"
            slices[slice.name] = slice
        case .patchEndpointSlice(let name, let patch, _):
            guard let slice = patched(slices[name], with: patch) else { return false }
            slices[name] = slice
        case .deleteEndpointSlice(_, let name, _):
            slices[name] = nil
        case .patchVirtualMachineService(let patch):
            guard let object = patched(vmService, with: patch) else { return false }
            vmService = object
        case .patchVirtualMachineServiceStatus(let patch, _):
            guard let object = patched(vmService, with: patch) else { return false }
            vmService = object
        case .event:
            break
        }
        return true
    }

    private func kind(of action: ReconcileAction) -> String {
        switch action {
        case .createService, .patchService, .deleteService: "Service"
        case .createEndpoints, .patchEndpoints, .deleteEndpoints: "Endpoints"
        case .createEndpointSlice, .patchEndpointSlice, .deleteEndpointSlice: "EndpointSlice"
        case .patchVirtualMachineService, .patchVirtualMachineServiceStatus: "VirtualMachineService"
        case .event: "Event"
        }
    }

    /// A single-stack IPv4 API server's Service defaulting and dual-stack rejection.
    private func admit(_ service: inout Service) -> Bool {
        guard defaulting, var spec = service.spec else { return true }
        if spec.type == ServiceType.externalName { return true }
        if spec.ipFamilyPolicy == IPFamilyPolicy.requireDualStack { return false }
        if (spec.ipFamilies ?? []).isEmpty { spec.ipFamilies = [IPFamily.ipv4] }
        spec.ipFamilies = spec.ipFamilies.map { Array($0.prefix(1)) }
        if spec.ipFamilyPolicy == nil { spec.ipFamilyPolicy = IPFamilyPolicy.singleStack }
        if spec.clusterIP == nil { spec.clusterIP = "10.96.0.10" }
        service.spec = spec
        return true
    }

    private mutating func takeUID() -> String {
        defer { nextUID += 1 }
        return "stored-uid-\(nextUID)"
    }

    private func patched<Object: Codable>(_ object: Object?, with patch: JSONValue) -> Object? {
        guard let object, let json = try? MergePatch.json(object),
            let data = try? JSONEncoder().encode(Self.merge(patch, into: json))
        else { return nil }
        return try? JSONDecoder().decode(Object.self, from: data)
    }

    /// RFC 7386 apply.
    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in changes {
            if value == .null {
                members.removeValue(forKey: key)
            } else {
                members[key] = merge(value, into: members[key] ?? .null)
            }
        }
        return .object(members)
    }
}
