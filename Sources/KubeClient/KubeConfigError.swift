/// Why a kubeconfig or in-cluster configuration could not be used. Every case names the file
/// and, where it applies, the field, so that the message alone tells the operator what to fix.
/// Secrets are never part of a message.
public enum KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No kubeconfig was given and none exists at the default place.
    case noConfiguration(searched: [String])
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// The YAML does not parse, or a field has the wrong type.
    case malformed(path: String, field: String, reason: String)
    /// A field the chosen context needs is absent or empty.
    case missingField(path: String, field: String)
    case noCurrentContext(files: [String])
    case contextNotFound(name: String, files: [String])
    case clusterNotFound(name: String, context: String, files: [String])
    case userNotFound(name: String, context: String, files: [String])
    /// Not running in a pod: the service environment variables are missing.
    case notInCluster(missing: String)
    /// An exec credential plugin failed or printed something that is not an ExecCredential.
    case execPluginFailed(command: String, reason: String)

    public var description: String {
        switch self {
        case .noConfiguration(let searched):
            "no kubeconfig found (looked at \(searched.joined(separator: ", "))) and not running in a cluster"
        case .fileNotFound(let path):
            "kubeconfig \(path): file not found"
        case .unreadable(let path, let reason):
            "\(path): cannot be read: \(reason)"
        case .malformed(let path, let field, let reason):
            "kubeconfig \(path): field \(field.isEmpty ? "<root>" : field) is malformed: \(reason)"
        case .missingField(let path, let field):
            "kubeconfig \(path): field \(field) is required but missing"
        case .noCurrentContext(let files):
            "kubeconfig \(files.joined(separator: ":")): no current-context set and no context given"
        case .contextNotFound(let name, let files):
            "kubeconfig \(files.joined(separator: ":")): context \"\(name)\" not found"
        case .clusterNotFound(let name, let context, let files):
            "kubeconfig \(files.joined(separator: ":")): cluster \"\(name)\" of context \"\(context)\" not found"
        case .userNotFound(let name, let context, let files):
            "kubeconfig \(files.joined(separator: ":")): user \"\(name)\" of context \"\(context)\" not found"
        case .notInCluster(let missing):
            "not running in a cluster: \(missing) is not set"
        case .execPluginFailed(let command, let reason):
            "exec credential plugin \(command): \(reason)"
        }
    }
}
