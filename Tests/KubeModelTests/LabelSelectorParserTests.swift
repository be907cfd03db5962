import Testing

@testable import KubeModel

/// Parse and print, with cases and expected texts from apimachinery's labels/selector_test.go
/// and error messages as Go's `labels.Parse` words them.
@Suite struct LabelSelectorParserTests {
    @Test(arguments: [
        ("x=a,y=b,z=c", "x=a,y=b,z=c"),
        ("", ""),
        ("   ", ""),
        ("x!=a,y=b", "x!=a,y=b"),
        ("x=", "x="),
        ("x= ", "x="),
        ("x=,z= ", "x=,z="),
        ("x= ,z= ", "x=,z="),
        ("!x", "!x"),
        ("x>1", "x>1"),
        ("x>1,z<5", "x>1,z<5"),
        ("x==a", "x==a"),
        ("\rx", "x"),
        ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        ("this-is-another-dns.domain.com/key-with-dash in (so,what)",
         "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
        ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        ("foo  in\t (abc)", "foo in (abc)"),
        ("x notin\n (abc)", "x notin (abc)"),
        ("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
        ("x in (def,abc,def)", "x in (abc,def)"),
        ("x in (abc,)", "x in (,abc)"),
        ("x in ()", "x in ()"),
        ("x notin ( )", "x notin ()"),
        ("x notin (, a)", "x notin (,a)"),
        ("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
        ("x,y in (a)", "x,y in (a)"),
        ("y in (a),x", "x,y in (a)"),
        ("a ", "a"),
        ("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
        ("in in (in),notin", "in in (in),notin"),
        ("b=2,a=1,b!=3", "a=1,b=2,b!=3"),
        ("a=b \0garbage", "a=b"),
        ("a \0 (", "a"),
    ])
    func parsesAndPrintsCanonically(_ text: String, _ canonical: String) throws {
        let selector = try Selector.parse(text)
        #expect(selector.description == canonical)
        #expect(try Selector.parse(canonical) == selector)
    }

    static let namePart =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let labelValue =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    @Test(arguments: [
        ("x=a||y=b", #"unable to parse requirement: values[0][x]: Invalid value: "a||y": "# + labelValue, 0),
        ("x==a==b", "found '==', expected: ',' or 'end of string'", 4),
        ("!x=a", "found '=', expected: ',' or 'end of string'", 2),
        ("x<a", #"unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer"#, 0),
        ("y=1,x<a", #"unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer"#, 4),
        ("x,,y", "found ',', expected: identifier after ','", 2),
        (",x,y", "found ',', expected: !, identifier, or 'end of string'", 0),
        ("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt", 2),
        ("a in (xyz),", "found '', expected: identifier after ','", 11),
        ("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'", 10),
        ("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'", 10),
        ("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier", 8),
        ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt", 2),
        ("(", "found '(', expected: !, identifier, or 'end of string'", 0),
        ("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier", 8),
        ("x=(", "unable to parse requirement: found '(', expected: identifier", 2),
        ("x in y", "unable to parse requirement: found 'y' expected: '('", 5),
        ("!", "unable to parse requirement: found '', expected: identifier", 1),
        // Go's lexer cannot tell a NUL byte from the end, but inside a word it only ends the word.
        ("a=b\0c", "found 'c', expected: ',' or 'end of string'", 4),
        ("Key$=x", #"unable to parse requirement: <nil>: Invalid value: "Key$": "# + namePart, 0),
        ("x in (a$,b$)",
         #"unable to parse requirement: [values[0][x]: Invalid value: "a$": "# + labelValue
            + #", values[1][x]: Invalid value: "b$": "# + labelValue + "]", 0),
        ("x>+", #"unable to parse requirement: [values[0]: Invalid value: "+": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "+": "#
            + labelValue + "]", 0),
    ])
    func rejectsWithGoMessageAndPosition(_ text: String, _ message: String, _ position: Int) {
        #expect {
            try Selector.parse(text)
        } throws: { error in
            guard let error = error as? SelectorParseError else { return false }
            #expect(error.message == message)
            #expect(error.description == message)
            #expect(error.position == position)
            return true
        }
    }

    @Test func errorNamesTheOffendingToken() {
        #expect {
            try Selector.parse("app=web extra")
        } throws: { error in
            (error as? SelectorParseError)?.token == "extra"
        }
    }

    @Test func requirementsPrintLikeGoToString() {
        let cases: [([Selector.Requirement], String)] = [
            ([.init(key: "x", operator: .in, values: ["def", "abc"]), .init(key: "y", operator: .notIn, values: ["jkl"]),
              .init(key: "z", operator: .exists)], "x in (abc,def),y notin (jkl),z"),
            ([.init(key: "x", operator: .notIn, values: ["abc", "def"]), .init(key: "y", operator: .notEquals, values: ["jkl"]),
              .init(key: "z", operator: .doesNotExist)], "x notin (abc,def),y!=jkl,!z"),
            ([.init(key: "x", operator: .equals, values: ["abc"]), .init(key: "y", operator: .doubleEquals, values: ["jkl"]),
              .init(key: "z", operator: .notEquals, values: ["a"]), .init(key: "z", operator: .exists)], "x=abc,y==jkl,z!=a,z"),
            ([.init(key: "y", operator: .lessThan, values: ["8"]), .init(key: "x", operator: .greaterThan, values: ["2"])],
             "x>2,y<8"),
        ]
        for (requirements, expected) in cases {
            #expect(Selector(requirements: requirements).description == expected)
        }
    }

    @Test func matchLabelsSelectorIsSortedEquality() {
        let selector = Selector(matchLabels: ["tier": "web", "app": "shop"])
        #expect(selector.description == "app=shop,tier=web")
        #expect(Selector(matchLabels: [:]) == .everything)
        #expect(Selector.everything.isEmpty)
        #expect(Selector.everything.description == "")
    }

    @Test func requirementValidationReportsGoPaths() {
        let bad = Selector(matchLabels: ["THIS_NOT_VALID!": "ok", "ok": "not ok"])
        #expect(
            bad.validationErrors(path: "spec.selector").map(\.description) == [
                #"spec.selector.key: Invalid value: "THIS_NOT_VALID!": "# + Self.namePart,
                #"spec.selector.values[0][ok]: Invalid value: "not ok": "# + Self.labelValue,
            ])
        let empty = Selector.Requirement(key: "x", operator: .in, values: [])
        #expect(empty.validationErrors().map(\.field) == ["values"])
        #expect(empty.validationErrors().first?.detail == "for 'in', 'notin' operators, values set can't be empty")
        let twoForEquals = Selector.Requirement(key: "x", operator: .equals, values: ["a", "b"])
        #expect(twoForEquals.validationErrors().first?.detail == "exact-match compatibility requires one single value")
        let valueForExists = Selector.Requirement(key: "x", operator: .exists, values: ["a"])
        #expect(valueForExists.validationErrors().first?.detail == "values set must be empty for exists and does not exist")
        let twoForGt = Selector.Requirement(key: "x", operator: .greaterThan, values: ["1", "2"])
        #expect(twoForGt.validationErrors().first?.detail == "for 'Gt', 'Lt' operators, exactly one value is required")
    }
}
