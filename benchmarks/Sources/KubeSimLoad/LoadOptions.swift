/// The generator's command line: `--name value` pairs, each with a default.
struct LoadOptions {
    var host = "127.0.0.1"
    var port = 0
    /// kube-sim's process id, for its CPU time and resident memory (from /proc).
    var pid: Int32?
    var connections = 8
    var watchers = 10
    /// VMs patched round-robin by the writers.
    var objects = 1_000
    var seconds = 10.0
    /// Writes per second over all connections; 0 writes as fast as answers come back. A
    /// paced run measures the latency of a write on a server that is mostly idle.
    var rate = 0.0
    var namespace = "bench"
    /// Fleet mode: create this many VMs and report kube-sim's resident bytes per object.
    var fleet: Int?
    /// Each connection GETs this path instead of patching VMs: `/healthz` measures what any
    /// request costs (HTTP parsing, routing, the answer), a VM's path what a read costs.
    var getPath: String?
    /// Requests each connection sends before reading their answers (HTTP/1.1 pipelining).
    /// 1 is what Kubernetes clients do; more shows the server's cost per request once the
    /// system calls and wake-ups of a round trip are shared, as HTTP/2 clients share them.
    var pipeline = 1

    static let usage = """
        usage: kube-sim-load --url http://127.0.0.1:PORT [--pid PID] [--connections 8] [--watchers 10]
                             [--objects 1000] [--seconds 10] [--rate 0] [--namespace bench] [--fleet N]
                             [--get PATH] [--pipeline 1]
        """

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw LoadError.usage("\(flag) needs a value") }
            switch flag {
            case "--url": try parseURL(value)
            case "--pid": pid = try Self.number(flag, value)
            case "--connections": connections = try Self.number(flag, value)
            case "--watchers": watchers = try Self.number(flag, value)
            case "--objects": objects = try Self.number(flag, value)
            case "--seconds": seconds = try Self.number(flag, value)
            case "--rate": rate = try Self.number(flag, value)
            case "--namespace": namespace = value
            case "--fleet": fleet = try Self.number(flag, value)
            case "--get": getPath = value
            case "--pipeline": pipeline = try Self.number(flag, value)
            default: throw LoadError.usage("unknown option \(flag)")
            }
        }
        guard port > 0 else { throw LoadError.usage("--url is required") }
        guard pipeline > 0 else { throw LoadError.usage("--pipeline needs at least 1") }
        guard connections > 0, objects >= connections * pipeline else {
            throw LoadError.usage("need at least one connection and one object per request in flight")
        }
    }

    private mutating func parseURL(_ url: String) throws {
        guard url.hasPrefix("http://") else { throw LoadError.usage("only http:// URLs are supported") }
        let authority = url.dropFirst("http://".count).prefix { $0 != "/" }
        let parts = authority.split(separator: ":")
        guard parts.count == 2, let parsed = Int(parts[1]) else { throw LoadError.usage("URL needs host:port") }
        host = String(parts[0])
        port = parsed
    }

    private static func number<T: LosslessStringConvertible>(_ flag: String, _ value: String) throws -> T {
        guard let parsed = T(value) else { throw LoadError.usage("\(flag): not a number: \(value)") }
        return parsed
    }
}

enum LoadError: Error, CustomStringConvertible {
    case usage(String)
    case unexpected(String)

    var description: String {
        switch self {
        case .usage(let why): "\(why)\n\(LoadOptions.usage)"
        case .unexpected(let why): why
        }
    }
}
