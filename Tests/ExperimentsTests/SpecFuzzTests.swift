import Foundation
import PropertyBased
import Testing
@testable import Experiments

/// Fuzzing of the experiment-file reader: the committed experiment files, mutated the ways a
/// hand-edited file goes wrong (and some it rarely does), fed as bytes to the parser and
/// validator. Every case must give a valid spec or errors whose places are inside the file:
/// never a crash, never a hang.
///
/// The number of cases is `FUZZ_ITERATIONS` (default 3000, a few seconds); each case is a
/// committed file, a seed and a number of mutations, and everything else follows from those,
/// so a failure names a case that can be replayed. Mutated files stay under a few kilobytes,
/// so every case is bounded work unless the reader blows up (aliases of aliases, which it
/// refuses): a hang shows as a run that does not finish, not as a timing to assert.
@Suite struct SpecFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 3000

    /// The committed experiment files, by name.
    static let seeds: [(name: String, bytes: [UInt8])] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("experiments")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            (name, Array((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()))
        }
    }()

    @Test func theSeedsAreTheCommittedExperimentsAndLoad() throws {
        #expect(Self.seeds.count >= 8)
        for seed in Self.seeds {
            #expect(throws: Never.self, "\(seed.name)") { try SpecLoader.read(bytes: seed.bytes, file: seed.name) }
        }
    }

    @Test func mutatedFilesGiveASpecOrErrorsPlacedInsideThem() async {
        let files = Gen.int(in: 0...(Self.seeds.count - 1))
        await propertyCheck(count: Self.iterations, input: files, Gen.uint64(), Gen.int(in: 1...6)) { file, seed, count in
            var rng = SplitMix64(seed: seed)
            var bytes = Self.seeds[file].bytes
            var applied: [Mutation] = []
            for _ in 0..<count {
                let mutation = Mutation.allCases.randomElement(using: &rng)!
                mutation.apply(to: &bytes, using: &rng)
                applied.append(mutation)
            }
            Self.check(bytes, case: "\(Self.seeds[file].name), seed \(seed), \(applied)")
        }
    }

    /// Loads `bytes` and checks the outcome.
    static func check(_ bytes: [UInt8], case description: String) {
        do {
            _ = try SpecLoader.read(bytes: bytes, file: "fuzz.yaml")
        } catch let errors as SpecErrors {
            #expect(!errors.diagnostics.isEmpty, "\(description): no diagnostics")
            for diagnostic in errors.diagnostics {
                // An encoding error counts lines as editors do; YAML's own errors as libYAML does.
                let lines = diagnostic.message.hasPrefix("not UTF-8") ? Lines(bytes, breaks: ["\n", "\r"])
                    : Lines(bytes, breaks: ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"])
                #expect(diagnostic.file == "fuzz.yaml")
                #expect(lines.contains(line: diagnostic.line, column: diagnostic.column),
                        "\(description): \(diagnostic) is outside the file (\(lines.lengths.count) lines): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        } catch {
            Issue.record("\(description): not a SpecErrors: \(error)")
        }
    }
}

/// The lines of a text, each as long as its characters (Unicode scalars, an invalid UTF-8
/// sequence counting as one); `\r\n` is one break.
struct Lines {
    var lengths: [Int] = [0]

    init(_ bytes: [UInt8], breaks: Set<Unicode.Scalar>) {
        var previous: Unicode.Scalar?
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == "\n" && previous == "\r" {
                // The second half of one break.
            } else if breaks.contains(scalar) {
                lengths.append(0)
            } else {
                lengths[lengths.count - 1] += 1
            }
            previous = scalar
        }
    }

    /// Whether a place is on a line of the text, at one of its characters or just after the last.
    func contains(line: Int, column: Int) -> Bool {
        lengths.indices.contains(line - 1) && (1...lengths[line - 1] + 1).contains(column)
    }
}

/// The ways a file is mutated.
enum Mutation: CaseIterable {
    case flipBits, deleteLine, duplicateLine, renameKey, swapValues, reindent, truncate, insertUnicode,
         insertSyntax, replaceValue, appendAliasBomb

