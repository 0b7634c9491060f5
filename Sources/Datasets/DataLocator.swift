import Foundation

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

    /// The official files with their published SHA-256, fetched into the download cache when the
    /// dataset is nowhere on disk: IMDB's archive; Fashion-MNIST's four gzipped IDX files, kept
    /// together in the cache folder `fashion-mnist` (the name tells `IDXImages` its class names).
    ///
    /// The digests are those TensorFlow Datasets records for the same files (with the sizes
    /// 84,125,825 bytes and, for Fashion-MNIST, 26,421,880, 29,515, 4,422,102 and 5,148), and
    /// Fashion-MNIST's match the MD5 sums its README publishes. Debian's `dataset-fashion-mnist`
    /// holds the same compressed data under a gzip header without the file name and time, so
    /// its files have other digests.
    public var downloads: [RemoteFile] {
        switch self {
        case .imdb:
            return [RemoteFile(url: URL(string: "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz")!,
                               sha256: "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe")]
        case .fashionMNIST:
            let digests = [
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            ]
            return zip(IDXImages.fileNames, digests).map { name, digest in
                RemoteFile(url: URL(string: "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/\(name).gz")!,
                           sha256: digest, folder: "fashion-mnist")
            }
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
/// relative folders taken from the working directory), then under `./data`. Data found nowhere
/// is downloaded, when a download is known or given, into the cache of `downloader`.
///
/// The environment and the working directory are parameters, so nothing here reads the process's
/// own state; callers pass `ProcessInfo.processInfo.environment` and the current directory.
public struct DataLocator: Equatable, Sendable {
    /// The environment variables: `RUNNER_DATA`, and `XDG_CACHE_HOME` and `HOME` for the
    /// download cache.
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

    /// The download cache of the environment (`Downloader(environment:)`); nil when it has
    /// neither `XDG_CACHE_HOME` nor `HOME`, and nothing is downloaded.
    public var downloader: Downloader? { Downloader(environment: environment) }

    /// The path of the existing file or folder `path`: itself when absolute, else the first of
    /// `folders` that has it; when none has it, `download` fetched into the cache (or found
    /// there). `announce` hears of a download before it starts.
    public func locate(path: String, download: RemoteFile? = nil,
                       announce: (String) -> Void = { _ in }) throws(DatasetError) -> String {
        let tried = path.hasPrefix("/") ? [path] : folders.map { join($0, path) }
        if let found = tried.first(where: DataFiles.exists) { return found }
        guard let download else {
            throw .dataNotFound(
                name: path, tried: tried,
                help: "check the path, or put the file in one of these folders (RUNNER_DATA lists more, separated by ':')")
        }
        return try fetch([download], name: path, tried: tried, help: Self.byHand(download), announce: announce)
    }

    /// Where `dataset` is: its usual names tried in each of `folders`, then its system paths;
    /// when none has it, `download` (by default the dataset's own `downloads`) fetched into the
    /// cache (or found there). `announce` hears of each download before it starts.
    public func locate(_ dataset: KnownDataset, download: RemoteFile? = nil,
                       announce: (String) -> Void = { _ in }) throws(DatasetError) -> String {
        let tried = folders.flatMap { folder in dataset.names.map { join(folder, $0) } } + dataset.systemPaths
        if let found = tried.first(where: dataset.isPresent) { return found }
        if let download {
            return try fetch([download], name: dataset.rawValue, tried: tried, help: Self.byHand(download), announce: announce)
        }
        return try fetch(dataset.downloads, name: dataset.rawValue, tried: tried, help: dataset.download, announce: announce)
    }

    /// The path of `files` in the download cache, fetched if need be: the file itself, or the
    /// folder of several. Without a cache, or when a download fails, the error lists the places
    /// `tried` for `name` and says what to do by hand (`help`).
    private func fetch(_ files: [RemoteFile], name: String, tried: [String], help: String,
                       announce: (String) -> Void) throws(DatasetError) -> String {
        guard let downloader else { throw .dataNotFound(name: name, tried: tried, help: help) }
        var paths: [String] = []
        for file in files {
            do {
                paths.append(try downloader.fetch(file, announce: announce))
            } catch {
                throw .dataNotDownloaded(name: name, tried: tried, failure: error, help: help)
            }
        }
        return paths.count == 1 ? paths[0] : (paths[0] as NSString).deletingLastPathComponent
    }

    /// What to do by hand when `file` cannot be downloaded.
    private static func byHand(_ file: RemoteFile) -> String {
        "download \(file.url.absoluteString) (SHA-256 \(file.sha256)) and put it at one of these places"
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : join(workingDirectory, path)
    }

    private func join(_ folder: String, _ name: String) -> String {
        name == "." ? folder : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }
}
