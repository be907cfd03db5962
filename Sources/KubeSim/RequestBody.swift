import Foundation
import KubeModel
import Yams

/// Decodes request bodies: JSON (the common case, parsed directly) or YAML (kubectl's
/// server-side apply and manifests on disk).
enum RequestBody {
    static func decode(_ bytes: [UInt8], contentType: String) throws -> JSONValue {
        if contentType == "application/vnd.kubernetes.protobuf" {
            do {
                return try ProtobufDecoding.decode(bytes)
            } catch is ProtobufDecoding.Malformed {
                throw APIError.badRequest("error decoding protobuf request body")
            }
        }
        if contentType.containsBytes("protobuf") || contentType.containsBytes("cbor") {
            throw APIError.unsupportedMediaType(contentType, accepted: ["application/json", "application/yaml"])
        }
        if contentType.hasSuffix("yaml") {
            return try yaml(String(decoding: bytes, as: UTF8.self))
        }
        do {
            return try JSONReader.parse(bytes)
        } catch let error as JSONReader.SyntaxError {
            throw APIError.badRequest("error decoding request body: \(error)")
        }
    }

    static func yaml(_ text: String) throws -> JSONValue {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return convert(node)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("error converting YAML to JSON: \(error)")
        }
    }

    /// Every document of a multi-document YAML stream (manifests with `---`).
    static func yamlDocuments(_ text: String) throws -> [JSONValue] {
        try Yams.compose_all(yaml: text).map(convert)
    }

    static func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch scalar.style {
            case .singleQuoted, .doubleQuoted, .literal, .folded: return .string(scalar.string)
            default: break
            }
            if scalar.tag.description == "tag:yaml.org,2002:str" { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let b = node.bool { return .bool(b) }
            if let i = node.int { return .number(Double(i)) }
            if let d = node.float, d.isFinite { return .number(d) }
            return .string(scalar.string)
        case .mapping(let mapping):
            var members: JSONObject = [:]
            for (key, value) in mapping { members[key.string ?? ""] = convert(value) }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(convert))
        case .alias(let alias):
            return .string(alias.anchor.rawValue)
        }
    }
}
