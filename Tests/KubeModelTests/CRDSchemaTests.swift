import Foundation
import Testing

@testable import KubeModel

/// The CRDs in `deploy/crds` are written by hand, so nothing but these tests keeps them and the
/// Swift model in step: a field the model sends that the schema lacks is pruned silently by the
/// API server, and a schema field the model lacks is lost on every read-modify-write.
@Suite struct CRDSchemaTests {
    typealias APIVersion = VirtualMachineService.APIVersion

    /// The fields v1alpha6 adds to v1alpha3 (spec §1.4), as schema paths.
    static let v1alpha6Extras = ["spec.ipFamilies", "spec.ipFamilyPolicy", "status.conditions"]

    // MARK: VirtualMachineService

    @Test func serviceCRDNamesTheResourceTheModelAddresses() throws {
        let crd = try CRDFile.virtualMachineServices()
        let resource = VirtualMachineService.resource
        #expect(crd.spec["group"]?.stringValue == resource.group)
        #expect(crd.names["kind"]?.stringValue == resource.kind)
        #expect(crd.names["listKind"]?.stringValue == resource.kind + "List")
        #expect(crd.names["plural"]?.stringValue == resource.resource)
        #expect(crd.names["singular"]?.stringValue == "virtualmachineservice")
        #expect(crd.names["shortNames"] == ["vmservice", "vmservices"])
        #expect(crd.spec["scope"]?.stringValue == (resource.namespaced ? "Namespaced" : "Cluster"))
        #expect(crd.json["metadata"]?["name"]?.stringValue == "\(resource.resource).\(resource.group)")
    }

    @Test func serviceCRDServesEveryModelVersionAndStoresV1alpha3() throws {
        let crd = try CRDFile.virtualMachineServices()
        #expect(crd.versionNames == APIVersion.allCases.map(\.rawValue))
        for version in APIVersion.allCases {
            let entry = try #require(crd.version(version.rawValue))
            #expect(entry["served"] == true)
            #expect(entry["storage"] == .bool(version == .v1alpha3))
            #expect(entry["subresources"]?["status"] == [:])
        }
        #expect(crd.spec["conversion"]?["strategy"] == "None")
    }

    @Test(arguments: APIVersion.allCases)
    func serviceSchemaHasExactlyTheFieldsTheModelEncodes(version: APIVersion) throws {
        let crd = try CRDFile.virtualMachineServices()
        let schema = try crd.schema(version.rawValue)
        let model = try SchemaComparison(model: Self.fullyPopulatedService(), schema: schema)
        let extras = version.hasIPFamiliesAndConditions ? [] : Self.v1alpha6Extras
        let expected = model.modelPaths.filter { path in !extras.contains { path.hasPrefix($0) } }
        #expect(expected.subtracting(model.schemaPaths).sorted() == [], "model fields missing from the schema")
        #expect(model.schemaPaths.subtracting(expected).sorted() == [], "schema fields the model lacks")
        #expect(model.typeErrors.sorted() == [])
    }

    @Test func onlyV1alpha6HasIPFamiliesAndConditions() throws {
        let crd = try CRDFile.virtualMachineServices()
        let v3 = SchemaComparison.paths(ofSchema: try crd.schema("v1alpha3"))
        let v6 = SchemaComparison.paths(ofSchema: try crd.schema("v1alpha6"))
        for path in Self.v1alpha6Extras {
            #expect(!v3.contains(path), "v1alpha3 must not have \(path)")
            #expect(v6.contains(path), "v1alpha6 must have \(path)")
        }
        #expect(!APIVersion.v1alpha3.hasIPFamiliesAndConditions)
        #expect(APIVersion.v1alpha6.hasIPFamiliesAndConditions)
    }

