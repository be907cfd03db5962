import PropertyBased
import Testing

@testable import ShardProtocol

/// The preference order behind capacity-aware assignment.
@Suite struct RendezvousRankingTests {
    @Test func rankingStartsWithTheOwnerAndHoldsEveryWorkerOnce() async {
        let workers = Gen.letterOrNumber.string(of: 1...12).map { "worker-\($0)" }.set(ofAtMost: 1...8)
        await propertyCheck(input: workers, Gen.letterOrNumber.string(of: 1...20)) { workers, namespace in
            let ranking = RendezvousHashing.ranking(of: namespace, among: Array(workers))
            #expect(ranking.first == RendezvousHashing.owner(of: namespace, among: Array(workers)))
            #expect(Set(ranking) == workers && ranking.count == workers.count)
            #expect(ranking == RendezvousHashing.ranking(of: namespace, among: workers.sorted().reversed()))
        }
    }

    /// Without the owner, the next in line is the owner among the rest: a worker that
    /// is full hands over exactly as if it had left.
    @Test func theRunnerUpIsTheOwnerWithoutTheFirst() {
        let workers = (1...6).map { "w\($0)" }
        for namespace in (1...50).map({ "ns-\($0)" }) {
            let ranking = RendezvousHashing.ranking(of: namespace, among: workers)
            #expect(ranking[1] == RendezvousHashing.owner(of: namespace, among: workers.filter { $0 != ranking[0] }))
        }
    }
}
