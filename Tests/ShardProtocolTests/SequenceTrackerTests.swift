import PropertyBased
import Testing

@testable import ShardProtocol

/// A tracker that has applied a one-chunk snapshot at sequence 1.
private func liveTracker() -> SequenceTracker {
    var tracker = SequenceTracker()
    _ = tracker.admitSnapshotChunk(sequence: 1, chunkIndex: 0, isFinal: true)
    return tracker
}

@Suite struct SequenceTrackerTests {
    @Test func nothingIsAppliedBeforeTheSnapshot() {
        var tracker = SequenceTracker()
        #expect(tracker.admitDelta(sequence: 1) == .awaitingSnapshot)
        #expect(tracker.admitSnapshotChunk(sequence: 2, chunkIndex: 1, isFinal: true) == .awaitingSnapshot)
        #expect(tracker.phase == .awaitingSnapshot)
    }

    @Test func chunkedSnapshotBecomesLiveWithItsFinalChunk() {
        var tracker = SequenceTracker()
        #expect(tracker.admitSnapshotChunk(sequence: 1, chunkIndex: 0, isFinal: false) == .apply)
        #expect(tracker.phase == .receivingSnapshot)
        #expect(tracker.admitSnapshotChunk(sequence: 2, chunkIndex: 1, isFinal: false) == .apply)
        #expect(tracker.admitSnapshotChunk(sequence: 3, chunkIndex: 2, isFinal: true) == .apply)
        #expect(tracker.phase == .live)
        #expect(tracker.admitDelta(sequence: 4) == .apply)
        #expect(tracker.lastApplied == 4)
    }

    @Test func duplicatesAreIgnored() {
        var tracker = liveTracker()
        #expect(tracker.admitDelta(sequence: 2) == .apply)
        #expect(tracker.admitDelta(sequence: 2) == .duplicate)
        #expect(tracker.admitDelta(sequence: 1) == .duplicate)
        #expect(tracker.admitSnapshotChunk(sequence: 1, chunkIndex: 0, isFinal: true) == .duplicate)
        #expect(tracker.lastApplied == 2)
    }

    @Test func gapIsReportedOnceThenEverythingWaitsForASnapshot() {
        var tracker = liveTracker()
        #expect(tracker.admitDelta(sequence: 3) == .gap(expected: 2, received: 3))
        #expect(tracker.admitDelta(sequence: 4) == .awaitingSnapshot)
        #expect(tracker.admitDelta(sequence: 2) == .awaitingSnapshot)
        #expect(tracker.admitSnapshotChunk(sequence: 5, chunkIndex: 1, isFinal: true) == .awaitingSnapshot)
        #expect(tracker.lastApplied == 1)

        #expect(tracker.admitSnapshotChunk(sequence: 9, chunkIndex: 0, isFinal: true) == .apply)
        #expect(tracker.phase == .live)
        #expect(tracker.admitDelta(sequence: 10) == .apply)
    }

    @Test func gapInsideASnapshotIsDetected() {
        var tracker = SequenceTracker()
        #expect(tracker.admitSnapshotChunk(sequence: 1, chunkIndex: 0, isFinal: false) == .apply)
        #expect(tracker.admitSnapshotChunk(sequence: 3, chunkIndex: 2, isFinal: true) == .gap(expected: 2, received: 3))
        #expect(tracker.phase == .awaitingSnapshot)
    }

    /// Whatever frames are lost or repeated on the way, the tracker applies exactly the
    /// frames before the first loss, each once, and reports that loss as a gap at the
    /// first later frame — never a frame out of order, never a loss unnoticed.
    @Test func everyGapIsDetected() async {
        let fate = Gen.int(in: 0...9)  // 0: lost, 1: delivered twice, else: delivered once
        await propertyCheck(count: 300, input: fate.array(of: 1...60)) { fates in
            var tracker = liveTracker()
            var applied: [UInt64] = []
            var gaps: [SequenceVerdict] = []
            for (offset, fate) in fates.enumerated() where fate != 0 {
                let sequence = UInt64(offset + 2)
                for _ in 0..<(fate == 1 ? 2 : 1) {
                    switch tracker.admitDelta(sequence: sequence) {
                    case .apply: applied.append(sequence)
                    case .gap(let expected, let received): gaps.append(.gap(expected: expected, received: received))
                    case .duplicate, .awaitingSnapshot: break
                    }
                }
            }
            let firstLost = fates.firstIndex(of: 0).map { UInt64($0 + 2) }
            let deliveredAfterLoss = firstLost.flatMap { lost in
                fates.indices.first { UInt64($0 + 2) > lost && fates[$0] != 0 }.map { UInt64($0 + 2) }
            }
            let lastApplied = firstLost.map { $0 - 1 } ?? UInt64(fates.count + 1)
            #expect(applied == Array(stride(from: UInt64(2), through: lastApplied, by: 1)))
            if let firstLost, let deliveredAfterLoss {
                #expect(gaps == [.gap(expected: firstLost, received: deliveredAfterLoss)])
            } else {
                #expect(gaps.isEmpty)
            }
        }
    }
}
