import Foundation

/// A file on a server, named by its URL and pinned by its SHA-256: what `Downloader` fetches.
public struct RemoteFile: Equatable, Sendable {
    /// Where the file is: `https`, or plain `http` to this machine only (`isSecure`), ending in
    /// a file name (`hasFileName`).
    public var url: URL
    /// The file's SHA-256, 64 lower-case hexadecimal digits.
    public var sha256: String
    /// The folder of the download cache that holds the file: by default its SHA-256, so that
    /// different files of the same name never meet; a dataset of several files names one folder
    /// for all of them.
    public var folder: String

    /// The file at `url` whose SHA-256 is `sha256` (in either case), kept in the cache folder
    /// `folder`, by default the digest itself.
    public init(url: URL, sha256: String, folder: String? = nil) {
        self.url = url
        self.sha256 = sha256.lowercased()
        self.folder = folder ?? self.sha256
    }

    /// The name the file is kept under: the last component of the URL's path.
    public var fileName: String { url.lastPathComponent }

    /// The hosts that plain `http` may reach: this machine, so that tests can serve files.
    public static let loopbackHosts = ["127.0.0.1", "::1", "localhost"]

    /// Whether `url` may be fetched: `https` to any host, or plain `http` to a loopback host.
    public static func isSecure(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return scheme == "https" || (scheme == "http" && loopbackHosts.contains(bare))
    }

    /// Whether the last component of `url`'s path can name a file in the cache: not empty, `.`
    /// or `..`, and without `/`.
    public static func hasFileName(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return !name.isEmpty && name != "." && name != ".." && !name.contains("/")
    }

    /// Whether `text` is a SHA-256 digest: 64 hexadecimal digits.
    public static func isDigest(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy(Set("0123456789abcdefABCDEF").contains)
    }
}
