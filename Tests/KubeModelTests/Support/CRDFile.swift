import Foundation
import Testing
import Yams

@testable import KubeModel

/// One CustomResourceDefinition file of `deploy/crds`, as a JSON tree.
struct CRDFile {
    var json: JSONValue

    /// Reads the files that ship: `deploy/crds` is found by walking up from this source file.
    static func load(_ name: String) throws -> CRDFile {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("deploy/crds").path) {
            guard directory.pathComponents.count > 1 else { throw CocoaError(.fileNoSuchFile) }
            directory.deleteLastPathComponent()
        }
        let url = directory.appendingPathComponent("deploy/crds/\(name)")
        guard let document = try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return CRDFile(json: try JSONValue(yaml: document))
    }

    static func virtualMachineServices() throws -> CRDFile {
        try load("vmoperator.vmware.com_virtualmachineservices.yaml")
    }

    static func virtualMachines() throws -> CRDFile { try load("vmoperator.vmware.com_virtualmachines.yaml") }

    var spec: JSONValue { json["spec"] ?? .null }
    var names: JSONValue { spec["names"] ?? .null }
    var versions: [JSONValue] { spec["versions"]?.arrayValue ?? [] }
    var versionNames: [String] { versions.compactMap { $0["name"]?.stringValue } }

    func version(_ name: String) -> JSONValue? { versions.first { $0["name"]?.stringValue == name } }

    func schema(_ version: String) throws -> JSONValue {
        try #require(self.version(version)?.value(at: ["schema", "openAPIV3Schema"]), "no schema for \(version)")
    }

    /// Column name → JSONPath.
    func printerColumns(_ version: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for column in try #require(self.version(version)?["additionalPrinterColumns"]?.arrayValue) {
            if let name = column["name"]?.stringValue { result[name] = column["jsonPath"]?.stringValue }
        }
        return result
    }

    func printerColumnType(_ name: String, version: String) throws -> String? {
        let columns = try #require(self.version(version)?["additionalPrinterColumns"]?.arrayValue)
        return columns.first { $0["name"]?.stringValue == name }?["type"]?.stringValue
    }
}
