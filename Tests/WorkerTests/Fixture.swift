import KubeModel
import VMServiceCore

@testable import Worker

/// Builders for the objects the worker tests feed in; one namespace, `ns`.
enum Fixture {
    static let namespace = "ns"

    static func vmService(
        _ name: String, selector: [String: String]?, resourceVersion: String = "1",
        finalizers: [String]? = [VMServiceConstants.finalizer]
    ) -> VirtualMachineService {
        VirtualMachineService(
            metadata: ObjectMeta(
                name: name, namespace: namespace, uid: "uid-\(name)", resourceVersion: resourceVersion, generation: 1,
                finalizers: finalizers),
            spec: VirtualMachineServiceSpec(
                type: "ClusterIP",
                ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080)],
                selector: selector))
    }

    static func vm(_ name: String, ip: String, labels: [String: String], ready: String? = "True") -> VMProjection {
        VMProjection(
            namespace: namespace, name: name, uid: "uid-\(name)", labels: labels, primaryIP4: ip, readyStatus: ready)
    }

    /// `count` VMs `prefix-0…` labelled `app=app`, at 10.<subnet>.0.1… .
    static func vms(_ prefix: String, count: Int, app: String, subnet: Int) -> [VMProjection] {
        (0..<count).map { vm("\(prefix)-\($0)", ip: "10.\(subnet).0.\($0 + 1)", labels: ["app": app]) }
    }
}

extension Endpoints {
    /// Ready addresses' IPs, in the stored order.
    var readyIPs: [String] { (subsets ?? []).flatMap { ($0.addresses ?? []).map(\.ip) } }
}
