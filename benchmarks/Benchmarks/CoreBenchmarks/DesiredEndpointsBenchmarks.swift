import Benchmark
import KubeModel
import VMServiceCore

/// A ClusterIP VirtualMachineService selecting `app=web`, its stored IPv4 Service with two
/// ports, and 1,000 matching VMs with probes (two thirds ready, one third not).
struct EndpointsFixture {
    let vmService: VirtualMachineService
    let service: Service
    let vms: [VMProjection]
    /// The Endpoints the controller would store, with every address list reversed: what a
    /// read returns is equal in content but need not be in our order.
    let storedReordered: Endpoints

    init(vmCount: Int) {
        let metadata = ObjectMeta(name: "web", namespace: "bench", uid: "vmservice-uid")
        vmService = VirtualMachineService(
            metadata: metadata,
            spec: VirtualMachineServiceSpec(
                type: "ClusterIP",
                ports: [
                    VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080),
                    VirtualMachineServicePort(name: "https", protocol: "TCP", port: 443, targetPort: 8443),
                ],
                selector: ["app": "web"]))
        service = Service(
            metadata: metadata,
            spec: ServiceSpec(
                type: "ClusterIP",
                ports: [
                    ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: .int(8080)),
                    ServicePort(name: "https", protocol: "TCP", port: 443, targetPort: .int(8443)),
                ],
                ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack"))
        vms = (0..<vmCount).map { i in
            VMProjection(
                namespace: "bench", name: "web-\(i)", uid: "vm-uid-\(i)", labels: ["app": "web"],
                primaryIP4: "10.1.\(i >> 8 & 255).\(i & 255)", readyStatus: i % 3 == 0 ? "False" : "True",
                hasReadinessProbe: true)
        }
        var stored = desiredEndpoints(
            for: vmService, service: service, vms: vms, stored: nil, options: ReconcileOptions())?.desired
            ?? Endpoints(metadata: metadata)
        stored.subsets = stored.subsets?.map { subset in
            var subset = subset
            subset.addresses = subset.addresses?.reversed()
            subset.notReadyAddresses = subset.notReadyAddresses?.reversed()
            return subset
        }
        storedReordered = stored
    }
}

func desiredEndpointsBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 200)

    // The steady state of a dirty service: compute its Endpoints from 1,000 VMs and find, by
    // canonical comparison with the stored (reordered) copy, that nothing needs writing.
    Benchmark("desiredEndpoints for a service with 1,000 VMs", configuration: configuration) { benchmark, fixture in
        let result = desiredEndpoints(
            for: fixture.vmService, service: fixture.service, vms: fixture.vms, stored: fixture.storedReordered,
            options: ReconcileOptions())
        blackHole(result)
    } setup: {
        EndpointsFixture(vmCount: 1_000)
    }
}
