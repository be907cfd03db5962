extension String {
    /// Whether `needle` occurs in the string, byte for byte in UTF-8.
    ///
    /// Why not `contains`: with Foundation imported it searches through CFString, and the
    /// standard library's generic one builds a Z-algorithm searcher with generic metadata
    /// lookups; either was a visible share of a request for the short headers checked on
    /// every one (`Accept`, `Content-Type`).
    func containsBytes(_ needle: StaticString) -> Bool {
        var haystack = self
        return haystack.withUTF8 { text in
            needle.withUTF8Buffer { pattern in
                guard let first = pattern.first else { return true }
                guard pattern.count <= text.count else { return false }
                for start in 0...(text.count - pattern.count)
                where text[start] == first && text[start..<start + pattern.count].elementsEqual(pattern) {
                    return true
                }
                return false
            }
        }
    }
}
