import Foundation
import Testing

/// Renders SVG to PNG with librsvg's `rsvg-convert`, the renderer GNOME and many git hosts'
/// tooling use, so a test sees what a reader would.
enum Renderer {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `rsvg-convert` program; a failed expectation, not a skip, when it is missing.
    static func program() throws -> URL {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        let found = folders.map { URL(fileURLWithPath: $0).appendingPathComponent("rsvg-convert") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "rsvg-convert not found: install librsvg2-bin (apt-get install librsvg2-bin)")
    }

    /// The PNG bytes of `svg` on a white background; throws with rsvg-convert's message if it
    /// reports any problem with the SVG.
    static func png(_ svg: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("chart.svg"), output = folder.appendingPathComponent("chart.png")
        try Data(svg.utf8).write(to: input)

        let process = Process()
        process.executableURL = try program()
        process.arguments = ["--format=png", "--background-color=white", "--output=\(output.path)", input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, message.isEmpty else {
            throw Failure(description: "rsvg-convert failed (\(process.terminationStatus)): \(message)")
        }
        return try Data(contentsOf: output)
    }

    /// Width and height from a PNG's header chunk, which starts at byte 16 after the signature.
    static func size(ofPNG data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else {  // "IHDR"
            throw Failure(description: "not a PNG file")
        }
        func bigEndian(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16), bigEndian(20))
    }
}
