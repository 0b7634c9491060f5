import Datasets

extension InvalidUTF8 {
    /// The warning for data read with replacement characters: how many invalid UTF-8 sequences
    /// there were, in how many files, and where the first is; nil when there were none.
    static func warning(for files: [InvalidUTF8]) -> String? {
        guard let first = files.first else { return nil }
        let count = files.reduce(0) { $0 + $1.count }
        let sequences = count == 1 ? "1 invalid UTF-8 sequence" : "\(count) invalid UTF-8 sequences"
        let inFiles = files.count == 1 ? "" : " in \(files.count) files"
        return "warning: \(sequences)\(inFiles) read as U+FFFD (the replacement character); the first at \(first.place)"
    }
}
