import Foundation
import ZeroMQ

/// Reading and writing Z85 CURVE key files: one key per line, blank lines and `#` comments
/// ignored, so a file can be a single `.pub` written by `vmsvc keys generate` or a list.
/// Errors name the file, never its content: a secret key must not reach a log.
enum KeyFiles {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func keys(inFile path: String) throws -> [CurveKey] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read key file \(path)")
        }
        var keys: [CurveKey] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            guard let key = CurveKey(z85: text) else {
                throw Failure(description: "\(path) line \(index + 1) is not a 40-character Z85 CURVE key")
            }
            keys.append(key)
        }
        return keys
    }

    /// Exactly one key in the file.
    static func key(inFile path: String) throws -> CurveKey {
        let keys = try keys(inFile: path)
        guard keys.count == 1, let key = keys.first else {
            throw Failure(description: "\(path) must hold exactly one Z85 CURVE key, found \(keys.count)")
        }
        return key
    }

    /// The keys of every file in `directory` (a mounted Secret: one key per entry). Hidden
    /// entries are skipped, among them the `..data` links Kubernetes adds to the mount.
    static func keys(inDirectory directory: String) throws -> [CurveKey] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
        var keys: [CurveKey] = []
        for name in names.sorted() {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            keys += try Self.keys(inFile: path)
        }
        return keys
    }

    /// Writes `text` to a new file with `mode` from the moment it exists (0600 for a secret:
    /// never readable by others, not even briefly); refuses to overwrite a file.
    static func create(_ path: String, mode: mode_t, text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
    }
}
