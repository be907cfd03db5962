/// The JSON of an object a write just stored, encoded once under the lock: its watch events
/// and the response to the request that wrote it share these bytes.
struct EncodedObject: Sendable {
    /// The revision that stored the object (its `resourceVersion`).
    var revision: Int
    var bytes: [UInt8]
}
