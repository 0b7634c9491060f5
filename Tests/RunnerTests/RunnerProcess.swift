import Foundation

/// Runs the built `runner` executable as a user would, and captures what it prints.
struct RunnerProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `runner` binary beside the test bundle in the build folder.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("runner")
    }

    /// Runs `runner arguments...` in `directory` and waits for it; with `environment` as its
    /// whole environment if given (but for the sanitizers' settings, which
    /// `scripts/sanitizers.sh` gives every process), else with the tests' own.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment {
            let sanitizers = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
            process.environment = environment.merging(sanitizers) { given, _ in given }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A fresh empty folder under the temporary directory.
func temporaryDirectory(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("runner-tests-\(name.filter(\.isLetter))-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The repository's root, found from this source file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The names of the regular files under `directory`, recursively, sorted.
func fileNames(under directory: URL) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    return e.compactMap { $0 as? String }.filter {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path, isDirectory: &isDir) && !isDir.boolValue
    }.sorted()
}
