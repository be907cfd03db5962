import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One scrape of a vmsvc process's `/metrics` (found from its "serving metrics" log line).
struct ProcessMetrics {
    /// `name{labels}` as printed → value.
    let samples: [String: Double]

    struct Unreachable: Error, CustomStringConvertible {
        let description: String
    }

    static func scrape(_ process: ChildProcess) async throws -> ProcessMetrics {
        guard let line = await process.line(containing: "serving metrics", within: .seconds(30)),
            let address = Operator.jsonField("address", in: line), let url = URL(string: "http://\(address)/metrics")
        else { throw Unreachable(description: "\(process.name) serves no metrics") }
        let (data, _) = try await URLSession.shared.data(from: url)
        var samples: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return ProcessMetrics(samples: samples)
    }

    /// `value` of a process's metrics once two scrapes a publication apart agree: a process
    /// copies its counters to /metrics once a second, so one scrape may miss the last second.
    static func settled(_ process: ChildProcess, _ value: (ProcessMetrics) -> Double) async throws -> Double {
        var last = value(try await scrape(process))
        _ = try await eventually(within: .seconds(15), every: .milliseconds(1100)) {
            let now = value(try await scrape(process))
            defer { last = now }
            return now == last
        }
        return last
    }

    /// The sum of every series of `name` whose labels include all of `labels`.
    func sum(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { key, _ in
            (key == name || key.hasPrefix(name + "{"))
                && labels.allSatisfy { key.contains("\($0.key)=\"\($0.value)\"") }
        }.values.reduce(0, +)
    }

    /// API writes attempted by a worker, whatever their result.
    var writes: Double { sum("vmsvc_writes_total") }
}

/// Namespace ownership as the coordinator logs it ("namespace assigned" lines).
enum Ownership {
    /// namespace → worker id, replaying the assignments a coordinator logged.
    static func owners(_ coordinator: ChildProcess) -> [String: String] {
        var owners: [String: String] = [:]
        for line in coordinator.lines(containing: "namespace assigned") {
            guard let namespace = Operator.jsonField("namespace", in: line),
                let worker = Operator.jsonField("worker", in: line)
            else { continue }
            owners[namespace] = worker
        }
        return owners
    }
}

/// Polls `condition` until it holds or `timeout` passes; whether it held. For a state of
/// another process that announces nothing (it is read, not awaited as a line).
func eventually(
    within timeout: Duration, every period: Duration = .milliseconds(100), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now > deadline { return false }
        try? await Task.sleep(for: period)
    }
}
