import Benchmark
import KubeModel
import VMServiceCore

func canonicalFormBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 500)

    // "Is a write needed?" for a 1,000-address Endpoints read back in another order than
    // the one we computed: the comparison every dirty service ends with.
    Benchmark("canonical comparison of two 1,000-address Endpoints", configuration: configuration) { benchmark, pair in
        blackHole(CanonicalForm.needsWrite(stored: pair.stored, desired: pair.desired))
    } setup: {
        let fixture = EndpointsFixture(vmCount: 1_000)
        let desired =
            desiredEndpoints(
                for: fixture.vmService, service: fixture.service, vms: fixture.vms, stored: nil,
                options: ReconcileOptions())?.desired ?? Endpoints(metadata: ObjectMeta())
        return (stored: fixture.storedReordered, desired: desired)
    }
}
