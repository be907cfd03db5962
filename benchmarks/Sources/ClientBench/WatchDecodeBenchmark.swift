import ArgumentParser
import Coordinator
import KubeClient
import KubeModel

/// `client-bench watch-decode`: how fast `WatchStreamDecoder` turns a watch stream of ~3 KB
/// VirtualMachines into typed events, fed in 16 KiB chunks as libcurl delivers them.
struct WatchDecodeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch-decode", abstract: "Watch decoding rate of ~3 KB VirtualMachine events.")

    @Option(help: "Watch events in the stream.")
    var events = 20_000

    @Option(help: "Bytes per chunk fed to the decoder.")
    var chunkBytes = 16_384

    @Option(help: "Rounds; the fastest is reported.")
    var rounds = 3

    func run() throws {
        var fleet = SyntheticFleet(namespaces: 10, vmsPerNamespace: 1_000, servicesPerNamespace: 100)
        let stream = fleet.churnFrames(events)
        let chunks = stream.chunks(of: chunkBytes)
        print("stream: \(events) events, \(stream.count) bytes, \(stream.count / events) bytes per event")
        report("VirtualMachine", bytes: stream.count, decode(VirtualMachine.self, chunks))
        // The coordinator decodes each object leniently (one bad object must not fail a list).
        report("LenientObject<VirtualMachine>", bytes: stream.count, decode(LenientObject<VirtualMachine>.self, chunks))
    }

    private func decode<Object: Codable & Sendable>(_ type: Object.Type, _ chunks: [ArraySlice<UInt8>])
        -> Stopwatch.Round
    {
        let (round, decoded) = Stopwatch.best(rounds: rounds, setUp: { 0 }) { decoded in
            var decoder = WatchStreamDecoder<Object>()
            for chunk in chunks {
                for frame in decoder.feed(chunk) {
                    if case .event = frame { decoded += 1 }
                }
            }
        }
        if decoded != events { print("warning: decoded \(decoded) of \(events) events") }
        return round
    }

    private func report(_ label: String, bytes: Int, _ round: Stopwatch.Round) {
        let (cpu, wall) = (Stopwatch.seconds(round.cpu), Stopwatch.seconds(round.elapsed))
        print(
            "\(label): \(Int(Double(events) / cpu)) events per CPU second, "
                + "\(String(format: "%.1f", Double(bytes) / 1_000_000 / cpu)) MB per CPU second "
                + "(wall clock: \(Int(Double(events) / wall)) events/s; best of \(rounds))")
    }
}
