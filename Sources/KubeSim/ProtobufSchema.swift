import KubeModel

/// The protobuf field layout of the few built-in kinds kubectl sends as protobuf
/// (`kubectl create namespace|configmap|secret|service …`), from k8s.io/api's generated.proto.
indirect enum ProtobufField: Sendable {
    case string
    case int
    case bool
    /// `bytes`, shown in JSON as base64.
    case bytes
    /// `map<string, V>`: repeated entries {1: key, 2: value}.
    case map(ProtobufField)
    /// `metav1.Time` {1: seconds, 2: nanos}, shown as RFC 3339.
    case time
    /// `intstr.IntOrString` {1: type, 2: intVal, 3: strVal}.
    case intOrString
    case message(ProtobufSchema)
}

struct ProtobufSchema: Sendable {
    /// Field number → JSON name, type, repeated.
    var fields: [Int: (name: String, type: ProtobufField, repeated: Bool)]

    init(_ fields: [Int: (String, ProtobufField, Bool)]) {
        self.fields = fields.mapValues { (name: $0.0, type: $0.1, repeated: $0.2) }
    }

    static let ownerReference = ProtobufSchema([
        1: ("kind", .string, false), 3: ("name", .string, false), 4: ("uid", .string, false),
        5: ("apiVersion", .string, false), 6: ("controller", .bool, false), 7: ("blockOwnerDeletion", .bool, false),
    ])

    static let objectMeta = ProtobufSchema([
        1: ("name", .string, false), 2: ("generateName", .string, false), 3: ("namespace", .string, false),
        5: ("uid", .string, false), 6: ("resourceVersion", .string, false), 7: ("generation", .int, false),
        8: ("creationTimestamp", .time, false), 11: ("labels", .map(.string), false),
        12: ("annotations", .map(.string), false), 13: ("ownerReferences", .message(ownerReference), true),
        14: ("finalizers", .string, true),
    ])

    static let namespace = ProtobufSchema([
        1: ("metadata", .message(objectMeta), false),
        2: ("spec", .message(ProtobufSchema([1: ("finalizers", .string, true)])), false),
    ])

    static let configMap = ProtobufSchema([
        1: ("metadata", .message(objectMeta), false), 2: ("data", .map(.string), false),
        3: ("binaryData", .map(.bytes), false), 4: ("immutable", .bool, false),
    ])

    static let secret = ProtobufSchema([
        1: ("metadata", .message(objectMeta), false), 2: ("data", .map(.bytes), false), 3: ("type", .string, false),
        4: ("stringData", .map(.string), false), 5: ("immutable", .bool, false),
    ])

    static let servicePort = ProtobufSchema([
        1: ("name", .string, false), 2: ("protocol", .string, false), 3: ("port", .int, false),
        4: ("targetPort", .intOrString, false), 5: ("nodePort", .int, false), 6: ("appProtocol", .string, false),
    ])

    static let service = ProtobufSchema([
        1: ("metadata", .message(objectMeta), false),
        2: (
            "spec",
            .message(
                ProtobufSchema([
                    1: ("ports", .message(servicePort), true), 2: ("selector", .map(.string), false),
                    3: ("clusterIP", .string, false), 4: ("type", .string, false), 5: ("externalIPs", .string, true),
                    7: ("sessionAffinity", .string, false), 8: ("loadBalancerIP", .string, false),
                    9: ("loadBalancerSourceRanges", .string, true), 10: ("externalName", .string, false),
                    11: ("externalTrafficPolicy", .string, false), 12: ("healthCheckNodePort", .int, false),
                    13: ("publishNotReadyAddresses", .bool, false), 17: ("ipFamilyPolicy", .string, false),
                    18: ("clusterIPs", .string, true), 19: ("ipFamilies", .string, true),
                    20: ("allocateLoadBalancerNodePorts", .bool, false), 21: ("loadBalancerClass", .string, false),
                    22: ("internalTrafficPolicy", .string, false),
                ])), false
        ),
    ])

    static func forKind(apiVersion: String, kind: String) -> ProtobufSchema? {
        guard apiVersion == "v1" else { return nil }
        switch kind {
        case "Namespace": return namespace
        case "ConfigMap": return configMap
        case "Secret": return secret
        case "Service": return service
        default: return nil
        }
    }
}
