import KubeModel

/// Turns a CustomResourceDefinition into the resource types it serves.
enum CustomResourceTypes {
    /// The served versions, highest priority first (that one is preferred in discovery).
    static func types(of crd: JSONValue) -> [ResourceType] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
            let names = spec["names"], let plural = names["plural"]?.stringValue,
            let kind = names["kind"]?.stringValue
        else { return [] }
        let versions = spec["versions"]?.arrayValue ?? []
        let storage = versions.first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
            ?? versions.first?["name"]?.stringValue ?? "v1"
        let namespaced = spec["scope"]?.stringValue != "Cluster"
        let served = versions.filter { $0["served"]?.boolValue ?? true }
        return served.compactMap { version -> ResourceType? in
            guard let name = version["name"]?.stringValue else { return nil }
            let structural = version["schema"]?["openAPIV3Schema"].map(StructuralSchema.init)
            return ResourceType(
                group: group, version: name, resource: plural, kind: kind,
                singular: names["singular"]?.stringValue ?? kind.lowercased(), namespaced: namespaced,
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                hasStatus: version["subresources"]?["status"] != nil, tracksGeneration: true,
                returnsDeletedObject: true, supportsStrategicMerge: false,
                columns: columns(version), schema: version["schema"]?["openAPIV3Schema"] ?? [:],
                structuralSchema: structural, customApplySchema: structural.map(ApplySchema.init),
                storageVersion: storage)
        }.sorted { KubeVersionOrder.precedes($0.version, $1.version) }
    }

    private static func columns(_ version: JSONValue) -> [PrinterColumn] {
        guard let declared = version["additionalPrinterColumns"]?.arrayValue else {
            return [BuiltinResources.age]
        }
        return declared.compactMap { column in
            guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue else {
                return nil
            }
            return PrinterColumn(
                name: name, type: column["type"]?.stringValue ?? "string",
                format: column["format"]?.stringValue ?? "",
                description: column["description"]?.stringValue ?? "",
                priority: column["priority"]?.intValue ?? 0, source: .jsonPath(path))
        }
    }

    /// The status kube-apiserver gives an accepted CRD: names accepted, established, and the
    /// storage version recorded.
    static func acceptedStatus(of crd: JSONValue, now: String) -> JSONValue {
        let spec = crd["spec"] ?? [:]
        var stored = crd["status"]?["storedVersions"]?.arrayValue ?? []
        let storage = (spec["versions"]?.arrayValue ?? []).first { $0["storage"]?.boolValue == true }?["name"]
        if let storage, !stored.contains(storage) { stored.append(storage) }
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            [
                "type": .string(type), "status": "True", "lastTransitionTime": .string(now),
                "reason": .string(reason), "message": .string(message),
            ]
        }
        return [
            "acceptedNames": spec["names"] ?? [:],
            "conditions": [
                condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
            ],
            "storedVersions": .array(stored),
        ]
    }
}

/// Kubernetes' version priority: GA before beta before alpha, higher numbers first, anything
/// else after, alphabetically.
enum KubeVersionOrder {
    private static func parse(_ v: String) -> (major: Int, stage: Int, minor: Int)? {
        guard v.hasPrefix("v") else { return nil }
        let rest = v.dropFirst()
        let majorDigits = rest.prefix { $0.isNumber }
        guard let major = Int(majorDigits), major > 0 else { return nil }
        let tail = rest.dropFirst(majorDigits.count)
        if tail.isEmpty { return (major, 2, 0) }
        for (word, stage) in [("beta", 1), ("alpha", 0)] where tail.hasPrefix(word) {
            guard let minor = Int(tail.dropFirst(word.count)) else { return nil }
            return (major, stage, minor)
        }
        return nil
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        switch (parse(a), parse(b)) {
        case let (x?, y?):
            if x.stage != y.stage { return x.stage > y.stage }
            if x.major != y.major { return x.major > y.major }
            return x.minor > y.minor
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}
