import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim Service and Endpoints rules")
struct ServiceTests {
    let services = "/api/v1/namespaces/default/services"

    private func service(_ name: String, _ spec: JSONValue) -> JSONValue {
        ["metadata": ["name": .string(name)], "spec": spec]
    }

    @Test func clusterIPIsAllocatedFromTheServiceCIDRWithSingleStackDefaults() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(services, service("web", ["ports": [["port": 80]], "selector": ["a": "b"]])).json
            let spec = try #require(created["spec"])
            let ip = try #require(spec["clusterIP"]?.stringValue.flatMap(IPAddress.init))
            #expect(IPNetwork(cidr: "10.96.0.0/12")?.contains(ip) == true)
            #expect(spec["clusterIPs"] == [.string(ip.description)])
            #expect(spec["ipFamilies"] == ["IPv4"])
            #expect(spec["ipFamilyPolicy"] == "SingleStack")
            #expect(spec["type"] == "ClusterIP")
            #expect(spec["ports"]?.arrayValue?.first?["targetPort"] == 80)
            #expect(spec["ports"]?.arrayValue?.first?["protocol"] == "TCP")
            let other = try await sim.post(services, service("api", ["ports": [["port": 80]]])).json
            #expect(other["spec"]?["clusterIP"] != spec["clusterIP"])
        }
    }

    @Test func headlessSelectorlessServiceDefaultsToRequireDualStackBothFamilies() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(services, service("hl", ["clusterIP": "None"])).json
            #expect(created["spec"]?["ipFamilyPolicy"] == "RequireDualStack")
            #expect(created["spec"]?["ipFamilies"] == ["IPv4", "IPv6"])
            #expect(created["spec"]?["clusterIPs"] == ["None"])
            let withSelector = try await sim.post(services, service("hs", ["clusterIP": "None", "selector": ["a": "b"]])).json
            #expect(withSelector["spec"]?["ipFamilyPolicy"] == "SingleStack")
            #expect(withSelector["spec"]?["ipFamilies"] == ["IPv4"])
        }
    }

    @Test func dualStackClusterGivesPreferDualStackTwoIPs() async throws {
        let configuration = KubeSimConfiguration(serviceCIDRs: ["10.96.0.0/12", "fd00:10:96::/112"], threads: 1)
        try await SimHarness.with(configuration) { sim in
            let created = try await sim.post(
                services, service("web", ["ports": [["port": 80]], "ipFamilyPolicy": "PreferDualStack"])
            ).json
            #expect(created["spec"]?["ipFamilies"] == ["IPv4", "IPv6"])
            let ips = created["spec"]?["clusterIPs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(ips.count == 2)
            #expect(IPAddress(ips.last ?? "")?.isIPv6 == true)
        }
    }

    @Test func requireDualStackOnASingleStackClusterIsInvalid() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(
                services, service("web", ["ports": [["port": 80]], "ipFamilyPolicy": "RequireDualStack"]))
            #expect(response.status == 422)
            #expect(
                response.json["message"]
                    == "Service \"web\" is invalid: spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services"
            )
        }
    }

    @Test func externalTrafficPolicyOnAClusterIPServiceIsInvalid() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(
                services, service("web", ["ports": [["port": 80]], "externalTrafficPolicy": "Local"]))
            #expect(response.status == 422)
            #expect(
                response.json["message"]
                    == "Service \"web\" is invalid: spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"
            )
        }
    }

    @Test func portsAreRequiredUnlessHeadless() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(services, service("web", ["type": "LoadBalancer"]))
            #expect(response.json["message"] == "Service \"web\" is invalid: spec.ports: Required value")
        }
    }

    @Test func clusterIPIsKeptOnAnUpdateThatOmitsItAndReleasedOnDelete() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(services, service("web", ["ports": [["port": 80]]])).json
            var update = created
            update["spec"]?["clusterIP"] = nil
            update["spec"]?["clusterIPs"] = nil
            let updated = try await sim.put("\(services)/web", update).json
            #expect(updated["spec"]?["clusterIP"] == created["spec"]?["clusterIP"])
            _ = try await sim.delete("\(services)/web")
            let reuse = try await sim.post(
                services, service("again", ["ports": [["port": 80]], "clusterIP": created["spec"]?["clusterIP"] ?? .null]))
            #expect(reuse.status == 201)
            let taken = try await sim.post(
                services, service("clash", ["ports": [["port": 80]], "clusterIP": created["spec"]?["clusterIP"] ?? .null]))
            #expect(taken.status == 422)
        }
    }

    @Test func endpointsWithLoopbackOrMalformedAddressesAreInvalid() async throws {
        try await SimHarness.with { sim in
            let endpoints: JSONValue = [
                "metadata": ["name": "web"],
                "subsets": [["addresses": [["ip": "127.0.0.1"], ["ip": "10.0.0.999"]], "ports": [["port": 80, "protocol": "TCP"]]]],
            ]
            let response = try await sim.post("/api/v1/namespaces/default/endpoints", endpoints)
            #expect(response.status == 422)
            let causes = response.json["details"]?["causes"]?.arrayValue ?? []
            #expect(causes.compactMap { $0["field"]?.stringValue } == ["subsets[0].addresses[0].ip", "subsets[0].addresses[1].ip"])
            #expect(causes.first?["message"] == "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")
        }
    }
}

