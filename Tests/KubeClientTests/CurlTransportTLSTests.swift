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

    @Test func withoutAClientCertificateTheHandshakeFails() async throws {
        let fixture = try TLSFixture()
        await #expect(performing: {
            try await Self.get(fixture, tls: TLSSettings(certificateAuthorityPEM: try fixture.bytes("ca.crt"), serverName: "api.test"))
        }, throws: Self.isTransportError)
    }
}
