import KubeModel

/// An API object as a reflector delivers it to the coordinator: decoded if possible, and
/// otherwise kept as a failure with whatever identity could be read.
///
/// A list decodes all its items or none, so one object that does not fit the model (an old
/// object predating the CRD's schema, a hand-edited one) would otherwise fail every relist of
/// its kind and stall the whole cluster (DESIGN principle 5). Wrapping each item makes the
/// failure per object: the cache logs it with its namespace/name and skips it.
public struct LenientObject<Wrapped: KubernetesObject>: KubernetesObject {
    public static var resource: ResourceDescriptor { Wrapped.resource }

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// The decoded object, or why it could not be decoded.
    public var decoded: Result<Wrapped, DecodingFailure>

    public struct DecodingFailure: Error, Hashable, Sendable {
        public var reason: String
    }

    public init(_ object: Wrapped) {
        self.init(apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, decoded: .success(object))
    }

    private init(apiVersion: String?, kind: String?, metadata: ObjectMeta, decoded: Result<Wrapped, DecodingFailure>) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.decoded = decoded
    }

    public init(from decoder: any Decoder) throws {
        do {
            self.init(try Wrapped(from: decoder))
        } catch {
            // Read what identifies the object, each part optional, so the log line can name it.
            let container = try? decoder.container(keyedBy: CodingKeys.self)
            let identity = try? container?.decodeIfPresent(Identity.self, forKey: .metadata)
            self.init(
                apiVersion: try? container?.decodeIfPresent(String.self, forKey: .apiVersion),
                kind: try? container?.decodeIfPresent(String.self, forKey: .kind),
                metadata: ObjectMeta(
                    name: identity?.name, namespace: identity?.namespace, uid: identity?.uid,
                    resourceVersion: identity?.resourceVersion),
                decoded: .failure(DecodingFailure(reason: "\(error)")))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch decoded {
        case .success(let object): try object.encode(to: encoder)
        case .failure(let failure): throw failure
        }
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata
    }

    /// The metadata fields that name an object, each decoded on its own.
    private struct Identity: Decodable {
        var name: String?
        var namespace: String?
        var uid: String?
        var resourceVersion: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try? container.decodeIfPresent(String.self, forKey: .name)
            namespace = try? container.decodeIfPresent(String.self, forKey: .namespace)
            uid = try? container.decodeIfPresent(String.self, forKey: .uid)
            resourceVersion = try? container.decodeIfPresent(String.self, forKey: .resourceVersion)
        }

        private enum CodingKeys: String, CodingKey {
            case name, namespace, uid, resourceVersion
        }
    }
}
