import KubeClient
import KubeModel

/// The namespaces the operator serves: the `--namespace-selector` scope and the workers'
/// capacity.
extension Coordinator {
    /// A Namespace event (only watched with a selector). A namespace that leaves the scope is
    /// revoked from its worker, which stops writing it and deletes nothing: what the operator
    /// wrote there stays as it was. One that enters the scope is assigned like a new one.
    public func ingest(_ event: ReflectorEvent<Namespace>) {
        let changed = scope.apply(event)
        defer { noteListed(event) }
        guard !changed.isEmpty else { return }
        let (entered, left) = changed.sorted().reduce(into: ([String](), [String]())) { result, namespace in
            if scope.selects(namespace) { result.0.append(namespace) } else { result.1.append(namespace) }
        }
        counters.namespacesEnteredScope += entered.count
        counters.namespacesLeftScope += left.count
        for namespace in left {
            logger.info("namespace left the selector's scope; releasing it", metadata: ["namespace": "\(namespace)"])
        }
        for namespace in entered {
            logger.info("namespace entered the selector's scope", metadata: ["namespace": "\(namespace)"])
        }
        execute(map.release(left))
        execute(map.rebalance(entered.filter(wants)))
        resumeCreditWaiters()
    }

    /// Namespaces in scope with a VirtualMachineService that no worker had room for.
    var waitingForCapacity: [String] {
        overCapacity.filter { map.owners[$0] == nil && wants($0) }.sorted()
    }
}
