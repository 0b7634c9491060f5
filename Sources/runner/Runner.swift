import ArgumentParser
import Experiments
import Foundation

/// The command line. It parses arguments and hands them to `Experiments`; no logic lives here.
@main
struct Runner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "Runs recurrent-network experiments declared in YAML files.",
        discussion: "`runner FILE...` is the same as `runner run FILE...`.",
        subcommands: [Run.self, Validate.self, Inspect.self, Generate.self, Diff.self, Report.self],
        defaultSubcommand: Run.self)
}

/// Exit statuses: 2 for a configuration problem (nothing was run), 130 for a run stopped by
/// SIGINT or SIGTERM (resumable), 1 for any other failure while running.
enum ExitStatus {
    static func forError(_ error: Error) -> ExitCode {
        switch error {
        case is SpecErrors: return ExitCode(2)
        case RunError.interrupted: return ExitCode(130)
        default: return ExitCode(1)
        }
    }
}

/// Reports `error` on standard error and converts it into the right exit status.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    return ExitStatus.forError(error)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train the experiments and write their results.")

    @Argument(help: "Experiment files.") var files: [String]
    @Option(name: .customLong("set"), help: "Override a value, e.g. --set training.epochs=2 (repeatable).")
    var overrides: [String] = []
    @Option(help: "Results folder (default results/<name>); only with one file.") var output: String?
    @Flag(help: "Print nothing while training.") var quiet = false
    @Flag(help: "Continue an interrupted run from its checkpoint.") var resume = false
    @Flag(help: "Break every epoch's time down by section (data, input projections, recurrent steps, gate math, backward products, other layers, optimizer, evaluation); also written to profile.csv.")
    var profile = false

    func validate() throws {
        if output != nil && files.count > 1 { throw ValidationError("--output needs exactly one experiment file") }
    }

    func run() throws {
        for file in files {
            do {
                try Experiment.run(file, overrides: overrides, output: output, resume: resume, profile: profile,
                                   observer: quiet ? nil : ProgressPrinter())
            } catch {
                throw fail(error)
            }
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check experiment files without running them.")

    @Argument(help: "Experiment files.") var files: [String]
    @Option(name: .customLong("set"), help: "Override a value, e.g. --set training.epochs=2 (repeatable).")
    var overrides: [String] = []

    func run() throws {
        var firstError: Error?
        for file in files {
            do {
                _ = try Experiment.load(file, overrides: overrides)
                print("\(file): ok")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                firstError = firstError ?? error
            }
        }
        if let firstError { throw ExitStatus.forError(firstError) }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the model an experiment builds: layers, output shapes, parameter counts.")

    @Argument(help: "An experiment file.") var file: String
    @Option(name: .customLong("set"), help: "Override a value (repeatable).") var overrides: [String] = []

    func run() throws {
        do {
            print(try Experiment.inspect(file, overrides: overrides), terminator: "")
        } catch {
            throw fail(error)
        }
    }
}
