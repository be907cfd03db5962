import KubeClient
import KubeModel

/// A shared informer: a `Reflector` feeding one `InformerCache`, calling the handler for each
/// change after the cache holds it (client-go updates its indexer before it notifies), with
/// the previous copy for updates. A relist is delivered as client-go delivers it: adds for new
/// objects, updates for known ones (even when unchanged) and deletes for vanished ones.
struct Informer<Object: KubernetesObject>: Sendable {
    /// One change: (nil, new) added, (old, new) updated, (old, nil) deleted.
    typealias Handler = @Sendable (_ old: Object?, _ new: Object?) async -> Void

    let reflector: Reflector<Object>
    let cache: InformerCache<Object>

    /// Runs until cancelled; `synced` is called once, after the first list is in the cache
    /// and handled.
    func run(synced: @Sendable () -> Void, handler: Handler) async {
        var hasSynced = false
        for await event in reflector.events() {
            switch event {
            case .added(let object):
                await handler(cache.upsert(object), object)
            case .updated(_, let object):
                await handler(cache.upsert(object), object)
            case .deleted(let object):
                await handler(cache.remove(object) ?? object, nil)
            case .replaced(let objects, let deleted):
                for object in deleted { await handler(cache.remove(object) ?? object, nil) }
                for object in objects { await handler(cache.upsert(object), object) }
                if !hasSynced {
                    hasSynced = true
                    synced()
                }
            }
        }
    }
}
