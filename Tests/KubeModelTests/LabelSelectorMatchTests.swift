import Foundation
import Testing

@testable import KubeModel

/// Matching (cases from apimachinery's TestSelectorMatches and TestRequirementSelectorMatching)
/// and the structured `metav1.LabelSelector`.
@Suite struct LabelSelectorMatchTests {
    @Test(arguments: [
        ("", ["x": "y"], true),
        ("x=y", ["x": "y"], true),
        ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true),
        ("notin=in", ["notin": "in"], true),
        ("x", ["x": "z"], true),
        ("!x", ["y": "z"], true),
        ("x>1", ["x": "2"], true),
        ("x<1", ["x": "0"], true),
        ("x=z", [:], false),
        ("x=y", ["x": "z"], false),
        ("x=y,z=w", ["x": "w", "z": "w"], false),
        ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("x", ["y": "z"], false),
        ("!x", ["x": "z"], false),
        ("x>1", ["x": "0"], false),
        ("x<1", ["x": "2"], false),
        ("x>1", ["x": "v2"], false),
        ("x>1", [:], false),
        ("x!=y", [:], true),
        ("x notin (a)", [:], true),
        ("x in (foo),y notin (alpha)", ["x": "foo", "y": "baz"], true),
        ("x in (foo),y in (alpha)", ["x": "foo", "y": "baz"], false),
        ("x notin (),y", ["y": ""], true),
        ("!x,y", ["y": ""], true),
        ("x notin (),!y", ["y": ""], false),
        ("x in ()", ["y": "baz"], false),
        ("x in ()", ["x": ""], true),
        ("x=", ["x": ""], true),
        ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
    ] as [(String, [String: String], Bool)])
    func matchesLikeGo(_ text: String, _ labels: [String: String], _ expected: Bool) throws {
        #expect(try Selector.parse(text).matches(labels) == expected)
    }

    @Test func structuredSelectorConvertsToTheSameRequirements() throws {
        let structured = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                LabelSelectorRequirement(key: "tier", operator: .in, values: ["b", "a"]),
                LabelSelectorRequirement(key: "legacy", operator: .doesNotExist),
                LabelSelectorRequirement(key: "env", operator: .notIn, values: ["dev"]),
                LabelSelectorRequirement(key: "zone", operator: .exists),
            ])
        let selector = try structured.asSelector()
        #expect(selector.description == "app=web,env notin (dev),!legacy,tier in (a,b),zone")
        #expect(selector.matches(["app": "web", "tier": "a", "zone": "z1"]))
        #expect(!selector.matches(["app": "web", "tier": "a", "zone": "z1", "legacy": ""]))
        #expect(try LabelSelector().asSelector() == .everything)
    }

    @Test func structuredSelectorConversionErrorsReadAsGo() {
        let unknown = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: .init(rawValue: "Gt"))])
        #expect(throws: LabelSelector.ConversionError(message: #""Gt" is not a valid label selector operator"#)) {
            try unknown.asSelector()
        }
        let badKey = LabelSelector(matchLabels: ["bad key": "v"])
        #expect {
            try badKey.asSelector()
        } throws: { error in
            (error as? LabelSelector.ConversionError)?.message.hasPrefix(#"key: Invalid value: "bad key": name part"#) == true
        }
    }

    @Test func structuredSelectorValidationMatchesMetav1Validation() {
        let selector = LabelSelector(
            matchLabels: ["THIS_NOT_VALID!": "fine", "ok": "-bad"],
            matchExpressions: [
                LabelSelectorRequirement(key: "a", operator: .in),
                LabelSelectorRequirement(key: "b", operator: .exists, values: ["x"]),
                LabelSelectorRequirement(key: "c", operator: .init(rawValue: "Gt"), values: ["1"]),
                LabelSelectorRequirement(key: "d", operator: .notIn, values: ["ok", "not ok"]),
            ])
        let errors = selector.validationErrors(path: "spec.selector")
        #expect(
            errors.map { "\($0.type.rawValue) \($0.field)" } == [
                "FieldValueInvalid spec.selector.matchLabels",
                "FieldValueInvalid spec.selector.matchLabels",
                "FieldValueRequired spec.selector.matchExpressions[0].values",
                "FieldValueForbidden spec.selector.matchExpressions[1].values",
                "FieldValueInvalid spec.selector.matchExpressions[2].operator",
                "FieldValueInvalid spec.selector.matchExpressions[3].values[1]",
            ])
        #expect(
            errors[2].description
                == "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")
        #expect(
            errors[4].description
                == #"spec.selector.matchExpressions[2].operator: Invalid value: "Gt": not a valid selector operator"#)
        #expect(errors[0].badValue == "THIS_NOT_VALID!")
        #expect(LabelSelector(matchLabels: ["app": "web"]).validationErrors(path: "spec.selector").isEmpty)
    }

    @Test func structuredSelectorRoundTripsThroughJSON() throws {
        let json = #"{"matchExpressions":[{"key":"k","operator":"Weird","values":["v"]}],"matchLabels":{"a":"b"}}"#
        let decoded = try JSONDecoder().decode(LabelSelector.self, from: Data(json.utf8))
        #expect(decoded.matchExpressions?.first?.operator.rawValue == "Weird")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == json)
    }
}
