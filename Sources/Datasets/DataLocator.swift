import Foundation

/// Finds data files the way every experiment does: a relative path is tried under the working
/// directory, then under each folder of `$RUNNER_DATA` (colon-separated), then under `./data`;
/// an absolute path is taken as it is. When nothing is found, the error lists every place tried.
public struct DataLocator: Sendable {
    /// The folders a relative path is tried under, in order.
    public let searchFolders: [String]

    /// A locator for a process with `environment` running in `workingDirectory`.
    public init(environment: [String: String], workingDirectory: String) {
        let base = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        let fromEnvironment = (environment["RUNNER_DATA"] ?? "").split(separator: ":").map {
            URL(fileURLWithPath: String($0), relativeTo: base).standardizedFileURL.path
        }
        var folders: [String] = []
        for folder in [base.standardizedFileURL.path] + fromEnvironment + [base.appendingPathComponent("data").path]
        where !folders.contains(folder) {
            folders.append(folder)
        }
        searchFolders = folders
    }

    /// The first existing path among `names` (each a relative or absolute path) under the
    /// search folders and then `extraFolders`, trying every name in one folder before the next
    /// folder. `accept` can refuse a path that exists but is not the data (a folder without the
    /// expected files). Throws `DatasetError.notFound` naming every place tried and `hint`.
    public func locate(_ names: [String], extraFolders: [String] = [], hint: String,
                       accept: (String) -> Bool = { _ in true }) throws(DatasetError) -> String {
        var tried: [String] = []
        for folder in searchFolders + extraFolders {
            for name in names {
                let path = name.hasPrefix("/") ? name : URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
                if tried.contains(path) { continue }
                tried.append(path)
                if FileManager.default.fileExists(atPath: path) && accept(path) { return path }
            }
        }
        throw .notFound(names: names, tried: tried, hint: hint)
    }
}
