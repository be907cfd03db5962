import KubeModel

/// The objects every cluster starts with.
enum Bootstrap {
    static let namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    static func seed(_ server: APIServer) {
        let type = BuiltinResources.namespaces
        server.state.withLock { state in
            for name in namespaces {
                _ = try? state.create(type, namespace: "", ["metadata": ["name": .string(name)]], options: .init())
            }
        }
    }
}
