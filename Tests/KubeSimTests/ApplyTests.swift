import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim server-side apply and field validation")
struct ApplyTests {
    let path = SimHarness.configMaps

    private func apply(_ sim: SimHarness, _ yaml: String, manager: String, force: Bool = false) async throws
        -> TestHTTPClient.Response
    {
        try await sim.patch(
            "\(path)/cfg?fieldManager=\(manager)\(force ? "&force=true" : "")", yaml, type: "application/apply-patch+yaml")
    }

    @Test func applyCreatesAndRemovingAFieldFromTheConfigurationRemovesItFromTheObject() async throws {
        try await SimHarness.with { sim in
            let created = try await apply(sim, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n  b: '2'\n", manager: "tool")
            #expect(created.status == 201)
            #expect(created.json["metadata"]?["managedFields"]?.arrayValue?.first?["manager"] == "tool")
            let reapplied = try await apply(sim, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n", manager: "tool")
            #expect(reapplied.json["data"] == ["a": "1"])
        }
    }

    @Test func applyOfAFieldAnotherManagerOwnsConflictsUnlessForced() async throws {
        try await SimHarness.with { sim in
            _ = try await apply(sim, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n", manager: "first")
            let conflict = try await apply(sim, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '2'\n", manager: "second")
            #expect(conflict.status == 409)
            #expect(conflict.json["message"]?.stringValue?.hasPrefix("Apply failed with 1 conflict") == true)
            let forced = try await apply(
                sim, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '2'\n", manager: "second", force: true)
            #expect(forced.status == 200)
            #expect(forced.json["data"] == ["a": "2"])
        }
    }

    @Test func applyWithoutFieldManagerIsInvalid() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.patch("\(path)/cfg", "metadata:\n  name: cfg\n", type: "application/apply-patch+yaml")
            #expect(response.status == 422)
        }
    }

    @Test func updatesAreRecordedForTheirFieldManager() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("\(path)?fieldManager=creator", SimHarness.configMap("a"))
            let patched = try await sim.patch(
                "\(path)/a?fieldManager=editor", #"{"data":{"x":"1"}}"#, type: "application/merge-patch+json")
            let managers = patched.json["metadata"]?["managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
            #expect(Set(managers ?? []) == ["creator", "editor"])
        }
    }

    @Test func unknownCustomResourceFieldsAreRejectedWarnedOrDropped() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.strictCRD)
            let widgets = "/apis/example.com/v1/namespaces/default/widgets"
            let body: JSONValue = ["metadata": ["name": "w"], "spec": ["size": "L", "color": "red"]]
            let strict = try await sim.client.request(.POST, "\(widgets)?fieldValidation=Strict", json: body)
            #expect(strict.status == 400)
            #expect(strict.json["message"] == "strict decoding error: unknown field \"spec.color\"")
            let warned = try await sim.post(widgets, body)
            #expect(warned.status == 201)
            #expect(warned.header("Warning") == #"299 - "unknown field \"spec.color\"""#)
            #expect(warned.json["spec"] == ["size": "L", "replicas": 1])
        }
    }

    /// kube-apiserver drops a warning whose text has control characters; sent, a field name
    /// with CR LF would have split the response's header.
    @Test func aWarningWithControlCharactersIsDroppedAndTheAnswerIsWhole() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.strictCRD)
            let widgets = "/apis/example.com/v1/namespaces/default/widgets"
            let body: JSONValue = ["metadata": ["name": "w"], "spec": ["size": "L", "co\r\nX-Injected: 1\r\nlor": "red"]]
            let created = try await sim.post(widgets, body)
            #expect(created.status == 201)
            #expect(created.header("Warning") == nil)
            #expect(created.header("X-Injected") == nil)
            #expect(created.json["spec"] == ["size": "L", "replicas": 1])
            #expect(try await sim.get("\(widgets)/w").status == 200)
        }
    }

    @Test func schemaViolationsAreInvalidWithTheQualifiedKind() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.strictCRD)
            let response = try await sim.post(
                "/apis/example.com/v1/namespaces/default/widgets", ["metadata": ["name": "w"], "spec": ["size": "XXL"]])
            #expect(response.status == 422)
            #expect(response.json["message"]?.stringValue?.hasPrefix("Widget.example.com \"w\" is invalid: spec.size") == true)
        }
    }

    static let strictCRD: JSONValue = [
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget"],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true,
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object",
                            "properties": [
                                "spec": [
                                    "type": "object",
                                    "properties": [
                                        "size": ["type": "string", "enum": ["S", "M", "L"]],
                                        "replicas": ["type": "integer", "default": 1],
                                    ],
                                ]
                            ],
                        ]
                    ],
                ]
            ],
        ],
    ]
}
