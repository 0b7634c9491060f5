import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches `RemoteFile`s into a cache folder and hands back local copies whose SHA-256 has
/// been checked.
///
/// A file is kept at `<folder>/<file.folder>/<file.fileName>`: under its SHA-256 unless it says
/// otherwise, e.g. `~/.cache/runner/c40f74a1…/aclImdb_v1.tar.gz`, and Fashion-MNIST's four files
/// together in `~/.cache/runner/fashion-mnist/`. A file already there is used when its digest is
/// right, without touching the network; otherwise it is fetched again. A download streams into a
/// temporary file beside its final name (`.<name>.<random>.part`), is hashed as it arrives, and
/// is renamed to its name only when the digest matches; on any failure the temporary file is
/// deleted, so the cache never holds a file that has not been verified.
///
/// Only `https` is fetched, and plain `http` from this machine (`RemoteFile.isSecure`); redirects
/// are held to the same rule.
public struct Downloader: Equatable, Sendable {
    /// The cache folder, e.g. `~/.cache/runner`.
    public var folder: String

    /// A downloader keeping its files in `folder`.
    public init(folder: String) {
        self.folder = folder
    }

    /// The downloader of an environment: its cache is `$XDG_CACHE_HOME/runner` when that is an
    /// absolute path (as the XDG spec asks), else `$HOME/.cache/runner`; nil when neither is set,
    /// and nothing can be downloaded.
    public init?(environment: [String: String]) {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            folder = Self.join(cache, "runner")
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = Self.join(Self.join(home, ".cache"), "runner")
        } else {
            return nil
        }
    }

    /// Where `file` is kept in the cache, whether it is there or not.
    public func path(of file: RemoteFile) -> String {
        Self.join(Self.join(folder, file.folder), file.fileName)
    }

    /// The path of `file` in the cache if it is there with the right digest; no network is used.
    public func cached(_ file: RemoteFile) -> String? {
        let path = path(of: file)
        guard DataFiles.exists(path), !DataFiles.isFolder(path), (try? SHA256.hexDigest(ofFile: path)) == file.sha256 else {
            return nil
        }
        return path
    }

    /// The path of `file` in the cache: the copy there if its digest is right, else a fresh,
    /// verified download, which `announce` hears of before it starts.
    ///
    /// Throws `insecureDownload` for a URL that `RemoteFile.isSecure` refuses (before any
    /// connection), `downloadFailed` when the URL names no file, the server cannot be reached or
    /// answers with an error status, or the cache cannot be written, and `digestMismatch` when
    /// the file that arrived is not the one expected.
    public func fetch(_ file: RemoteFile, announce: (String) -> Void = { _ in }) throws(DatasetError) -> String {
        guard RemoteFile.isSecure(file.url) else { throw .insecureDownload(url: file.url.absoluteString) }
        guard RemoteFile.hasFileName(file.url) else {
            throw .downloadFailed(url: file.url.absoluteString, reason: "the URL does not end in a file name")
        }
        if let path = cached(file) { return path }
        let directory = Self.join(folder, file.folder)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .downloadFailed(url: file.url.absoluteString, reason: "cannot create the cache folder \(directory): "
                + error.localizedDescription)
        }
        let temporary = Self.join(directory, ".\(file.fileName).\(UUID().uuidString).part")
        do {
            announce("downloading \(file.url.absoluteString) into \(directory)/")
            try download(file, through: temporary)
        } catch {
            unlink(temporary)
            rmdir(directory)  // only if the failed download leaves it empty
            throw error
        }
        return path(of: file)
    }

    /// Streams `file` into the new file `temporary`, hashing it on the way, and renames it to its
    /// place in the cache when the digest is right.
    private func download(_ file: RemoteFile, through temporary: String) throws(DatasetError) {
        let url = file.url.absoluteString
        guard let handle = fopen(temporary, "wx") else {
            throw .downloadFailed(url: url, reason: "cannot create \(temporary): " + String(cString: strerror(errno)))
        }
        let transfer = Transfer(file: handle, path: temporary)
        transfer.run(file.url)
        let flushed = fflush(handle) == 0 && fsync(fileno(handle)) == 0
        let writeError = flushed ? nil : "cannot write \(temporary): " + String(cString: strerror(errno))  // before fclose
        fclose(handle)
        if let failure = transfer.failure ?? writeError {
            throw .downloadFailed(url: url, reason: failure)
        }
        let actual = transfer.received.hexDigest
        guard actual == file.sha256 else { throw .digestMismatch(url: url, expected: file.sha256, actual: actual) }
        guard rename(temporary, path(of: file)) == 0 else {
            throw .downloadFailed(url: url, reason: "cannot rename \(temporary) to \(path(of: file)): " + String(cString: strerror(errno)))
        }
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

/// One HTTP GET streamed into an open file and hashed on the way.
///
/// `run` blocks until the transfer ends. The delegate methods run one at a time on the
/// session's queue, and `run` reads the results only after the last of them has signalled, so
/// the mutable state needs no lock.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private let finished = DispatchSemaphore(value: 0)
    /// The hash of the bytes received.
    private(set) var received = SHA256()
    /// Why the transfer failed, nil while it has not.
    private(set) var failure: String?

    init(file: UnsafeMutablePointer<FILE>, path: String) {
        self.file = file
        self.path = path
    }

    /// Fetches `url` and waits for the end.
    func run(_ url: URL) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        session.dataTask(with: url).resume()
        finished.wait()
        session.finishTasksAndInvalidate()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if failure == nil, let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
            failure = "the server answered HTTP \(status) (\(HTTPURLResponse.localizedString(forStatusCode: status).lowercased()))"
        }
        completionHandler(failure == nil ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil else { return }
        data.withUnsafeBytes { bytes in
            received.update(bytes)
            if fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count {
                failure = "cannot write \(path): " + String(cString: strerror(errno))
                dataTask.cancel()
            }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        if let target = request.url, RemoteFile.isSecure(target) {
            completionHandler(request)
        } else {
            failure = "the server redirected to \(request.url?.absoluteString ?? "nowhere"), which is not https"
            completionHandler(nil)
            task.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if failure == nil, let error { failure = Self.describe(error) }
        finished.signal()
    }

    /// What went wrong, in words, for the errors a download meets most.
    private static func describe(_ error: Error) -> String {
        switch (error as? URLError)?.code {
        case .cannotFindHost?, .dnsLookupFailed?: return "cannot find the server's address (no network?)"
        case .notConnectedToInternet?: return "no network connection"
        case .cannotConnectToHost?: return "cannot connect to the server (no network, or the server is down)"
        case .timedOut?: return "the server stopped answering (timed out)"
        case .networkConnectionLost?: return "the connection broke off"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
             .serverCertificateHasUnknownRoot?, .serverCertificateNotYetValid?:
            return "the secure connection failed (\(error.localizedDescription))"
        default: return error.localizedDescription
        }
    }
}
