import Foundation

/// Reading data files whole, gzip or not.
public enum DataFiles {
    /// The bytes of the file at `path`, decompressed when they are gzip (recognised by content,
    /// not by name).
    public static func read(_ path: String) throws(DatasetError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        guard !isFolder(path) else { throw .unreadableFile(path: path, reason: "it is a folder") }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        return Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, file: path) : bytes
    }

    /// Whether a file or folder exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Whether `path` is an existing folder.
    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
