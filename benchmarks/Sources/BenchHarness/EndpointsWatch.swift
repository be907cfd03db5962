import KubeClient
import KubeModel

/// Lists and watches every Endpoints object (a `Reflector`, so watch ends and 410s are
/// handled as an informer would) and hands each state to the tracker with the instant it
/// arrived.
struct EndpointsWatch: Sendable {
    let task: Task<Void, Never>
    /// Fulfilled once the initial list has reached the tracker.
    let listed: OneShot<Void>

    static func start(client: KubeClient, tracker: PropagationTracker) -> EndpointsWatch {
        let listed = OneShot<Void>()
        let task = Task {
            let reflector = Reflector<Endpoints>(client: client)
            for await event in reflector.events() {
                let now = ContinuousClock.now
                switch event {
                case .added(let endpoints), .updated(_, let endpoints):
                    await tracker.observe(endpoints, at: now)
                case .deleted(let endpoints):
                    await tracker.observeDeletion(of: endpoints, at: now)
                case .replaced(let all, _):
                    await tracker.replace(all, at: now)
                    listed.fulfil(())
                }
            }
        }
        return EndpointsWatch(task: task, listed: listed)
    }

    func stop() { task.cancel() }
}
