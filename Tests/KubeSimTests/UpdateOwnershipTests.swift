import KubeModel
import Testing

@testable import KubeSim

/// The shortcut for Updates that change no field set must agree with the full
/// `ServerSideApply.update` whenever it answers, and must answer for the common write: a
/// manager changing fields it already owns.
@Suite("kube-sim managedFields shortcut for updates")
struct UpdateOwnershipTests {
    static let schema = ApplySchema.service

    static let service: JSONValue = [
        "apiVersion": "v1", "kind": "Service",
        "metadata": [
            "name": "web", "namespace": "default", "labels": ["app": "web"], "annotations": ["x": "1"],
            "finalizers": ["example.com/keep"],
        ],
        "spec": [
            "ports": [["port": 80, "protocol": "TCP", "name": "http"]], "selector": ["app": "web"], "type": "ClusterIP",
        ],
    ]

    /// What the server stores after a write: the full computation's list.
    static func stamped(_ object: JSONValue, old: JSONValue?, manager: String, subresource: String? = nil, time: String)
        -> JSONValue
    {
        let managed = fullComputation(old: old, new: object, manager: manager, subresource: subresource, time: time)
        var stored = object
        stored.setMetadata("managedFields", managed)
        return stored
    }

    static func fullComputation(old: JSONValue?, new: JSONValue, manager: String, subresource: String?, time: String)
        -> JSONValue?
    {
        let managed = ServerSideApply.update(
            from: old, to: new, manager: manager, managedFields: ManagedFieldSet(json: old), schema: schema, time: time,
            subresource: subresource)
        return managed.entries.isEmpty ? nil : managed.json
    }

    static let edits: [String: @Sendable (inout JSONValue) -> Void] = [
        "nothing": { _ in },
        "change annotation": { $0["metadata"]?["annotations"]?["x"] = "2" },
        "change annotation, managedFields left out": {
            $0["metadata"]?["annotations"]?["x"] = "2"
            $0.setMetadata("managedFields", nil)
        },
        "add annotation": { $0["metadata"]?["annotations"]?["y"] = "1" },
        "remove annotation": { $0["metadata"]?["annotations"]?["x"] = nil },
        "change label": { $0["metadata"]?["labels"]?["app"] = "api" },
        "add finalizer": { $0.setMetadata("finalizers", ["example.com/keep", "example.com/more"]) },
        "rename port": { $0["spec"]?["ports"] = [["port": 80, "protocol": "TCP", "name": "web"]] },
        "rename port again": { $0["spec"]?["ports"] = [["port": 80, "protocol": "TCP", "name": "www"]] },
        "add port": {
            $0["spec"]?["ports"] = [["port": 80, "protocol": "TCP", "name": "http"], ["port": 443, "protocol": "TCP"]]
        },
        "remove ports": { $0["spec"]?["ports"] = nil },
        "change type": { $0["spec"]?["type"] = "NodePort" },
        "change selector": { $0["spec"]?["selector"] = ["app": "api"] },
        "set external IPs": { $0["spec"]?["externalIPs"] = ["192.0.2.1", "192.0.2.2"] },
        "change external IPs": { $0["spec"]?["externalIPs"] = ["192.0.2.3"] },
        "remove external IPs": { $0["spec"]?["externalIPs"] = nil },
        "add status": { $0["status"] = ["loadBalancer": ["ingress": [["ip": "10.0.0.1"]]]] },
    ]

    /// Created by `creator`; then `ctrl` renamed the port; then `applier` applied a label
    /// and `lb` wrote the status subresource. Last, `controlled` after `ctrl` set external IPs
    /// (an atomic list).
    static let histories: [JSONValue] = {
        let created = stamped(service, old: nil, manager: "creator", time: "2026-01-01T00:00:01Z")
        var renamed = created
        edits["rename port"]?(&renamed)
        let controlled = stamped(renamed, old: created, manager: "ctrl", time: "2026-01-01T00:00:02Z")
        var crowded = controlled
        edits["add status"]?(&crowded)
        var managed = ManagedFieldSet(json: controlled)
        managed.entries.append(
            .init(manager: "applier", operation: .apply, apiVersion: "v1", time: "2026-01-01T00:00:00Z",
                fields: FieldSet([FieldPath(fields: "metadata", "labels", "app")])))
        managed.entries.append(
            .init(manager: "lb", operation: .update, apiVersion: "v1", time: "2026-01-01T00:00:03Z", subresource: "status",
                fields: FieldSet([FieldPath(fields: "status", "loadBalancer")])))
        var withIPs = controlled
        edits["set external IPs"]?(&withIPs)
        let ownedIPs = stamped(withIPs, old: controlled, manager: "ctrl", time: "2026-01-01T00:00:04Z")
        return [created, controlled, managed.stored(in: crowded), ownedIPs]
    }()

