import Foundation

/// Reads and writes named Float32 tensors in the safetensors format, which PyTorch opens with
/// `safetensors.torch.load_file`.
///
/// A file is an 8-byte little-endian header length `N`, then `N` bytes of JSON, padded with
/// spaces to a multiple of 8:
///
///     {"__metadata__": {"key": "value"}, "<name>": {"data_offsets": [begin, end], "dtype": "F32", "shape": [...]}, ...}
///
/// then the tensors' little-endian bytes, `data_offsets` counting from the end of the header.
/// Tensors are written in sorted name order and the JSON with sorted keys, so identical tensors
/// and metadata give byte-identical files.
public enum Safetensors {
    /// The contents of a file: tensors by name, and the string metadata.
    public struct Contents: Equatable {
        public var tensors: [String: Tensor]
        public var metadata: [String: String]

        public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// Headers longer than this are taken as corruption rather than read (the limit of the
    /// reference implementation).
    static let maximumHeaderLength = 100_000_000

    /// Writes `contents` to `url` atomically: a temporary file beside it, then a rename.
    public static func write(_ contents: Contents, to url: URL) throws {
        do {
            try encode(contents).write(to: url, options: .atomic)
        } catch {
            throw CheckpointError.fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads the file at `url`, validating its header against its size.
    public static func read(from url: URL) throws -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CheckpointError.fileSystem(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, path: url.path)
    }

    /// The bytes of a file holding `contents`.
    static func encode(_ contents: Contents) -> Data {
        var header: [String: Any] = ["__metadata__": contents.metadata]
        var offset = 0
        let names = contents.tensors.keys.sorted()
        for name in names {
            let tensor = contents.tensors[name]!
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + 4 * tensor.count]]
            offset += 4 * tensor.count
        }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))

        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            contents.tensors[name]!.scalars.map(\.bitPattern.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The contents of `data`, a file read from `path` (named in errors).
    static func decode(_ data: Data, path: String) throws -> Contents {
        func truncated(_ detail: String) -> CheckpointError { .truncated(path: path, detail: detail) }
        func corrupt(_ detail: String) -> CheckpointError { .corruptHeader(path: path, detail: detail) }

        guard data.count >= 8 else { throw truncated("\(data.count) bytes, fewer than the 8 of the header length") }
        let length = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= maximumHeaderLength else { throw corrupt("a header length of \(length) bytes is implausible") }
        let dataStart = 8 + Int(length)
        guard dataStart <= data.count else {
            throw truncated("the header needs \(length) bytes but only \(data.count - 8) follow its length")
        }
        let json = data.withUnsafeBytes { Data($0[8..<dataStart]) }
        guard let header = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw corrupt("the header is not a JSON object")
        }

        var metadata: [String: String] = [:]
        if let value = header["__metadata__"] {
            guard let strings = value as? [String: String] else { throw corrupt("__metadata__ is not a map of strings to strings") }
            metadata = strings
        }

        struct Entry { let name: String; let shape: [Int]; let begin: Int; let end: Int }
        var entries: [Entry] = []
        for (name, value) in header where name != "__metadata__" {
            guard let fields = value as? [String: Any] else { throw corrupt("the entry of \(name) is not a JSON object") }
            guard let dtype = fields["dtype"] as? String else { throw corrupt("\(name) has no dtype") }
            guard dtype == "F32" else { throw corrupt("\(name) has dtype \(dtype); only F32 is supported") }
            guard let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
                throw corrupt("\(name) has no valid shape")
            }
            guard let offsets = fields["data_offsets"] as? [Int], offsets.count == 2, 0 <= offsets[0], offsets[0] <= offsets[1] else {
                throw corrupt("\(name) has no valid data_offsets")
            }
            let count = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == 4 * count else {
                throw corrupt("\(name) has shape \(shape) (\(4 * count) bytes) but data_offsets \(offsets)")
            }
            entries.append(Entry(name: name, shape: shape, begin: offsets[0], end: offsets[1]))
        }

        // The tensors must tile the data section exactly: no gaps, no overlaps, nothing after.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        for entry in entries {
            guard entry.begin == expected else {
                throw corrupt("\(entry.name) starts at byte \(entry.begin) of the data, expected \(expected)")
            }
            expected = entry.end
        }
        let available = data.count - dataStart
        guard expected <= available else { throw truncated("the tensors need \(expected) bytes of data but only \(available) are there") }
        guard expected == available else { throw corrupt("\(available - expected) bytes follow the last tensor") }

        var tensors: [String: Tensor] = [:]
        data.withUnsafeBytes { bytes in
            for entry in entries {
                let start = dataStart + entry.begin
                let scalars = (0..<(entry.end - entry.begin) / 4).map { i in
                    Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self)))
                }
                tensors[entry.name] = Tensor(shape: entry.shape, scalars: scalars)
            }
        }
        return Contents(tensors: tensors, metadata: metadata)
    }
}
