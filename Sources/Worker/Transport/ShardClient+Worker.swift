/// Connects a `ShardClient` to the worker engine.
extension ShardClient {
    /// Feeds the engine every input in order and sends back what it produces, until the
    /// client shuts down. A revoke is acknowledged to the coordinator only after the engine
    /// has handled it, that is, after the engine stopped starting writes for the namespace.
    public func run<C: Clock>(driving worker: Worker<C>) async where C.Duration == Duration {
        start()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await output in worker.outputs { self.send(output) }
            }
            for await input in inputs {
                await worker.handle(input)
                if case .revoke(let namespace, let epoch) = input {
                    revokeHandled(namespace: namespace, epoch: epoch)
                    acknowledgeRevoke(namespace: namespace, epoch: epoch)
                }
            }
            group.cancelAll()
        }
    }
}
