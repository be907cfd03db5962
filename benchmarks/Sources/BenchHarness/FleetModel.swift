/// The harness's own record of the fleet it put into the cluster: which VMs exist, their IPs,
/// readiness and app label. The churn generator changes it as it writes, and the propagation
/// tracker's expectations are derived from it, so nothing has to be read back from the API.
///
/// Service `app-k` of a namespace selects `app=app-k, env=prod`; a VM carries exactly one `app`
/// label, so it belongs to exactly one service and every service selects on average
/// `vmsPerNamespace / servicesPerNamespace` VMs.
struct FleetModel: Sendable {
    let shape: FleetShape
    private(set) var vms: [FleetVM] = []
    private var positions: [VMKey: Int] = [:]
    private var nextAddress: UInt32 = 1
    private var nextChurnVM = 0

    init(shape: FleetShape) {
        self.shape = shape
        for namespace in 0..<shape.namespaces {
            for slot in 0..<shape.vmsPerNamespace {
                add(
                    FleetVM(
                        namespace: Self.namespaceName(namespace), name: Self.vmName(slot),
                        ip: allocateAddress(), app: slot % shape.servicesPerNamespace,
                        // One VM in ten has no readiness probe: it is always a ready address.
                        hasProbe: slot % 10 != 9,
                        // A fifth of the probed VMs start not ready.
                        conditionReady: slot % 5 != 4))
            }
        }
    }

    var namespaces: [String] { (0..<shape.namespaces).map(Self.namespaceName) }

    /// Every service of the fleet, by namespace and app index.
    var services: [FleetService] {
        namespaces.flatMap { namespace in
            (0..<shape.servicesPerNamespace).map { FleetService(namespace: namespace, app: $0) }
        }
    }

    var count: Int { vms.count }

    subscript(position: Int) -> FleetVM {
        get { vms[position] }
        set { vms[position] = newValue }
    }

    func position(of key: VMKey) -> Int? { positions[key] }

    mutating func add(_ vm: FleetVM) {
        positions[vm.key] = vms.count
        vms.append(vm)
    }

    /// Removes by swapping the last VM into the hole, so removal stays O(1).
    mutating func remove(at position: Int) {
        let removed = vms[position]
        let last = vms.removeLast()
        positions[removed.key] = nil
        if position < vms.count {
            vms[position] = last
            positions[last.key] = position
        }
    }

    /// A fresh address: 10.0.0.1 upwards, unique over the whole run.
    mutating func allocateAddress() -> String {
        defer { nextAddress += 1 }
        return "10.\((nextAddress >> 16) & 255).\((nextAddress >> 8) & 255).\(nextAddress & 255)"
    }

    /// A name for a VM the churn creates, distinct from the seeded ones.
    mutating func churnVMName() -> String {
        defer { nextChurnVM += 1 }
        return "churn-\(nextChurnVM)"
    }

    static func namespaceName(_ index: Int) -> String { "bench-\(index)" }
    static func vmName(_ slot: Int) -> String { "vm-\(slot)" }
}

struct VMKey: Hashable, Sendable {
    var namespace: String
    var name: String
}

/// One VirtualMachine as the harness last wrote it.
struct FleetVM: Sendable {
    var namespace: String
    var name: String
    var ip: String
    var app: Int
    var hasProbe: Bool
    var conditionReady: Bool

    var key: VMKey { VMKey(namespace: namespace, name: name) }
    var service: ServiceKey { FleetService(namespace: namespace, app: app).key }

    /// Where the controller must list this VM's address (spec §5.5: without a probe a VM is
    /// always ready; with one, its Ready condition decides).
    var addressState: AddressState { !hasProbe || conditionReady ? .ready : .notReady }
}

/// One VirtualMachineService of the fleet: a tenth are LoadBalancer, a tenth headless.
struct FleetService: Sendable {
    var namespace: String
    var app: Int

    var name: String { "svc-\(app)" }
    var appLabel: String { "app-\(app)" }
    var key: ServiceKey { ServiceKey(namespace: namespace, name: name) }

    enum Kind: String, Sendable { case clusterIP, loadBalancer, headless }

    var kind: Kind {
        switch app % 10 {
        case 0: .loadBalancer
        case 1: .headless
        default: .clusterIP
        }
    }
}

/// A VirtualMachineService, and so its Endpoints, by namespace and name.
struct ServiceKey: Hashable, Sendable, CustomStringConvertible {
    var namespace: String
    var name: String

    var description: String { "\(namespace)/\(name)" }
}

/// Where an address is in an Endpoints object.
enum AddressState: String, Sendable, Codable {
    case ready, notReady, absent
}
