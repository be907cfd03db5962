import ZeroMQ

/// How the coordinator's ROUTER authenticates workers.
public enum ShardServerSecurity: Sendable {
    /// No encryption, no authentication: `inproc://`, or tcp with `--insecure-shard-channel`.
    case plain
    /// CurveZMQ with the coordinator's key pair; the ZAP handler admits only `allowed` keys.
    case curve(server: CurveKeyPair, allowed: Set<CurveKey>)
}

/// How a worker's DEALER proves who it is and checks it talks to the real coordinator.
public enum ShardClientSecurity: Sendable {
    case plain
    case curve(client: CurveKeyPair, serverKey: CurveKey)

    /// Applies the CURVE options; must run before `connect`.
    public func configure(_ socket: ZMQSocket) throws(ZMQError) {
        guard case .curve(let client, let serverKey) = self else { return }
        try socket.set(.curveServerKey, to: serverKey)
        try socket.set(.curvePublicKey, to: client.publicKey)
        try socket.set(.curveSecretKey, to: client.secretKey)
    }
}

/// A security setting that cannot be used with this libzmq.
public struct ShardSecurityError: Error, CustomStringConvertible {
    public let description: String

    /// Fails when CURVE is asked for and libzmq was built without it.
    public static func requireCurve() throws(ShardSecurityError) {
        guard ZMQCapability.curve else {
            throw ShardSecurityError(
                description: "this libzmq was built without CURVE support (zmq_has(\"curve\") is false); "
                    + "install a libzmq with libsodium or run with --insecure-shard-channel")
        }
    }
}
