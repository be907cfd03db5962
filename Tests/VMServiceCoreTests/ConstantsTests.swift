import Testing

@testable import VMServiceCore

@Suite struct ConstantsTests {
    @Test func finalizerNamesMatchTheReference() {
        #expect(VMServiceConstants.finalizer == "vmoperator.vmware.com/virtualmachineservice")
        #expect(VMServiceConstants.deprecatedFinalizer == "virtualmachineservice.vmoperator.vmware.com")
    }
}
