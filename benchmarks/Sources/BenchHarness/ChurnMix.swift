import ArgumentParser

/// The kinds of VM change the churn makes, and how often each is drawn.
enum ChurnKind: String, Codable, Sendable, CaseIterable {
    /// A probed VM's Ready condition flips: its address moves between ready and not ready.
    case readinessFlip
    /// A VM gets a new primary IPv4 address.
    case ipChange
    /// A VM's `app` label changes: it leaves one service for another of its namespace.
    case labelMove
    /// A VM is created (with an address) or deleted, alternately, so the fleet keeps its size.
    case createDelete
}

/// Percentages per kind, `--mix readinessFlip,ipChange,labelMove,createDelete`.
struct ChurnMix: Codable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    var weights: [ChurnKind: Int]

    static let standard = ChurnMix(weights: [.readinessFlip: 60, .ipChange: 25, .labelMove: 10, .createDelete: 5])

    init(weights: [ChurnKind: Int]) { self.weights = weights }

    init?(argument: String) {
        let numbers = argument.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == ChurnKind.allCases.count, numbers.allSatisfy({ $0 >= 0 }), numbers.reduce(0, +) > 0
        else { return nil }
        weights = Dictionary(uniqueKeysWithValues: zip(ChurnKind.allCases, numbers))
    }

    var description: String { ChurnKind.allCases.map { String(weights[$0] ?? 0) }.joined(separator: ",") }

    func draw(using rng: inout some RandomNumberGenerator) -> ChurnKind {
        let total = ChurnKind.allCases.reduce(0) { $0 + (weights[$1] ?? 0) }
        var roll = Int.random(in: 0..<total, using: &rng)
        for kind in ChurnKind.allCases {
            roll -= weights[kind] ?? 0
            if roll < 0 { return kind }
        }
        return .readinessFlip
    }
}
