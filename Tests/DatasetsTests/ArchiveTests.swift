import Testing
@testable import Datasets

@Suite struct GzipTests {
    /// Varied, compressible bytes.
    static let sample: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: ($0 * $0) >> 7) }

    @Test func inflatesWhatDeflateWrote() throws {
        let compressed = ArchiveWriter.gzip(Self.sample)
        #expect(compressed.count < Self.sample.count / 2)
        #expect(Gzip.isCompressed(compressed) && !Gzip.isCompressed(Self.sample))
        #expect(try Gzip.decompress(compressed, file: "x.gz") == Self.sample)
    }

    @Test func concatenatedMembersInflateOneAfterTheOther() throws {
        let a = Array("first member\n".utf8), b = Array("second member\n".utf8)
        #expect(try Gzip.decompress(ArchiveWriter.gzip(a) + ArchiveWriter.gzip(b), file: "x.gz") == a + b)
    }

    @Test func aTruncatedStreamIsReportedAsTruncated() {
        let compressed = ArchiveWriter.gzip(Self.sample)
        let cut = Array(compressed.prefix(compressed.count / 2))
        #expect(throws: DatasetError.truncatedArchive(file: "cut.gz", offset: cut.count)) {
            try Gzip.decompress(cut, file: "cut.gz")
        }
    }

    @Test func aDamagedChecksumIsReportedAsCorrupt() throws {
        var compressed = ArchiveWriter.gzip(Self.sample)
        compressed[compressed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
        let error = #expect(throws: DatasetError.self) { try Gzip.decompress(compressed, file: "bad.gz") }
        guard case .corruptArchive(let file, _, let reason) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == "bad.gz" && reason.contains("check"))
        #expect(error!.description.hasPrefix("bad.gz: corrupt at byte"))
    }
}

@Suite struct TarTests {
    @Test func regularFilesComeOutInArchiveOrder() throws {
        let longPath = "aclImdb/" + String(repeating: "very-long-folder-name/", count: 6) + "review.txt"
        let archive = ArchiveWriter.tar([
            .folder("data/"),
            .file("data/b.txt", Array("bee".utf8)),
            .file("data/a.txt", Array(repeating: 7, count: 1300)),
            .longFile(longPath, Array("long".utf8)),
            .paxFile("pax/ünïcode name.txt", Array("pax".utf8)),
            .file("data/empty.txt", []),
        ])
        let entries = try Tar.entries(in: archive, file: "t.tar")
        #expect(longPath.utf8.count > 100)
        #expect(entries.map(\.path) == ["data/b.txt", "data/a.txt", longPath, "pax/ünïcode name.txt", "data/empty.txt"])
        #expect(entries.map { Array($0.bytes) } == [Array("bee".utf8), Array(repeating: 7, count: 1300), Array("long".utf8), Array("pax".utf8), []])
    }

    @Test(arguments: ["../escape.txt", "data/../../escape.txt", "/etc/passwd"])
    func pathsThatLeaveTheArchiveAreRejected(path: String) {
        let archive = ArchiveWriter.tar([.file("ok.txt", [1]), .file(path, [2])])
        #expect(throws: DatasetError.unsafeArchivePath(file: "evil.tar", entry: path)) {
            try Tar.entries(in: archive, file: "evil.tar")
        }
    }

    @Test func aTruncatedArchiveIsReported() {
        let archive = ArchiveWriter.tar([.file("a.txt", Array(repeating: 1, count: 2000))])
        let cut = Array(archive.prefix(1024))
        #expect(throws: DatasetError.truncatedArchive(file: "cut.tar", offset: 1024)) {
            try Tar.entries(in: cut, file: "cut.tar")
        }
    }

    @Test func aDamagedHeaderIsReportedAtItsOffset() {
        var archive = ArchiveWriter.tar([.file("a.txt", [1, 2, 3]), .file("b.txt", [4])])
        archive[1024 + 3] ^= 0x01  // the second header's name
        #expect(throws: DatasetError.corruptArchive(file: "bad.tar", offset: 1024, reason: "bad tar header checksum")) {
            try Tar.entries(in: archive, file: "bad.tar")
        }
    }
}

@Suite struct DataFilesTests {
    @Test func readsPlainAndGzippedFilesAlike() throws {
        let folder = ArchiveWriter.temporaryFolder()
        let text = Array("plain text\n".utf8)
        ArchiveWriter.write(text, to: folder + "/a.txt")
        ArchiveWriter.write(ArchiveWriter.gzip(text), to: folder + "/a.txt.gz")
        #expect(try DataFiles.read(folder + "/a.txt") == text)
        #expect(try DataFiles.read(folder + "/a.txt.gz") == text)
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: DatasetError.missingFile(path: "/nonexistent/x.gz")) { try DataFiles.read("/nonexistent/x.gz") }
        #expect(DatasetError.missingFile(path: "/nonexistent/x.gz").description == "/nonexistent/x.gz: no such file or folder")
    }
}
