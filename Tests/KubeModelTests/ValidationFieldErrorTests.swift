import Foundation
import Testing

@testable import KubeModel

@Suite struct ValidationFieldErrorTests {
    /// Expected texts are what Go's `field.Error.Error()` (apimachinery v0.32) prints.
    @Test(arguments: [
        (FieldError.required("spec.type"), "spec.type: Required value"),
        (.required("spec.ports", "must have at least one port"), "spec.ports: Required value: must have at least one port"),
        (.notSupported("spec.type", "NodePort", supported: ["ClusterIP", "LoadBalancer"]),
         #"spec.type: Unsupported value: "NodePort": supported values: "ClusterIP", "LoadBalancer""#),
        (.notSupported("spec.type", "x", supported: []), #"spec.type: Unsupported value: "x""#),
        (.duplicate("spec.ports[1].name", "port1"), #"spec.ports[1].name: Duplicate value: "port1""#),
        (.invalid("spec.ports[0].port", 100000, "must be between 1 and 65535, inclusive"),
         "spec.ports[0].port: Invalid value: 100000: must be between 1 and 65535, inclusive"),
        (.forbidden("spec.type", "field is immutable"), "spec.type: Forbidden: field is immutable"),
        (.invalid("spec.clusterIP", "100.1000.1.1", "must be a valid IP address"),
         #"spec.clusterIP: Invalid value: "100.1000.1.1": must be a valid IP address"#),
        (.invalid("spec.replicas", -1.5, "must be positive"), "spec.replicas: Invalid value: -1.5: must be positive"),
        (.invalid("spec.enabled", false, "nope"), "spec.enabled: Invalid value: false: nope"),
        (.invalid("spec.x", .null, "bad"), #"spec.x: Invalid value: "null": bad"#),
        (.invalid("spec.x", ["a", 1], "bad"), #"spec.x: Invalid value: []interface {}{"a", 1}: bad"#),
        (.invalid("spec.x", ["b": true, "a": "q"], "bad"),
         #"spec.x: Invalid value: map[string]interface {}{"a":"q", "b":true}: bad"#),
        (.typeInvalid("spec.ports", "80", "spec.ports in body must be of type array"),
         #"spec.ports: Invalid value: "80": spec.ports in body must be of type array"#),
        (.tooLong("metadata.name", maxLength: 63), "metadata.name: Too long: may not be more than 63 bytes"),
        (.tooLong("metadata.name", maxLength: -1), "metadata.name: Too long: value is too long"),
        (.tooMany("spec.ports", actual: 5, max: 3), "spec.ports: Too many: 5: must have at most 3 items"),
        (.tooMany("spec.ports", actual: nil, max: 3), "spec.ports: Too many: must have at most 3 items"),
        (.notFound("spec.secretRef", "missing"), #"spec.secretRef: Not found: "missing""#),
        (.internal("spec", "boom"), "spec: Internal error: boom"),
    ] as [(FieldError, String)])
    func printsLikeGo(_ error: FieldError, _ expected: String) {
        #expect(error.description == expected)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote\" and \\", #""quote\" and \\""#),
        ("tab\there\nnl", #""tab\there\nnl""#),
        ("\u{01}\u{7f}", #""\x01\x7f""#),
        ("Māori", #""Māori""#),
        ("nbsp\u{a0}", #""nbsp\u00a0""#),
        ("\u{0007}\u{0008}\u{000B}\u{000C}\r", #""\a\b\v\f\r""#),
    ])
    func quotesStringsLikeStrconvQuote(_ text: String, _ expected: String) {
        #expect(GoFormat.quote(text) == expected)
    }

    @Test(arguments: [
        (1.5, "1.5"), (0.0001, "0.0001"), (0.00001, "1e-05"), (123456.5, "123456.5"),
        (1234567.5, "1.2345675e+06"), (-2.25, "-2.25"), (1e300, "1e+300"), (3.0e-7, "3e-07"),
    ])
    func printsFloatsLikeGoPercentV(_ value: Double, _ expected: String) {
        #expect(GoFormat.float(value) == expected)
    }

    @Test func reasonsAreTheStatusCauseTypes() {
        #expect(FieldError.ErrorType.required.rawValue == "FieldValueRequired")
        #expect(FieldError.ErrorType.notSupported.rawValue == "FieldValueNotSupported")
        #expect(FieldError.ErrorType.internal.rawValue == "InternalError")
    }

    @Test func aggregateDropsRepeatsAndBracketsSeveral() {
        let one = FieldError.required("spec.type")
        let two = FieldError.forbidden("spec.clusterIP", "field is immutable")
        #expect(FieldError.aggregateMessage([]) == "")
        #expect(FieldError.aggregateMessage([one, one]) == "spec.type: Required value")
        #expect(
            FieldError.aggregateMessage([one, two, one])
                == "[spec.type: Required value, spec.clusterIP: Forbidden: field is immutable]")
    }

    @Test func invalidStatusForOneError() throws {
        let status = Status.invalid(
            kind: "VirtualMachineService", group: "vmoperator.vmware.com", name: "web",
            errors: [.required("spec.type")])
        #expect(status.code == 422)
        #expect(status.reason == "Invalid")
        #expect(status.status == "Failure")
        #expect(status.message == #"VirtualMachineService.vmoperator.vmware.com "web" is invalid: spec.type: Required value"#)
        #expect(status.details?.kind == "VirtualMachineService")
        #expect(status.details?.group == "vmoperator.vmware.com")
        #expect(status.details?.name == "web")
        #expect(
            status.details?.causes == [
                StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.type")
            ])
    }

    @Test func invalidStatusForSeveralErrorsOfACoreKind() throws {
        let errors: [FieldError] = [
            .invalid("spec.ports[0].port", 0, "must be between 1 and 65535, inclusive"),
            .duplicate("spec.ports[1].name", "a"),
        ]
        let status = Status.invalid(kind: "Service", group: "", name: "db", errors: errors)
        #expect(
            status.message
                == #"Service "db" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].name: Duplicate value: "a"]"#
        )
        #expect(status.details?.group == nil)
        #expect(status.details?.causes?.map(\.message) == [
            "Invalid value: 0: must be between 1 and 65535, inclusive", #"Duplicate value: "a""#,
        ])
        let json = try JSONEncoder().encode(status)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: json)
        #expect(decoded["details"]?["causes"]?.arrayValue?.first?["reason"] == "FieldValueInvalid")
        #expect(decoded["details"]?["group"] == nil)
    }
}
