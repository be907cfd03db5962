import Testing

@testable import Verify

@Suite struct VerifyReportTests {
    @Test func discrepancyReadsAsObjectKindFieldExpectedActual() {
        let discrepancy = Discrepancy(
            namespace: "shop", name: "web", kind: "Service", field: "spec.ports[0].port", expected: "80", actual: "81")
        #expect(discrepancy.description == "shop/web Service spec.ports[0].port: expected 80, actual 81")
    }

    @Test func textEndsWithTheSummaryLine() {
        let report = VerifyReport(
            checked: 2,
            discrepancies: [
                Discrepancy(
                    namespace: "a", name: "b", kind: "Endpoints", field: "object", expected: "present", actual: "absent"
                )
            ])
        #expect(
            report.text
                == "a/b Endpoints object: expected present, actual absent\nchecked 2 VirtualMachineServices: 1 discrepancies"
        )
        #expect(!report.isClean)
    }

    @Test func emptyValuesReadAsAbsentOnBothSides() {
        #expect(FieldDifference.between(actual: ["selector": [:]], expected: ["labels": []]) == [])
        #expect(
            FieldDifference.between(actual: ["a": ["b": 1]], expected: nil)
                == [FieldDifference(path: "a.b", expected: nil, actual: 1)])
    }

    @Test func listsOfEqualLengthAreComparedItemByItem() {
        let differences = FieldDifference.between(
            actual: ["ports": [["port": 80], ["port": 81]]], expected: ["ports": [["port": 80], ["port": 82]]])
        #expect(differences == [FieldDifference(path: "ports[1].port", expected: 82, actual: 81)])
        #expect(FieldDifference.render(82) == "82")
        #expect(FieldDifference.render(nil) == "absent")
    }
}
