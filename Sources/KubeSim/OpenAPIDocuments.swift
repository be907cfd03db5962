import KubeModel

/// Just enough OpenAPI for kubectl: v3 documents whose PATCH operations carry the
/// `fieldValidation` parameter (so kubectl leaves validation to the server), and the custom
/// resources' schemas (for `kubectl explain`).
struct OpenAPIDocuments {
    let registry: ResourceRegistry

    static let v2: JSONValue = [
        "swagger": "2.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": [:], "definitions": [:],
    ]

    private var groupVersions: [String] {
        registry.groups.flatMap { group in group.versions.map { group.name.isEmpty ? $0 : "\(group.name)/\($0)" } }
    }

    private static func documentPath(_ groupVersion: String) -> String {
        groupVersion.contains("/") ? "apis/\(groupVersion)" : "api/\(groupVersion)"
    }

    var v3Root: JSONValue {
        var paths: JSONObject = [:]
        for gv in groupVersions {
            let path = Self.documentPath(gv)
            let hash = DiscoveryDocuments.hash(JSONWriter.string(v3(groupVersion: path) ?? .null))
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// The document for `api/v1` or `apis/GROUP/VERSION`.
    func v3(groupVersion path: String) -> JSONValue? {
        let gv = path.hasPrefix("apis/") ? String(path.dropFirst(5)) : path.hasPrefix("api/") ? String(path.dropFirst(4)) : path
        guard let types = registry.resources(groupVersion: gv) else { return nil }
        var paths: JSONObject = [:]
        var schemas: JSONObject = [:]
        for type in types {
            let gvk: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            let base = type.group.isEmpty ? "/api/\(type.version)" : "/apis/\(type.group)/\(type.version)"
            let collection = type.namespaced ? "\(base)/namespaces/{namespace}/\(type.resource)" : "\(base)/\(type.resource)"
            var content: JSONObject = [:]
            for kind in PatchKind.accepted(for: type) { content[kind] = ["schema": ["type": "object"]] }
            let fieldValidation: JSONValue = [
                "name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true],
            ]
            let operation = { (action: String) -> JSONValue in
                ["x-kubernetes-group-version-kind": gvk, "x-kubernetes-action": .string(action), "parameters": [fieldValidation]]
            }
            var patch = operation("patch")
            patch["requestBody"] = ["content": .object(content)]
            paths[collection] = ["get": operation("list"), "post": operation("post")]
            paths["\(collection)/{name}"] = [
                "get": operation("get"), "put": operation("put"), "patch": patch, "delete": operation("delete"),
            ]
            if var schema = type.schema, type.isCustom {
                schema["x-kubernetes-group-version-kind"] = [gvk]
                schemas[Self.schemaName(type)] = schema
            }
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    /// `com.vmware.vmoperator.v1alpha3.VirtualMachineService` for group vmoperator.vmware.com.
    private static func schemaName(_ type: ResourceType) -> String {
        (type.group.split(separator: ".").reversed().map(String.init) + [type.version, type.kind]).joined(separator: ".")
    }
}
