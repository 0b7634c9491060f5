import PropertyBased
import Testing
@testable import Datasets

/// Archives and texts made to break the readers: entries that climb out of their destination,
/// damaged and truncated archives read from disk, text that is not UTF-8.
@Suite struct HostileInputTests {
    /// Where the path lands when unpacked under a destination folder: nil if it leaves it (an
    /// absolute path, or more `..` than folders above).
    static func landing(_ path: String) -> [Substring]? {
        if path.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if parts.popLast() == nil { return nil }
            } else {
                parts.append(part)
            }
        }
        return parts
    }

    /// Archives of entries whose paths are made of `a`, `.`, `..` and empty components, written
    /// as plain ustar names, GNU long names or pax paths: every entry read stays inside the
    /// destination, and an archive is refused only by naming an entry with `..` or a leading `/`.
    @Test func noEntryLeavesItsDestination() async {
        let part = Gen.element(of: ["a", "b", ".", "..", ""]).map { $0! }
        let path = zip(Gen.bool, part.array(of: 1...6)).map { absolute, parts in (absolute ? "/" : "") + parts.joined(separator: "/") }
        let member = zip(Gen.int(in: 0...2), path).map { kind, path -> ArchiveWriter.Member in
            let bytes = Array(path.utf8)
            return kind == 0 ? .file(path, bytes) : kind == 1 ? .longFile(path, bytes) : .paxFile(path, bytes)
        }
        await propertyCheck(count: 500, input: member.array(of: 1...4)) { members in
            do {
                for entry in try Tar.entries(in: ArchiveWriter.tar(members), file: "t.tar") {
                    #expect(Self.landing(entry.path) != nil, "\(entry.path) leaves the destination")
                    #expect(!entry.path.split(separator: "/").contains(".."))
                }
            } catch let DatasetError.unsafeArchivePath(file, entry) {
                #expect(file == "t.tar")
                #expect(entry.hasPrefix("/") || entry.split(separator: "/", omittingEmptySubsequences: false).contains(".."))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// Random damage to an archive's bytes, headers included: the reader returns entries or an
    /// error placed inside the archive; it never crashes.
    @Test func damagedArchivesGiveErrorsWithAnOffset() async {
        let archive = ArchiveWriter.tar([
            .file("data/a.txt", Array(repeating: 7, count: 700)), .longFile(String(repeating: "x/", count: 60) + "b.txt", [1, 2]),
            .paxFile("c.txt", [3]), .file("d.txt", []),
        ])
        let damage = zip(Gen.int(in: 0...(archive.count - 1)), Gen<UInt8>.value(in: 1...255))
        await propertyCheck(count: 2000, input: damage.array(of: 1...4)) { changes in
            var bytes = archive
            for (offset, mask) in changes { bytes[offset] ^= mask }
            do {
                _ = try Tar.entries(in: bytes, file: "d.tar")
            } catch let DatasetError.truncatedArchive(file, offset), let DatasetError.corruptArchive(file, offset, _) {
                #expect(file == "d.tar" && (0...bytes.count).contains(offset))
            } catch DatasetError.unsafeArchivePath {
                // A damaged name may climb out; it is refused.
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aSizeTooLargeForAnIntIsACorruptHeader() {
        var header = ArchiveWriter.entry(name: "a.txt", type: "0", data: [])
        header.replaceSubrange(124..<136, with: [0xFF] + [UInt8](repeating: 0xFF, count: 11))
        let sum = header.enumerated().reduce(0) { $0 + Int((148..<156).contains($1.offset) ? 32 : $1.element) }
        header.replaceSubrange(148..<156, with: Array((String(sum, radix: 8).leftPadded(to: 6) + "\0 ").utf8))
        #expect(throws: DatasetError.corruptArchive(file: "big.tar", offset: 0, reason: "bad tar entry size")) {
            try Tar.entries(in: header + [UInt8](repeating: 0, count: 1024), file: "big.tar")
        }
    }

    /// A `.tar.gz` on disk, cut short or damaged: the error names the file and the byte.
    @Test func truncatedAndCorruptArchivesOnDiskAreNamed() throws {
        let folder = ArchiveWriter.temporaryFolder()
        let reviews: [ArchiveWriter.Member] = (0..<200).map { i in
            .file("aclImdb/\(i % 2 == 0 ? "train" : "test")/\(i % 4 < 2 ? "pos" : "neg")/\(i)_7.txt",
                  Array("review number \(i) with some words \(i * i)".utf8))
        }
        let archive = ArchiveWriter.gzip(ArchiveWriter.tar(reviews))

        let cut = folder + "/cut.tar.gz"
        ArchiveWriter.write(Array(archive.prefix(archive.count / 2)), to: cut)
        #expect(throws: DatasetError.truncatedArchive(file: cut, offset: archive.count / 2)) { try IMDB.reviews(at: cut) }

        let damaged = folder + "/damaged.tar.gz"
        var bytes = archive
        for i in stride(from: 40, to: 60, by: 1) { bytes[i] ^= 0x5A }  // inside the deflate stream
        ArchiveWriter.write(bytes, to: damaged)
        let error = #expect(throws: DatasetError.self) { try IMDB.reviews(at: damaged) }
        guard case .corruptArchive(let file, let offset, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == damaged && (40...bytes.count).contains(offset))
        #expect(error!.description.hasPrefix("\(damaged): corrupt at byte \(offset): "))
    }

    @Test func invalidUTF8IsCountedAndPlaced() {
        #expect(InvalidUTF8(Array("plain ascii\nand 分开\n".utf8), file: "ok.txt") == nil)
        // Line 2 after a \r\n, a Latin-1 é at column 4, then a lone continuation byte and a cut-off sequence.
        let bytes = Array("one\r\ncaf".utf8) + [0xE9] + Array(" x ".utf8) + [0x80] + Array(" 分".utf8) + [0xE5, 0x88]
        #expect(InvalidUTF8(bytes, file: "latin1.txt") == InvalidUTF8(file: "latin1.txt", count: 3, offset: 8, line: 2, column: 4))
        #expect(InvalidUTF8(file: "latin1.txt", count: 3, offset: 8, line: 2, column: 4).place == "latin1.txt:2:4 (byte 8)")
    }

    /// Every loader of text records its files that are not UTF-8, and reads them with
    /// replacement characters as before.
    @Test func textLoadersRecordInvalidFiles() throws {
        let folder = ArchiveWriter.temporaryFolder()
        ArchiveWriter.write(Array("good one".utf8), to: folder + "/texts/pos/a.txt")
        ArchiveWriter.write(Array("bad ".utf8) + [0xFF] + Array(" one".utf8), to: folder + "/texts/neg/b.txt")
        let texts = try TextFolder.load(from: folder + "/texts", vocabularySize: 10, maxLen: 4)
        #expect(texts.invalidUTF8 == [InvalidUTF8(file: folder + "/texts/neg/b.txt", count: 1, offset: 4, line: 1, column: 5)])
        #expect(texts.vocabulary?.contains("\u{FFFD}") == true)

        ArchiveWriter.write(Array("text,label\n".utf8) + [0xC3] + Array(",pos\ngood,neg\n".utf8), to: folder + "/t.csv")
        let table = try TextTable.load(train: folder + "/t.csv", textColumn: "text", labelColumn: "label", vocabularySize: 10, maxLen: 4)
        #expect(table.invalidUTF8 == [InvalidUTF8(file: folder + "/t.csv", count: 1, offset: 11, line: 2, column: 1)])

        ArchiveWriter.write(Array("ab".utf8) + [0xFE] + Array("cd\n".utf8), to: folder + "/corpus.txt")
        let corpus = try TextCorpus.load(train: folder + "/corpus.txt", valid: nil, test: nil, tokens: .char, lineEnds: .space,
                                         limit: nil, validationFraction: nil)
        #expect(corpus.invalidUTF8 == [InvalidUTF8(file: folder + "/corpus.txt", count: 1, offset: 2, line: 1, column: 3)])
        #expect(corpus.vocabulary.contains("\u{FFFD}"))
    }
}
