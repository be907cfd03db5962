/// The outcome of checking a whole cluster.
public struct VerifyReport: Sendable, Hashable, Codable {
    /// VirtualMachineServices looked at, valid or not.
    public var checked: Int
    /// Of those, the ones that failed validation and were only checked for existence.
    public var invalid: Int
    public var discrepancies: [Discrepancy]

    public init(checked: Int = 0, invalid: Int = 0, discrepancies: [Discrepancy] = []) {
        self.checked = checked
        self.invalid = invalid
        self.discrepancies = discrepancies
    }

    public var isClean: Bool { discrepancies.isEmpty }

    /// The last line `vmsvc verify` prints; tests and benchmarks grep for it.
    public var summary: String { "checked \(checked) VirtualMachineServices: \(discrepancies.count) discrepancies" }

    /// One line per discrepancy, then the summary.
    public var text: String {
        (discrepancies.map(\.description) + [summary]).joined(separator: "\n")
    }
}
