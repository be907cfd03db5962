import KubeModel
import Synchronization

/// One kind's informer cache, as controller-runtime keeps it: every object of the kind,
/// indexed by namespace (controller-runtime's only default index). Reconciles read it
/// concurrently while the kind's informer writes it, so it can lag behind the API server —
/// a reconcile may read a Service it wrote a moment ago as it was before, exactly as in the
/// reference.
public final class InformerCache<Object: KubernetesObject>: Sendable {
    private let objects = Mutex<[String: [String: Object]]>([:])

    public init() {}

    public func get(namespace: String, name: String) -> Object? {
        objects.withLock { $0[namespace]?[name] }
    }

    /// The namespace's objects (copies, as controller-runtime's cache returns deep copies).
    public func list(namespace: String) -> [Object] {
        objects.withLock { Array(($0[namespace] ?? [:]).values) }
    }

    public func all() -> [Object] {
        objects.withLock { $0.values.flatMap(\.values) }
    }

    /// Stores `object` and returns the copy it replaces.
    @discardableResult
    public func upsert(_ object: Object) -> Object? {
        objects.withLock { $0[object.namespace, default: [:]].updateValue(object, forKey: object.name) }
    }

    /// Drops the object of that namespace and name and returns it.
    @discardableResult
    public func remove(_ object: Object) -> Object? {
        objects.withLock { objects in
            let removed = objects[object.namespace]?.removeValue(forKey: object.name)
            if objects[object.namespace]?.isEmpty == true { objects[object.namespace] = nil }
            return removed
        }
    }
}
