import KubeModel

/// What differs between two Endpoints, said the way a person reading `verify` thinks of
/// it: which address is missing, extra or of the wrong readiness, which ports differ, and
/// which metadata fields differ. Subset layout is not compared: the controller writes one
/// subset (spec §5.8) and its canonical comparison ignores address and subset order.
enum EndpointsDifference {
    static func between(actual: Endpoints, expected: Endpoints, subject: Subject) -> [Discrepancy] {
        var differences = subject.discrepancies(
            FieldDifference.between(
                actual: FieldDifference.json(comparableMetadata(actual.metadata)),
                expected: FieldDifference.json(comparableMetadata(expected.metadata)), path: "metadata"))

        let want = addresses(of: expected)
        let have = addresses(of: actual)
        for key in Set(want.keys).union(have.keys).sorted(by: { ($0.ip, $0.uid) < ($1.ip, $1.uid) }) {
            let wanted = want[key]
            let had = have[key]
            guard wanted?.readiness != had?.readiness || wanted?.targetName != had?.targetName else { continue }
            let target = wanted?.targetName ?? had?.targetName ?? key.uid
            differences.append(
                subject.discrepancy(
                    "address \(key.ip) (\(target))", expected: wanted?.description ?? Discrepancy.absent,
                    actual: had?.description ?? Discrepancy.absent))
        }

        let wantedPorts = ports(of: expected)
        let hadPorts = ports(of: actual)
        if wantedPorts != hadPorts {
            differences.append(subject.discrepancy("ports", expected: render(wantedPorts), actual: render(hadPorts)))
        }
        return differences
    }

    /// An endpoint address is identified as the controller identifies it: IP and target UID.
    struct AddressKey: Hashable {
        var ip: String
        var uid: String
    }

    struct AddressState: Hashable, CustomStringConvertible {
        var ready: Bool
        var targetName: String?
        var readiness: String { ready ? "ready" : "not ready" }
        var description: String { readiness }
    }

    /// Every address of every subset; not ready wins when one is listed both ways (spec §5.8).
    private static func addresses(of endpoints: Endpoints) -> [AddressKey: AddressState] {
        var result: [AddressKey: AddressState] = [:]
        for subset in endpoints.subsets ?? [] {
            for address in subset.addresses ?? [] {
                let key = AddressKey(ip: address.ip, uid: address.targetRef?.uid ?? "")
                if result[key] == nil { result[key] = AddressState(ready: true, targetName: address.targetRef?.name) }
            }
            for address in subset.notReadyAddresses ?? [] {
                let key = AddressKey(ip: address.ip, uid: address.targetRef?.uid ?? "")
                result[key] = AddressState(ready: false, targetName: address.targetRef?.name)
            }
        }
        return result
    }

    /// The ports offered, as `name port/protocol`, in a stable order.
    private static func ports(of endpoints: Endpoints) -> [String] {
        let all = (endpoints.subsets ?? []).flatMap { $0.ports ?? [] }
        return Set(all.map { "\($0.name ?? "") \($0.port)/\($0.protocol ?? "TCP")" }).sorted()
    }

    private static func render(_ ports: [String]) -> String {
        ports.isEmpty ? Discrepancy.absent : "[" + ports.joined(separator: ", ") + "]"
    }

    /// The metadata the controller writes on Endpoints (spec §5.9).
    private static func comparableMetadata(_ meta: ObjectMeta) -> ObjectMeta {
        ObjectMeta(labels: meta.labels, annotations: meta.annotations, ownerReferences: meta.ownerReferences)
    }
}
