import ArgumentParser
import KubeModel
import Logging
import VMServiceCore

extension VirtualMachineService.APIVersion: ExpressibleByArgument {}
extension EndpointsMode: ExpressibleByArgument {}

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

    @Option(
        help: ArgumentHelp(
            "Which endpoint objects to write: endpoints (core/v1 Endpoints only, Kubernetes mirrors them into slices), "
                + "endpointslices (EndpointSlices only), or both (Endpoints labelled skip-mirror, plus our slices). "
                + "Env: VMSVC_ENDPOINTS_MODE. Default: both.",
            valueName: "mode"))
    var endpointsMode: EndpointsMode?

    @Option(
        help: ArgumentHelp(
            "Most endpoints in one EndpointSlice (1-1000). Env: VMSVC_MAX_ENDPOINTS_PER_SLICE. Default: 100.",
            valueName: "count"))
    var maxEndpointsPerSlice: Int?

    var mode: EndpointsMode {
        endpointsMode ?? Environment.string("VMSVC_ENDPOINTS_MODE").flatMap(EndpointsMode.init) ?? .both
    }

    var sliceCapacity: Int {
        maxEndpointsPerSlice ?? Environment.value("VMSVC_MAX_ENDPOINTS_PER_SLICE")
            ?? EndpointSliceConstants.defaultMaxEndpointsPerSlice
    }

    func validate() throws {
        guard (1...EndpointSliceConstants.maxEndpointsPerSliceLimit).contains(sliceCapacity) else {
            throw ValidationError("--max-endpoints-per-slice must be between 1 and 1000, not \(sliceCapacity)")
        }
    }

    var version: VirtualMachineService.APIVersion { .resolved(flag: apiVersion) }

    var providerName: String { lbProvider ?? Environment.string("LB_PROVIDER") ?? "" }

    var options: ReconcileOptions {
        ReconcileOptions(version: version, endpointsMode: mode, maxEndpointsPerSlice: sliceCapacity)
    }

    var metadata: Logger.Metadata {
        [
            "apiVersion": "\(version.rawValue)", "lbProvider": "\(providerName)", "endpointsMode": "\(mode.rawValue)",
            "maxEndpointsPerSlice": "\(sliceCapacity)",
        ]
    }

    var reconciler: Reconciler {
        Reconciler(options: options, provider: loadBalancerProvider(named: providerName))
    }
}
