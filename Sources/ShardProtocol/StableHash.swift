/// A 64-bit hash that is the same in every process, on every machine, in every release:
/// FNV-1a over the bytes, finished with the MurmurHash3 `fmix64` avalanche so that
/// inputs differing in one byte give unrelated high bits (plain FNV-1a does not, and
/// rendezvous hashing compares whole weights).
struct StableHash {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private var state = StableHash.offsetBasis

    mutating func combine(_ text: String) {
        let hashedInPlace: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                combine(byte)
            }
        }
        if hashedInPlace == nil {
            for byte in text.utf8 {
                combine(byte)
            }
        }
    }

    /// A byte that never occurs in UTF-8, so that ("ab", "c") and ("a", "bc") differ.
    mutating func combineSeparator() {
        combine(0xFF)
    }

    mutating func combine(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* Self.prime
    }

    func finalize() -> UInt64 {
        var value = state
        value ^= value >> 33
        value &*= 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        value &*= 0xc4ce_b9fe_1a85_ec53
        value ^= value >> 33
        return value
    }
}
