import KubeModel
import Testing

@testable import KubeSim

@Suite struct MetadataValidationTests {
    /// Label and annotation errors come in key order, labels first, whatever order the
    /// members are stored in.
    @Test func errorsAreInKeyOrderLabelsBeforeAnnotations() {
        let object: JSONValue = [
            "metadata": [
                "name": "ok", "namespace": "default",
                "labels": ["z/-bad": "v", "good": "fine", "a/-bad": "v", "b": "-bad value"],
                "annotations": ["-y": "1", "-x": "2", "fine": "3"],
            ],
        ]
        let errors = MetadataValidation.validate(object, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true)
        let values = errors.map { "\($0.field) \($0.badValue?.stringValue ?? "")" }
        #expect(values == [
            "metadata.labels a/-bad", "metadata.labels -bad value", "metadata.labels z/-bad",
            "metadata.annotations -x", "metadata.annotations -y",
        ])
    }

    /// What an update left as the stored object had it (the name, maps sharing storage,
    /// annotation keys) is not checked again; a map rebuilt with the same contents is.
    @Test func anUpdateChecksOnlyWhatItChanged() {
        let stored: JSONValue = [
            "metadata": ["name": "-stored", "namespace": "default", "labels": ["-bad": "v"], "annotations": ["-x": "1"]]
        ]
        var update = stored
        update.setMetadata("annotations", ["-x": "1", "-y": "2"])
        let checks = { (object: JSONValue) in
            MetadataValidation.validate(
                object, unchangedFrom: stored, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true
            ).map { "\($0.field) \($0.badValue?.stringValue ?? "")" }
        }
        #expect(checks(update) == ["metadata.annotations -y"])
        update.setMetadata("labels", ["-bad": "v"])
        update.setMetadata("name", "-renamed")
        #expect(checks(update) == ["metadata.name -renamed", "metadata.labels -bad", "metadata.annotations -y"])
        #expect(MetadataValidation.validate(update, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true).count == 4)
    }
}
