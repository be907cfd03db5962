import KubeModel
import Testing

@testable import ReferenceController

@Suite struct ObjectDiffTests {
    @Test func equalRenderingsNeedNoPatch() throws {
        let stored = ObjectMeta(name: "a", labels: [:], finalizers: [])
        let desired = ObjectMeta(name: "a")
        #expect(try ObjectDiff.mergePatch(from: stored, to: desired) == nil)
    }

    @Test func removedKeyBecomesNull() throws {
        let stored = ObjectMeta(name: "a", labels: ["x": "1", "y": "2"])
        let desired = ObjectMeta(name: "a", labels: ["x": "1"])
        let patch = try ObjectDiff.mergePatch(from: stored, to: desired)
        #expect(patch == .object(["labels": .object(["y": .null])]))
    }

    @Test func listInAnotherOrderIsADifference() throws {
        let stored = ObjectMeta(name: "a", finalizers: ["f1", "f2"])
        let desired = ObjectMeta(name: "a", finalizers: ["f2", "f1"])
        let patch = try ObjectDiff.mergePatch(from: stored, to: desired)
        #expect(patch == .object(["finalizers": .array([.string("f2"), .string("f1")])]))
    }
}
