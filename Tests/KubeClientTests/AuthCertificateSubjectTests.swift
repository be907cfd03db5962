import Foundation
import Testing

@testable import KubeSim

/// kube-sim's reading of client-certificate names, on certificates openssl made.
@Suite struct AuthCertificateSubjectTests {
    static func der(_ pem: [UInt8]) throws -> [UInt8] {
        let body = String(decoding: pem, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(try #require(Data(base64Encoded: body)))
    }

    @Test func commonNameIsTheUserAndOrganizationsAreTheGroups() throws {
        let pki = try AuthPKI()
        let jane = try pki.client("jane", user: "jane", groups: ["viewers", "system:masters"])
        let subject = try #require(CertificateSubject(der: try Self.der(jane.certificate)))
        #expect(subject.commonName == "jane")
        #expect(subject.organizations == ["viewers", "system:masters"])
        #expect(!subject.isSelfIssued)
    }

    @Test func aSelfSignedCertificateIsSelfIssued() throws {
        let pki = try AuthPKI()
        let subject = try #require(CertificateSubject(der: try Self.der(try pki.bytes("self-signed.crt"))))
        #expect(subject.isSelfIssued)
        #expect(subject.commonName == "kube-sim")
    }

    @Test func everyTruncationOfACertificateIsRejectedWithoutCrashing() throws {
        let pki = try AuthPKI()
        let der = try Self.der(try pki.bytes("server.crt"))
        for length in 0..<der.count {
            #expect(CertificateSubject(der: Array(der.prefix(length))) == nil)
        }
    }
}
