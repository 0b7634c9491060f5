import ArgumentParser
import Experiments

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild charts and summary.md from the CSV files, or overlay several runs in one chart.",
        discussion: """
            `runner report RESULTS...` rebuilds each folder's charts and summary; for a sweep, every trial's and then \
            sweep.csv, sweep.svg and summary.md from the trials that have ended. \
            `runner report A B ... --output compare.svg` draws the runs' validation loss (or --metric) in one chart.
            """)

    @Argument(help: "Results folders.") var folders: [String]
    @Option(help: "Write one chart overlaying the runs here, e.g. compare.svg.") var output: String?
    @Option(help: "The metric of the overlay chart.") var metric = "val_loss"

    func run() throws {
        do {
            if let output {
                try ResultsReport.overlay(folders, metric: metric, output: output)
                print("wrote \(output)")
            } else {
                for folder in folders {
                    for path in try ResultsReport.rebuild(folder) { print("wrote \(path)") }
                }
            }
        } catch {
            throw failReadingResults(error)
        }
    }
}
