import Testing

@testable import KubeModel

@Suite struct SharedRegexTests {
    @Test func oneCompiledPatternAnswersFromManyTasksAtOnce() async {
        guard let regex = SharedRegex(pattern: "^[0-9]+Gi$") else {
            Issue.record("pattern did not compile")
            return
        }
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<500).filter { index in
                        let text = (index + task).isMultiple(of: 2) ? "\(index)Gi" : "\(index)Mi"
                        return regex.containsMatch(in: text) != text.hasSuffix("Gi")
                    }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }

    @Test func aPatternSwiftCannotCompileIsNil() {
        #expect(SharedRegex(pattern: "([a-z]") == nil)
    }

    @Test func wholeMatchNeedsTheWholeText() {
        let regex = SharedRegex(#/[a-z]+/#)
        #expect(regex.wholeMatches("abc"))
        #expect(!regex.wholeMatches("abc1"))
        #expect(regex.containsMatch(in: "1abc1"))
    }
}
