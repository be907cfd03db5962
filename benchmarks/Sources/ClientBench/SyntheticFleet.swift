import BenchmarkFixtures

/// A fleet of synthetic VMs and a churn over it, as watch-stream bytes: the default
/// mix of 60% readiness flips, 25% IP changes, 10% label moves between services, and 5%
/// changes no endpoint depends on (a heartbeat annotation), which the relevance filter drops.
struct SyntheticFleet {
    private(set) var vms: [SyntheticVM]
    private let services: Int
    private var random: SplitMix64
    private var resourceVersion = 1

    init(namespaces: Int, vmsPerNamespace: Int, servicesPerNamespace: Int, seed: UInt64 = 42) {
        services = servicesPerNamespace
        vms = (0..<namespaces).flatMap { namespace in
            (0..<vmsPerNamespace).map { index in
                SyntheticVM(namespace: "ns-\(namespace)", index: index, services: servicesPerNamespace)
            }
        }
        random = SplitMix64(seed: seed)
    }

    /// Every VM as an ADDED frame (the initial list, delivered as events).
    mutating func initialFrames() -> [UInt8] {
        var bytes: [UInt8] = []
        for index in vms.indices {
            resourceVersion += 1
            vms[index].resourceVersion = resourceVersion
            bytes += vms[index].frame(type: "ADDED")
        }
        return bytes
    }

    /// `count` MODIFIED frames of the churn mix.
    mutating func churnFrames(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 3300)
        for _ in 0..<count {
            let index = Int(random.next() % UInt64(vms.count))
            let roll = random.next() % 100
            var vm = vms[index]
            switch roll {
            case 0..<60: vm.ready.toggle()
            case 60..<85: vm.ip4 = "10.200.\(random.next() % 256).\(random.next() % 256)"
            case 85..<95: vm.role = "role-\(random.next() % UInt64(max(1, services)))"
            default: vm.heartbeat += 1
            }
            resourceVersion += 1
            vm.resourceVersion = resourceVersion
            vms[index] = vm
            bytes += vm.frame(type: "MODIFIED")
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// The stream cut as a transport hands it over (libcurl: at most 16 KiB per callback).
    func chunks(of size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
