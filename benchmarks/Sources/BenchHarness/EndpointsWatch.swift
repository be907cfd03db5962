import KubeClient
import KubeModel

/// Lists and watches what the controller publishes for each service (a `Reflector`, so watch
/// ends and 410s are handled as an informer would) and hands each service's addresses to
/// the tracker with the instant they arrived: its Endpoints, or, for a controller that
/// writes only EndpointSlices, the union of the slices labelled with its name.
struct EndpointsWatch: Sendable {
    let task: Task<Void, Never>
    /// Fulfilled once the initial list has reached the tracker.
    let listed: OneShot<Void>

    static func start(client: KubeClient, tracker: PropagationTracker, slices: Bool) -> EndpointsWatch {
        let listed = OneShot<Void>()
        let task = Task {
            if slices {
                await watchSlices(client: client, tracker: tracker, listed: listed)
            } else {
                await watchEndpoints(client: client, tracker: tracker, listed: listed)
            }
        }
        return EndpointsWatch(task: task, listed: listed)
    }

    func stop() { task.cancel() }

    private static func watchEndpoints(client: KubeClient, tracker: PropagationTracker, listed: OneShot<Void>) async {
        for await event in Reflector<Endpoints>(client: client).events() {
            let now = ContinuousClock.now
            switch event {
            case .added(let endpoints), .updated(_, let endpoints):
                await tracker.observe(key(of: endpoints), EndpointAddresses(endpoints), at: now)
            case .deleted(let endpoints):
                await tracker.observe(key(of: endpoints), nil, at: now)
            case .replaced(let all, _):
                let state = Dictionary(all.map { (key(of: $0), EndpointAddresses($0)) }) { $1 }
                await tracker.replace(state, at: now)
                listed.fulfil(())
            }
        }
    }

    private static func watchSlices(client: KubeClient, tracker: PropagationTracker, listed: OneShot<Void>) async {
        // service → slice name → slice: a change to one slice re-derives its service's union.
        var slices: [ServiceKey: [String: EndpointSlice]] = [:]
        for await event in Reflector<EndpointSlice>(client: client).events() {
            let now = ContinuousClock.now
            switch event {
            case .added(let slice), .updated(_, let slice):
                guard let service = service(of: slice) else { continue }
                slices[service, default: [:]][slice.name] = slice
                await tracker.observe(service, EndpointAddresses(slices[service, default: [:]].values), at: now)
            case .deleted(let slice):
                guard let service = service(of: slice) else { continue }
                slices[service]?[slice.name] = nil
                let remaining = slices[service]?.values.map { $0 } ?? []
                await tracker.observe(service, remaining.isEmpty ? nil : EndpointAddresses(remaining), at: now)
            case .replaced(let all, _):
                slices = [:]
                for slice in all { if let service = service(of: slice) { slices[service, default: [:]][slice.name] = slice } }
                await tracker.replace(slices.mapValues { EndpointAddresses($0.values) }, at: now)
                listed.fulfil(())
            }
        }
    }

    private static func key(of endpoints: Endpoints) -> ServiceKey {
        ServiceKey(namespace: endpoints.namespace, name: endpoints.name)
    }

    private static func service(of slice: EndpointSlice) -> ServiceKey? {
        slice.metadata.labels?["kubernetes.io/service-name"].map { ServiceKey(namespace: slice.namespace, name: $0) }
    }
}
