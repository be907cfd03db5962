import Testing

@testable import KubeModel

@Suite struct TimeTests {
    @Test func formatsAsTheAPIServerDoes() {
        #expect(Time(secondsSince1970: 0).description == "1970-01-01T00:00:00Z")
        #expect(Time(secondsSince1970: 1_714_564_800).description == "2024-05-01T12:00:00Z")
        #expect(MicroTime(microsecondsSince1970: 1_714_564_800_000_123).description == "2024-05-01T12:00:00.000123Z")
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(Time(rfc3339: "2024-05-01T14:00:00+02:00") == Time(secondsSince1970: 1_714_564_800))
        #expect(Time(rfc3339: "2024-05-01T12:00:00.999Z") == Time(secondsSince1970: 1_714_564_800))
        #expect(MicroTime(rfc3339: "2024-05-01T12:00:00.5Z")?.microsecondsSince1970 == 1_714_564_800_500_000)
    }

    @Test(arguments: ["", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00", "2024-05-01T12:00:00+0200",
                      "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00Zjunk"])
    func rejectsMalformedTimes(_ text: String) {
        #expect(Time(rfc3339: text) == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        for seconds: Int64 in [-62_135_596_800, -1, 951_782_400, 4_102_444_800, 253_402_300_799] {
            let t = Time(secondsSince1970: seconds)
            #expect(Time(rfc3339: t.description) == t, "\(seconds) -> \(t)")
        }
    }
}
