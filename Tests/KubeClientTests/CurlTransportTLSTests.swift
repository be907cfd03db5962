import Foundation
import Testing

@testable import KubeClient

/// TLS behaviour of the transport against `openssl s_server` (which demands a client
/// certificate and whose certificate names only `api.test`).
@Suite(.serialized) struct CurlTransportTLSTests {
    static func get(_ fixture: TLSFixture, tls: TLSSettings, server: String? = nil) async throws -> String {
        let cluster = ClusterConfig(server: server ?? "https://127.0.0.1:\(fixture.port)", tls: tls)
        let (configuration, baseURL) = CurlTransport.Configuration.forCluster(cluster)
        let transport = CurlTransport(configuration: configuration)
        let response = try await transport.send(HTTPRequest(method: "GET", url: baseURL + "/"))
        return String(decoding: response.body, as: UTF8.self)
    }

    static func identity(_ fixture: TLSFixture) throws -> ClientIdentity {
        ClientIdentity(certificatePEM: try fixture.bytes("client.crt"), keyPEM: try fixture.bytes("client.key"))
    }

    static func isTransportError(_ error: any Error) -> Bool {
        if case KubeAPIError.transport = error { return true }
        return false
    }

    @Test func verifiesTheServerAgainstTheConfiguredCAAndPresentsTheClientCertificate() async throws {
        let fixture = try TLSFixture()
        let page = try await Self.get(
            fixture,
            tls: TLSSettings(
                certificateAuthorityPEM: try fixture.bytes("ca.crt"), serverName: "api.test",
                clientIdentity: try Self.identity(fixture)))
        #expect(page.contains("vmsvc-client"))
    }

    @Test func aCertificateForAnotherNameIsRejectedWithoutTLSServerName() async throws {
        let fixture = try TLSFixture()
        await #expect(performing: {
            try await Self.get(
                fixture,
                tls: TLSSettings(certificateAuthorityPEM: try fixture.bytes("ca.crt"), clientIdentity: try Self.identity(fixture)))
        }, throws: Self.isTransportError)
    }

    @Test func anUntrustedServerIsRejected() async throws {
        let fixture = try TLSFixture()
        await #expect(performing: {
            try await Self.get(fixture, tls: TLSSettings(serverName: "api.test", clientIdentity: try Self.identity(fixture)))
        }, throws: Self.isTransportError)
    }

    @Test func insecureSkipVerifyAcceptsAnUntrustedServer() async throws {
        let fixture = try TLSFixture()
        let page = try await Self.get(fixture, tls: TLSSettings(insecureSkipVerify: true, clientIdentity: try Self.identity(fixture)))
        #expect(page.contains("vmsvc-client"))
    }

    @Test func anExecPluginsClientCertificateIsPresented() async throws {
        let fixture = try TLSFixture()
        let status: [String: String] = [
            "clientCertificateData": String(decoding: try fixture.bytes("client.crt"), as: UTF8.self),
            "clientKeyData": String(decoding: try fixture.bytes("client.key"), as: UTF8.self),
        ]
        let document = ["apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential"] as [String: Any]
        let json = try JSONSerialization.data(withJSONObject: document.merging(["status": status]) { $1 })
        try fixture.dir.write("credential.json", String(decoding: json, as: UTF8.self))
        let script = try fixture.dir.write("plugin.sh", "#!/bin/sh\ncat \"\(fixture.dir.path)/credential.json\"\n", executable: true)
        let credentials = Credentials.exec(ExecCredentialProvider(KubeConfig.ExecConfig(command: script)))
        let authorization = try await credentials.authorization()
        #expect(authorization.header == nil)
        let cluster = ClusterConfig(
            server: "https://127.0.0.1:\(fixture.port)",
            tls: TLSSettings(certificateAuthorityPEM: try fixture.bytes("ca.crt"), serverName: "api.test"))
        let (configuration, baseURL) = CurlTransport.Configuration.forCluster(cluster)
        let response = try await CurlTransport(configuration: configuration).send(
            HTTPRequest(method: "GET", url: baseURL + "/", identity: authorization.identity))
        #expect(String(decoding: response.body, as: UTF8.self).contains("vmsvc-client"))
    }

    @Test func withoutAClientCertificateTheHandshakeFails() async throws {
        let fixture = try TLSFixture()
        await #expect(performing: {
            try await Self.get(fixture, tls: TLSSettings(certificateAuthorityPEM: try fixture.bytes("ca.crt"), serverName: "api.test"))
        }, throws: Self.isTransportError)
    }
}