    static let writers: [(manager: String, subresource: String?)] = [
        ("creator", nil), ("ctrl", nil), ("newcomer", nil), ("lb", "status"), ("creator", "status"),
    ]

    /// The shortcut's answer, after checking that it agrees with the full computation.
    private func shortcut(old: JSONValue, edit: String, manager: String, subresource: String? = nil) -> JSONValue? {
        var new = old
        Self.edits[edit]?(&new)
        let time = "2026-01-01T00:00:09Z"
        let fast = UpdateOwnership.unchangedSets(
            old: old, new: new, changes: ServerSideApply.updateChanges(from: old, to: new, schema: Self.schema),
            manager: manager, subresource: subresource, time: time)
        if let fast {
            let full = Self.fullComputation(old: old, new: new, manager: manager, subresource: subresource, time: time)
            #expect(fast == full, "\(edit) by \(manager) \(subresource ?? "")")
        }
        return fast
    }

    @Test func agreesWithTheFullComputationWheneverItAnswers() {
        for old in Self.histories {
            for (manager, subresource) in Self.writers {
                for edit in Self.edits.keys.sorted() {
                    _ = shortcut(old: old, edit: edit, manager: manager, subresource: subresource)
                }
            }
        }
    }

    @Test func answersWhenTheWriterChangesOnlyFieldsItOwnsAlone() {
        let (created, controlled, crowded) = (Self.histories[0], Self.histories[1], Self.histories[2])
        #expect(shortcut(old: created, edit: "change annotation", manager: "creator") != nil)
        #expect(shortcut(old: controlled, edit: "change type", manager: "creator") != nil)
        #expect(shortcut(old: crowded, edit: "change annotation", manager: "creator") != nil)
        #expect(shortcut(old: crowded, edit: "change annotation, managedFields left out", manager: "creator") != nil)
        #expect(shortcut(old: crowded, edit: "nothing", manager: "newcomer") == nil)
        // Items of a keyed list, and an atomic list, that the writer owns alone.
        #expect(shortcut(old: controlled, edit: "rename port again", manager: "ctrl") != nil)
        #expect(shortcut(old: Self.histories[3], edit: "change external IPs", manager: "ctrl") != nil)
        #expect(shortcut(old: Self.histories[3], edit: "change external IPs", manager: "creator") == nil)
    }

    @Test func movesOnlyTheWritersTimeAndSortsTheListAgain() throws {
        let controlled = Self.histories[1]
        let list = try #require(shortcut(old: controlled, edit: "change annotation", manager: "creator")?.arrayValue)
        #expect(list.map { $0["manager"] } == ["ctrl", "creator"])
        #expect(list.last?["time"] == "2026-01-01T00:00:09Z")
        #expect(list.last?["fieldsV1"] == controlled["metadata"]?["managedFields"]?[0]?["fieldsV1"])
    }

    @Test func leavesChangesToOthersFieldsAndNewFieldsToTheFullComputation() {
        let (created, controlled) = (Self.histories[0], Self.histories[1])
        #expect(shortcut(old: created, edit: "change annotation", manager: "newcomer") == nil)
        #expect(shortcut(old: created, edit: "add annotation", manager: "creator") == nil)
        #expect(shortcut(old: created, edit: "remove annotation", manager: "creator") == nil)
        #expect(shortcut(old: controlled, edit: "rename port again", manager: "creator") == nil)
        // Removed fields leave their owner's set, even when the writer is that owner.
        #expect(shortcut(old: Self.histories[3], edit: "remove external IPs", manager: "ctrl") == nil)
    }

    @Test func storedListsInAnotherShapeAreLeftToTheFullComputation() {
        var odd = Self.histories[0]
        odd["metadata"]?["managedFields"]?[0]?["fieldsType"] = "FieldsV2"
        #expect(shortcut(old: odd, edit: "change annotation", manager: "creator") == nil)
    }
}

extension JSONValue {
    /// Array elements by position, for the tests above.
    fileprivate subscript(index: Int) -> JSONValue? {
        get { arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
        set {
            guard var items = arrayValue, items.indices.contains(index), let newValue else { return }
            items[index] = newValue
            self = .array(items)
        }
    }
}
