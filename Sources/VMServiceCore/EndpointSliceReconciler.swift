import KubeModel

/// The slice writes of one VirtualMachineService: creates, then updates, then deletes, the
/// order in which they are carried out, so an endpoint moving between slices is never absent
/// from all of them.
public struct EndpointSliceChanges: Sendable, Hashable {
    public var creates: [EndpointSlice] = []
    public var updates: [EndpointSliceUpdate] = []
    public var deletes: [EndpointSlice] = []

    public init() {}

    public var isEmpty: Bool { creates.isEmpty && updates.isEmpty && deletes.isEmpty }
    public var writeCount: Int { creates.count + updates.count + deletes.count }

    mutating func append(_ other: EndpointSliceChanges) {
        creates += other.creates
        updates += other.updates
        deletes += other.deletes
    }
}

/// A stored slice and what it must become.
public struct EndpointSliceUpdate: Sendable, Hashable {
    public var stored: EndpointSlice
    public var desired: EndpointSlice
}

/// Places one address family's desired endpoints into slices with as few writes as possible,
/// after Kubernetes' EndpointSlice reconciler (`reconcileByPortMapping`):
///
/// 1. Each stored slice keeps the desired endpoints it already holds (an endpoint listed in two
///    slices stays in the first by name); a slice that loses or changes an endpoint, or whose
///    labels, owner or ports differ, is rewritten, and one left empty is deleted. A slice whose
///    content is already desired costs nothing.
/// 2. New endpoints first fill slices that are rewritten anyway (the fullest first), then
///    slices that would be deleted (an update instead of a delete and a create).
/// 3. What is left goes into new full slices; a last partial group goes into the unchanged
///    slice it fits best, or else into one new slice.
/// 4. Compaction only where it costs no extra write: a rewritten slice whose endpoints fit into
///    another rewritten slice is merged into it and deleted instead (one write either way; the
///    delete is smaller and leaves fewer slices for every later change).
///
/// So when one VM changes, only the slice holding it is written (or, for a new VM, the one
/// slice it fits in), whatever the number of slices.
struct EndpointSliceReconciler {
    typealias Key = EndpointSliceEndpointKey
    typealias Endpoints = [Key: EndpointSlice.Endpoint]

    let capacity: Int
    let template: EndpointSliceTemplate

    /// A slice being planned: the stored one (nil for a new slice) and the endpoints it will hold.
    private struct Draft {
        var stored: EndpointSlice?
        var endpoints: Endpoints
        var room: Int
        var name: String { stored?.metadata.name ?? "" }
    }

    func reconcile(family: String, desired: Endpoints, stored: [EndpointSlice]) -> EndpointSliceChanges {
        var remaining = desired
        var rewritten: [Draft] = []
        var unchanged: [Draft] = []
        var emptied: [EndpointSlice] = []
        for slice in stored.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            var kept: Endpoints = [:]
            for endpoint in slice.endpoints ?? [] {
                let key = Key(endpoint)
                if let wanted = remaining.removeValue(forKey: key) { kept[key] = wanted }
            }
            let draft = Draft(stored: slice, endpoints: kept, room: capacity - kept.count)
            if kept.isEmpty {
                emptied.append(slice)
            } else if CanonicalForm.needsWrite(stored: slice, desired: build(draft, family: family)) {
                rewritten.append(draft)
            } else {
                unchanged.append(draft)
            }
        }

        var queue = Queue(keys: remaining.keys.sorted(), endpoints: remaining)
        rewritten.sort { ($0.endpoints.count, $1.name) > ($1.endpoints.count, $0.name) }
        for index in rewritten.indices { queue.fill(&rewritten[index]) }
        while !queue.isEmpty, let reused = emptied.first {
            emptied.removeFirst()
            var draft = Draft(stored: reused, endpoints: [:], room: capacity)
            queue.fill(&draft)
            rewritten.append(draft)
        }
        var created: [Draft] = []
        while queue.count >= capacity {
            var draft = Draft(stored: nil, endpoints: [:], room: capacity)
            queue.fill(&draft)
            created.append(draft)
        }
        if !queue.isEmpty {
            let fits = unchanged.indices.filter { unchanged[$0].room >= queue.count }
            if let best = fits.min(by: { unchanged[$0].room < unchanged[$1].room }) {
                var draft = unchanged.remove(at: best)
                queue.fill(&draft)
                rewritten.append(draft)
            } else {
                var draft = Draft(stored: nil, endpoints: [:], room: capacity)
                queue.fill(&draft)
                created.append(draft)
            }
        }
        emptied += compact(&rewritten)

        var changes = EndpointSliceChanges()
        changes.creates = created.map { build($0, family: family) }
        changes.updates = rewritten.compactMap { draft in
            draft.stored.map { EndpointSliceUpdate(stored: $0, desired: build(draft, family: family)) }
        }.sorted { ($0.stored.metadata.name ?? "") < ($1.stored.metadata.name ?? "") }
        changes.deletes = emptied
        return changes
    }

    /// Step 4: merges the smallest rewritten slice into the rewritten slice it fits best, while
    /// one fits; returns the slices merged away (to delete).
    private func compact(_ drafts: inout [Draft]) -> [EndpointSlice] {
        var merged: [EndpointSlice] = []
        while drafts.count > 1 {
            guard let smallest = drafts.indices.min(by: { drafts[$0].endpoints.count < drafts[$1].endpoints.count })
            else { break }
            let size = drafts[smallest].endpoints.count
            let targets = drafts.indices.filter { $0 != smallest && drafts[$0].room >= size }
            guard let target = targets.min(by: { drafts[$0].room < drafts[$1].room }) else { break }
            let moving = drafts[smallest].endpoints
            drafts[target].endpoints.merge(moving) { first, _ in first }
            drafts[target].room -= size
            if let stored = drafts[smallest].stored { merged.append(stored) }
            drafts.remove(at: smallest)
        }
        return merged
    }

    private func build(_ draft: Draft, family: String) -> EndpointSlice {
        template.slice(
            from: draft.stored, family: family,
            endpoints: draft.endpoints.sorted { $0.key < $1.key }.map(\.value))
    }

    /// The endpoints still to place, taken in canonical order so the plan does not depend on
    /// dictionary order.
    private struct Queue {
        var keys: [Key]
        var endpoints: Endpoints
        var next = 0

        var count: Int { keys.count - next }
        var isEmpty: Bool { count == 0 }

        mutating func fill(_ draft: inout Draft) {
            while draft.room > 0, next < keys.count {
                let key = keys[next]
                next += 1
                draft.endpoints[key] = endpoints[key]
                draft.room -= 1
            }
        }
    }
}
