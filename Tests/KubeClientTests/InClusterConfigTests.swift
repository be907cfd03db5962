import Foundation
import Testing

@testable import KubeClient

@Suite struct InClusterConfigTests {
    static let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    static func serviceAccount() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("token", "token-one\n")
        try dir.write("ca.crt", "CA")
        try dir.write("namespace", "team-a")
        return dir
    }

    @Test func readsServerCANamespaceAndTokenFromThePod() async throws {
        let dir = try Self.serviceAccount()
        let config = try InClusterConfig.load(environment: Self.environment, directory: dir.path)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.namespace == "team-a")
        #expect(config.tls.certificateAuthorityPEM == Array("CA".utf8))
        #expect(try await config.credentials.authorization().header?.value == "Bearer token-one")
    }

    @Test func aRotatedTokenIsUsedFromTheNextRequestOn() async throws {
        let dir = try Self.serviceAccount()
        let config = try InClusterConfig.load(environment: Self.environment, directory: dir.path)
        #expect(try await config.credentials.authorization().header?.value == "Bearer token-one")
        // The kubelet swaps the file atomically; a different size is visible at once.
        try dir.write("token", "token-two-rotated")
        #expect(try await config.credentials.authorization().header?.value == "Bearer token-two-rotated")
    }

    @Test func ipv6HostIsBracketed() throws {
        let dir = try Self.serviceAccount()
        let config = try InClusterConfig.load(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], directory: dir.path)
        #expect(config.server == "https://[fd00::1]:6443")
    }

    @Test func outsideAPodTheMissingVariableIsNamed() throws {
        let dir = try Self.serviceAccount()
        #expect(throws: KubeConfigError.notInCluster(missing: "KUBERNETES_SERVICE_HOST")) {
            try InClusterConfig.load(environment: [:], directory: dir.path)
        }
    }

    @Test func aMissingTokenFileIsNamed() throws {
        let dir = try TemporaryDirectory()
        #expect {
            try InClusterConfig.load(environment: Self.environment, directory: dir.path)
        } throws: { error in
            guard case KubeConfigError.unreadable(let path, _) = error else { return false }
            return path == "\(dir.path)/token"
        }
    }

    @Test func clusterConfigFallsBackToInClusterWithoutKubeconfig() throws {
        let dir = try Self.serviceAccount()
        let config = try ClusterConfig.load(
            environment: Self.environment, homeDirectory: "/nonexistent", serviceAccountDirectory: dir.path)
        #expect(config.origin.contains("in-cluster"))
    }
}
