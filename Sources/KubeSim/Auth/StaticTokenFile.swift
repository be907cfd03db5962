/// kube-apiserver's `--token-auth-file`: one CSV record per token,
/// `token,user,uid[,"group1,group2,..."]`; blank lines are skipped, a record with fewer than
/// three fields is an error (as kube-apiserver refuses to start on one).
enum StaticTokenFile {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "token auth file line \(line): \(reason)" }
    }

    static func parse(_ text: String) throws -> [String: UserInfo] {
        var users: [String: UserInfo] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let record = line.hasSuffix("\r") ? line.dropLast() : line
            if record.allSatisfy(\.isWhitespace) { continue }
            let fields = try csvFields(record, line: index + 1)
            guard fields.count >= 3 else {
                throw ParseError(line: index + 1, reason: "expected at least 3 fields, found \(fields.count)")
            }
            guard !fields[0].isEmpty else { throw ParseError(line: index + 1, reason: "empty token") }
            let groups = fields.count > 3
                ? fields[3].split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty } : []
            users[fields[0]] = UserInfo(name: fields[1], uid: fields[2], groups: groups).authenticated()
        }
        return users
    }

    /// RFC 4180 fields: double-quoted fields may contain commas, `""` is a quote.
    private static func csvFields(_ record: Substring, line: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = record.makeIterator()
        while let character = characters.next() {
            switch (character, quoted) {
            case ("\"", true):
                // `""` inside quotes is a literal quote; a lone quote ends the quoted part.
                var lookahead = characters
                if lookahead.next() == "\"" {
                    current.append("\"")
                    characters = lookahead
                } else {
                    quoted = false
                }
            case ("\"", false) where current.isEmpty:
                quoted = true
            case (",", false):
                fields.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        guard !quoted else { throw ParseError(line: line, reason: "unterminated quoted field") }
        fields.append(current)
        return fields
    }
}
