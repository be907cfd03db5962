import Testing

@testable import VMServiceCore

/// Every name of spec §11, spelled out once more: these strings are API, shared with the
/// reference controller and with users' tooling, so a typo must fail a test, not a cluster.
@Suite struct ConstantsTests {
    @Test func finalizerNamesMatchTheReference() {
        #expect(VMServiceConstants.finalizer == "vmoperator.vmware.com/virtualmachineservice")
        #expect(VMServiceConstants.deprecatedFinalizer == "virtualmachineservice.vmoperator.vmware.com")
    }

    @Test func annotationAndLabelNamesMatchTheReference() {
        #expect(
            VMServiceConstants.externalTrafficPolicyAnnotation
                == "virtualmachineservice.vmoperator.vmware.com/service.externalTrafficPolicy")
        #expect(
            VMServiceConstants.healthCheckNodePortAnnotation
                == "virtualmachineservice.vmoperator.vmware.com/service.healthCheckNodePort")
        #expect(VMServiceConstants.serviceProxyNameLabel == "service.kubernetes.io/service-proxy-name")
        #expect(VMServiceConstants.serviceProxyNameNSXT == "nsx-t")
        #expect(VMServiceConstants.ncpHealthCheckNodePortAnnotation == "ncp/healthCheckNodePort")
        #expect(VMServiceConstants.nsxHostnameAnnotation == "nsx.vmware.com/hostname")
        #expect(VMServiceConstants.conversionAnnotation == "vmoperator.vmware.com/conversion")
        #expect(VMServiceConstants.skipValidationAnnotation == "vmoperator.vmware.com.protected/skip-validation")
    }

    @Test func conditionTypeAndControllerNameMatchTheReference() {
        #expect(VMServiceConstants.serviceReadyConditionType == "VirtualMachineServiceServiceReady")
        #expect(VMServiceConstants.controllerName == "virtualmachineservice-controller")
    }

    @Test func successEventsMatchTheReference() {
        #expect(EventReason.createServiceSuccess == "CreateK8sServiceSuccess")
        #expect(EventReason.updateServiceSuccess == "UpdateK8sServiceSuccess")
        #expect(EventReason.deleteServiceSuccess == "DeleteK8sServiceSuccess")
        #expect(ReconcileEvent.success(EventReason.createServiceSuccess).message == "CreateK8sService success")
    }
}
