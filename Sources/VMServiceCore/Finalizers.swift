/// The finalizer decisions of spec §3 step 4 and §7. The finalizer exists so that deleting a
/// VirtualMachineService takes its Service (and load balancer) down before the object goes.
public enum Finalizers {
    /// Spec §3 step 4: without ours, drop the deprecated one and add ours; with ours, nothing
    /// changes (a deprecated one next to it stays until deletion, as in the reference).
    public static func ensured(_ finalizers: [String]) -> [String] {
        if finalizers.contains(VMServiceConstants.finalizer) { return finalizers }
        return finalizers.filter { $0 != VMServiceConstants.deprecatedFinalizer } + [VMServiceConstants.finalizer]
    }

    /// Spec §7: whether the deletion flow has anything to do.
    public static func holdsDeletion(_ finalizers: [String]) -> Bool {
        finalizers.contains(VMServiceConstants.finalizer) || finalizers.contains(VMServiceConstants.deprecatedFinalizer)
    }

    /// Spec §7 step 4: both of ours removed, other controllers' finalizers kept.
    public static func released(_ finalizers: [String]) -> [String] {
        finalizers.filter { $0 != VMServiceConstants.finalizer && $0 != VMServiceConstants.deprecatedFinalizer }
    }
}
