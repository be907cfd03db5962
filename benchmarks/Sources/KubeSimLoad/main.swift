import Foundation

// kube-sim-load: measures kube-sim's ceiling (see benchmarks/README.md, "kube-sim ceiling").
do {
    let options = try LoadOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    if let fleet = options.fleet {
        try FleetMemory(options: options, count: fleet).run()
    } else {
        try WriteLoad(options: options).run()
    }
} catch {
    FileHandle.standardError.write(Data("kube-sim-load: \(error)\n".utf8))
    exit(1)
}
