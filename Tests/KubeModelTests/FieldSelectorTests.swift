import Testing

@testable import KubeModel

/// Field selectors as Go's `fields.ParseSelector` reads them.
@Suite struct FieldSelectorTests {
    @Test(arguments: [
        ("metadata.name=x,metadata.namespace!=y", "metadata.name=x,metadata.namespace!=y"),
        ("metadata.namespace!=y,metadata.name=x", "metadata.name=x,metadata.namespace!=y"),
        ("a==b", "a=b"),
        ("", ""),
        ("a=b,,c=d", "a=b,c=d"),
        ("a=", "a="),
        (#"a=x\,y\=z\\w"#, #"a=x\,y\=z\\w"#),
        ("spec.nodeName=", "spec.nodeName="),
        (#"a!=b\=c"#, #"a!=b\=c"#),
    ])
    func parsesAndPrints(_ text: String, _ canonical: String) throws {
        let selector = try FieldSelector.parse(text)
        #expect(selector.description == canonical)
        #expect(try FieldSelector.parse(canonical) == selector)
    }

    @Test func unescapesValues() throws {
        let selector = try FieldSelector.parse(#"a=x\,y\=z\\w"#)
        #expect(selector.terms == [FieldSelector.Term(field: "a", value: #"x,y=z\w"#)])
    }

    @Test(arguments: [
        ("abc", "invalid selector: 'abc'; can't understand 'abc'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        (#"a=b\x"#, #"invalid field selector: invalid escape sequence: \x"#),
        (#"a=b\"#, #"invalid field selector: invalid escape sequence: \"#),
    ])
    func rejectsWithGoMessages(_ text: String, _ message: String) {
        #expect(throws: FieldSelector.ParseError(message: message)) {
            try FieldSelector.parse(text)
        }
    }

    @Test func matchesWithMissingFieldsReadAsEmpty() throws {
        let selector = try FieldSelector.parse("metadata.name=web,metadata.namespace!=kube-system")
        #expect(selector.matches(["metadata.name": "web", "metadata.namespace": "default"]))
        #expect(!selector.matches(["metadata.name": "web", "metadata.namespace": "kube-system"]))
        #expect(!selector.matches(["metadata.namespace": "default"]))
        #expect(try FieldSelector.parse("spec.nodeName=").matches([:]))
        #expect(try FieldSelector.parse("spec.nodeName!=").matches(["spec.nodeName": "n1"]))
        #expect(FieldSelector.everything.matches(["anything": "x"]))
    }
}
