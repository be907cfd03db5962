import Foundation
import Logging
import Testing

@testable import Observability

@Suite struct LogLineRendererTests {
    let time = Date(timeIntervalSince1970: 1_800_000_000.25)

    @Test func textIsOneLineWithSortedKeyValuePairs() {
        let line = LogLineRenderer(format: .text).render(
            time: time, level: .info, label: "vmsvc.worker", message: "batch written",
            metadata: ["services": "3", "namespace": "shop", "reason": "two words"])
        #expect(
            line
                == #"2027-01-15T08:00:00.250Z info vmsvc.worker: batch written namespace=shop reason="two words" services=3"#
        )
    }

    @Test func jsonIsOneObjectPerLine() throws {
        let line = LogLineRenderer(format: .json).render(
            time: time, level: .warning, label: "vmsvc.coordinator", message: "worker \"w1\" lost\nretrying",
            metadata: ["worker": "w1", "namespaces": .array(["a", "b"])])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "worker \"w1\" lost\nretrying")
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "vmsvc.coordinator")
        #expect(object["worker"] as? String == "w1")
        #expect(object["namespaces"] as? [String] == ["a", "b"])
        #expect(object["time"] as? String == "2027-01-15T08:00:00.250Z")
    }

    @Test func secretsAreRedactedInBothFormats() {
        let metadata: Logger.Metadata = [
            "token": "abc", "bearer_token": "abc", "password": "abc",
            "config": ["clientKeyData": "ok", "secret": "abc"],
        ]
        for format in LogFormat.allCases {
            let line = LogLineRenderer(format: format).render(
                time: time, level: .info, label: "l", message: "m", metadata: metadata)
            #expect(!line.contains("abc"), "\(format): \(line)")
            #expect(line.contains("[redacted]"))
        }
    }
}
