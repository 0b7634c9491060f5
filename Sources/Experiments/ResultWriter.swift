import Engine
import Foundation
import Reports

/// Writes a run's results folder: `config.yaml`, `metrics.csv`, the charts, `summary.md` and
/// `timing.csv` (and `profile.csv` when profiling). Every file is written whole to a temporary
/// name and renamed, so a reader (or an interruption) never sees half a file. Only `timing.csv`
/// and `profile.csv` vary between identical runs.
struct ResultWriter {
    let directory: URL
    let spec: ExperimentSpec
    /// Extra lines for the summary (dataset, parameters).
    let details: [(String, String)]

    /// Writes the resolved spec; called once before training so a run's folder always says what ran.
    func writeConfig() throws {
        try write(spec.resolvedYAML(), "config.yaml")
    }

    /// Writes `vocab.txt`: one token per line, line n holding token id n − 1, so a saved
    /// model's ids can be read back as words.
    func writeVocabulary(_ words: [String]) throws {
        try write(words.joined(separator: "\n") + "\n", "vocab.txt")
    }

    /// Writes `samples.txt`, the text generated so far.
    func writeSamples(_ text: String) throws {
        try write(text, "samples.txt")
    }

    /// Saves the model's parameters as safetensors as `training.checkpoint` asks, after the last
    /// epoch of `outcome`: `model.safetensors` after every epoch (`last`) or at the best one
    /// (`best`), or `model_epoch_<n>.safetensors` (`every_epoch`). `config.yaml` and `vocab.txt`
    /// beside it say what the parameters are and how to read the model's token ids.
    func writeCheckpoint(of model: Sequential, after outcome: TrainingOutcome) throws {
        guard let epoch = outcome.log.rows.last?.epoch else { return }
        let name: String
        switch spec.training.checkpoint {
        case "last": name = "model.safetensors"
        case "best" where outcome.bestEpoch == epoch: name = "model.safetensors"
        case "every_epoch": name = "model_epoch_\(epoch).safetensors"
        default: return
        }
        let url = directory.appendingPathComponent(name)
        do {
            try Checkpoint.save(model, optimizer: nil, metadata: ["experiment": spec.name, "epoch": "\(epoch)"], to: url)
        } catch CheckpointError.fileSystem(_, let reason) {
            throw RunError.cannotWrite(path: url.path, reason: reason)
        }
    }

    /// Writes everything that depends on the metrics so far.
    func write(_ outcome: TrainingOutcome) throws {
        let decimals = spec.output.decimals
        try write(outcome.log.csv(decimals: decimals), "metrics.csv")
        try write(outcome.timing.csv(), "timing.csv")
        if !outcome.profile.rows.isEmpty { try write(outcome.profile.csv(), "profile.csv") }
        let report = RunReport(experiment: spec.name, log: outcome.log, monitor: outcome.monitor,
                               bestEpoch: outcome.bestEpoch, details: details, stoppedAfter: outcome.stoppedAfter,
                               decimals: decimals)
        for file in report.files() { try write(file.text, file.fileName) }
    }

    private func write(_ text: String, _ name: String) throws {
        let url = directory.appendingPathComponent(name)
        do {
            try ResultFiles.write(text, to: url)
        } catch {
            throw RunError.cannotWrite(path: url.path, reason: error.reason)
        }
    }
}
