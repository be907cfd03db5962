import Foundation
import KubeModel

@testable import Worker

/// An in-memory API server behind the `KubeWriter` protocol: it stores what is written,
/// gives every write a new resourceVersion, defaults Services like a single-stack IPv4
/// cluster (clusterIP, ipFamilies), and logs every write so tests can assert exactly which
/// writes a scenario costs. Writes can be made to fail, or held until the test releases them.
actor FakeKubeWriter: KubeWriter {
    /// One write, as tests compare them: `create Service web`, `patch Endpoints web`, …
    struct Write: Hashable, CustomStringConvertible {
        var verb: String
        var kind: String
        var name: String
        var description: String { "\(verb) \(kind) \(name)" }
    }

    struct InjectedFailure: Error, CustomStringConvertible {
        var description: String { "injected failure" }
    }

    struct NotFound: Error {}

    /// Object writes in order (Events are in `events` and `eventPatches`).
    private(set) var writes: [Write] = []
    private(set) var events: [Event] = []
    private(set) var eventPatches: [(name: String, patch: JSONValue)] = []
    private var objects: [String: JSONValue] = [:]
    private var revision = 100
    /// Writes (`"create Service"`) that fail, with how many times they still will.
    private var failures: [String: Int] = [:]
    private var holding = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var heldWaiters: [CheckedContinuation<Void, Never>] = []
    /// Writes in progress per object, and the most ever seen at once for one object.
    private var inProgress: [String: Int] = [:]
    private(set) var maxConcurrentPerObject = 0
    /// The most writes ever in progress at once, across objects.
    private(set) var maxConcurrent = 0

    func fail(_ verb: String, _ kind: String, times: Int = 1) { failures["\(verb) \(kind)"] = times }

    /// From now on, writes wait until `release()`.
    func hold() { holding = true }

    /// Lets held writes (and later ones) proceed.
    func release() {
        holding = false
        letHeldWritesProceed()
    }

    /// Lets the writes held now proceed, and keeps holding later ones.
    func letHeldWritesProceed() {
        let waiting = held
        held = []
        for write in waiting { write.resume() }
    }

    /// Returns once at least `count` writes are being held.
    func waitForHeldWrite(count: Int = 1) async {
        while held.count < count {
            await withCheckedContinuation { heldWaiters.append($0) }
        }
    }

    func object<Object: KubernetesObject>(_ type: Object.Type, _ name: String, namespace: String = "ns") -> Object? {
        guard let json = objects[id(Object.self, namespace, name)] else { return nil }
        return try? decode(json)
    }

    func writes(of kind: String) -> [Write] { writes.filter { $0.kind == kind } }

    /// Every stored object of a kind in the namespace, by name.
    func objects<Object: KubernetesObject>(_ type: Object.Type, namespace: String = "ns") -> [Object] {
        let prefix = "\(Object.resource.kind)/\(namespace)/"
        return objects.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.compactMap { try? decode($0.value) }
    }

    // MARK: KubeWriter

    func create<Object: KubernetesObject>(_ object: Object) async throws -> Object {
        if let event = object as? Event {
            events.append(event)
            return object
        }
        var stored = object
        if stored.metadata.name == nil, let prefix = stored.metadata.generateName {
            stored.metadata.name = "\(prefix)\(revision + 1)"
        }
        let key = id(Object.self, stored.namespace, stored.name)
        try await begin(Write(verb: "create", kind: Object.resource.kind, name: stored.name), key)
        defer { end(key) }
        stored.metadata.uid = "uid-\(Object.resource.kind)-\(stored.name)"
        stored.metadata.resourceVersion = nextRevision()
        if let service = stored as? Service, let defaulted = defaulted(service) as? Object { stored = defaulted }
        objects[key] = try encode(stored)
        return stored
    }

    func patch<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, mergePatch: JSONValue, subresource: String?
    ) async throws -> Object {
        if Object.self == Event.self {
            eventPatches.append((name, mergePatch))
            return try decode(.object(["metadata": .object(["name": .string(name)])]))
        }
        let key = id(Object.self, namespace, name)
        let verb = subresource.map { "patch \($0) of" } ?? "patch"
        try await begin(Write(verb: verb, kind: Object.resource.kind, name: name), key)
        defer { end(key) }
        guard let current = objects[key] else { throw NotFound() }
        var stored: Object = try decode(JSONMergePatch.apply(mergePatch, to: current))
        stored.metadata.resourceVersion = nextRevision()
        objects[key] = try encode(stored)
        return stored
    }

    func delete<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, uid: String
    ) async throws {
        let key = id(Object.self, namespace, name)
        try await begin(Write(verb: "delete", kind: Object.resource.kind, name: name), key)
        defer { end(key) }
        objects[key] = nil
    }

    /// Seeds an object as if someone else had created it (no write is logged).
    func seed<Object: KubernetesObject>(_ object: Object) throws {
        objects[id(Object.self, object.namespace, object.name)] = try encode(object)
    }

    // MARK: Internals

    private func begin(_ write: Write, _ key: String) async throws {
        writes.append(write)
        inProgress[key, default: 0] += 1
        maxConcurrentPerObject = max(maxConcurrentPerObject, inProgress[key] ?? 0)
        maxConcurrent = max(maxConcurrent, inProgress.values.reduce(0, +))
        if holding {
            await withCheckedContinuation { continuation in
                held.append(continuation)
                let waiters = heldWaiters
                heldWaiters = []
                for waiter in waiters { waiter.resume() }
            }
        }
        let failureKey = "\(write.verb) \(write.kind)"
        if let remaining = failures[failureKey], remaining > 0 {
            failures[failureKey] = remaining - 1
            end(key)
            throw InjectedFailure()
        }
    }

    private func end(_ key: String) { inProgress[key, default: 1] -= 1 }

    private func nextRevision() -> String {
        revision += 1
        return String(revision)
    }

    private func id<Object: KubernetesObject>(_ type: Object.Type, _ namespace: String, _ name: String) -> String {
        "\(Object.resource.kind)/\(namespace)/\(name)"
    }

    private func defaulted(_ service: Service) -> Service {
        var service = service
        var spec = service.spec ?? ServiceSpec()
        if spec.clusterIP == nil {
            spec.clusterIP = "10.96.0.\(revision % 250)"
            spec.clusterIPs = [spec.clusterIP ?? ""]
        }
        if spec.ipFamilies == nil { spec.ipFamilies = ["IPv4"] }
        if spec.ipFamilyPolicy == nil { spec.ipFamilyPolicy = "SingleStack" }
        service.spec = spec
        return service
    }

    private func encode<Object: Encodable>(_ object: Object) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(object))
    }

    private func decode<Object: Decodable>(_ json: JSONValue) throws -> Object {
        try JSONDecoder().decode(Object.self, from: JSONEncoder().encode(json))
    }
}
