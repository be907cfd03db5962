import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim remembered qualified-name checks")
struct QualifiedNameMemoTests {
    static let keys = [
        "app", "example.com/role", "Example.com/Role", "-bad", "a/b/c", "/name", "example.com/", String(repeating: "x", count: 64),
    ]

    @Test func rememberedAnswersAreTheChecksAnswers() {
        for _ in 0..<2 {
            for key in Self.keys {
                #expect(QualifiedNameMemo.labelKeys.errors(key) == KubeValidation.isQualifiedName(key), "\(key)")
                #expect(
                    QualifiedNameMemo.annotationKeys.errors(key) == KubeValidation.isQualifiedName(key.lowercased()),
                    "\(key)")
            }
        }
    }

    @Test func upperCaseAnnotationKeysPassWhereLabelKeysFail() {
        #expect(QualifiedNameMemo.labelKeys.errors("Example.com/Role").isEmpty == false)
        #expect(QualifiedNameMemo.annotationKeys.errors("Example.com/Role").isEmpty)
    }
}
