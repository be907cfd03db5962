import Foundation
import KubeModel

/// Reads Roles, ClusterRoles, RoleBindings and ClusterRoleBindings from the YAML/JSON
/// manifests under a directory (recursively; multi-document files and `kind: List` as
/// kubectl accepts them). Other kinds are skipped, so a deploy directory that also holds
/// ServiceAccounts or Deployments loads as is.
enum RBACManifests {
    struct LoadError: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): \(reason)" }
    }

    private struct InvalidObject: Error, CustomStringConvertible {
        var description: String
    }

    static func load(directory: String) throws -> RBACPolicy {
        var roles: [RBACRole] = []
        var bindings: [RBACBinding] = []
        for file in try manifestFiles(under: directory) {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw LoadError(file: file, reason: "unreadable: \(error.localizedDescription)")
            }
            do {
                for document in try RequestBody.yamlDocuments(text).flatMap(flattenLists) {
                    switch document["kind"]?.stringValue {
                    case "Role", "ClusterRole": roles.append(try role(document))
                    case "RoleBinding", "ClusterRoleBinding": bindings.append(try binding(document))
                    default: continue
                    }
                }
            } catch {
                throw LoadError(file: file, reason: "\(error)")
            }
        }
        return RBACPolicy(roles: roles, bindings: bindings)
    }

    private static func manifestFiles(under directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(file: directory, reason: "not a directory")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
            .map { "\(directory)/\($0)" }
    }

    private static func flattenLists(_ document: JSONValue) -> [JSONValue] {
        guard document["kind"]?.stringValue == "List", let items = document["items"]?.arrayValue else { return [document] }
        return items
    }

    private static func role(_ document: JSONValue) throws -> RBACRole {
        let (name, namespace, labels) = try metadata(document)
        let selectors = try document["aggregationRule"]?["clusterRoleSelectors"].map { value in
            try decode([LabelSelector].self, value).map { try $0.asSelector() }
        }
        return RBACRole(
            name: name, namespace: namespace, rules: try document["rules"].map { try decode([PolicyRule].self, $0) } ?? [],
            aggregationSelectors: selectors, labels: labels)
    }

    private static func binding(_ document: JSONValue) throws -> RBACBinding {
        let (name, namespace, _) = try metadata(document)
        guard let roleRef = document["roleRef"] else { throw InvalidObject(description: "\(name): roleRef is required") }
        return RBACBinding(
            name: name, namespace: namespace,
            subjects: try document["subjects"].map { try decode([RBACBinding.Subject].self, $0) } ?? [],
            roleRef: try decode(RBACBinding.RoleRef.self, roleRef))
    }

    /// Name, namespace (Role and RoleBinding without one land in `default`, as with
    /// `kubectl apply`) and labels.
    private static func metadata(_ document: JSONValue) throws -> (String, String, [String: String]) {
        let kind = document["kind"]?.stringValue ?? ""
        guard let name = document["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw InvalidObject(description: "\(kind): metadata.name is required")
        }
        let clusterScoped = kind.hasPrefix("Cluster")
        let namespace = clusterScoped ? "" : document["metadata"]?["namespace"]?.stringValue ?? "default"
        let labels = (document["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return (name, namespace, labels)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: Data(JSONWriter.bytes(value)))
    }
}
