import Foundation

/// The project's real data files, when this machine has them: under each folder of
/// `$RUNNER_DATA` (colon-separated), then `../shared/data` beside the package.
enum SharedData {
    static func path(_ name: String) -> String? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Support
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = (ProcessInfo.processInfo.environment["RUNNER_DATA"] ?? "").split(separator: ":").map(String.init)
            + [packageRoot.appendingPathComponent("../shared/data").standardized.path]
        return folders.map { $0 + "/" + name }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
