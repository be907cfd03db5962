/// The `x-kubernetes-list-type` checks (`set` items unique, `map` items unique by their
/// `x-kubernetes-list-map-keys`) and the `x-kubernetes-embedded-resource` checks, as
/// apiextensions-apiserver's `listtype` and `objectmeta` packages make them.
extension StructuralSchema {
    func checkListTypes(_ value: JSONValue, path: String, into errors: inout [FieldError]) {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                if let schema = properties[key] {
                    schema.checkListTypes(member, path: Self.child(path, key), into: &errors)
                } else if let additionalProperties {
                    additionalProperties.checkListTypes(member, path: "\(path)[\(key)]", into: &errors)
                }
            }
        case .array(let elements):
            switch listType {
            case "set":
                for index in Self.repeats(elements) {
                    errors.append(.duplicate("\(path)[\(index)]", elements[index]))
                }
            case "map":
                checkListMap(elements, path: path, into: &errors)
            default:
                break
            }
            if let items {
                for (index, element) in elements.enumerated() {
                    items.checkListTypes(element, path: "\(path)[\(index)]", into: &errors)
                }
            }
        default:
            break
        }
    }

    private func checkListMap(_ elements: [JSONValue], path: String, into errors: inout [FieldError]) {
        for (index, element) in elements.enumerated() where element != .null && element.objectValue == nil {
            errors.append(.invalid("\(path)[\(index)]", element, "must be an object for an array of list-type map"))
            return
        }
        let keys: [JSONValue] = elements.map { element in
            var key: [String: JSONValue] = [:]
            for name in listMapKeys {
                if let value = element[name] { key[name] = value }
            }
            return .object(key)
        }
        for index in Self.repeats(keys) {
            errors.append(.duplicate("\(path)[\(index)]", keys[index]))
        }
    }

    /// The index of the second occurrence of each value that occurs more than once.
    private static func repeats(_ values: [JSONValue]) -> [Int] {
        var seen: [JSONValue: Int] = [:]
        var indices: [Int] = []
        for (index, value) in values.enumerated() {
            seen[value, default: 0] += 1
            if seen[value] == 2 { indices.append(index) }
        }
        return indices
    }

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// Nested embedded objects need an `apiVersion` and a `kind` that could name a type. The root
    /// is an embedded resource too, but its `apiVersion`, `kind` and `metadata` are checked by
    /// the API server's request handling, not here.
    func checkEmbeddedResources(_ value: JSONValue, path: String, isRoot: Bool, into errors: inout [FieldError]) {
        switch value {
        case .object(let members):
            if isEmbeddedResource && !isRoot { checkTypeMeta(members, path: path, into: &errors) }
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                if let schema = properties[key] {
                    schema.checkEmbeddedResources(member, path: Self.child(path, key), isRoot: false, into: &errors)
                } else if let additionalProperties {
                    additionalProperties.checkEmbeddedResources(member, path: "\(path)[\(key)]", isRoot: false, into: &errors)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                items?.checkEmbeddedResources(element, path: "\(path)[\(index)]", isRoot: false, into: &errors)
            }
        default:
            break
        }
    }

    private func checkTypeMeta(_ members: [String: JSONValue], path: String, into errors: inout [FieldError]) {
        let apiVersionPath = Self.child(path, "apiVersion")
        let kindPath = Self.child(path, "kind")
        if members["apiVersion"] == nil { errors.append(.required(apiVersionPath)) }
        if members["kind"] == nil { errors.append(.required(kindPath)) }
        if let apiVersion = members["apiVersion"] {
            if case .string(let text) = apiVersion {
                if text.isEmpty {
                    errors.append(.invalid(apiVersionPath, apiVersion, "must not be empty"))
                } else if text.split(separator: "/", omittingEmptySubsequences: false).count > 2 {
                    errors.append(.invalid(apiVersionPath, apiVersion, "unexpected GroupVersion string: \(text)"))
                }
            } else {
                errors.append(.invalid(apiVersionPath, apiVersion, "must be a string"))
            }
        }
        if let kind = members["kind"] {
            if case .string(let text) = kind {
                let problems = KubeValidation.isDNS1035Label(text.lowercased())
                if text.isEmpty {
                    errors.append(.invalid(kindPath, kind, "must not be empty"))
                } else if !problems.isEmpty {
                    errors.append(.invalid(kindPath, kind, "may have mixed case, but should otherwise match: "
                                           + problems.joined(separator: ",")))
                }
            } else {
                errors.append(.invalid(kindPath, kind, "must be a string"))
            }
        }
    }
}