@Suite("kube-sim load-balancer emulation")
struct LoadBalancerEmulationTests {
    @Test func loadBalancerServicesGetAnIngressIPFromThePoolAndReleaseIt() async throws {
        let configuration = KubeSimConfiguration(threads: 1, loadBalancerPool: "192.0.2.0/30", loadBalancerDelayMilliseconds: 20)
        try await SimHarness.with(configuration) { sim in
            let services = "/api/v1/namespaces/default/services"
            let spec: JSONValue = ["type": "LoadBalancer", "ports": [["port": 80]]]
            let created = try await sim.post(services, ["metadata": ["name": "a"], "spec": spec]).json
            let watch = try await sim.client.watch("\(services)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            let events = try #require(await watch.collect { $0["object"]?["status"]?["loadBalancer"]?["ingress"] != nil })
            let status = events.last?["object"]?["status"]
            #expect(status?["loadBalancer"]?["ingress"] == [["ip": "192.0.2.2", "ipMode": "VIP"]])
            #expect(status?["conditions"]?.arrayValue?.first?["type"] == "Ready")
            // The pool holds two addresses: the third Service gets one only if deleting `a` freed it.
            _ = try await sim.delete("\(services)/a")
            _ = try await sim.post(services, ["metadata": ["name": "b"], "spec": spec])
            _ = try await sim.post(services, ["metadata": ["name": "c"], "spec": spec])
            var ips: Set<String> = []
            for await event in watch.events {
                if let ip = event["object"]?["status"]?["loadBalancer"]?["ingress"]?.arrayValue?.first?["ip"]?.stringValue,
                    event["object"]?.name != "a"
                {
                    ips.insert(ip)
                }
                if ips.count == 2 { break }
            }
            #expect(ips == ["192.0.2.1", "192.0.2.2"])
        }
    }
}

@Suite("kube-sim EndpointSlice mirroring")
struct EndpointSliceMirroringTests {
    @Test func endpointsOfASelectorlessServiceAreMirroredIntoSlicesPerFamily() async throws {
        try await SimHarness.with { sim in
            let ns = "/api/v1/namespaces/default"
            let service = try await sim.post("\(ns)/services", ["metadata": ["name": "web"], "spec": ["ports": [["port": 80]]]]).json
            let slices = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
            let watch = try await sim.client.watch("\(slices)?watch=true&resourceVersion=\(service.resourceVersion)")
            defer { watch.close() }
            let endpoints: JSONValue = [
                "metadata": ["name": "web"],
                "subsets": [["addresses": [["ip": "10.0.0.1"], ["ip": "fd00::1"]], "notReadyAddresses": [["ip": "10.0.0.2"]],
                    "ports": [["port": 8080, "protocol": "TCP"]]]],
            ]
            _ = try await sim.post("\(ns)/endpoints", endpoints)
            let added = try #require(await watch.collect { $0["object"]?.name == "web-ipv6-0" || $0["object"]?.name == "web-ipv4-0" })
            _ = added
            let list = try await sim.get("\(slices)?labelSelector=kubernetes.io%2Fservice-name%3Dweb").json["items"]?.arrayValue ?? []
            #expect(list.map(\.name) == ["web-ipv4-0", "web-ipv6-0"])
            let v4 = try #require(list.first)
            #expect(v4["addressType"] == "IPv4")
            #expect(v4["endpoints"]?.arrayValue?.compactMap { $0["conditions"]?["ready"]?.boolValue } == [true, false])
            #expect(v4["ports"]?.arrayValue?.first?["port"] == 8080)
            _ = try await sim.delete("\(ns)/endpoints/web")
            _ = try #require(await watch.collect { $0["type"] == "DELETED" })
        }
    }
}
