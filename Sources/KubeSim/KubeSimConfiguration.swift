/// How a kube-sim instance is set up.
public struct KubeSimConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `KubeSim.start()` returns the one bound.
    public var port: Int
    /// One CIDR per IP family; two make the simulated cluster dual-stack.
    public var serviceCIDRs: [String]
    /// How many committed changes are kept for watches and consistent pagination; older
    /// resource versions are answered with 410 Gone.
    public var historySize: Int
    /// Seconds between BOOKMARK events on watches that allow them (kube-apiserver: about 60).
    public var bookmarkIntervalSeconds: Double
    /// Watches without `timeoutSeconds` end after this long (kube-apiserver: 30-60 minutes).
    public var defaultWatchTimeoutSeconds: Int
    /// Directories whose CRD manifests are loaded at start.
    public var crdDirectories: [String]
    /// Event-loop threads; 0 means one per core.
    public var threads: Int
    /// The shortest time between two writes to one watch connection: events that come
    /// sooner wait and go out together. 0 writes each event as soon as the connection's
    /// event loop gets to it.
    public var watchFlushIntervalMicroseconds: Int = 0
    /// When set, LoadBalancer Services get an ingress IP from this CIDR after
    /// `loadBalancerDelayMilliseconds`, as a cloud provider would give them.
    public var loadBalancerPool: String?
    public var loadBalancerDelayMilliseconds: Int
    /// Faults to inject from the start (changeable later through `/admin/faults`).
    public var faults: FaultConfiguration
    /// PEM serving certificate (chain) and key: with both, kube-sim serves HTTPS only.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// The CA the kubeconfig tells clients to trust; without it a self-signed serving
    /// certificate is trusted as itself.
    public var tlsCAPath: String?
    /// One bearer token for user `admin` in group `system:masters`; written into the kubeconfig.
    public var bearerToken: String?
    /// kube-apiserver's `--token-auth-file` CSV: `token,user,uid,"group1,group2"`.
    public var tokenAuthFile: String?
    /// PEM CA bundle that client certificates must chain to (CN = user, O = groups).
    public var clientCAPath: String?
    /// Directory of Role/ClusterRole/RoleBinding/ClusterRoleBinding manifests; when set,
    /// RBAC authorizes every request (needs one of the authentication settings).
    public var rbacDirectory: String?

    public init(
        host: String = "127.0.0.1", port: Int = 0, serviceCIDRs: [String] = ["10.96.0.0/12"],
        historySize: Int = 10_000, bookmarkIntervalSeconds: Double = 60, defaultWatchTimeoutSeconds: Int = 1800,
        crdDirectories: [String] = [], threads: Int = 0, loadBalancerPool: String? = nil,
        loadBalancerDelayMilliseconds: Int = 0, faults: FaultConfiguration = FaultConfiguration(),
        tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil, tlsCAPath: String? = nil,
        bearerToken: String? = nil, tokenAuthFile: String? = nil, clientCAPath: String? = nil, rbacDirectory: String? = nil
    ) {
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.tlsCAPath = tlsCAPath
        self.bearerToken = bearerToken
        self.tokenAuthFile = tokenAuthFile
        self.clientCAPath = clientCAPath
        self.rbacDirectory = rbacDirectory
        self.faults = faults
        self.loadBalancerPool = loadBalancerPool
        self.loadBalancerDelayMilliseconds = loadBalancerDelayMilliseconds
        self.host = host
        self.port = port
        self.serviceCIDRs = serviceCIDRs
        self.historySize = historySize
        self.bookmarkIntervalSeconds = bookmarkIntervalSeconds
        self.defaultWatchTimeoutSeconds = defaultWatchTimeoutSeconds
        self.crdDirectories = crdDirectories
        self.threads = threads
    }
}
