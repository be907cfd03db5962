import Foundation

/// The configuration of a process running in a pod: the API server from
/// `KUBERNETES_SERVICE_HOST`/`_PORT`, the CA and namespace from the mounted service account,
/// and its token, re-read whenever the kubelet rotates it.
public enum InClusterConfig {
    /// Where the service account is mounted; tests point this at a temporary directory.
    public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = defaultDirectory
    ) throws -> ClusterConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw KubeConfigError.notInCluster(missing: "KUBERNETES_SERVICE_HOST")
        }
        guard let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeConfigError.notInCluster(missing: "KUBERNETES_SERVICE_PORT")
        }
        let tokenFile = TokenFile(path: "\(directory)/token")
        _ = try tokenFile.read()
        let caPath = "\(directory)/ca.crt"
        guard let ca = FileManager.default.contents(atPath: caPath) else {
            throw KubeConfigError.unreadable(path: caPath, reason: "the service account CA bundle is missing")
        }
        let namespace = FileManager.default.contents(atPath: "\(directory)/namespace")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClusterConfig(
            server: "https://\(hostPart):\(port)", tls: TLSSettings(certificateAuthorityPEM: Array(ca)),
            credentials: .tokenFile(tokenFile), namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
            origin: "in-cluster service account \(directory)")
    }
}

extension ClusterConfig {
    /// The configuration kubectl would use: `--kubeconfig`, `KUBECONFIG`, `~/.kube/config`,
    /// and, when none of those exists, the pod's service account.
    public static func load(
        kubeconfig: String? = nil, context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(),
        serviceAccountDirectory: String = InClusterConfig.defaultDirectory
    ) throws -> ClusterConfig {
        let loader = KubeConfigLoader(explicitPath: kubeconfig, environment: environment, homeDirectory: homeDirectory)
        if try !loader.configFiles().isEmpty { return try loader.load(context: context) }
        do {
            return try InClusterConfig.load(environment: environment, directory: serviceAccountDirectory)
        } catch KubeConfigError.notInCluster {
            throw KubeConfigError.noConfiguration(
                searched: environment["KUBECONFIG"].map { [$0] } ?? ["\(homeDirectory)/.kube/config"])
        }
    }
}
