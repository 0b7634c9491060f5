import Foundation
import Reports

/// The files of one version of a results folder that a comparison reads — `config.yaml` and
/// `metrics.csv` of the run, or of each trial under `trials/<id>/` for a sweep — whether from
/// the disk or from a git revision.
struct ResultsSnapshot {
    /// How the version is named in output and errors, e.g. "HEAD:results/quickstart".
    var label: String
    /// The files' text by path relative to the folder, e.g. "trials/units=32/metrics.csv".
    var files: [String: String]

    /// One run of the snapshot, read and parsed.
    struct Run {
        var config: [(key: String, value: String)]
        var log: MetricsLog

        /// The value of a dotted config key, e.g. "output.decimals".
        func setting(_ key: String) -> String? { config.first { $0.key == key }?.value }
    }

    /// Whether `path` is a file a comparison reads.
    static func isCompared(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let isRunFile = parts.last == "config.yaml" || parts.last == "metrics.csv"
        return isRunFile && (parts.count == 1 || (parts.count == 3 && parts[0] == "trials"))
    }

    /// The snapshot of the folder at `path` as it is on disk.
    static func onDisk(_ path: String) throws(ResultsError) -> ResultsSnapshot {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        guard isFolder(url) else { throw .noSuchFolder(path) }
        let paths = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []
        var files: [String: String] = [:]
        for relative in paths where isCompared(relative) {
            let file = url.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .unreadable(path: file.relativePath, reason: "not a readable UTF-8 text file")
            }
            files[relative] = text
        }
        return ResultsSnapshot(label: path, files: files)
    }

    /// The snapshot of the folder at `path` as committed at `revision` of its git repository.
    static func committed(_ path: String, at revision: String) throws(ResultsError) -> ResultsSnapshot {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        guard isFolder(url) else { throw .noSuchFolder(path) }
        let git = try GitRepository(containing: url)
        try git.verify(revision)
        let label = "\(revision):\(git.prefix)"
        let paths = try git.files(at: revision)
        guard !paths.isEmpty else { throw .notInRevision(folder: path, revision: revision) }
        var files: [String: String] = [:]
        for relative in paths where isCompared(relative) {
            files[relative] = try git.contents(of: relative, at: revision)
        }
        return ResultsSnapshot(label: label, files: files)
    }

    /// The ids of the trials under `trials/` that have metrics, sorted, or nil for a single run.
    /// A trial that failed before its first epoch has none, and is left out like one not run.
    var trialIDs: [String]? {
        let ids = Set(files.keys.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count == 3 && parts[2] == "metrics.csv" ? String(parts[1]) : nil
        })
        return ids.isEmpty ? nil : ids.sorted()
    }

    /// The run in `folder` ("" for the top level, "trials/<id>" for a trial).
    func run(in folder: String) throws(ResultsError) -> Run {
        func text(_ name: String) throws(ResultsError) -> (text: String, path: String) {
            let relative = folder.isEmpty ? name : folder + "/" + name
            let shown = label + "/" + relative
            guard let text = files[relative] else { throw .missingFile(shown) }
            return (text, shown)
        }
        let config = try text("config.yaml"), metrics = try text("metrics.csv")
        let log: MetricsLog
        do {
            log = try MetricsLog(csv: metrics.text, file: metrics.path)
        } catch {
            throw .unreadable(path: metrics.path, reason: error.description)
        }
        return Run(config: try ConfigFlattening.flatten(yaml: config.text, file: config.path), log: log)
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
