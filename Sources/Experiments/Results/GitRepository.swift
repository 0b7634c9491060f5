import Foundation

/// Read-only access to the committed files of a folder inside a git working tree, through the
/// `git` command (run with an argument array, never through a shell).
struct GitRepository {
    /// The folder git commands run in; paths given to them are relative to it.
    let folder: URL
    /// The folder's path from the repository's root, e.g. "results/quickstart".
    let prefix: String

    /// The repository holding `folder`, which must exist.
    init(containing folder: URL) throws(ResultsError) {
        self.folder = folder
        // git gives the folder's path from the root itself, which also settles symbolic links.
        var prefix: String
        do {
            prefix = try Self.git(["rev-parse", "--show-prefix"], in: folder).trimmingCharacters(in: .newlines)
        } catch {
            if case .gitFailed(_, let reason) = error, reason.contains("not a git repository") {
                throw .notAGitRepository(folder.relativePath)
            }
            throw error
        }
        if prefix.hasSuffix("/") { prefix.removeLast() }
        self.prefix = prefix
    }

    /// Checks that `revision` names a commit.
    func verify(_ revision: String) throws(ResultsError) {
        guard (try? Self.git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: folder)) != nil else {
            throw .unknownRevision(revision)
        }
    }

    /// The paths, relative to the folder, of the files under it at `revision`.
    func files(at revision: String) throws(ResultsError) -> [String] {
        try Self.git(["ls-tree", "-r", "--name-only", revision, "--", "."], in: folder)
            .split(separator: "\n").map(String.init)
    }

    /// The text of the file at `path` (relative to the folder) at `revision`.
    func contents(of path: String, at revision: String) throws(ResultsError) -> String {
        try Self.git(["show", "\(revision):./\(path)"], in: folder)
    }

    /// Runs `git arguments...` in `directory` and returns what it printed; throws `gitFailed`
    /// with git's own message when it exits with a failure.
    private static func git(_ arguments: [String], in directory: URL) throws(ResultsError) -> String {
        let command = (["git"] + arguments).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw .gitFailed(command: command, reason: "cannot start git: \(error.localizedDescription)")
        }
        // git's messages on standard error are short, so they fit the pipe while stdout is read.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorText = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .gitFailed(command: command, reason: message.isEmpty ? "exit status \(process.terminationStatus)" : message)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
