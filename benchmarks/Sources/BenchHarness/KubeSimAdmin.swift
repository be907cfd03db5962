import Foundation
import KubeModel

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// kube-sim's own controls, outside the Kubernetes API: `/admin/faults` (injected latency)
/// and `/admin/requests` (request counts by verb, resource and user agent).
struct KubeSimAdmin: Sendable {
    let baseURL: String

    /// Sets the latency kube-sim adds to the answer of every write (0 removes it): what a
    /// real API server's etcd round trip costs; reads from its watch cache are fast.
    func setWriteLatency(milliseconds: Int) async throws {
        _ = try await send(
            "PATCH", "/admin/faults",
            body: ["latencyMilliseconds": .number(Double(milliseconds)), "latencyClasses": ["write"]])
    }

    /// The counts since the last reset; nil when this kube-sim does not count requests.
    func requestCounts() async throws -> RequestCounts? {
        guard let body = try await send("GET", "/admin/requests", body: nil, allowNotFound: true) else { return nil }
        return try JSONDecoder().decode(RequestCounts.self, from: body)
    }

    func resetRequestCounts() async throws {
        _ = try await send("DELETE", "/admin/requests", body: nil, allowNotFound: true)
    }

    private func send(_ method: String, _ path: String, body: JSONValue?, allowNotFound: Bool = false) async throws
        -> Data?
    {
        guard let url = URL(string: baseURL + path) else { throw AdminError(message: "bad URL \(baseURL)\(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(JSONWriter.bytes(body))
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 404, allowNotFound { return nil }
        guard (200..<300).contains(status) else {
            throw AdminError(message: "\(method) \(path): HTTP \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}

struct AdminError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
