/// The 64-bit FNV-1a hash: a small, stable hash of bytes (not a cryptographic one), enough to
/// tell whether a trial's resolved spec is the one its results were made from.
enum FNV1a {
    /// The hash of the UTF-8 bytes of `text`, as 16 lower-case hexadecimal digits.
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
