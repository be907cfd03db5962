import KubeModel

/// The kubeconfig `vmsvc sim --kubeconfig-out` writes.
enum Kubeconfig {
    /// `certificateAuthority`: PEM for `certificate-authority-data`; `token`: the user's bearer token.
    static func render(server: String, certificateAuthority: [UInt8]? = nil, token: String? = nil) -> String {
        let authority = certificateAuthority.map { "\n    certificate-authority-data: \(Base64.encode($0))" } ?? ""
        let user = token.map { "\n    token: \(jsonQuoted($0))" } ?? " {}"
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kube-sim
          cluster:
            server: \(server)\(authority)
        contexts:
        - name: kube-sim
          context:
            cluster: kube-sim
            user: kube-sim
            namespace: default
        current-context: kube-sim
        users:
        - name: kube-sim
          user:\(user)

        """
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML), whatever the token holds.
    private static func jsonQuoted(_ text: String) -> String {
        JSONWriter.string(.string(text))
    }
}
