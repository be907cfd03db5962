import KubeModel
import Testing

@testable import KubeSim

/// kube-sim validates EndpointSlices as the API server does (pkg/apis/discovery/validation).
@Suite struct EndpointSliceValidationTests {
    static let path = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"

    static func slice(
        _ name: String = "web-abc", addressType: String = "IPv4", addresses: [[String]] = [["10.0.0.1"]],
        ports: [JSONValue] = [["name": "http", "port": 80, "protocol": "TCP"]],
        labels: [String: String] = [EndpointSlice.serviceNameLabel: "web"]
    ) -> JSONValue {
        [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": ["name": .string(name), "labels": .object(JSONObject(strings: labels))],
            "addressType": .string(addressType),
            "endpoints": .array(addresses.map { ["addresses": .array($0.map { .string($0) })] }),
            "ports": .array(ports),
        ]
    }

    /// The `field: message` of each cause of a 422 answer, or nil when the create succeeded.
    private func rejection(_ object: JSONValue) async throws -> [String]? {
        try await SimHarness.with { sim in
            let response = try await sim.post(Self.path, object)
            guard response.status == 422 else {
                #expect(response.status == 201)
                return nil
            }
            return (response.json["details"]?["causes"]?.arrayValue ?? []).map {
                "\($0["field"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")"
            }
        }
    }

    @Test func aValidSliceIsStoredWithDefaultedPorts() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(Self.path, Self.slice(ports: [["port": 80]]))
            #expect(response.status == 201)
            #expect(response.json["ports"]?.arrayValue?.first?["name"] == "")
            #expect(response.json["ports"]?.arrayValue?.first?["protocol"] == "TCP")
        }
    }

    @Test func addressTypeMustBeIPv4IPv6OrFQDN() async throws {
        let causes = try #require(try await rejection(Self.slice(addressType: "IP")))
        #expect(causes.contains { $0.hasPrefix("addressType: Unsupported value") })
        #expect(try await rejection(Self.slice(addressType: "FQDN", addresses: [["db.example.com"]])) == nil)
    }

    @Test func addressesMustBeValidForTheType() async throws {
        let v4 = try #require(try await rejection(Self.slice(addresses: [["fd00::1"]])))
        #expect(v4 == ["endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address"])
        let v6 = try #require(try await rejection(Self.slice(addressType: "IPv6", addresses: [["10.0.0.1"]])))
        #expect(v6.first?.contains("must be a valid IPv6 address") == true)
        let fqdn = try #require(try await rejection(Self.slice(addressType: "FQDN", addresses: [["localhost"]])))
        #expect(fqdn.first?.contains("at least two segments") == true)
    }

    @Test func specialAddressesAreRefused() async throws {
        let causes = try #require(try await rejection(Self.slice(addresses: [["127.0.0.1"]])))
        #expect(causes.first?.contains("loopback") == true)
    }

    @Test func anEndpointNeedsOneToAHundredAddresses() async throws {
        let none = try #require(try await rejection(Self.slice(addresses: [[]])))
        #expect(none == ["endpoints[0].addresses: Required value: must contain at least 1 address"])
        let many = (0..<101).map { "10.0.1.\($0 + 1)" }
        let tooMany = try #require(try await rejection(Self.slice(addresses: [many])))
        #expect(tooMany.first?.hasPrefix("endpoints[0].addresses: Too many: 101") == true)
    }

    @Test func aSliceHoldsAtMostAThousandEndpoints() async throws {
        let endpoints = (0..<1001).map { ["10.\($0 / 250).\($0 % 250).1"] }
        let causes = try #require(try await rejection(Self.slice(addresses: endpoints)))
        #expect(causes.count == 1)
        #expect(causes.first?.hasPrefix("endpoints: Too many: 1001") == true)
        #expect(try await rejection(Self.slice(addresses: Array(endpoints.prefix(1000)))) == nil)
    }

    @Test func portsAreUniqueDNSLabelsWithASupportedProtocol() async throws {
        let causes = try #require(
            try await rejection(
                Self.slice(ports: [
                    ["name": "http", "port": 80], ["name": "http", "port": 81], ["name": "Bad_Name", "port": 82],
                    ["name": "q", "port": 83, "protocol": "QUIC"],
                ])))
        #expect(causes.contains { $0.hasPrefix("ports[1].name: Duplicate value") })
        #expect(causes.contains { $0.hasPrefix("ports[2].name: Invalid value") })
        #expect(causes.contains { $0.hasPrefix("ports[3].protocol: Unsupported value") })
        let hundredAndOne: [JSONValue] = (0..<101).map { ["name": .string("p\($0)"), "port": .number(Double($0 + 1))] }
        let tooMany = try #require(try await rejection(Self.slice(ports: hundredAndOne)))
        #expect(tooMany.first?.hasPrefix("ports: Too many: 101") == true)
    }

    @Test func labelsFollowTheLabelRules() async throws {
        let causes = try #require(try await rejection(Self.slice(labels: ["bad key!": "v"])))
        #expect(causes.first?.hasPrefix("metadata.labels: Invalid value") == true)
    }

    @Test func addressTypeIsImmutable() async throws {
        try await SimHarness.with { sim in
            var stored = try await sim.post(Self.path, Self.slice()).json
            stored["addressType"] = "IPv6"
            stored["endpoints"] = [["addresses": ["fd00::1"]]]
            let response = try await sim.put("\(Self.path)/web-abc", stored)
            #expect(response.status == 422)
            #expect(response.json["message"]?.stringValue?.contains("addressType: Invalid value: \"IPv6\": field is immutable") == true)
        }
    }

    @Test func endpointsLabelledSkipMirrorAreNotMirrored() async throws {
        try await SimHarness.with { sim in
            let service: JSONValue = [
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                "spec": ["ports": [["port": 80]]],
            ]
            #expect(try await sim.post("/api/v1/namespaces/default/services", service).status == 201)
            var endpoints: JSONValue = [
                "apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "web"],
                "subsets": [["addresses": [["ip": "10.0.0.1"]], "ports": [["port": 80, "protocol": "TCP"]]]],
            ]
            #expect(try await sim.post("/api/v1/namespaces/default/endpoints", endpoints).status == 201)
            let mirrored = try await sim.get(Self.path).json["items"]?.arrayValue ?? []
            #expect(mirrored.count == 1)

            endpoints["metadata"] = ["name": "web", "labels": [EndpointSlice.skipMirrorLabel: "true"]]
            let stored = try await sim.get("/api/v1/namespaces/default/endpoints/web").json
            endpoints["metadata"]?["resourceVersion"] = stored["metadata"]?["resourceVersion"]
            #expect(try await sim.put("/api/v1/namespaces/default/endpoints/web", endpoints).status == 200)
            #expect(try await sim.get(Self.path).json["items"]?.arrayValue?.isEmpty == true)
        }
    }
}
