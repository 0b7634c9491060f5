import ArgumentParser
import Experiments
import Foundation

extension DiffFormat: ExpressibleByArgument {}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare results with a git revision, or two results folders.",
        discussion: """
            `runner diff results/NAME` compares the folder with its committed version at HEAD (or --rev); \
            `runner diff A B` compares two folders. A sweep is compared trial by trial. \
            Exit status: 0 when nothing differs, 1 when something does, 2 on error.
            """)

    @Argument(help: "A results folder, or two: A (before) and B (after).") var folders: [String]
    @Option(help: "The git revision to compare one folder with.") var rev = "HEAD"
    @Option(help: "Output format: text, markdown or csv.") var format: DiffFormat = .text

    func run() throws {
        do {
            let comparison = switch folders.count {
            case 1: try ResultsDiff.compare(folders[0], withRevision: rev)
            case 2: try ResultsDiff.compare(folders[0], folders[1])
            default: throw ResultsUsage("give one results folder (compared with --rev) or two (A B), not \(folders.count)")
            }
            print(comparison.rendered(as: format), terminator: "")
            if comparison.hasDifferences { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw failReadingResults(error)
        }
    }
}

/// A misuse of `diff` or `report` that the argument parser cannot see.
struct ResultsUsage: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = "error: " + message }
}

/// Reports `error` on standard error; exit status 2, as `diff` has for trouble.
func failReadingResults(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    return ExitCode(2)
}
