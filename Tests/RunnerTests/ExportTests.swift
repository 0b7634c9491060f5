import Foundation
import Testing

/// `runner export`, through the real executable: what it writes, and what it refuses.
@Suite struct ExportTests {
    let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path

    @Test func exportWritesTheDataBesideTheConfigAndVocabularyOfARun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["export", quickstart, "--output", "exported", "--set", "training.epochs=1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("quickstart: train_inputs [2000, 12], train_targets [2000], validation_inputs [500, 12], "
            + "validation_targets [500]; 2 classes; written to exported/"), "\(r.stdout)")
        #expect(fileNames(under: dir.appendingPathComponent("exported")) == ["config.yaml", "data.safetensors", "vocab.txt"])

        let run = try RunnerProcess.run(["run", quickstart, "--quiet", "--output", "run", "--set", "training.epochs=1"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["config.yaml", "vocab.txt"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("exported/\(name)"))
                == Data(contentsOf: dir.appendingPathComponent("run/\(name)")), "\(name) differs from the run's")
        }
    }

    @Test func aLanguageModelExitsTwoAndWritesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lyrics = repositoryRoot.appendingPathComponent("experiments/lyrics_char_lstm.yaml").path
        let r = try RunnerProcess.run(["export", lyrics, "--output", "exported"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("lyrics_char_lstm is a language model"), "\(r.stderr)")
        #expect(fileNames(under: dir).isEmpty)
    }

    /// The reference implementation of safetensors (Python's, as PyTorch users open files) reads
    /// the export: names, shapes, metadata and values. Runs where `python3` has `safetensors`
    /// and `numpy`; CI has neither.
    @Test(.enabled(if: pythonHasSafetensors)) func pythonsSafetensorsReadsTheExport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["export", quickstart, "--output", "exported"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let read = try python("""
            import sys
            from safetensors import safe_open
            with safe_open(sys.argv[1], framework="numpy") as f:
                print(sorted(f.metadata().items()))
                for name in f.keys():
                    print(name, list(f.get_tensor(name).shape), f.get_tensor(name).dtype)
                print(f.get_tensor("train_inputs")[0].astype(int).tolist(), int(f.get_tensor("train_targets").sum()))
            """, dir.appendingPathComponent("exported/data.safetensors").path)
        #expect(read.status == 0)
        let lines = read.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropLast() == [
            "[('classes', '2'), ('experiment', 'quickstart')]",
            "train_inputs [2000, 12] float32", "train_targets [2000] float32",
            "validation_inputs [500, 12] float32", "validation_targets [500] float32",
        ])
        // The first review: padding, <start> (1), then words; half of the 2,000 labels positive.
        let last = try #require(lines.last)
        #expect(last.hasPrefix("[0, ") && last.contains(", 1, ") && last.hasSuffix("] 1000"), "\(last)")
    }
}

/// Whether `python3` can import `safetensors` and `numpy`.
let pythonHasSafetensors = (try? python("import numpy, safetensors.numpy").status) == 0

/// Runs `python3 -c script arguments...` and returns its exit status and standard output.
func python(_ script: String, _ arguments: String...) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self))
}
