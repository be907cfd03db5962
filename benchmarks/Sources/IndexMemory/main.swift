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
    let (array, arrayBytes) = measure("  projections as decoded, in an array", vms: vmCount) {
        ContiguousArray((0..<vmCount).map { fleet.vm($0) })
    }
    let (store, _) = measure("  a [name: VMProjection] table over them (table only)", vms: vmCount) {
        Dictionary(uniqueKeysWithValues: array.map { ($0.name, $0) })
    }
    let (index, indexBytes) = measure("  SelectorIndex (its projections + index)", vms: vmCount) { fleet.makeIndex() }
    print("  SelectorIndex minus the decoded array: \((indexBytes - arrayBytes) / vmCount) bytes per VM")
    withExtendedLifetime((array, store, index)) {}
}
