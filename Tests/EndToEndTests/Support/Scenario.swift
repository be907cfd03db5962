import Foundation
import Testing

/// Runs `body` against a fresh kube-sim and operator in a temporary directory, and stops
/// every process whether it succeeds or throws. The exit statuses of the processes left.
@discardableResult
func withOperator(
    _ settings: OperatorSettings, _ body: (Operator) async throws -> Void
) async throws -> [String: Int32] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let cluster = try await Operator.start(settings, in: directory)
    do {
        try await body(cluster)
    } catch {
        _ = await cluster.stop()
        throw error
    }
    return await cluster.stop()
}

extension Operator {
    /// Awaits a clean `verify` and expects it, naming the phase; prints how long it took.
    func expectConverged(_ phase: String, checked: Int, within timeout: Duration = .seconds(90)) async throws {
        let started = ContinuousClock.now
        let report = try await awaitConverged(within: timeout)
        print("e2e: \(phase): \(report.summary) after \(ContinuousClock.now - started)")
        #expect(report.discrepancies.isEmpty, "\(phase): \(report.discrepancies.prefix(10).map(\.description))")
        #expect(report.checked == checked, "\(phase): \(report.summary)")
    }
}
