import Foundation

/// The Large Movie Review Dataset (Maas et al., 2011): 25,000 training and 25,000 test reviews,
/// labelled negative (0) or positive (1).
///
/// Read from the `aclImdb/` folder or from `aclImdb_v1.tar.gz` / `aclImdb_v1_labeled.tar.gz`,
/// without unpacking. Reviews are the `.txt` files of `train/neg`, `train/pos`, `test/neg` and
/// `test/pos`; each split lists its negative reviews, then its positive ones, each group in
/// sorted file-name order, so a folder and its archive give identical results.
public enum IMDB {
    /// The class names: 0 negative, 1 positive.
    public static let classNames = ["negative", "positive"]

    /// The reviews at `path`: an `aclImdb` folder (or a folder holding one) or a `.tar.gz` of it.
    public static func reviews(at path: String) throws(DatasetError) -> (train: LabelledTexts, test: LabelledTexts) {
        let files = DataFiles.isFolder(path) ? try filesInFolder(path) : try filesInArchive(path)
        var train = LabelledTexts(), test = LabelledTexts()
        for file in files.sorted(by: { ($0.key.split, $0.key.label, $0.key.name) < ($1.key.split, $1.key.label, $1.key.name) }) {
            if file.key.split == "train" {
                train.append(file.bytes, label: file.key.label, file: file.name)
            } else {
                test.append(file.bytes, label: file.key.label, file: file.name)
            }
        }
        if train.labels.isEmpty { throw .emptySplit(path: path, split: "train") }
        if test.labels.isEmpty { throw .emptySplit(path: path, split: "test") }
        return (train, test)
    }

    /// IMDB ready for training: the vocabulary fitted on the training reviews, every review
    /// encoded (starting with id 1) and padded or cut to `maxLen` as Keras's `pad_sequences`
    /// does; the test split serves as validation.
    public static func load(
        from path: String, vocabularySize: Int, maxLen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre
    ) throws(DatasetError) -> SequenceDataset {
        let (train, test) = try reviews(at: path)
        return SequenceDataset(
            encoding: train, validation: test, classNames: classNames,
            vocabularySize: vocabularySize, maxLen: maxLen, padding: padding, truncating: truncating)
    }

    /// Where a review sits: its split, its class and its file name.
    struct Key {
        var split: String
        var label: Int32
        var name: String

        /// The key of a path ending in `<split>/<neg|pos>/<name>.txt`, or `nil` for other files.
        init?(path: String) {
            let parts = path.split(separator: "/")
            guard parts.count >= 3, parts[parts.count - 1].hasSuffix(".txt"),
                  ["train", "test"].contains(parts[parts.count - 3]),
                  let label = ["neg", "pos"].firstIndex(of: parts[parts.count - 2]) else { return nil }
            self.split = String(parts[parts.count - 3])
            self.label = Int32(label)
            self.name = String(parts[parts.count - 1])
        }
    }

    /// A review file: where it sits, its name in messages, its bytes.
    private typealias File = (key: Key, name: String, bytes: [UInt8])

    private static func filesInArchive(_ path: String) throws(DatasetError) -> [File] {
        try Tar.entries(in: DataFiles.read(path), file: path).compactMap { entry in
            Key(path: entry.path).map { ($0, "\(entry.path) in \(path)", Array(entry.bytes)) }
        }
    }

    private static func filesInFolder(_ path: String) throws(DatasetError) -> [File] {
        let nested = path + "/aclImdb"
        let root = !DataFiles.isFolder(path + "/train") && DataFiles.isFolder(nested) ? nested : path
        var files: [File] = []
        for split in ["train", "test"] {
            for label in ["neg", "pos"] {
                let folder = "\(root)/\(split)/\(label)"
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for name in names {
                    guard let key = Key(path: "\(split)/\(label)/\(name)") else { continue }
                    files.append((key, "\(folder)/\(name)", try DataFiles.read("\(folder)/\(name)")))
                }
            }
        }
        return files
    }
}
