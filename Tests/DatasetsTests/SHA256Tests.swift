import Foundation
import Testing
@testable import Datasets

/// SHA-256 against the FIPS 180-4 examples and `sha256sum`.
@Suite struct SHA256Tests {
    static func hex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest
    }

    @Test func theStandardsExamples() {
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func aMillionAsFedInUnevenPieces() {
        var hash = SHA256()
        var left = 1_000_000, piece = 1
        while left > 0 {
            let n = min(piece, left)
            hash.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
            left -= n
            piece = piece * 7 % 1_009 + 1
        }
        #expect(hash.hexDigest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyLengthAroundABlockBoundaryMatchesOneWholeUpdate() {
        // 55, 56 and 64 bytes are the lengths where the padding spills into another block.
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            var whole = SHA256(), split = SHA256()
            whole.update(Array(bytes[..<length]))
            for start in stride(from: 0, to: length, by: 13) { split.update(Array(bytes[start..<min(start + 13, length)])) }
            #expect(whole.hexDigest == split.hexDigest, "length \(length)")
        }
        #expect(Self.hex(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(Self.hex(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(Self.hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func aFileHashesAsSha256sumPrintsIt() throws {
        let path = ArchiveWriter.temporaryFolder() + "/random.bin"
        var state: UInt64 = 12345
        let bytes = (0..<(3 << 20) + 77).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        ArchiveWriter.write(bytes, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        #expect(try SHA256.hexDigest(ofFile: path) == String(printed.prefix(64)))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz")))
    func debiansFashionMNISTLabels() throws {
        #expect(try SHA256.hexDigest(ofFile: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz")
            == "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056")
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: DatasetError.unreadableFile(path: "/nonexistent/x", reason: "No such file or directory")) {
            try SHA256.hexDigest(ofFile: "/nonexistent/x")
        }
    }
}
