import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim protobuf request bodies")
struct ProtobufDecodingTests {
    /// Length-delimited field.
    private func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] {
        [UInt8(number << 3 | 2), UInt8(payload.count)] + payload
    }

    private func text(_ number: Int, _ value: String) -> [UInt8] { field(number, Array(value.utf8)) }

    @Test func configMapFromKubectlCreateDecodesToItsJSONForm() throws {
        let metadata = text(1, "settings") + text(3, "")
        let entry = text(1, "a") + text(2, "b")
        let configMap = field(1, metadata) + field(2, entry)
        let typeMeta = text(1, "v1") + text(2, "ConfigMap")
        let body = ProtobufDecoding.magic + field(1, typeMeta) + field(2, configMap)
        let object = try ProtobufDecoding.decode(body)
        #expect(object == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["a": "b"]])
    }

    @Test func bodiesWithoutTheEnvelopeAreRejected() {
        #expect(throws: APIError.self) { try ProtobufDecoding.decode(Array("{}".utf8)) }
    }
}
