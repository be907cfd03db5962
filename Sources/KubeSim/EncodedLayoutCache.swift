import KubeModel
import Synchronization

/// The encodings of recently updated objects, with their layouts, for their next update to
/// copy what it leaves unchanged (`EncodedTemplate`).
///
/// Only updates store here: objects written once (a fleet's creates) cost no memory. Bounded:
/// when full it starts over; an entry is used only for the revision it encodes.
final class EncodedLayoutCache: Sendable {
    static let capacity = 4096
    private struct Key: Hashable {
        var resource: GroupResource
        var object: ObjectKey
    }
    private let layouts = Mutex<[Key: EncodedLayout]>([:])

    func layout(_ resource: GroupResource, _ key: ObjectKey, revision: String) -> EncodedLayout? {
        guard let layout = layouts.withLock({ $0[Key(resource: resource, object: key)] }),
            String(layout.revision) == revision
        else { return nil }
        return layout
    }

    func store(_ layout: EncodedLayout, _ resource: GroupResource, _ key: ObjectKey) {
        layouts.withLock { layouts in
            if layouts.count >= Self.capacity, layouts[Key(resource: resource, object: key)] == nil {
                layouts.removeAll(keepingCapacity: true)
            }
            layouts[Key(resource: resource, object: key)] = layout
        }
    }
}
