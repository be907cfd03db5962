import KubeModel
import VMServiceCore

/// What differs between a stored EndpointSlice and what it should be, said as for the
/// Endpoints (see `EndpointsDifference`): the metadata the controller writes, the ports, and
/// each endpoint that is missing, extra or in another state. Endpoint order is not compared.
enum EndpointSliceDifference {
    static func between(actual: EndpointSlice?, expected: EndpointSlice, subject: Subject) -> [Discrepancy] {
        var differences = subject.discrepancies(
            FieldDifference.between(
                actual: actual.flatMap { FieldDifference.json(comparableMetadata($0.metadata)) },
                expected: FieldDifference.json(comparableMetadata(expected.metadata)), path: "metadata"))
        if let actual, actual.addressType != expected.addressType {
            differences.append(
                subject.discrepancy("addressType", expected: expected.addressType, actual: actual.addressType))
        }
        let wantedPorts = ports(of: expected)
        let hadPorts = actual.map(ports) ?? []
        if wantedPorts != hadPorts {
            differences.append(subject.discrepancy("ports", expected: render(wantedPorts), actual: render(hadPorts)))
        }
        let want = endpoints(of: expected)
        let have = actual.map(endpoints) ?? [:]
        for key in Set(want.keys).union(have.keys).sorted() where want[key] != have[key] {
            let target = want[key]?.targetRef?.name ?? have[key]?.targetRef?.name ?? key.uid
            differences.append(
                subject.discrepancy(
                    "endpoint \(key.address) (\(target))", expected: want[key].map(state) ?? Discrepancy.absent,
                    actual: have[key].map(state) ?? Discrepancy.absent))
        }
        return differences
    }

    private static func endpoints(of slice: EndpointSlice) -> [EndpointSliceEndpointKey: EndpointSlice.Endpoint] {
        var result: [EndpointSliceEndpointKey: EndpointSlice.Endpoint] = [:]
        for endpoint in slice.endpoints ?? [] {
            let key = EndpointSliceEndpointKey(address: endpoint.addresses.first ?? "", uid: endpoint.targetRef?.uid ?? "")
            result[key] = endpoint
        }
        return result
    }

    /// `ready`, `not ready`, with `serving`/`terminating` when they say more than `ready` does.
    private static func state(_ endpoint: EndpointSlice.Endpoint) -> String {
        let conditions = endpoint.conditions
        var words = [conditions?.ready == true ? "ready" : "not ready"]
        if conditions?.terminating == true { words.append("terminating") }
        if conditions?.ready != true, conditions?.serving == true { words.append("serving") }
        return words.joined(separator: ", ")
    }

    private static func ports(of slice: EndpointSlice) -> [String] {
        Set((slice.ports ?? []).map { "\($0.name ?? "") \($0.port.map { String($0) } ?? "")/\($0.protocol ?? "TCP")" })
            .sorted()
    }

    private static func render(_ ports: [String]) -> String {
        ports.isEmpty ? Discrepancy.absent : "[" + ports.joined(separator: ", ") + "]"
    }

    private static func comparableMetadata(_ meta: ObjectMeta) -> ObjectMeta {
        ObjectMeta(labels: meta.labels, ownerReferences: meta.ownerReferences)
    }
}
