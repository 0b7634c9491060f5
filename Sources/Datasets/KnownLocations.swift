import Foundation

/// Where the known datasets usually sit, and what to tell a user who has none of them.
extension IMDB {
    /// The names IMDB goes by under a data folder: the unpacked folder or the official archive.
    public static let usualNames = ["aclImdb", "aclImdb_v1.tar.gz", "aclImdb_v1_labeled.tar.gz"]
    /// What to do when none is found.
    public static let downloadHint = """
        Download https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz (84 MB) into one of \
        these folders (the .tar.gz is read as it is), or set data.path.
        """
}

extension IDXImages {
    /// The folders Fashion-MNIST's IDX files usually sit in under a data folder.
    public static let usualNames = ["fashion-mnist", "fashion_mnist", "."]
    /// Debian's `dataset-fashion-mnist` package puts the files here.
    public static let systemFolder = "/usr/share/datasets/fashion-mnist"
    /// What to do when none is found.
    public static let downloadHint = """
        Install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), or put the four \
        IDX files (train-images-idx3-ubyte.gz, ...) in a fashion-mnist folder there, or set data.path.
        """

    /// Whether the folder at `path` holds a training images file, plain or gzipped.
    public static func holdsImages(_ path: String) -> Bool {
        let images = URL(fileURLWithPath: path).appendingPathComponent(fileNames[0]).path
        return FileManager.default.fileExists(atPath: images) || FileManager.default.fileExists(atPath: images + ".gz")
    }
}