    /// Keys of experiment files, and near misses of them.
    static let keys = ["name", "seed", "data", "dataset", "path", "vocab_size", "max_len", "validation", "embedding", "dim",
                       "init", "trainable", "model", "lstm", "gru", "dense", "dropout", "units", "return_sequences",
                       "training", "epochs", "batch_size", "optimizer", "learning_rate", "clip_norm", "lr_schedule",
                       "early_stopping", "monitor", "generation", "prefixes", "output", "decimals", "sweep",
                       "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "minval",
                       "unit", "epoch", "Dataset", "learning-rate", "bias_initialiser", "", "0", "- lstm", "- output", "? x"]
    /// Values that sit at the edges of what settings accept.
    static let values = ["-1", "0", "1", "0.5", "1e309", "-1e-309", ".nan", ".inf", "-.inf", "null", "~", "true", "no",
                         "99999999999999999999", "100000000", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", "[]", "{}", "\"\"", "''", "0x10", "0o17", "1_000", "2001-12-14", "!!int 3",
                         "!!str 3", "&x 3", "*x", "|\n  text", ">-\n  folded", "[1, [2, [3]]]", "{a: {b: {c: d}}}",
                         "imdb", "synthetic", "text_corpus", "sgd", "relu", "orthogonal", "zeros", "{name: orthogonal, gain: 2}",
                         "\"\\u0000\"", "'''", "@", "`"]
    /// Characters that trouble readers of text.
    static let scalars: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\t", "\r", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}",
                                            "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{301}", "\u{1F600}", "分", "é", "\u{10FFFF}",
                                            "\u{D7FF}", "\u{E000}", "\u{7F}", "\u{9F}"]
    /// Pieces of YAML syntax.
    static let syntax = ["{", "}", "[", "]", ": ", ":", "- ", ", ", "&a ", "*a", "? ", "!!map ", "!x ", "|", ">", "# ", "'", "\"",
                         "%YAML 1.1\n", "---\n", "...\n", "\n", "\\", "<<: *a\n"]

    func apply(to bytes: inout [UInt8], using rng: inout SplitMix64) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        func position() -> Int { Int.random(in: 0...bytes.count, using: &rng) }
        func line() -> Int { Int.random(in: 0..<lines.count, using: &rng) }
        func join() { bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")])) }
        /// The lines that hold a `key: value` pair, with where the value starts.
        func pairs() -> [(line: Int, value: Int)] {
            lines.indices.compactMap { i in
                guard let colon = lines[i].firstIndex(of: UInt8(ascii: ":")), lines[i].first != UInt8(ascii: "#") else { return nil }
                return (i, colon + 1)
            }
        }

        switch self {
        case .flipBits:
            guard !bytes.isEmpty else { return }
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
        case .deleteLine:
            lines.remove(at: line())
            join()
        case .duplicateLine:
            let i = line()
            lines.insert(lines[i], at: i)
            join()
        case .renameKey:
            guard let pair = pairs().randomElement(using: &rng) else { return }
            let indent = lines[pair.line].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
            lines[pair.line] = indent + Array(Self.keys.randomElement(using: &rng)!.utf8) + lines[pair.line][(pair.value - 1)...]
            join()
        case .swapValues:
            let all = pairs()
            guard let a = all.randomElement(using: &rng), let b = all.randomElement(using: &rng) else { return }
            let first = Array(lines[a.line][a.value...]), second = Array(lines[b.line][b.value...])
            lines[a.line] = Array(lines[a.line][..<a.value]) + second
            lines[b.line] = Array(lines[b.line][..<b.value]) + first
            join()
        case .reindent:
            let i = line()
            let change = Int.random(in: -3...3, using: &rng)  // 3: a tab
            if change < 0 {
                lines[i].removeFirst(min(-change, lines[i].prefix { $0 == UInt8(ascii: " ") }.count))
            } else {
                lines[i].insert(contentsOf: repeatElement(UInt8(ascii: change == 3 ? "\t" : " "), count: max(change, 1)), at: 0)
            }
            join()
        case .truncate:
            bytes = Array(bytes.prefix(position()))
        case .insertUnicode:
            bytes.insert(contentsOf: Array(String(Self.scalars.randomElement(using: &rng)!).utf8), at: position())
        case .insertSyntax:
            bytes.insert(contentsOf: Array(Self.syntax.randomElement(using: &rng)!.utf8), at: position())
        case .replaceValue:
            guard let pair = pairs().randomElement(using: &rng) else { return }
            lines[pair.line] = Array(lines[pair.line][..<pair.value]) + Array((" " + Self.values.randomElement(using: &rng)!).utf8)
            join()
        case .appendAliasBomb:
            var bomb = "bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n"
            for level in 1..<9 {
                bomb += "bomb\(level): &b\(level) [" + Array(repeating: "*b\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
            }
            bytes += Array(bomb.utf8)
        }
    }
}

/// A small seeded generator (SplitMix64), so a case replays from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D1_049B_5BA8_49EB
        return z ^ (z >> 31)
    }
}
