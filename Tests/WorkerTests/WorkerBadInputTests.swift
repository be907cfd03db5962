import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// Bad objects in a namespace (docs/bad-input.md): each is reported, and the healthy service
/// `api` beside it gets its Service and Endpoints in the same batch.
@Suite struct WorkerBadInputTests {
    /// The healthy neighbour: `api` selecting `app=api`, with one VM at 10.9.0.1.
    private static let neighbour = Fixture.vmService("api", selector: ["app": "api"])
    private static let neighbourVM = Fixture.vm("api-0", ip: "10.9.0.1", labels: ["app": "api"])

    private static func expectNeighbourWritten(_ harness: WorkerHarness) async {
        let endpoints = await harness.api.object(Endpoints.self, "api")
        #expect(endpoints?.readyIPs == ["10.9.0.1"])
        #expect(await harness.api.object(Service.self, "api") != nil)
    }

    private static func port(_ name: String = "http", port: Int32 = 80, targetPort: Int32 = 8080, protocol: String = "TCP")
        -> VirtualMachineServicePort
    {
        VirtualMachineServicePort(name: name, protocol: `protocol`, port: port, targetPort: targetPort)
    }

    /// Spec §10.1 / §16.3 invalid objects, with the exact start of the Event note.
    static let invalidSpecs: [(String, @Sendable (inout VirtualMachineServiceSpec) -> Void)] = [
        ("spec.type: Unsupported value: \"InvalidLB\": supported values: \"ClusterIP\", \"LoadBalancer\"", { $0.type = "InvalidLB" }),
        ("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", { $0.ports = [port(port: 0)] }),
        ("spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive", { $0.ports = [port(port: 65536)] }),
        ("spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
         { $0.ports = [port(targetPort: 70000)] }),
        ("spec.ports[1].name: Duplicate value: \"http\"", { $0.ports = [port(port: 80), port(port: 81)] }),
        ("spec.ports[1]: Duplicate value:", { $0.ports = [port("a"), port("b")] }),
        ("spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
         { $0.ports = [port(protocol: "ICMP")] }),
        ("spec.loadBalancerSourceRanges[0]: Invalid value: \"10.1.1.1/42\"",
         { $0.type = "LoadBalancer"; $0.loadBalancerSourceRanges = ["10.1.1.1/42"] }),
        ("spec.selector: Invalid value: \"THIS_NOT_VALID!\": name part must consist of", { $0.selector = ["THIS_NOT_VALID!": "x"] }),
        ("spec.selector: Invalid value: \"not ok\": a valid label must be", { $0.selector = ["app": "not ok"] }),
    ]

    @Test(arguments: invalidSpecs)
    func invalidVMServiceIsReportedAndItsNeighbourIsWrittenInTheSameBatch(
        note: String, edit: @Sendable (inout VirtualMachineServiceSpec) -> Void
    ) async throws {
        var harness = WorkerHarness()
        var invalid = Fixture.vmService("web", selector: ["app": "web"])
        edit(&invalid.spec)
        try await harness.start(
            vms: Fixture.vms("web", count: 1, app: "web", subnet: 1) + [Self.neighbourVM],
            vmServices: [invalid, Self.neighbour])
        await harness.settle()
        let warning = try #require(await harness.api.events.first { $0.reason == EventReason.invalidVirtualMachineService })
        #expect(warning.type == "Warning")
        #expect(warning.regarding?.name == "web")
        #expect(warning.note?.hasPrefix(note) == true, "\(warning.note ?? "")")
        #expect(await harness.api.writes(of: "Service").map(\.name) == ["api"])
        await Self.expectNeighbourWritten(harness)
    }

    static let badAddresses = [
        ("not-an-ip", "not a valid IP address"), ("127.0.0.1", "loopback address"), ("169.254.1.1", "link-local address"),
        ("239.1.1.1", "multicast address"), ("fd00::1", "not an IPv4 address"),
    ]

    @Test(arguments: badAddresses)
    func vmWithABadAddressIsLeftOutWithAWarningAndItsNeighboursAreListed(ip: String, problem: String) async throws {
        var harness = WorkerHarness()
        let vms = [
            Fixture.vm("bad", ip: ip, labels: ["app": "api"]), Self.neighbourVM,
        ]
        try await harness.start(vms: vms, vmServices: [Self.neighbour])
        await harness.settle()
        let warning = try #require(await harness.api.events.first { $0.reason == EventReason.invalidEndpointAddress })
        #expect(warning.type == "Warning")
        #expect(warning.note?.contains("VirtualMachine bad") == true, "\(warning.note ?? "")")
        #expect(warning.note?.contains(problem) == true, "\(warning.note ?? "")")
        await Self.expectNeighbourWritten(harness)
    }

    @Test func tenThousandVMsAreTruncatedToOneThousandAndTheNeighbourIsWrittenInTheSameBatch() async throws {
        var harness = WorkerHarness()
        let many = (0..<10_000).map { Fixture.vm("web-\($0)", ip: "10.\(1 + $0 / 65536).\($0 / 256 % 256).\($0 % 256)", labels: ["app": "web"]) }
        try await harness.start(
            vms: many + [Self.neighbourVM], vmServices: [Fixture.vmService("web", selector: ["app": "web"]), Self.neighbour])
        await harness.settle()
        let web = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(web.readyIPs.count == 1000)
        #expect(web.metadata.annotations?[Endpoints.overCapacityAnnotation] == "truncated")
        await Self.expectNeighbourWritten(harness)
    }

    @Test func vmAndSelectorWithOneThousandLabelsMatchAndTheNeighbourIsWritten() async throws {
        var harness = WorkerHarness()
        let labels = Dictionary(uniqueKeysWithValues: (0..<1000).map { ("example.com/label-\($0)", "value-\($0)") })
        let big = Fixture.vm("big", ip: "10.1.0.1", labels: labels)
        let partial = Fixture.vm("partial", ip: "10.1.0.2", labels: labels.filter { $0.key != "example.com/label-999" })
        try await harness.start(
            vms: [big, partial, Self.neighbourVM], vmServices: [Fixture.vmService("web", selector: labels), Self.neighbour])
        await harness.settle()
        #expect(await harness.api.object(Endpoints.self, "web")?.readyIPs == ["10.1.0.1"])
        await Self.expectNeighbourWritten(harness)
    }
}
