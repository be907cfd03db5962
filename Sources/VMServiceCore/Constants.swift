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
}
