import Foundation
import Testing

@testable import ShardProtocol

@Suite struct SnapshotChunkerTests {
    /// 10,000 VMs (with labels) and a few hundred services, as in a large tenant.
    static let bigNamespace = SnapshotChunker.Content(
        virtualMachines: (0..<10_000).map { ShardSamples.vm("vm-\($0)", labels: ["app": "web-\($0 % 50)", "tier": "frontend"]) },
        virtualMachineServices: (0..<300).map { Data(#"{"kind":"VirtualMachineService","name":"web-\#($0)"}"#.utf8) },
        services: (0..<300).map { _ in ShardSamples.serviceJSON },
        endpoints: [Data(count: 40_000)]
    )

    @Test func largeNamespaceIsSplitIntoFramesThatFit() throws {
        let codec = ShardCodec(maxFrameBytes: 64 * 1024)
        let chunks = SnapshotChunker(maxFrameBytes: codec.maxFrameBytes)
            .chunks(of: Self.bigNamespace, namespace: "tenant-a", epoch: 9, firstSequence: 100)

        #expect(chunks.count > 10)
        var tracker = SequenceTracker()
        for chunk in chunks {
            #expect(try codec.encode(.snapshot(chunk)).count <= codec.maxFrameBytes)
            #expect(tracker.admitSnapshotChunk(sequence: chunk.sequence, chunkIndex: chunk.chunkIndex, isFinal: chunk.final) == .apply)
            #expect(chunk.namespace == "tenant-a" && chunk.epoch == 9)
        }
        #expect(tracker.phase == .live)
        #expect(chunks.map(\.sequence) == Array(100..<(100 + UInt64(chunks.count))))
        #expect(chunks.map(\.chunkIndex) == Array(0..<UInt32(chunks.count)))
        #expect(chunks.filter(\.final).count == 1)
        #expect(chunks.last?.final == true)
    }

    @Test func chunksTogetherHoldEveryObjectInOrder() {
        let chunks = SnapshotChunker(maxFrameBytes: 64 * 1024)
            .chunks(of: Self.bigNamespace, namespace: "tenant-a", epoch: 1, firstSequence: 1)
        #expect(chunks.flatMap(\.virtualMachines) == Self.bigNamespace.virtualMachines)
        #expect(chunks.flatMap(\.virtualMachineServices) == Self.bigNamespace.virtualMachineServices)
        #expect(chunks.flatMap(\.services) == Self.bigNamespace.services)
        #expect(chunks.flatMap(\.endpoints) == Self.bigNamespace.endpoints)
    }

    @Test func emptyNamespaceIsOneFinalChunk() {
        let chunks = SnapshotChunker().chunks(of: .init(), namespace: "empty", epoch: 2, firstSequence: 7)
        #expect(chunks.count == 1)
        #expect(chunks.first?.final == true)
        #expect(chunks.first?.sequence == 7)
    }

    @Test func objectLargerThanAFrameGetsAChunkOfItsOwn() throws {
        let content = SnapshotChunker.Content(services: [Data(count: 10), Data(count: 5000), Data(count: 10)])
        let chunks = SnapshotChunker(maxFrameBytes: 1024).chunks(of: content, namespace: "a", epoch: 1, firstSequence: 1)
        #expect(chunks.map(\.services.count) == [1, 1, 1])
        #expect(throws: ShardCodecError.self) { try ShardCodec(maxFrameBytes: 1024).encode(.snapshot(chunks[1])) }
    }

    @Test(arguments: [0, 1, 127, 128, 16_383, 16_384, 70_000])
    func fieldCostMatchesTheEncodedSize(size: Int) throws {
        var snapshot = ShardSnapshot()
        snapshot.services = [Data(count: size)]
        let encoded: [UInt8] = try snapshot.serializedBytes()
        #expect(encoded.count == SnapshotChunker.repeatedFieldCost(size))
    }
}
