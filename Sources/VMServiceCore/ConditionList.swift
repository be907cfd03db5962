import KubeModel

/// The reference's condition mechanics (spec §6.2), shared by every condition the
/// controller writes: a transition time that moves only when status, reason or message
/// change, and a list kept sorted `Ready` first, then by type.
enum ConditionList {
    /// `conditions` with `condition` put in place of any condition of its type.
    static func setting(_ condition: Condition, in conditions: [Condition], now: Time) -> [Condition] {
        var condition = condition
        let previous = conditions.first(ofType: condition.type)
        if let previous, previous.status == condition.status,
            (previous.reason ?? "") == (condition.reason ?? ""), (previous.message ?? "") == (condition.message ?? "")
        {
            condition.lastTransitionTime = previous.lastTransitionTime
        } else {
            condition.lastTransitionTime = now
        }
        return sorted(conditions.filter { $0.type != condition.type } + [condition])
    }

    static func removing(_ type: String, from conditions: [Condition]) -> [Condition] {
        conditions.filter { $0.type != type }
    }

    static func sorted(_ conditions: [Condition]) -> [Condition] {
        conditions.sorted { a, b in
            if (a.type == "Ready") != (b.type == "Ready") { return a.type == "Ready" }
            return a.type < b.type
        }
    }
}
