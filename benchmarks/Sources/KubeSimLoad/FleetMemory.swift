import Foundation

/// Resident memory per stored object: kube-sim's RSS before and after creating a fleet.
struct FleetMemory {
    let options: LoadOptions
    let count: Int

    func run() throws {
        guard let pid = options.pid else { throw LoadError.usage("--fleet needs --pid") }
        try Setup.namespace(options)
        guard let before = ProcessStats.read(pid: pid) else { throw LoadError.unexpected("cannot read /proc/\(pid)") }
        let start = DispatchTime.now().uptimeNanoseconds
        try Setup.virtualMachines(count, options)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard let after = ProcessStats.read(pid: pid) else { throw LoadError.unexpected("cannot read /proc/\(pid)") }
        let grown = after.residentBytes - before.residentBytes
        let cpu = after.cpuSeconds - before.cpuSeconds
        print("created \(count) VMs (\(VirtualMachineFixture.body(name: "vm-0", namespace: options.namespace).count) bytes of JSON each) in \(format(elapsed)) s: \(format(Double(count) / elapsed)) creates/s, kube-sim CPU \(format(cpu / Double(count) * 1e6)) µs per create")
        print("kube-sim RSS: \(before.residentBytes >> 20) MiB before, \(after.residentBytes >> 20) MiB after: \(grown / count) bytes per VM")
    }
}
