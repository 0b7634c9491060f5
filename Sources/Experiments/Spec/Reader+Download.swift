import Datasets
import Foundation

extension Reader {
    /// `url` and `sha256` of `data:`: where to download the data file when it is nowhere on disk,
    /// and the digest the download must have. Both or neither; the URL `https` (plain `http` only
    /// to this machine) and ending in a file name, the digest 64 hexadecimal digits.
    func download(_ s: Section, into data: inout DataSpec) {
        if let node = s.value("url"), let text = string(node, s.path("url")) {
            if let url = URL(string: text), RemoteFile.isSecure(url), RemoteFile.hasFileName(url) {
                data.url = text
            } else {
                report("\(s.path("url")): expected an https URL ending in a file name (plain http only to "
                    + RemoteFile.loopbackHosts.joined(separator: ", ") + "), found \(node.described)", at: node.place)
            }
        }
        if let node = s.value("sha256"), let text = string(node, s.path("sha256")) {
            if RemoteFile.isDigest(text) {
                data.sha256 = text.lowercased()
            } else {
                report("\(s.path("sha256")): expected 64 hexadecimal digits, as sha256sum prints them, found \(node.described)",
                       at: node.place)
            }
        }
        switch (s.keyNode("url"), s.keyNode("sha256")) {
        case (let url?, nil):
            report("\(s.path("url")): give `sha256` too, the SHA-256 the downloaded file must have", at: url.place)
        case (nil, let digest?):
            report("\(s.path("sha256")): only read with `url`, the file to download", at: digest.place)
        default:
            break
        }
    }
}
