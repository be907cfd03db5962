import Testing

@testable import KubeSim

@Suite("kube-sim object uids")
struct UUIDGeneratorTests {
    @Test func uidsAreDistinctVersionFourUUIDsInLowercaseHex() {
        let uids = (0..<1_000).map { _ in UUIDGenerator.next() }
        #expect(Set(uids).count == uids.count)
        for uid in uids {
            let groups = uid.split(separator: "-", omittingEmptySubsequences: false)
            #expect(groups.map(\.count) == [8, 4, 4, 4, 12], "\(uid)")
            #expect(uid.allSatisfy { $0 == "-" || ("0"..."9").contains($0) || ("a"..."f").contains($0) }, "\(uid)")
            #expect(groups[2].first == "4", "\(uid)")
            #expect(groups[3].first.map { "89ab".contains($0) } == true, "\(uid)")
        }
    }
}
