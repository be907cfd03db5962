import KubeModel
import Testing

@testable import KubeClient

@Suite struct ReflectorStoreTests {
    static func lease(_ name: String, uid: String = "u", rv: String = "1", holder: String? = nil) -> Lease {
        Lease(
            metadata: ObjectMeta(name: name, namespace: "ns", uid: "\(uid)-\(name)", resourceVersion: rv),
            spec: LeaseSpec(holderIdentity: holder))
    }

    @Test func updatesCarryThePreviousObject() {
        var store = ReflectorStore<Lease>()
        _ = store.replace(with: [Self.lease("a", holder: "x")])
        let change = store.apply(WatchEvent(type: .modified, object: Self.lease("a", rv: "2", holder: "y")))
        guard case .updated(let old, let new) = change else {
            Issue.record("expected an update, got \(String(describing: change))")
            return
        }
        #expect(old.spec?.holderIdentity == "x")
        #expect(new.spec?.holderIdentity == "y")
    }

    @Test func aReplayedAddIsAnUpdateAndAnUnknownModifyIsAnAdd() {
        var store = ReflectorStore<Lease>()
        _ = store.replace(with: [Self.lease("a")])
        guard case .updated = store.apply(WatchEvent(type: .added, object: Self.lease("a", rv: "2"))) else {
            Issue.record("replayed ADDED should be an update")
            return
        }
        guard case .added = store.apply(WatchEvent(type: .modified, object: Self.lease("b", rv: "3"))) else {
            Issue.record("MODIFIED of an unknown object should be an add")
            return
        }
        #expect(store.objects.keys.sorted() == ["ns/a", "ns/b"])
    }

    @Test func deleteRemovesTheObject() {
        var store = ReflectorStore<Lease>()
        _ = store.replace(with: [Self.lease("a")])
        guard case .deleted(let gone) = store.apply(WatchEvent(type: .deleted, object: Self.lease("a", rv: "5"))) else {
            Issue.record("expected a delete")
            return
        }
        #expect(gone.metadata.resourceVersion == "5")
        #expect(store.objects.isEmpty)
    }

    @Test func replaceReportsObjectsThatVanishedOrWereRecreated() {
        var store = ReflectorStore<Lease>()
        _ = store.replace(with: [Self.lease("a"), Self.lease("b"), Self.lease("c")])
        let event = store.replace(with: [Self.lease("a", rv: "9"), Self.lease("c", uid: "new", rv: "9"), Self.lease("d")])
        guard case .replaced(let objects, let deleted) = event else {
            Issue.record("expected a replace")
            return
        }
        #expect(objects.map(\.name) == ["a", "c", "d"])
        #expect(deleted.map(\.name) == ["b", "c"])
        #expect(deleted.last?.metadata.uid == "u-c")
    }

    @Test func bookmarksChangeNothing() {
        var store = ReflectorStore<Lease>()
        #expect(store.apply(WatchEvent(type: .bookmark, object: Self.lease("a"))) == nil)
        #expect(store.objects.isEmpty)
    }
}
