import Foundation
import PropertyBased
import Testing

@testable import ShardProtocol

@Suite struct ShardCodecTests {
    let codec = ShardCodec()

    @Test func samplesCoverEveryMessageKind() {
        #expect(Set(ShardSamples.bodies.map(\.kind)).count == 11)
        #expect(ShardSamples.changes.count == 8)
    }

    @Test(arguments: ShardSamples.bodies)
    func everyMessageSurvivesARoundTrip(body: ShardEnvelope.OneOf_Body) throws {
        let decoded = try codec.decode(try codec.encode(body))
        #expect(decoded.protocolVersion == ShardCodec.currentVersion)
        #expect(decoded.body == body)
    }

    @Test func absentReadyStatusStaysAbsent() throws {
        var vm = ShardSamples.vm("vm-1")
        vm.clearReadyStatus()
        var snapshot = ShardSnapshot()
        snapshot.virtualMachines = [vm]
        let decoded = try codec.decode(try codec.encode(.snapshot(snapshot)))
        guard case .snapshot(let received) = decoded.body else {
            Issue.record("expected a snapshot, got \(String(describing: decoded.body))")
            return
        }
        #expect(!received.virtualMachines[0].hasReadyStatus)
        #expect(ShardSamples.vm("vm-1").hasReadyStatus)
    }

    @Test func everyTruncationOfAFrameIsRejected() throws {
        let frame = try codec.encode(ShardSamples.bodies[6])
        for length in 0..<frame.count {
            #expect(throws: ShardCodecError.self) { try codec.decode(Array(frame.prefix(length))) }
        }
        // Cut inside the body: the length prefix promises more bytes than there are.
        let error = #expect(throws: ShardCodecError.self) { try codec.decode(Array(frame.dropLast())) }
        #expect(error?.counterLabel == "undecodable")
    }

    @Test func oversizedFramesAreRejectedBeforeDecoding() throws {
        let small = ShardCodec(maxFrameBytes: 100)
        let garbage = [UInt8](repeating: 0xFF, count: 101)
        #expect(throws: ShardCodecError.oversized(size: 101, limit: 100)) { try small.decode(garbage) }
    }

    @Test func encodingRefusesAFrameThePeerWouldDrop() throws {
        let small = ShardCodec(maxFrameBytes: 100)
        var snapshot = ShardSnapshot()
        snapshot.services = [Data(count: 200)]
        let error = #expect(throws: ShardCodecError.self) { try small.encode(.snapshot(snapshot)) }
        guard case .oversized(let size, let limit) = error else {
            Issue.record("expected oversized, got \(String(describing: error))")
            return
        }
        #expect(size > 200)
        #expect(limit == 100)
    }

    @Test(arguments: [UInt32(0), 2, 99])
    func unsupportedVersionsAreRejected(version: UInt32) throws {
        var envelope = ShardEnvelope()
        envelope.protocolVersion = version
        envelope.body = ShardSamples.bodies[0]
        let frame = try codec.encode(envelope)
        #expect(throws: ShardCodecError.unsupportedVersion(version)) { try codec.decode(frame) }
    }

    @Test func aNewerVersionIsAcceptedWhenDeclaredSupported() throws {
        var envelope = ShardEnvelope()
        envelope.protocolVersion = 2
        envelope.body = ShardSamples.bodies[2]
        let tolerant = ShardCodec(supportedVersions: 1...2)
        #expect(try tolerant.decode(try tolerant.encode(envelope)).protocolVersion == 2)
    }

    @Test func envelopeWithoutABodyIsRejected() throws {
        var envelope = ShardEnvelope()
        envelope.protocolVersion = 1
        #expect(throws: ShardCodecError.missingBody) { try codec.decode(try codec.encode(envelope)) }
    }

    @Test func messageKindFromAFutureVersionIsRejectedAsMissingBody() throws {
        // protocol_version = 1, then field 30 (unknown here), length-delimited, empty.
        let frame: [UInt8] = [0x08, 0x01, 0xF2, 0x01, 0x00]
        #expect(throws: ShardCodecError.missingBody) { try codec.decode(frame) }
    }

    @Test func invalidUTF8InAStringIsRejected() throws {
        // protocol_version = 1, hello { worker_id = 0xFF }.
        let frame: [UInt8] = [0x08, 0x01, 0x52, 0x03, 0x0A, 0x01, 0xFF]
        #expect(throws: ShardCodecError.self) { try codec.decode(frame) }
    }

    @Test func randomBytesNeverCrashTheDecoder() async {
        await propertyCheck(count: 500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...64)) { bytes in
            do throws(ShardCodecError) {
                let envelope = try codec.decode(bytes)
                #expect(ShardCodec.supportedVersions.contains(envelope.protocolVersion))
                #expect(envelope.body != nil)
            } catch {
                #expect(!error.counterLabel.isEmpty)
            }
        }
    }

    @Test func corruptingOneByteNeverCrashesTheDecoder() async throws {
        let frame = try codec.encode(ShardSamples.bodies[7])
        await propertyCheck(input: Gen.int(in: 0...(frame.count - 1)), Gen<UInt8>.value(in: 0...255)) { index, value in
            var corrupted = frame
            corrupted[index] = value
            do throws(ShardCodecError) {
                _ = try codec.decode(corrupted)
            } catch {
                #expect(!error.counterLabel.isEmpty)
            }
        }
    }
}
