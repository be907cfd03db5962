import KubeModel

/// How VirtualMachineService labels and annotations reach the Service (spec §4.1 amended by
/// §16.5).
///
/// The reference copies keys but never removes one that disappears from the VMService. Here
/// the controller remembers which keys it copied: the sorted, comma-separated key lists are
/// kept on the Service itself in the annotations
/// `virtualmachineservice.vmoperator.vmware.com/propagated-labels` and
/// `…/propagated-annotations` (label and annotation keys are qualified names, which cannot
/// contain commas). A key listed there and gone from the VMService is deleted from the
/// Service; keys that only other actors set are never listed and so are kept. Keeping the
/// memory on the Service, not in the controller, makes it survive restarts and re-shards,
/// and the Endpoints (whose metadata copies the Service's, §5.9) follow automatically.
enum PropagatedMetadata {
    /// Annotations never copied: the conversion webhook's and kubectl's bookkeeping, and ours.
    static let unpropagatedAnnotations: Set<String> = [
        VMServiceConstants.conversionAnnotation,
        VMServiceConstants.lastAppliedAnnotation,
        VMServiceConstants.propagatedLabelsAnnotation,
        VMServiceConstants.propagatedAnnotationsAnnotation,
    ]

    /// Annotations the reference deletes from the Service whenever the VMService lacks them.
    static let mirroredAnnotations = [
        VMServiceConstants.externalTrafficPolicyAnnotation,
        VMServiceConstants.healthCheckNodePortAnnotation,
    ]

    /// Applies the VMService's labels and annotations to a Service's metadata (empty on create).
    static func apply(
        from vmService: VirtualMachineService, provider: any LoadBalancerProvider, to meta: inout ObjectMeta
    ) {
        var annotations = meta.annotations ?? [:]
        var labels = meta.labels ?? [:]
        let previousLabelKeys = keys(in: annotations[VMServiceConstants.propagatedLabelsAnnotation])
        let previousAnnotationKeys = keys(in: annotations[VMServiceConstants.propagatedAnnotationsAnnotation])
        let sourceAnnotations = (vmService.metadata.annotations ?? [:])
            .filter { !unpropagatedAnnotations.contains($0.key) }
        let sourceLabels = vmService.metadata.labels ?? [:]

        copy(sourceAnnotations, into: &annotations, replacing: previousAnnotationKeys,
             removing: provider.annotationsToRemove(for: vmService))
        for key in mirroredAnnotations where vmService.metadata.annotations?[key] == nil {
            annotations[key] = nil
        }
        copy(sourceLabels, into: &labels, replacing: previousLabelKeys,
             removing: provider.labelsToRemove(for: vmService))

        annotations[VMServiceConstants.propagatedLabelsAnnotation] =
            record(sourceLabels.keys.filter { labels[$0] != nil })
        annotations[VMServiceConstants.propagatedAnnotationsAnnotation] =
            record(sourceAnnotations.keys.filter { annotations[$0] != nil })
        meta.annotations = annotations.isEmpty ? nil : annotations
        meta.labels = labels.isEmpty ? nil : labels
    }

    /// Drops the keys copied last time that the source no longer has, copies the source
    /// (source wins), then drops the provider's removal set.
    private static func copy(
        _ source: [String: String], into target: inout [String: String], replacing previous: [String],
        removing removals: Set<String>
    ) {
        for key in previous where source[key] == nil { target[key] = nil }
        target.merge(source) { _, new in new }
        for key in removals { target[key] = nil }
    }

    private static func keys(in recorded: String?) -> [String] {
        (recorded ?? "").split(separator: ",").map(String.init)
    }

    private static func record(_ keys: some Sequence<String>) -> String? {
        let sorted = keys.sorted()
        return sorted.isEmpty ? nil : sorted.joined(separator: ",")
    }
}
