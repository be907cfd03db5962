import KubeModel

/// Reads `application/vnd.kubernetes.protobuf` bodies: the `k8s\0` envelope around a
/// `runtime.Unknown`, whose raw bytes are decoded with the kind's `ProtobufSchema` into the
/// same JSON a JSON client would have sent.
enum ProtobufDecoding {
    struct Malformed: Error {}

    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    static func decode(_ bytes: [UInt8]) throws -> JSONValue {
        guard bytes.starts(with: magic) else {
            throw APIError.badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        }
        let unknown = try fields(of: bytes[4...])
        let typeMeta = try fields(of: unknown.first { $0.number == 1 }?.payload ?? [][...])
        let apiVersion = String(decoding: typeMeta.first { $0.number == 1 }?.payload ?? [], as: UTF8.self)
        let kind = String(decoding: typeMeta.first { $0.number == 2 }?.payload ?? [], as: UTF8.self)
        guard let schema = ProtobufSchema.forKind(apiVersion: apiVersion, kind: kind) else {
            throw APIError.unsupportedMediaType(
                "application/vnd.kubernetes.protobuf", accepted: ["application/json", "application/yaml"])
        }
        var object = try message(unknown.first { $0.number == 2 }?.payload ?? [][...], schema)
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return object
    }

    private struct Field {
        var number: Int
        var varint: UInt64
        var payload: ArraySlice<UInt8>
    }

    private static func fields(of bytes: ArraySlice<UInt8>) throws -> [Field] {
        var out: [Field] = []
        var index = bytes.startIndex
        func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.endIndex, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            throw Malformed()
        }
        while index < bytes.endIndex {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: out.append(Field(number: number, varint: try varint(), payload: []))
            case 1: index += 8
            case 5: index += 4
            case 2:
                let length = Int(try varint())
                guard length >= 0, index + length <= bytes.endIndex else { throw Malformed() }
                out.append(Field(number: number, varint: 0, payload: bytes[index..<index + length]))
                index += length
            default: throw Malformed()
            }
            guard index <= bytes.endIndex else { throw Malformed() }
        }
        return out
    }

    private static func message(_ bytes: ArraySlice<UInt8>, _ schema: ProtobufSchema) throws -> JSONValue {
        var members: JSONObject = [:]
        for field in try fields(of: bytes) {
            guard let (name, type, repeated) = schema.fields[field.number] else { continue }
            let value = try self.value(field, type)
            if case .map = type {
                var map = members[name]?.objectValue ?? [:]
                if let (key, entry) = value.objectValue.flatMap({ o in o["k"]?.stringValue.map { ($0, o["v"] ?? .null) } }) {
                    map[key] = entry
                }
                members[name] = .object(map)
            } else if repeated {
                members[name] = .array((members[name]?.arrayValue ?? []) + [value])
            } else if !isZero(value, type) {
                // Go's protobuf writes unset strings, numbers and bools as zero values; its
                // JSON (omitempty) leaves them out, and defaulting depends on the difference.
                members[name] = value
            }
        }
        return .object(members)
    }

    private static func isZero(_ value: JSONValue, _ type: ProtobufField) -> Bool {
        switch (type, value) {
        case (.string, .string(let s)): return s.isEmpty
        case (.int, .number(let n)): return n == 0
        case (.bool, .bool(let b)): return !b
        case (.time, .string(let s)): return s == Time(secondsSince1970: 0).description
        default: return false
        }
    }

    private static func value(_ field: Field, _ type: ProtobufField) throws -> JSONValue {
        switch type {
        case .string: return .string(String(decoding: field.payload, as: UTF8.self))
        case .int: return .number(Double(Int64(bitPattern: field.varint)))
        case .bool: return .bool(field.varint != 0)
        case .bytes: return .string(Base64.encode(Array(field.payload)))
        case .message(let schema): return try message(field.payload, schema)
        case .time:
            let parts = try fields(of: field.payload)
            let seconds = Int64(bitPattern: parts.first { $0.number == 1 }?.varint ?? 0)
            return .string(Time(secondsSince1970: seconds).description)
        case .intOrString:
            let parts = try fields(of: field.payload)
            if parts.first(where: { $0.number == 1 })?.varint == 1 {
                return .string(String(decoding: parts.first { $0.number == 3 }?.payload ?? [], as: UTF8.self))
            }
            return .number(Double(Int32(truncatingIfNeeded: parts.first { $0.number == 2 }?.varint ?? 0)))
        case .map(let valueType):
            let parts = try fields(of: field.payload)
            let key = String(decoding: parts.first { $0.number == 1 }?.payload ?? [], as: UTF8.self)
            let entry = try parts.first { $0.number == 2 }.map { try value($0, valueType) } ?? .string("")
            return ["k": .string(key), "v": entry]
        }
    }
}
