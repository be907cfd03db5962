import Benchmark
import BenchmarkFixtures
import VMServiceCore

/// Holds the index across the samples of one benchmark, so each sample mutates it in place
/// instead of copying 10k VMs (a value captured by the closure would be copied on first write).
final class IndexFixture {
    var index: SelectorIndex
    var flip = false

    init(_ index: SelectorIndex) { self.index = index }
}

func selectorIndexBenchmarks() {
    let fleet = Fleet(vmCount: 10_000, serviceCount: 1_000)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 100)

    // VM 1 alternates between role-1 and role-2: each update moves it from one service to
    // another, and the index reports both.
    Benchmark(
        "SelectorIndex VM update, 10k VMs / 1k services in one namespace: label change moving a VM",
        configuration: configuration
    ) { benchmark, fixture in
        let versions = [fleet.vm(1, role: 2), fleet.vm(1, role: 1)]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            fixture.flip.toggle()
            blackHole(fixture.index.upsertVM(versions[fixture.flip ? 0 : 1]))
        }
        benchmark.stopMeasurement()
    } setup: {
        IndexFixture(fleet.makeIndex())
    }

    // The same projection again (a freshly built equal copy, as after a resync): nothing to do.
    Benchmark(
        "SelectorIndex VM update, 10k VMs / 1k services in one namespace: no-op update",
        configuration: configuration
    ) { benchmark, fixture in
        let same = fleet.vm(1)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(fixture.index.upsertVM(same))
        }
        benchmark.stopMeasurement()
    } setup: {
        IndexFixture(fleet.makeIndex())
    }
}
