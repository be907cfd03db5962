import SwiftProtobuf

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Splits the full state of a namespace into Snapshot chunks that each fit in one frame,
/// so that a namespace with 10,000 VMs is sent as a few bounded frames instead of one
/// frame the receiver would refuse (and that would hold up every other namespace on the
/// connection while it is written).
///
/// Objects keep their order; the chunks carry consecutive sequence numbers starting at
/// `firstSequence` and chunk indexes starting at 0; only the last is `final`. An object
/// too large to share a frame gets a chunk of its own — if it is larger than a frame
/// by itself, `ShardCodec.encode` refuses that chunk and the caller reports the object.
public struct SnapshotChunker: Sendable {
    /// The frame limit the chunks must fit (the receiver's `ShardCodec.maxFrameBytes`).
    public let maxFrameBytes: Int

    public init(maxFrameBytes: Int = ShardCodec.defaultMaxFrameBytes) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// The content of one namespace, in the shape the chunks carry it.
    public struct Content: Sendable {
        public var virtualMachines: [ShardVMProjection]
        /// JSON of each object (see shard.proto).
        public var virtualMachineServices: [Data]
        public var services: [Data]
        public var endpoints: [Data]
        public var endpointSlices: [Data]

        public init(
            virtualMachines: [ShardVMProjection] = [], virtualMachineServices: [Data] = [],
            services: [Data] = [], endpoints: [Data] = [], endpointSlices: [Data] = []
        ) {
            self.virtualMachines = virtualMachines
            self.virtualMachineServices = virtualMachineServices
            self.services = services
            self.endpoints = endpoints
            self.endpointSlices = endpointSlices
        }
    }

    public func chunks(
        of content: Content, namespace: String, epoch: UInt64, firstSequence: UInt64
    ) -> [ShardSnapshot] {
        // Room for the envelope, the chunk's own fields and the namespace, generously.
        let budget = maxFrameBytes - 64 - namespace.utf8.count
        var chunks: [ShardSnapshot] = []
        var current = ShardSnapshot()
        var used = 0

        func add(cost: Int, _ append: (inout ShardSnapshot) -> Void) {
            if used > 0, used + cost > budget {
                chunks.append(current)
                current = ShardSnapshot()
                used = 0
            }
            append(&current)
            used += cost
        }

        for vm in content.virtualMachines {
            let size = (try? vm.serializedBytes() as [UInt8])?.count ?? budget
            add(cost: Self.repeatedFieldCost(size)) { $0.virtualMachines.append(vm) }
        }
        for json in content.virtualMachineServices {
            add(cost: Self.repeatedFieldCost(json.count)) { $0.virtualMachineServices.append(json) }
        }
        for json in content.services {
            add(cost: Self.repeatedFieldCost(json.count)) { $0.services.append(json) }
        }
        for json in content.endpoints {
            add(cost: Self.repeatedFieldCost(json.count)) { $0.endpoints.append(json) }
        }
        for json in content.endpointSlices {
            add(cost: Self.repeatedFieldCost(json.count)) { $0.endpointSlices.append(json) }
        }
        chunks.append(current)

        for index in chunks.indices {
            chunks[index].namespace = namespace
            chunks[index].epoch = epoch
            chunks[index].sequence = firstSequence + UInt64(index)
            chunks[index].chunkIndex = UInt32(index)
            chunks[index].final = index == chunks.count - 1
        }
        return chunks
    }

    /// Bytes an element of `size` adds to a repeated field: tag, length varint, payload.
    static func repeatedFieldCost(_ size: Int) -> Int {
        var lengthBytes = 1
        var remaining = size >> 7
        while remaining > 0 {
            lengthBytes += 1
            remaining >>= 7
        }
        return 1 + lengthBytes + size
    }
}