    /// The two versions are written out in full; this keeps a fix to one from missing the other.
    @Test func v1alpha6IsV1alpha3PlusTheIPFamilyExtras() throws {
        let crd = try CRDFile.virtualMachineServices()
        var v6 = try #require(crd.version("v1alpha6"))
        var v3 = try #require(crd.version("v1alpha3"))
        let specPath = ["schema", "openAPIV3Schema", "properties", "spec"]
        var spec = try #require(v6.value(at: specPath))
        spec["properties"]?["ipFamilies"] = nil
        spec["properties"]?["ipFamilyPolicy"] = nil
        let rules = try #require(spec["x-kubernetes-validations"]?.arrayValue)
        spec["x-kubernetes-validations"] = .array(rules.filter { !($0["rule"]?.stringValue ?? "").contains("ipFamil") })
        v6.set(spec, at: specPath)
        v6.set(nil, at: ["schema", "openAPIV3Schema", "properties", "status", "properties", "conditions"])
        for key in ["name", "storage"] {
            v6[key] = nil
            v3[key] = nil
        }
        #expect(v6.pathsNotFound(in: v3) == [] && v3.pathsNotFound(in: v6) == [])
    }

    @Test func typeDefaultsToClusterIPAndAcceptsOnlyTheSupportedTypes() throws {
        let crd = try CRDFile.virtualMachineServices()
        for version in APIVersion.allCases {
            let schema = try crd.schema(version.rawValue)
            let type = try #require(schema.value(at: ["properties", "spec", "properties", "type"]))
            #expect(type["default"]?.stringValue == ServiceType.clusterIP)
            #expect(type["enum"] == [.string(ServiceType.clusterIP), .string(ServiceType.loadBalancer)])
        }
    }

    @Test func enumsMatchTheModelConstants() throws {
        let crd = try CRDFile.virtualMachineServices()
        let spec = try #require(try crd.schema("v1alpha6").value(at: ["properties", "spec", "properties"]))
        // KubeModel has no constants for port protocols yet; these are core/v1's.
        #expect(spec.value(at: ["ports", "items", "properties", "protocol", "enum"]) == ["TCP", "UDP", "SCTP"])
        #expect(spec.value(at: ["ipFamilies", "items", "enum"]) == [.string(IPFamily.ipv4), .string(IPFamily.ipv6)])
        #expect(spec.value(at: ["ipFamilies", "maxItems"]) == 2)
        #expect(spec.value(at: ["ipFamilies", "x-kubernetes-list-type"]) == "atomic")
        let policies = [IPFamilyPolicy.singleStack, IPFamilyPolicy.preferDualStack, IPFamilyPolicy.requireDualStack]
        #expect(spec.value(at: ["ipFamilyPolicy", "enum"]) == .array(policies.map(JSONValue.string)))
    }

    @Test func everyPortMemberIsRequiredAndPortsAreInRange() throws {
        let crd = try CRDFile.virtualMachineServices()
        for version in APIVersion.allCases {
            let schema = try crd.schema(version.rawValue)
            let item = try #require(schema.value(at: ["properties", "spec", "properties", "ports", "items"]))
            #expect(item["required"] == ["name", "protocol", "port", "targetPort"])
            for member in ["port", "targetPort"] {
                #expect(item.value(at: ["properties", member, "minimum"]) == 1)
                #expect(item.value(at: ["properties", member, "maximum"]) == 65535)
            }
        }
    }

