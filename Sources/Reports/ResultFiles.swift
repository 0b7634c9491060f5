import Foundation

/// Writing result files so that a reader never sees half of one.
///
/// Written with the C library's calls rather than `Data.write`, because their `errno` gives a
/// precise reason ("Not a directory", "Permission denied") on every platform.
public enum ResultFiles {
    /// Writes `contents` as UTF-8 to `url` atomically: into a temporary file in the same folder,
    /// flushed to disk, then renamed over `url`, so `url` holds either the old or the new
    /// contents, never a mix. Creates the folder and its parents if needed. Errors name `url`.
    public static func write(_ contents: String, to url: URL) throws(ReportError) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        try makeFolder(folder, writing: path)

        let temporary = folder + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
        guard let file = fopen(temporary, "wx") else {
            throw failure(path, "cannot create a temporary file in \(folder)")
        }
        let bytes = Array(contents.utf8)
        let written = bytes.isEmpty ? 0 : fwrite(bytes, 1, bytes.count, file)
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        let error = failure(path, "cannot write \(temporary)")  // before fclose can change errno
        fclose(file)
        guard written == bytes.count, flushed else {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "cannot rename \(temporary) to it")
            unlink(temporary)
            throw error
        }
    }

    /// Creates `folder` and any missing parents, as `mkdir -p` does.
    private static func makeFolder(_ folder: String, writing path: String) throws(ReportError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        var prefix = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw failure(path, "cannot create the folder \(prefix)")
            }
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .writeFailed(path: path, reason: "\(folder) is not a folder")
        }
    }

    /// The error for a failed call, with what was being done and the system's reason from `errno`.
    private static func failure(_ path: String, _ action: String) -> ReportError {
        .writeFailed(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }
}
