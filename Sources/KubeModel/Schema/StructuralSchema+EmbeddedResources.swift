/// The `x-kubernetes-embedded-resource` checks of apiextensions-apiserver's `objectmeta`
/// package: an embedded object must say what type it is.
extension StructuralSchema {
    /// Nested embedded objects need an `apiVersion` and a `kind` that could name a type. The root
    /// is an embedded resource too, but its `apiVersion`, `kind` and `metadata` are checked by
    /// the API server's request handling, not here.
    func checkEmbeddedResources(_ value: JSONValue, path: String, isRoot: Bool, into errors: inout [FieldError]) {
        guard checksEmbeddedResources else { return }
        switch value {
        case .object(let members):
            if isEmbeddedResource && !isRoot { checkTypeMeta(members, path: path, into: &errors) }
            for (key, member) in members {
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

    private func checkTypeMeta(_ members: JSONObject, path: String, into errors: inout [FieldError]) {
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
