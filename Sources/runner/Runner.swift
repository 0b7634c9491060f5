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
        subcommands: [Run.self, Sweep.self, Validate.self, Inspect.self, Export.self, Generate.self, Diff.self, Report.self],
        defaultSubcommand: Run.self)
}

/// Exit statuses: 2 for a configuration problem (nothing was run; also an export asked of a
/// language model), 130 for a run stopped by SIGINT or SIGTERM (resumable), 1 for any other
/// failure while running.
enum ExitStatus {
    static func forError(_ error: Error) -> ExitCode {
        switch error {
        case is SpecErrors, is ExportError: return ExitCode(2)
        case RunError.interrupted, SweepError.interrupted: return ExitCode(130)
        case let error as SweepError where error.isConfigurationProblem: return ExitCode(2)
        default: return ExitCode(1)
        }
    }
}

/// Reports `error` on standard error and converts it into the right exit status.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    return ExitStatus.forError(error)
}

/// The path of this executable, which a sweep starts once per trial.
var executablePath: String { Bundle.main.executablePath ?? CommandLine.arguments[0] }

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the experiments and write their results.",
        discussion: """
            A file with a `sweep:` section runs its sweep, as `runner sweep FILE` does (--jobs, --force);             --trial ID runs one trial of it into results/<name>/trials/<ID> (or --output).
            """)

    @Argument(help: "Experiment files.") var files: [String]
    @Option(name: .customLong("set"), help: "Override a value, e.g. --set training.epochs=2 (repeatable).")
    var overrides: [String] = []
    @Option(help: "Results folder (default results/<name>); only with one file.") var output: String?
    @Flag(help: "Print nothing while training but warnings.") var quiet = false
    @Flag(help: "Continue an interrupted run from its checkpoint.") var resume = false
    @Flag(help: "Break every epoch's time down by section (data, input projections, recurrent steps, gate math, threads waiting, backward products, other layers, optimizer, evaluation); also written to profile.csv.")
    var profile = false
    @Option(help: "Threads for training (default: OPENBLAS_NUM_THREADS, else every core).") var threads: Int?
    @Option(help: "Run only this trial of a sweep (see `runner sweep FILE --list`).") var trial: String?
    @Option(help: "Trials of a sweep run at once, sharing the cores.") var jobs: Int?
    @Flag(help: "Run every trial of a sweep again, even those that finished.") var force = false

    func validate() throws {
        if output != nil && files.count > 1 { throw ValidationError("--output needs exactly one experiment file") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = RunOptions(executable: executablePath)
        (options.overrides, options.output, options.resume, options.quiet) = (overrides, output, resume, quiet)
        options.profile = profile
        (options.threads, options.trial, options.jobs, options.force) = (threads, trial, jobs, force)
        for file in files {
            do {
                try Experiment.run(file, options: options, observer: ProgressPrinter(quiet: quiet))
            } catch {
                throw fail(error)
            }
        }
    }
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the trials of a sweep, or list them.",
        discussion: """
            Trials run as separate processes (`runner run FILE --trial ID`) into results/<name>/trials/<ID>;             then results/<name>/ gets sweep.csv, sweep.svg and summary.md. Trials that finished with the same             resolved spec are skipped. Exit status 1 when a trial failed (the others still run).
            """)

    @Argument(help: "An experiment file with a `sweep:` section.") var file: String
    @Flag(help: "Print the trial ids, one per line, and run nothing.") var list = false
    @Option(help: "Trials run at once; the cores are divided among them.") var jobs = 1
    @Flag(help: "Run every trial again, even those that finished.") var force = false
    @Option(name: .customLong("set"), help: "Override a value of the file, for every trial (repeatable).")
    var overrides: [String] = []
    @Option(help: "The sweep's results folder (default results/<name>).") var output: String?
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        do {
            if list {
                for id in try Experiment.trialIDs(file, overrides: overrides) { print(id) }
                return
            }
            var options = RunOptions(executable: executablePath)
            (options.overrides, options.output, options.quiet, options.jobs, options.force) = (overrides, output, quiet, jobs, force)
            try Experiment.runSweep(file, options: options)
        } catch {
            throw fail(error)
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
                switch try Experiment.load(file, overrides: overrides) {
                case .single: print("\(file): ok")
                case .sweep(let sweep): print("\(file): ok, a sweep of \(sweep.trials.count) trials")
                }
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
