import ArgumentParser
import Foundation
import ShardTransport
import ZeroMQ

/// `vmsvc keys`: CURVE key material for the shard channel.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage the CURVE keys of the coordinator–worker channel.",
        subcommands: [KeysGenerateCommand.self])
}

/// `vmsvc keys generate`: one key pair, as NAME.key (secret, mode 0600) and NAME.pub.
struct KeysGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Create a CURVE key pair: NAME.key (secret, mode 0600) and NAME.pub, each one Z85 line.",
        discussion: """
            Give the coordinator its .key (--shard-secret-key-file) and every worker the coordinator's .pub \
            (--coordinator-public-key-file); give each worker its own .key and put the workers' .pub files in \
            the coordinator's --shard-allowed-keys-dir. Existing files are never overwritten.
            """)

    @Option(help: ArgumentHelp("Directory to write to. Default: the current directory.", valueName: "dir"))
    var out = "."

    @Option(help: ArgumentHelp("File name without extension. Default: shard.", valueName: "name"))
    var name = "shard"

    func run() throws {
        try ShardSecurityError.requireCurve()
        let pair = try CurveKeyPair.generate()
        let base = URL(fileURLWithPath: out).appendingPathComponent(name).path
        try KeyFiles.create(base + ".key", mode: 0o600, text: pair.secretKey.z85 + "\n")
        try KeyFiles.create(base + ".pub", mode: 0o644, text: pair.publicKey.z85 + "\n")
        print("wrote \(base).key (secret) and \(base).pub (public key \(pair.publicKey.z85))")
    }
}
