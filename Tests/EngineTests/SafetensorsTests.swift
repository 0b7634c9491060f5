import Foundation
import Testing
@testable import Engine

/// A safetensors file made by hand: the header JSON (padded here), then `data`.
func safetensorsFile(header: String, data: [UInt8]) -> Data {
    var json = Array(header.utf8)
    json += [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8)
    var file = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(contentsOf: json)
    file.append(contentsOf: data)
    return file
}

/// The little-endian bytes of `values`.
func littleEndianBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
}

@Suite struct SafetensorsTests {
    @Test func layoutIsSortedAlignedAndLittleEndian() throws {
        let contents = Safetensors.Contents(
            tensors: ["b": Tensor(shape: [2], scalars: [1, -2]), "a": Tensor(shape: [], scalars: [0.5])],
            metadata: ["epoch": "3"])
        let file = Safetensors.encode(contents)
        let length = file.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(length % 8 == 0)
        #expect(file.count == 8 + length + 12)
        let header = try #require(String(data: file.subdata(in: 8..<(8 + length)), encoding: .utf8))
        #expect(header.hasPrefix("{"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(json["__metadata__"] as? [String: String] == ["epoch": "3"])
        let a = try #require(json["a"] as? [String: Any]), b = try #require(json["b"] as? [String: Any])
        #expect(a["dtype"] as? String == "F32" && a["shape"] as? [Int] == [] && a["data_offsets"] as? [Int] == [0, 4])
        #expect(b["dtype"] as? String == "F32" && b["shape"] as? [Int] == [2] && b["data_offsets"] as? [Int] == [4, 12])
        #expect(Array(file.suffix(12)) == littleEndianBytes([0.5, 1, -2]))
    }

    @Test func roundTripsEdgeShapesAndValues() throws {
        let contents = Safetensors.Contents(
            tensors: [
                "empty": Tensor(shape: [0, 3]),
                "scalar": Tensor(shape: [], scalars: [-0.0]),
                "extremes": Tensor(shape: [2, 2], scalars: [.infinity, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 1e-7]),
            ],
            metadata: ["config": "layers: [lstm, dense]\nquote: \"x\"/ü"])
        let decoded = try Safetensors.decode(Safetensors.encode(contents), path: "mem")
        #expect(decoded == contents)
        #expect(decoded.tensors["scalar"]!.scalars[0].sign == .minus)
    }

    @Test func readsAFileWithoutMetadata() throws {
        let file = safetensorsFile(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: littleEndianBytes([3, 4]))
        let decoded = try Safetensors.decode(file, path: "mem")
        #expect(decoded == Safetensors.Contents(tensors: ["x": Tensor(shape: [2], scalars: [3, 4])]))
    }

    static let corruptHeaders: [(String, [Float])] = [
        (#"{"x":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, [0]),
        (#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, [1, 2]),
        (#"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, [1, 2]),
        (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, [1, 2]),
        (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, [1, 2]),
        (#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, [1]),
        (#"{"__metadata__":{"epoch":3}}"#, []),
        (#"["x"]"#, []),
        (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#, [1]),
    ]

    @Test(arguments: corruptHeaders)
    func rejectsAnInconsistentHeader(header: String, data: [Float]) {
        let error = #expect(throws: CheckpointError.self) {
            try Safetensors.decode(safetensorsFile(header: header, data: littleEndianBytes(data)), path: "bad.safetensors")
        }
        guard case .corruptHeader(let path, _) = error else {
            Issue.record("expected corruptHeader, got \(String(describing: error))")
            return
        }
        #expect(path == "bad.safetensors")
    }

    @Test func rejectsAnImplausibleHeaderLength() {
        var file = safetensorsFile(header: "{}", data: [])
        file.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) })
        let error = #expect(throws: CheckpointError.self) { try Safetensors.decode(file, path: "big") }
        guard case .corruptHeader = error else {
            Issue.record("expected corruptHeader, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: [4, 12, 20])
    func rejectsATruncatedFile(keeping bytes: Int) {
        let file = safetensorsFile(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: littleEndianBytes([3, 4]))
        let error = #expect(throws: CheckpointError.self) { try Safetensors.decode(file.prefix(bytes), path: "cut") }
        guard case .truncated(let path, _) = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
        #expect(path == "cut")
        let lastByteMissing = #expect(throws: CheckpointError.self) { try Safetensors.decode(file.dropLast(), path: "cut") }
        guard case .truncated = lastByteMissing else {
            Issue.record("expected truncated, got \(String(describing: lastByteMissing))")
            return
        }
    }

    @Test func namesAFileThatCannotBeRead() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-dir-\(UUID())/x.safetensors")
        let error = #expect(throws: CheckpointError.self) { try Safetensors.read(from: url) }
        guard case .fileSystem(let path, _) = error else {
            Issue.record("expected fileSystem, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
    }
}
