/// The `x-kubernetes-list-type` checks (`set` items unique, `map` items unique by their
/// `x-kubernetes-list-map-keys`), as apiextensions-apiserver's `listtype` package makes them.
extension StructuralSchema {
    func checkListTypes(_ value: JSONValue, path: String, into errors: inout [FieldError]) {
        guard checksListTypes else { return }
        switch value {
        case .object(let members):
            for (key, member) in members {
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
            var key: JSONObject = [:]
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
}
