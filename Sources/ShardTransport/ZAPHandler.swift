import Synchronization
import ZeroMQ

/// The ZAP handler of a CURVE server: admits only clients whose public key is on the
/// allowlist, and reports every refusal.
///
/// It runs on its own thread with a REP socket at `inproc://zeromq.zap.01` in the server's
/// context. `start()` returns only once that socket is bound: libzmq admits every CURVE
/// client that knows the server key while no handler is bound, so the server must not bind
/// its own endpoint before. The allowlist can be replaced while running (key rotation).
public final class ZAPHandler: Sendable {
    /// Why a peer was refused; the raw value is the metrics label.
    public enum RejectionReason: String, Sendable, CaseIterable {
        /// A CURVE client whose public key is not on the allowlist.
        case unknownKey = "unknown_key"
        /// A handshake with another mechanism (a plain worker at a CURVE coordinator, seen
        /// by the socket monitor), or a malformed ZAP request.
        case badMechanism = "bad_mechanism"
        /// A peer that broke the ZMTP handshake otherwise (not a ZeroMQ peer, say).
        case protocolError = "protocol_error"
    }

    public struct Rejection: Sendable, Equatable {
        /// The peer's IP address as libzmq reports it.
        public let address: String
        public let reason: RejectionReason

        public init(address: String, reason: RejectionReason) {
            self.address = address
            self.reason = reason
        }
    }

    private let context: ZMQContext
    private let allowed: Mutex<Set<CurveKey>>
    private let onReject: @Sendable (Rejection) -> Void
    private let outbox: SocketOutbox

    public init(
        context: ZMQContext, allowed: Set<CurveKey>, onReject: @escaping @Sendable (Rejection) -> Void
    ) throws(ZMQError) {
        self.context = context
        self.allowed = Mutex(allowed)
        self.onReject = onReject
        outbox = try SocketOutbox(context: context)
    }

    public func replaceAllowed(_ keys: Set<CurveKey>) {
        allowed.withLock { $0 = keys }
    }

    /// Binds the handler and starts answering; throws when the endpoint is taken (another
    /// handler in this context).
    public func start() async throws {
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
            SocketThread.start(name: "vmsvc-zap") { self.serve(ready: ready) }
        }
    }

    public func stop() {
        outbox.close()
    }

    /// The answer to one request: admitted, or the reason for refusing.
    func decide(_ request: ZAPRequest) -> RejectionReason? {
        guard let key = request.curveClientKey else { return .badMechanism }
        return allowed.withLock { $0.contains(key) } ? nil : .unknownKey
    }

    private func serve(ready: CheckedContinuation<Void, any Error>) {
        let socket: ZMQSocket
        let wake: ZMQSocket
        do {
            socket = try context.socket(.rep)
            try socket.bind(ZAPRequest.endpoint)
            wake = try outbox.makeWakeSocket(context: context)
        } catch {
            ready.resume(throwing: error)
            return
        }
        ready.resume()
        defer {
            socket.close()
            wake.close()
        }
        var poller = ZMQPoller()
        poller.register(socket, for: .readable)
        poller.register(wake, for: .readable)
        while let events = try? poller.poll(timeout: .forever) {
            if events[0].contains(.readable), let frames = try? socket.tryReceive() {
                guard (try? socket.send(answer(frames))) != nil else { return }
            }
            if outbox.take(from: wake).closed { return }
        }
    }

    private func answer(_ frames: [[UInt8]]) -> [[UInt8]] {
        guard let request = ZAPRequest(frames: frames) else {
            onReject(Rejection(address: "", reason: .badMechanism))
            return ZAPRequest.reply(requestID: frames.count > 1 ? frames[1] : [], status: "500", text: "bad request")
        }
        guard let reason = decide(request) else { return request.reply(admitted: true, text: "OK") }
        onReject(Rejection(address: request.address, reason: reason))
        return request.reply(admitted: false, text: reason.rawValue)
    }
}
