import Datasets
import Foundation

/// Times data loading as an experiment does it: all 50,000 labelled IMDB reviews read from the
/// `.tar.gz`, tokenised, encoded and padded (vocabulary 10,000, 80 tokens), then the GloVe
/// vectors of that vocabulary read from the 400,000-word file, then every word of that file.
///
///     bench-data [DATA_FOLDER]      (default: $RUNNER_DATA, else ../shared/data)
///
/// Build with `swift build -c release --product bench-data`; each step is timed on its own with a
/// monotonic clock, the median of three runs printed.

let folder = CommandLine.arguments.dropFirst().first
    ?? ProcessInfo.processInfo.environment["RUNNER_DATA"]?.split(separator: ":").first.map(String.init)
    ?? "../shared/data"
let imdbPath = folder + "/aclImdb_v1_labeled.tar.gz", glovePath = folder + "/glove.6B.50d.txt.gz"

/// The median of three timed runs of `body`, in seconds, and its last result.
func median<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    let clock = ContinuousClock()
    var times: [Double] = []
    var result: T?
    for _ in 0..<3 {
        let start = clock.now
        result = try body()
        times.append(Double((clock.now - start) / .microseconds(1)) / 1e6)
    }
    return (times.sorted()[1], result!)
}

do {
    let imdb = try median { try IMDB.load(from: imdbPath, vocabularySize: 10_000, maxLen: 80) }
    print(String(format: "IMDB: 50,000 reviews read from the .tar.gz, tokenised, encoded and padded  %6.2f s", imdb.seconds))
    let vocabulary = imdb.result.vocabulary!
    let glove = try median { try GloVe.vectors(from: glovePath, for: vocabulary, dimension: 50) }
    print(String(format: "GloVe: vectors of the 10,000-word vocabulary from the 400,000-word file  %6.2f s (%d of %d found)",
                 glove.seconds, glove.result.found, glove.result.total))
    let every = try DataFiles.read(glovePath).split(separator: UInt8(ascii: "\n")).map {
        String(decoding: $0.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
    }
    let all = try median { try GloVe.vectors(from: glovePath, for: every, dimension: 50) }
    print(String(format: "GloVe: all 400,000 words parsed                                             %6.2f s", all.seconds))
} catch {
    FileHandle.standardError.write(Data("bench-data: \(error)\n".utf8))
    exit(1)
}