    @Test func printerColumnsShowTypeAddressesPortsAndAge() throws {
        let crd = try CRDFile.virtualMachineServices()
        for version in APIVersion.allCases {
            #expect(try crd.printerColumns(version.rawValue) == [
                "Type": ".spec.type", "Cluster-IP": ".spec.clusterIp",
                "External-IP": ".status.loadBalancer.ingress[0].ip", "Ports": ".spec.ports[*].port",
                "Age": ".metadata.creationTimestamp",
            ])
            #expect(try crd.printerColumnType("Age", version: version.rawValue) == "date")
        }
    }

    /// A misspelt column path (`.spec.clusterIP`) shows an empty column instead of failing.
    @Test func printerColumnsReadFieldsTheSchemaHas() throws {
        for crd in [try CRDFile.virtualMachineServices(), try CRDFile.virtualMachines()] {
            for version in crd.versionNames {
                let schema = try crd.schema(version)
                let known = SchemaComparison.paths(ofSchema: schema)
                for (name, jsonPath) in try crd.printerColumns(version) {
                    let path = String(jsonPath.dropFirst())
                        .replacingOccurrences(of: "[0]", with: "[]").replacingOccurrences(of: "[*]", with: "[]")
                    let parent = path.split(separator: ".").dropLast().flatMap { ["properties", String($0)] }
                    let keptAsUnknown = schema.value(at: parent)?["x-kubernetes-preserve-unknown-fields"] == true
                    #expect(known.contains(path) || path.hasPrefix("metadata.") || keptAsUnknown, "column \(name)")
                }
            }
        }
    }

    /// The §10.1 webhook rules live in the schema as CEL; each must explain itself.
    @Test(arguments: APIVersion.allCases)
    func validationRulesCoverTheAdmissionRulesWithMessages(version: APIVersion) throws {
        let crd = try CRDFile.virtualMachineServices()
        let rules = SchemaComparison.rules(ofSchema: try crd.schema(version.rawValue))
        for rule in rules {
            #expect(!rule.message.isEmpty && !rule.message.contains("\n"), "rule at '\(rule.path)' needs a message")
        }
        var expected: [String: Set<String>] = [
            "": [
                "name must be a DNS-1035 label (at most 63 lower-case letters, digits or '-', starting with a letter "
                    + "and ending with a letter or digit), because the Service of the same name must be valid"
            ],
            "spec": [
                "clusterIp may not be set to 'None' for LoadBalancer services",
                "loadBalancerSourceRanges may only be used when type is 'LoadBalancer'",
                "ports are required unless clusterIp is 'None' (headless)",
                "clusterIp is immutable",
            ],
            "spec.type": ["type is immutable"],
            "spec.ports": [
                "every port must have a name when more than one port is given", "port names must be unique",
                "each (protocol, port) pair may appear only once",
            ],
            "spec.ports[].name": [
                "port name must be a DNS-1123 label (lower-case letters, digits or '-', starting and ending with a letter or digit)"
            ],
            "spec.loadBalancerSourceRanges": ["every entry must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32"],
            "spec.clusterIp": ["clusterIp must be empty, 'None' or a valid IP address"],
        ]
        if version.hasIPFamiliesAndConditions {
            expected["spec"]?.formUnion([
                "ipFamilies and ipFamilyPolicy may not be set when type is ExternalName",
                "the primary IP family may not be changed or removed once set",
            ])
            expected["spec.ipFamilies"] = ["must not contain duplicate entries", "every entry must be IPv4 or IPv6"]
        }
        #expect(Dictionary(grouping: rules, by: \.path).mapValues { Set($0.map(\.message)) } == expected)
        let transitions = Set(rules.filter { $0.rule.contains("oldSelf") }.map(\.message))
        #expect(transitions.isSuperset(of: ["type is immutable", "clusterIp is immutable"]))
    }

    // MARK: VirtualMachine

    @Test func vmCRDNamesTheResourceTheModelAddresses() throws {
        let crd = try CRDFile.virtualMachines()
        let resource = VirtualMachine.resource
        #expect(crd.spec["group"]?.stringValue == resource.group)
        #expect(crd.names["kind"]?.stringValue == resource.kind)
        #expect(crd.names["plural"]?.stringValue == resource.resource)
        #expect(crd.names["shortNames"] == ["vm"])
        #expect(crd.spec["scope"]?.stringValue == (resource.namespaced ? "Namespaced" : "Cluster"))
        #expect(crd.versionNames == [resource.version])
        let entry = try #require(crd.version(resource.version))
        #expect(entry["served"] == true && entry["storage"] == true)
        #expect(entry["subresources"]?["status"] == [:])
    }

    @Test func vmSchemaHasExactlyTheFieldsTheModelEncodes() throws {
        let crd = try CRDFile.virtualMachines()
        let model = try SchemaComparison(model: Self.fullyPopulatedVM(), schema: try crd.schema("v1alpha3"))
        #expect(model.modelPaths.subtracting(model.schemaPaths).sorted() == [], "model fields missing from the schema")
        #expect(model.schemaPaths.subtracting(model.modelPaths).sorted() == [], "schema fields the model lacks")
        #expect(model.typeErrors.sorted() == [])
    }

    /// A VM copied from a VM Operator cluster carries far more than the model; none of it may be pruned.
    @Test func vmSchemaKeepsUnknownFields() throws {
        let schema = try CRDFile.virtualMachines().schema("v1alpha3")
        for path in [["spec"], ["status"], ["status", "network"]] {
            let node = schema.value(at: path.flatMap { ["properties", $0] })
            #expect(node?["x-kubernetes-preserve-unknown-fields"] == true, "\(path) must keep unknown fields")
        }
    }

    @Test func vmReadinessProbeBoundsAndDefaultsFollowVMOperator() throws {
        let schema = try CRDFile.virtualMachines().schema("v1alpha3")
        let probe = try #require(schema.value(at: ["properties", "spec", "properties", "readinessProbe", "properties"]))
        #expect(probe.value(at: ["tcpSocket", "required"]) == ["port"])
        #expect(probe.value(at: ["tcpSocket", "properties", "port", "x-kubernetes-int-or-string"]) == true)
        #expect(probe.value(at: ["guestHeartbeat", "properties", "thresholdStatus", "enum"]) == ["yellow", "green"])
        #expect(probe.value(at: ["guestHeartbeat", "properties", "thresholdStatus", "default"]) == "green")
        #expect(probe.value(at: ["guestInfo", "items", "required"]) == ["key"])
        #expect(probe.value(at: ["timeoutSeconds", "minimum"]) == 1)
        #expect(probe.value(at: ["timeoutSeconds", "maximum"]) == 60)
        #expect(probe.value(at: ["periodSeconds", "minimum"]) == 1)
    }

    @Test func vmPrinterColumnsShowThePrimaryAddress() throws {
        let crd = try CRDFile.virtualMachines()
        let columns = try crd.printerColumns("v1alpha3")
        #expect(columns["Primary-IP4"] == ".status.network.primaryIP4")
        #expect(columns["Age"] == ".metadata.creationTimestamp")
        #expect(try crd.printerColumnType("Age", version: "v1alpha3") == "date")
    }

    // MARK: Fully populated model objects

    /// Every member set, so that encoding shows every JSON key the model can send.
    static func fullyPopulatedService() -> VirtualMachineService {
        let spec = VirtualMachineServiceSpec(
            type: ServiceType.loadBalancer,
            ports: [VirtualMachineServicePort(name: "https", protocol: "TCP", port: 443, targetPort: 8443)],
            selector: ["app": "web"], loadBalancerIP: "192.0.2.10", loadBalancerSourceRanges: ["10.0.0.0/8"],
            clusterIP: "10.96.0.10", externalName: "web.example.com",
            ipFamilies: [IPFamily.ipv4], ipFamilyPolicy: IPFamilyPolicy.singleStack)
        let status = VirtualMachineServiceStatus(
            loadBalancer: .init(ingress: [.init(ip: "192.0.2.10", hostname: "web.example.com")]),
            conditions: [fullCondition(type: "VirtualMachineServiceServiceReady")])
        return VirtualMachineService(metadata: ObjectMeta(name: "web", namespace: "ns"), spec: spec, status: status)
    }

    static func fullyPopulatedVM() -> VirtualMachine {
        let probe = VirtualMachineReadinessProbe(
            tcpSocket: TCPSocketAction(port: 22, host: "10.0.0.5"),
            guestHeartbeat: GuestHeartbeatAction(thresholdStatus: "green"),
            guestInfo: [GuestInfoAction(key: "ready", value: "^yes$")], timeoutSeconds: 10, periodSeconds: 10)
        let status = VirtualMachineStatus(
            network: VirtualMachineNetworkStatus(primaryIP4: "10.0.0.5", primaryIP6: "fd00::5"),
            conditions: [fullCondition(type: VirtualMachine.readyConditionType)])
        return VirtualMachine(
            metadata: ObjectMeta(name: "vm-0", namespace: "ns", labels: ["app": "web"]),
            spec: VirtualMachineSpec(readinessProbe: probe), status: status)
    }

    static func fullCondition(type: String) -> Condition {
        Condition(
            type: type, status: "True", reason: "True", message: "",
            lastTransitionTime: Time(secondsSince1970: 1_714_564_800), observedGeneration: 1)
    }
}
