/// Fields an apply would change that other managers own: kube-apiserver's 409.
public struct ApplyConflicts: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Conflict: Sendable, Hashable {
        /// The other manager as kube-apiserver prints it: `"kubectl"`, or for an Update
        /// manager `"kubectl-edit" using v1 at 2024-05-01T12:00:00Z`.
        public var manager: String
        public var path: FieldPath
    }

    /// Sorted by manager, then path.
    public var conflicts: [Conflict]

    public var httpStatus: Int { 409 }
    public var statusReason: String { "Conflict" }

    /// The `message` of the Status (`getConflictMessage`).
    public var message: String {
        if conflicts.count == 1, let only = conflicts.first {
            return "Apply failed with 1 conflict: conflict with \(only.manager): \(only.path)"
        }
        var lines: [String] = []
        var current: String?
        for conflict in conflicts {
            if conflict.manager != current {
                lines.append("conflicts with \(conflict.manager):")
                current = conflict.manager
            }
            lines.append("- \(conflict.path)")
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    /// The `details.causes`: type `FieldManagerConflict`, one per field.
    public var causes: [(field: String, message: String)] {
        conflicts.map { ($0.path.description, "conflict with \($0.manager)") }
    }

    public var description: String { message }
}
