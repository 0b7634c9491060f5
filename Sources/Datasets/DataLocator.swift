/// Datasets the runner knows by name, so a spec need not give their path.
public enum KnownDataset: String, Sendable, CaseIterable {
    /// The Large Movie Review Dataset: a folder `aclImdb/` or its archive.
    case imdb
    /// Fashion-MNIST: a folder with the four IDX files.
    case fashionMNIST = "fashion_mnist"

    /// The names the dataset goes by inside a data folder, in the order they are tried.
    public var names: [String] {
        switch self {
        case .imdb: return ["aclImdb", "aclImdb_v1.tar.gz", "aclImdb_v1_labeled.tar.gz"]
        case .fashionMNIST: return [".", "fashion-mnist", "fashion_mnist", "Fashion-MNIST"]
        }
    }

    /// Folders outside the data folders where a system package installs the dataset.
    public var systemPaths: [String] {
        switch self {
        case .imdb: return []
        case .fashionMNIST: return ["/usr/share/datasets/fashion-mnist"]
        }
    }

    /// What to download and where to put it.
    public var download: String {
        switch self {
        case .imdb:
            return "download https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz (84 MB) and put it, "
                + "unpacked or not, in one of the folders above"
        case .fashionMNIST:
            return "install Debian's dataset-fashion-mnist, or download the four files train-images-idx3-ubyte.gz, "
                + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from "
                + "https://github.com/zalandoresearch/fashion-mnist (data/fashion) into a folder fashion-mnist/ in one of the folders above"
        }
    }

    /// Whether `path` holds the dataset in a form its reader takes.
    func isPresent(at path: String) -> Bool {
        switch self {
        case .imdb:
            return DataFiles.exists(path)
        case .fashionMNIST:
            return IDXImages.fileNames.allSatisfy { DataFiles.exists("\(path)/\($0)") || DataFiles.exists("\(path)/\($0).gz") }
        }
    }
}

/// Finds data files and folders the way the design's "Finding data" says: a relative path is
/// tried under the working directory, then under each folder of `$RUNNER_DATA` (colon-separated;
/// relative folders taken from the working directory), then under `./data`.
///
/// The environment and the working directory are parameters, so nothing here reads the process's
/// own state; callers pass `ProcessInfo.processInfo.environment` and the current directory.
public struct DataLocator: Equatable, Sendable {
    /// The environment variables; only `RUNNER_DATA` is used.
    public var environment: [String: String]
    /// The folder relative paths start from.
    public var workingDirectory: String

    /// A locator for the given environment and working directory.
    public init(environment: [String: String], workingDirectory: String) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The folders searched, in order and without repeats: the working directory, each folder of
    /// `$RUNNER_DATA`, then `data` under the working directory.
    public var folders: [String] {
        let dataFolders = (environment["RUNNER_DATA"] ?? "").split(separator: ":").map { absolute(String($0)) }
        var seen = Set<String>()
        return ([workingDirectory] + dataFolders + [absolute("data")]).filter { seen.insert($0).inserted }
    }

    /// The path of the existing file or folder `path`: itself when absolute, else the first of
    /// `folders` that has it.
    public func locate(path: String) throws(DatasetError) -> String {
        let tried = path.hasPrefix("/") ? [path] : folders.map { join($0, path) }
        if let found = tried.first(where: DataFiles.exists) { return found }
        throw .dataNotFound(
            name: path, tried: tried,
            help: "check the path, or put the file in one of these folders (RUNNER_DATA lists more, separated by ':')")
    }

    /// Where `dataset` is: its usual names tried in each of `folders`, then its system paths.
    public func locate(_ dataset: KnownDataset) throws(DatasetError) -> String {
        let tried = folders.flatMap { folder in dataset.names.map { join(folder, $0) } } + dataset.systemPaths
        if let found = tried.first(where: dataset.isPresent) { return found }
        throw .dataNotFound(name: dataset.rawValue, tried: tried, help: dataset.download)
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : join(workingDirectory, path)
    }

    private func join(_ folder: String, _ name: String) -> String {
        name == "." ? folder : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }
}
