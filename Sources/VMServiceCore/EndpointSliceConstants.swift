import KubeModel

/// Names the controller's EndpointSlices carry.
public enum EndpointSliceConstants {
    /// The `endpointslice.kubernetes.io/managed-by` value of our slices: the coordinator
    /// watches exactly the slices labelled so, and Kubernetes' own controllers leave them alone.
    public static let managerName = "vmsvc.vmware.com"
    /// Kubernetes' default for `--max-endpoints-per-slice`.
    public static let defaultMaxEndpointsPerSlice = 100
    /// The API server's limit on endpoints in one slice.
    public static let maxEndpointsPerSliceLimit = EndpointSlice.maxEndpoints
    /// Set on slices of a headless Service, as Kubernetes' EndpointSlice controller does.
    public static let headlessLabel = "service.kubernetes.io/headless"

    /// The label selector of every slice this controller manages.
    public static var managedBySelector: String { "\(EndpointSlice.managedByLabel)=\(managerName)" }
}
