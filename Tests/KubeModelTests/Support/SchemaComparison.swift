import Foundation

@testable import KubeModel

/// Walks an encoded model object and a structural schema side by side.
///
/// Paths are dotted, with `[]` for list items (`spec.ports[].name`). A schema node without
/// `properties` (metadata, string maps such as `selector`) is a leaf on both sides.
struct SchemaComparison {
    var modelPaths: Set<String> = []
    var schemaPaths: Set<String>
    /// Paths whose encoded value does not have the schema's type or is outside its enum.
    var typeErrors: Set<String> = []

    init(model: some Encodable, schema: JSONValue) throws {
        let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(model))
        schemaPaths = Self.paths(ofSchema: schema)
        walk(encoded, schema: schema, path: "")
    }

    private mutating func walk(_ value: JSONValue, schema: JSONValue?, path: String) {
        if let schema, !Self.fits(value, schema) { typeErrors.insert(path) }
        switch value {
        case .object(let members) where schema?["properties"] != nil:
            for (key, member) in members {
                let child = Self.join(path, key)
                modelPaths.insert(child)
                walk(member, schema: schema?["properties"]?[key], path: child)
            }
        case .array(let items):
            modelPaths.insert(path + "[]")
            for item in items { walk(item, schema: schema?["items"], path: path + "[]") }
        default:
            return
        }
    }

    static func paths(ofSchema schema: JSONValue, path: String = "") -> Set<String> {
        var result: Set<String> = []
        for (key, child) in schema["properties"]?.objectValue ?? [:] {
            result.insert(join(path, key))
            result.formUnion(paths(ofSchema: child, path: join(path, key)))
        }
        if let items = schema["items"] {
            result.insert(path + "[]")
            result.formUnion(paths(ofSchema: items, path: path + "[]"))
        }
        return result
    }

    struct Rule {
        var path: String
        var rule: String
        var message: String
    }

    /// Every `x-kubernetes-validations` entry, with the schema path it sits on.
    static func rules(ofSchema schema: JSONValue, path: String = "") -> [Rule] {
        var result = (schema["x-kubernetes-validations"]?.arrayValue ?? []).map {
            Rule(path: path, rule: $0["rule"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "")
        }
        for (key, child) in schema["properties"]?.objectValue ?? [:] {
            result += rules(ofSchema: child, path: join(path, key))
        }
        if let items = schema["items"] { result += rules(ofSchema: items, path: path + "[]") }
        return result
    }

    private static func fits(_ value: JSONValue, _ schema: JSONValue) -> Bool {
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) { return false }
        if schema["x-kubernetes-int-or-string"] == true {
            return value.stringValue != nil || value.intValue != nil
        }
        switch (schema["type"]?.stringValue, value) {
        case ("object", .object), ("array", .array), ("boolean", .bool): return true
        case ("string", .string(let text)):
            return schema["format"] != "date-time" || Time(rfc3339: text) != nil
        case ("integer", _): return value.intValue != nil
        case (nil, _): return true
        default: return false
        }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
