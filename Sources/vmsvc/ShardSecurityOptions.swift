import ArgumentParser
import ShardTransport
import ZeroMQ

/// The shard channel's security flags, shared by `coordinator` and `worker`.
///
/// A `tcp://` channel must be either CURVE (key files) or explicitly insecure; starting
/// with neither is refused, so a misconfigured Deployment never runs in the clear.
/// `inproc://` (the `run` command) never leaves the process and needs neither.
struct ShardSecurityOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "This process's CURVE secret key (Z85, one line; see `vmsvc keys generate`). Env: VMSVC_SHARD_SECRET_KEY_FILE. Default: none (a tcp:// channel then needs --insecure-shard-channel).",
            valueName: "file"))
    var shardSecretKeyFile: String?

    @Option(
        help: ArgumentHelp(
            "This process's CURVE public key, checked against the secret key. Env: VMSVC_SHARD_PUBLIC_KEY_FILE. Default: derived from the secret key.",
            valueName: "file"))
    var shardPublicKeyFile: String?

    @Option(
        help: ArgumentHelp(
            "Worker: the coordinator's CURVE public key. Env: VMSVC_COORDINATOR_PUBLIC_KEY_FILE. Default: none (required with --shard-secret-key-file).", valueName: "file"))
    var coordinatorPublicKeyFile: String?

    @Option(
        help: ArgumentHelp(
            "Coordinator: a directory of worker public keys (one key per file, e.g. a mounted Secret). Env: VMSVC_SHARD_ALLOWED_KEYS_DIR. Default: none.",
            valueName: "dir"))
    var shardAllowedKeysDir: String?

    @Option(
        help: ArgumentHelp(
            "Coordinator: a file of worker public keys, one per line. Env: VMSVC_SHARD_ALLOWED_KEYS_FILE. Default: none.",
            valueName: "file"))
    var shardAllowedKeysFile: String?

    @Flag(
        help:
            "Run the shard channel over plain TCP, unencrypted and unauthenticated (local development only). Env: VMSVC_INSECURE_SHARD_CHANNEL=true. Default: off."
    )
    var insecureShardChannel = false

    private var insecure: Bool { insecureShardChannel || Environment.string("VMSVC_INSECURE_SHARD_CHANNEL") == "true" }
    private var secretKeyFile: String? { shardSecretKeyFile ?? Environment.string("VMSVC_SHARD_SECRET_KEY_FILE") }
    private var publicKeyFile: String? { shardPublicKeyFile ?? Environment.string("VMSVC_SHARD_PUBLIC_KEY_FILE") }

    /// The coordinator's setting for `endpoint`.
    func server(endpoint: String) throws -> ShardServerSecurity {
        guard let pair = try keyPair(endpoint: endpoint, role: "coordinator") else { return .plain }
        let directory = shardAllowedKeysDir ?? Environment.string("VMSVC_SHARD_ALLOWED_KEYS_DIR")
        let file = shardAllowedKeysFile ?? Environment.string("VMSVC_SHARD_ALLOWED_KEYS_FILE")
        var allowed: [CurveKey] = []
        if let directory { allowed += try KeyFiles.keys(inDirectory: directory) }
        if let file { allowed += try KeyFiles.keys(inFile: file) }
        guard directory != nil || file != nil else {
            throw ValidationError("CURVE needs the workers' public keys: --shard-allowed-keys-dir or --shard-allowed-keys-file")
        }
        return .curve(server: pair, allowed: Set(allowed))
    }

    /// A worker's setting for `endpoint`.
    func client(endpoint: String) throws -> ShardClientSecurity {
        guard let pair = try keyPair(endpoint: endpoint, role: "worker") else { return .plain }
        guard let serverFile = coordinatorPublicKeyFile ?? Environment.string("VMSVC_COORDINATOR_PUBLIC_KEY_FILE") else {
            throw ValidationError("CURVE needs the coordinator's public key: --coordinator-public-key-file")
        }
        return .curve(client: pair, serverKey: try KeyFiles.key(inFile: serverFile))
    }

    /// Nil for a plain channel (inproc, or tcp with the explicit flag); the key pair otherwise.
    private func keyPair(endpoint: String, role: String) throws -> CurveKeyPair? {
        guard let secretFile = secretKeyFile else {
            guard endpoint.hasPrefix("inproc://") || insecure else {
                throw ValidationError(
                    "the \(role)'s shard channel \(endpoint) would be unencrypted and unauthenticated: give "
                        + "--shard-secret-key-file (CURVE keys, see `vmsvc keys generate`) or, for local development "
                        + "only, --insecure-shard-channel")
            }
            return nil
        }
        try ShardSecurityError.requireCurve()
        let pair = try CurveKeyPair(secretKey: try KeyFiles.key(inFile: secretFile))
        if let publicKeyFile, try KeyFiles.key(inFile: publicKeyFile) != pair.publicKey {
            throw ValidationError("\(publicKeyFile) is not the public key of \(secretFile)")
        }
        return pair
    }

}
