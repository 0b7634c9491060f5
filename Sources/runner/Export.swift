import ArgumentParser
import Experiments

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an experiment's data as its run trains on it, for PyTorch.",
        discussion: """
            Writes DIR/data.safetensors (train_inputs, train_targets, validation_inputs, validation_targets \
            and, for GloVe or one-hot vectors, embedding), DIR/config.yaml (the resolved spec) and, for token \
            data, DIR/vocab.txt, loaded exactly as a run loads them. Classification datasets only.
            """)

    @Argument(help: "An experiment file.") var file: String
    @Option(help: "The folder to write into.") var output: String
    @Option(name: .customLong("set"), help: "Override a value (repeatable).") var overrides: [String] = []

    func run() throws {
        do {
            print(try Experiment.export(file, overrides: overrides, to: output, observer: ProgressPrinter()))
        } catch {
            throw fail(error)
        }
    }
}
