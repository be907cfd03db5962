/// The kubeconfig `vmsvc sim --kubeconfig-out` writes.
enum Kubeconfig {
    static func render(server: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kube-sim
          cluster:
            server: \(server)
        contexts:
        - name: kube-sim
          context:
            cluster: kube-sim
            user: kube-sim
            namespace: default
        current-context: kube-sim
        users:
        - name: kube-sim
          user: {}

        """
    }
}
