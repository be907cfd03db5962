import KubeModel

/// Builds `meta.k8s.io/v1` Tables, what `kubectl get` asks for (`Accept: …;as=Table`):
/// NAME, the type's printer columns, with `date` columns shown as an age.
struct TableConverter: Sendable {
    var columns: [PrinterColumn]
    /// Row objects: `None`, `Metadata` (PartialObjectMetadata, the default) or `Object`.
    var includeObject: String
    var now: @Sendable () -> Int64

    static let nameColumn: JSONValue = [
        "name": "Name", "type": "string", "format": "name", "priority": 0,
        "description":
            "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    ]

    var columnDefinitions: JSONValue {
        .array(
            [Self.nameColumn]
                + columns.map { column in
                    [
                        "name": .string(column.name), "type": .string(column.type),
                        "format": .string(column.format), "description": .string(column.description),
                        "priority": .number(Double(column.priority)),
                    ]
                })
    }

    func table(_ objects: [JSONValue], listMetadata: JSONValue) -> JSONValue {
        [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "columnDefinitions": columnDefinitions,
            "rows": .array(objects.map(row)),
        ]
    }

    func row(_ object: JSONValue) -> JSONValue {
        var cells: [JSONValue] = [.string(object.name)]
        for column in columns { cells.append(cell(column, object)) }
        var row: JSONObject = ["cells": .array(cells)]
        switch includeObject {
        case "None": break
        case "Object": row["object"] = object
        default:
            row["object"] = [
                "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                "metadata": object["metadata"] ?? [:],
            ]
        }
        return .object(row)
    }

    /// As apiextensions' table convertor: only the first result counts; `string` columns print
    /// it, typed columns keep it when it has that type, `date` shows the age.
    private func cell(_ column: PrinterColumn, _ object: JSONValue) -> JSONValue {
        let value: JSONValue
        switch column.source {
        case .computed(let compute): return compute(object)
        case .jsonPath(let path):
            guard let first = SimpleJSONPath(path)?.evaluate(object).first, first != .null else { return .null }
            value = first
        }
        switch (column.type, value) {
        case ("string", _): return .string(SimpleJSONPath.text(value))
        case ("date", .string(let text)):
            guard let time = Time(rfc3339: text) else { return "<unknown>" }
            return .string(HumanDuration.string(seconds: now() - time.secondsSince1970))
        case ("integer", .number(let d)) where d.rounded() == d: return value
        case ("number", .number): return value
        case ("boolean", .bool): return value
        default: return .null
        }
    }
}
