import Testing
@testable import Experiments

/// `data.url` and `data.sha256`: a download for data found nowhere on disk.
@Suite struct SpecDownloadTests {
    static let digest = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"

    /// A text_table experiment whose `data:` ends with `lines`, one setting a line.
    static func table(_ lines: String...) -> String {
        """
        name: t
        data:
          dataset: text_table
          path: reviews.csv

        """ + lines.map { "  \($0)\n" }.joined() + "embedding: {dim: 4}\nmodel: [lstm: {units: 2}]\n"
    }

    @Test func aDownloadIsReadAndWrittenToTheResolvedFile() throws {
        let spec = try SpecLoader.load(yaml: Self.table("url: https://example.org/r/reviews.csv",
                                                        "sha256: \(Self.digest.uppercased())"), file: "t.yaml")
        #expect(spec.data.url == "https://example.org/r/reviews.csv" && spec.data.sha256 == Self.digest)
        let resolved = spec.resolvedYAML()
        #expect(resolved.contains("""
              path: reviews.csv
              url: "https://example.org/r/reviews.csv"
              sha256: \(Self.digest)
              vocab_size: 10000

            """))
        #expect(try SpecLoader.load(yaml: resolved, file: "config.yaml") == spec)
    }

    @Test func aDigestOfDigitsOnlyStaysAString() throws {
        let digits = String(repeating: "1", count: 64)
        let spec = try SpecLoader.load(yaml: Self.table("url: https://example.org/reviews.csv", "sha256: \(digits)"),
                                       file: "t.yaml")
        #expect(spec.resolvedYAML().contains("  sha256: \"\(digits)\"\n"))
        #expect(try SpecLoader.load(yaml: spec.resolvedYAML(), file: "config.yaml") == spec)
    }

    @Test func withoutADownloadTheResolvedFileIsUnchanged() throws {
        let spec = try SpecLoader.load(yaml: Self.table(), file: "t.yaml")
        #expect(!spec.resolvedYAML().contains("url") && !spec.resolvedYAML().contains("sha256"))
    }

    @Test func imdbAndTextCorporaTakeADownloadTooButFoldersAndImagesDoNot() {
        for dataset in ["imdb", "text_corpus"] {
            let yaml = """
                name: t
                data: {dataset: \(dataset), path: x.txt, url: "https://example.org/x.txt", sha256: \(Self.digest)}
                embedding: {dim: 4}
                model: [lstm: {units: 2, return_sequences: \(dataset == "text_corpus")}]
                """
            #expect(diagnostics(yaml) == [], "\(dataset)")
        }
        #expect(diagnostics(validExperiment.replacingOccurrences(
            of: "dataset: synthetic", with: "dataset: idx_images\n  url: https://example.org/x.gz")) == [
            "exp.yaml:4:3: error: data: `url` is not a setting of idx_images, which takes path, sequence, validation",
        ])
    }

    @Test func onlyHTTPSOrPlainHTTPToThisMachine() {
        #expect(diagnostics(Self.table("url: http://example.org/reviews.csv", "sha256: \(Self.digest)")) == [
            "exp.yaml:5:8: error: data.url: expected an https URL ending in a file name (plain http only to 127.0.0.1, ::1, "
                + "localhost), found `http://example.org/reviews.csv`",
        ])
        #expect(diagnostics(Self.table("url: https://example.org/", "sha256: \(Self.digest)")) == [
            "exp.yaml:5:8: error: data.url: expected an https URL ending in a file name (plain http only to 127.0.0.1, ::1, "
                + "localhost), found `https://example.org/`",
        ])
        #expect(diagnostics(Self.table("url: \"http://127.0.0.1:8000/reviews.csv\"", "sha256: \(Self.digest)")) == [])
    }

    @Test func theDigestIsSixtyFourHexadecimalDigits() {
        #expect(diagnostics(Self.table("url: https://example.org/reviews.csv", "sha256: \(Self.digest.dropLast())")) == [
            "exp.yaml:6:11: error: data.sha256: expected 64 hexadecimal digits, as sha256sum prints them, "
                + "found `\(Self.digest.dropLast())`",
        ])
        #expect(diagnostics(Self.table("url: https://example.org/reviews.csv", "sha256: [1, 2]")) == [
            "exp.yaml:6:11: error: data.sha256: expected a string, found a list",
        ])
    }

    @Test func urlAndDigestComeTogether() {
        #expect(diagnostics(Self.table("url: https://example.org/reviews.csv")) == [
            "exp.yaml:5:3: error: data.url: give `sha256` too, the SHA-256 the downloaded file must have",
        ])
        #expect(diagnostics(Self.table("sha256: \(Self.digest)")) == [
            "exp.yaml:5:3: error: data.sha256: only read with `url`, the file to download",
        ])
    }

    @Test func aDownloadCanBeSetFromTheCommandLine() throws {
        let spec = try SpecLoader.load(yaml: Self.table(), file: "t.yaml",
                                       overrides: ["data.url=https://example.org/reviews.csv", "data.sha256=\(Self.digest)"])
        #expect(spec.data.url == "https://example.org/reviews.csv" && spec.data.sha256 == Self.digest)
        #expect(diagnostics(Self.table(), overrides: ["data.url=https://example.org/reviews.csv"]) == [
            "--set data.url=https://example.org/reviews.csv:1:6: error: data.url: give `sha256` too, "
                + "the SHA-256 the downloaded file must have",
        ])
    }
}
