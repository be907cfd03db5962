/// The names in an X.509 certificate that authentication needs: the subject's common name
/// and organizations (kube-apiserver's user name and groups for client certificates), and
/// whether the certificate issued itself.
struct CertificateSubject: Equatable, Sendable {
    var commonName: String?
    var organizations: [String]
    var isSelfIssued: Bool

    private static let commonNameOID: [UInt8] = [0x55, 0x04, 0x03]  // 2.5.4.3
    private static let organizationOID: [UInt8] = [0x55, 0x04, 0x0A]  // 2.5.4.10

    /// Parses a DER certificate; nil when it is not one.
    init?(der: [UInt8]) {
        var outer = DERReader(der[...])
        guard let certificate = outer.next(DERReader.sequence) else { return nil }
        var fields = DERReader(certificate.content)
        guard let tbs = fields.next(DERReader.sequence) else { return nil }
        var tbsFields = DERReader(tbs.content)
        // [0] EXPLICIT version is optional (absent means v1); serialNumber follows it.
        guard let first = tbsFields.next() else { return nil }
        if first.tag == 0xA0, tbsFields.next() == nil { return nil }
        // Then signature, issuer, validity, subject.
        guard tbsFields.next(DERReader.sequence) != nil,
            let issuer = tbsFields.next(DERReader.sequence),
            tbsFields.next(DERReader.sequence) != nil,
            let subject = tbsFields.next(DERReader.sequence)
        else { return nil }
        var commonName: String?
        var organizations: [String] = []
        var names = DERReader(subject.content)
        while !names.isAtEnd {
            guard let relativeName = names.next(DERReader.set) else { return nil }
            var attributes = DERReader(relativeName.content)
            while !attributes.isAtEnd {
                guard let attribute = attributes.next(DERReader.sequence) else { return nil }
                var parts = DERReader(attribute.content)
                guard let type = parts.next(DERReader.objectIdentifier), let value = parts.next() else { return nil }
                let oid = Array(type.content)
                if oid == Self.commonNameOID {
                    commonName = Self.string(value)
                } else if oid == Self.organizationOID, let organization = Self.string(value) {
                    organizations.append(organization)
                }
            }
        }
        self.commonName = commonName
        self.organizations = organizations
        isSelfIssued = issuer.encoded.elementsEqual(subject.encoded)
    }

    /// A DirectoryString: UTF8String, PrintableString, IA5String, T61String or BMPString.
    private static func string(_ element: DERReader.Element) -> String? {
        switch element.tag {
        case 0x0C, 0x13, 0x16, 0x14:
            return String(decoding: element.content, as: UTF8.self)
        case 0x1E:
            guard element.content.count.isMultiple(of: 2) else { return nil }
            let units = stride(from: element.content.startIndex, to: element.content.endIndex, by: 2).map {
                UInt16(element.content[$0]) << 8 | UInt16(element.content[$0 + 1])
            }
            return String(decoding: units, as: UTF16.self)
        default:
            return nil
        }
    }
}
