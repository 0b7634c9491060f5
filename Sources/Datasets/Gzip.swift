import CZlib

/// gzip decompression through zlib's streaming `inflate`.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed contents of the gzip stream `compressed` (all members, when several were
    /// concatenated). `file` names the source in errors.
    public static func decompress(_ compressed: [UInt8], file: String) throws(DatasetError) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and trailer rather than a raw zlib stream.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .unreadableFile(path: file, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(compressed.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var fed = 0  // bytes of `compressed` handed to zlib so far
        return try compressed.withUnsafeBufferPointer { (input) throws(DatasetError) -> [UInt8] in
            while true {
                if stream.avail_in == 0 && fed < input.count {
                    let piece = min(input.count - fed, Int(UInt32.max))
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + fed)
                    stream.avail_in = UInt32(piece)
                    fed += piece
                }
                let status = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[..<(chunk.count - Int(stream.avail_out))])
                let offset = fed - Int(stream.avail_in)
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    if offset == input.count { return output }
                    inflateReset(&stream)  // another gzip member follows
                case Z_BUF_ERROR where offset == input.count:
                    throw .truncatedArchive(file: file, offset: offset)
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw .corruptArchive(file: file, offset: offset, reason: reason)
                }
            }
        }
    }
}
