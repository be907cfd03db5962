import Synchronization

/// Creating what the measurements need: the namespace and the VMs.
enum Setup {
    static func namespace(_ options: LoadOptions) throws {
        let connection = try HTTPConnection(host: options.host, port: options.port)
        let body = Array(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(options.namespace)"}}"#.utf8)
        let response = try connection.request("POST", "/api/v1/namespaces", contentType: "application/json", body: body)
        guard response.status == 201 || response.status == 409 else {
            throw LoadError.unexpected("creating namespace \(options.namespace): HTTP \(response.status)")
        }
    }

    /// Creates VMs `vm-0` … `vm-(count-1)` over all connections (existing ones are kept).
    static func virtualMachines(_ count: Int, _ options: LoadOptions) throws {
        let path = VirtualMachineFixture.collectionPath(namespace: options.namespace)
        try Parallel.run(options.connections) { worker in
            let connection = try HTTPConnection(host: options.host, port: options.port)
            for index in stride(from: worker, to: count, by: options.connections) {
                let body = VirtualMachineFixture.body(name: "vm-\(index)", namespace: options.namespace)
                let response = try connection.request("POST", path, contentType: "application/json", body: body)
                guard response.status == 201 || response.status == 409 else {
                    throw LoadError.unexpected(
                        "creating vm-\(index): HTTP \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))")
                }
            }
        }
    }

    /// The collection's current resourceVersion (a watch from it sees only later changes).
    static func currentResourceVersion(_ options: LoadOptions) throws -> String {
        let connection = try HTTPConnection(host: options.host, port: options.port)
        let path = VirtualMachineFixture.collectionPath(namespace: options.namespace) + "?limit=1"
        let response = try connection.request("GET", path)
        // The list's own metadata comes after its items (keys are sorted), so the last
        // resourceVersion in the document is the list's.
        let text = String(decoding: response.body, as: UTF8.self)
        guard let range = text.range(of: #""resourceVersion":""#, options: .backwards) else {
            throw LoadError.unexpected("list without resourceVersion: HTTP \(response.status)")
        }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
