import BenchmarkFixtures
import CHeapStats
import VMServiceCore

/// Prints the heap bytes per VM of the selector index for 100k VMs with 10 labels each,
/// next to the bytes of the same projections held in a plain dictionary, so the index's own
/// overhead can be read off. Uses glibc's `mallinfo2` (bytes in use by malloc).
func heapInUse() -> Int { Int(heap_stats_bytes_in_use()) }

func measure<T>(_ what: String, vms: Int, _ build: () -> T) -> (T, Int) {
    let before = heapInUse()
    let value = build()
    let bytes = heapInUse() - before
    print("\(what): \(bytes) bytes, \(bytes / vms) bytes per VM")
    return (value, bytes)
}

let vmCount = 100_000
for serviceCount in [1, 1_000] {
    let fleet = Fleet(vmCount: vmCount, serviceCount: serviceCount, labelsPerVM: 10)
    print("\(vmCount) VMs, 10 labels each, \(serviceCount) services:")
    let (store, storeBytes) = measure("  projections in [name: VMProjection]", vms: vmCount) {
        Dictionary(uniqueKeysWithValues: (0..<vmCount).map { i in let vm = fleet.vm(i); return (vm.name, vm) })
    }
    let (index, indexBytes) = measure("  SelectorIndex (projections + index)", vms: vmCount) { fleet.makeIndex() }
    print("  index overhead beyond the projections: \((indexBytes - storeBytes) / vmCount) bytes per VM")
    withExtendedLifetime((store, index)) {}
}
