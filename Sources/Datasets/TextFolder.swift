import Foundation

/// Texts sorted into one sub-folder per class, e.g. `reviews/good/*.txt`, `reviews/bad/*.txt`.
///
/// The class names are the sub-folder names in sorted order (class 0 is the first). When the
/// folder has a `train/` sub-folder, it holds the classes for training and an optional `test/`
/// beside it those for validation; otherwise the folder's own sub-folders are the training
/// classes and there is no validation split. Every file of a class folder is one text, read in
/// sorted name order; files and folders whose names start with "." are skipped, as are folders
/// inside class folders.
public enum TextFolder {
    /// The texts at `path`: the class names, the training texts and, when there is a `test/`
    /// folder, the test texts.
    public static func texts(at path: String) throws(DatasetError) -> (classNames: [String], train: LabelledTexts, test: LabelledTexts?) {
        guard DataFiles.exists(path) else { throw .missingFile(path: path) }
        guard DataFiles.isFolder(path) else { throw .unreadableFile(path: path, reason: "a text folder must be a folder") }
        let split = DataFiles.isFolder(path + "/train")
        let trainRoot = split ? path + "/train" : path
        let testRoot = split && DataFiles.isFolder(path + "/test") ? path + "/test" : nil
        let classNames = Set(try classFolders(trainRoot) + (testRoot.map(classFolders) ?? [])).sorted()
        func read(_ root: String) throws(DatasetError) -> LabelledTexts {
            var texts = LabelledTexts()
            for (label, name) in classNames.enumerated() where DataFiles.isFolder("\(root)/\(name)") {
                for file in try visible("\(root)/\(name)") where !DataFiles.isFolder("\(root)/\(name)/\(file)") {
                    let path = "\(root)/\(name)/\(file)"
                    texts.append(try DataFiles.read(path), label: Int32(label), file: path)
                }
            }
            return texts
        }
        let train = try read(trainRoot)
        if train.labels.isEmpty { throw .emptySplit(path: path, split: "train") }
        let test = try testRoot.map(read)
        if test?.labels.isEmpty == true { throw .emptySplit(path: path, split: "test") }
        return (classNames, train, test)
    }

    /// The folder at `path` ready for training (see `SequenceDataset.init(encoding:…)`); the
    /// `test/` texts serve as validation, and the validation split is empty without them.
    public static func load(
        from path: String, vocabularySize: Int, maxLen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre
    ) throws(DatasetError) -> SequenceDataset {
        let (classNames, train, test) = try texts(at: path)
        return SequenceDataset(
            encoding: train, validation: test ?? LabelledTexts(), classNames: classNames,
            vocabularySize: vocabularySize, maxLen: maxLen, padding: padding, truncating: truncating)
    }

    /// The names of the sub-folders of `path`.
    private static func classFolders(_ path: String) throws(DatasetError) -> [String] {
        try visible(path).filter { DataFiles.isFolder("\(path)/\($0)") }
    }

    /// The names in the folder `path` that do not start with ".", sorted.
    private static func visible(_ path: String) throws(DatasetError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
    }
}
