import ArgumentParser
import Experiments

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate text with a language model saved by training.checkpoint.",
        discussion: "The checkpoint's folder must hold the config.yaml and vocab.txt of the run that saved it.")

    @Argument(help: "A checkpoint, e.g. results/lyrics_char_lstm/model.safetensors.") var checkpoint: String
    @Option(help: "The text to continue.") var prefix: String
    @Option(help: "How many tokens to generate.") var length = 50
    @Option(help: "0 picks the likeliest token; above 0, tokens are drawn from the softmax at this temperature.")
    var temperature = 0.0
    @Option(help: "The seed of the draws when the temperature is above 0.") var seed: UInt64 = 42

    func validate() throws {
        if length < 1 { throw ValidationError("--length must be at least 1") }
        if temperature < 0 || !temperature.isFinite { throw ValidationError("--temperature must be a number >= 0") }
    }

    func run() throws {
        do {
            print(try Experiment.generate(checkpoint: checkpoint, prefix: prefix, length: length,
                                          temperature: temperature, seed: seed))
        } catch {
            throw fail(error)
        }
    }
}
