import ArgumentParser
import KubeModel
import Logging
import VMServiceCore

extension VirtualMachineService.APIVersion: ExpressibleByArgument {}

/// What decides the desired state: the same two flags for the workers and for `verify`, so
/// that `verify` judges a cluster by the rules the workers write it with.
struct ReconcileFlags: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "VirtualMachineService API version to read and write (v1alpha3 or v1alpha6). Env: VMSVC_API_VERSION. Default: v1alpha3.",
            valueName: "version"))
    var apiVersion: VirtualMachineService.APIVersion?

    @Option(
        help: ArgumentHelp(
            "Load-balancer provider: nsx-t-lb, or empty for the no-op provider. Env: LB_PROVIDER. Default: empty.",
            valueName: "name"))
    var lbProvider: String?

    var version: VirtualMachineService.APIVersion {
        apiVersion ?? Environment.string("VMSVC_API_VERSION").flatMap(VirtualMachineService.APIVersion.init)
            ?? VirtualMachineService.defaultVersion
    }

    var providerName: String { lbProvider ?? Environment.string("LB_PROVIDER") ?? "" }

    var options: ReconcileOptions { ReconcileOptions(version: version) }

    var metadata: Logger.Metadata { ["apiVersion": "\(version.rawValue)", "lbProvider": "\(providerName)"] }

    var reconciler: Reconciler {
        Reconciler(options: options, provider: loadBalancerProvider(named: providerName))
    }
}
