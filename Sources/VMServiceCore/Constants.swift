/// Names and constants of the VirtualMachineService API (spec §11).
public enum VMServiceConstants {
    public static let finalizer = "vmoperator.vmware.com/virtualmachineservice"
    public static let deprecatedFinalizer = "virtualmachineservice.vmoperator.vmware.com"
    public static let externalTrafficPolicyAnnotation =
        "virtualmachineservice.vmoperator.vmware.com/service.externalTrafficPolicy"
    public static let healthCheckNodePortAnnotation =
        "virtualmachineservice.vmoperator.vmware.com/service.healthCheckNodePort"
    public static let conversionAnnotation = "vmoperator.vmware.com/conversion"
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
    public static let skipValidationAnnotation = "vmoperator.vmware.com.protected/skip-validation"
    public static let serviceReadyConditionType = "VirtualMachineServiceServiceReady"
    public static let controllerName = "virtualmachineservice-controller"

    /// Annotations on the Service where the controller records which VMService label and
    /// annotation keys it copied there (spec §16.5), so that a key later removed from the
    /// VMService can be removed from the Service without touching keys other actors set.
    public static let propagatedLabelsAnnotation =
        "virtualmachineservice.vmoperator.vmware.com/propagated-labels"
    public static let propagatedAnnotationsAnnotation =
        "virtualmachineservice.vmoperator.vmware.com/propagated-annotations"
    /// Condition (v1alpha6 only) that reports a VMService failing validation (spec §16.3).
    public static let validConditionType = "VirtualMachineServiceValid"
    public static let nsxtProviderName = "nsx-t-lb"
    public static let serviceProxyNameLabel = "service.kubernetes.io/service-proxy-name"
    public static let serviceProxyNameNSXT = "nsx-t"
    public static let ncpHealthCheckNodePortAnnotation = "ncp/healthCheckNodePort"
    public static let nsxHostnameAnnotation = "nsx.vmware.com/hostname"
}
