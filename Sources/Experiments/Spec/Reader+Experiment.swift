/// The sections of the experiment file, read top to bottom. The model and the optimizer have
/// files of their own.
extension Reader {
    /// The spec in `root`, or nil if any problem was reported.
    func experiment(_ root: SpecNode) -> ExperimentSpec? {
        let top = section(root, "", keys: ["name", "seed", "data", "embedding", "model", "training", "output"],
                          at: root.place)
        let name = experimentName(top)
        let seed = top.int("seed", in: .atLeast(0)) ?? 42
        let data = self.data(top)
        let embedding = self.embedding(top, dataset: data?.dataset)
        let model = layers(top, dataset: data?.dataset)
        let training = self.training(top)
        var output = OutputSpec()
        section(top.value("output"), "output", keys: ["decimals"], at: top.place)
            .int("decimals", into: &output.decimals, in: .from(0, to: 10))
        guard problems.isEmpty, let name, let data, let model else { return nil }
        return ExperimentSpec(name: name, seed: UInt64(seed), data: data, embedding: embedding, model: model,
                              training: training, output: output)
    }

    /// `name`: required, and usable as a folder name.
    private func experimentName(_ top: Section) -> String? {
        guard let node = top.value("name", required: true), let name = string(node, "name") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard !name.isEmpty, name.allSatisfy(allowed.contains), !name.allSatisfy({ $0 == "." }) else {
            report("name: \(node.described) cannot name the results folder; "
                + "use letters, digits, `_`, `.` and `-`", at: node.place)
            return nil
        }
        return name
    }

    /// `data:`: the dataset and the settings that dataset reads (`DatasetKind.settings`).
    private func data(_ top: Section) -> DataSpec? {
        var everySetting: [String] = []
        for kind in DatasetKind.allCases {
            everySetting += kind.settings.filter { !everySetting.contains($0) }
        }
        let s = section(top.value("data", required: true), "data", keys: ["dataset"] + everySetting, at: top.place)
        guard let dataset = s.choice("dataset", as: DatasetKind.self, what: "dataset", required: true) else { return nil }
        for entry in s.entries where entry.name != "dataset" && !dataset.settings.contains(entry.name) {
            report("data: `\(entry.name)` is not a setting of \(dataset.rawValue), which takes "
                + dataset.settings.joined(separator: ", "), at: entry.key.place)
        }
        var data = DataSpec(dataset: dataset)
        s.int("samples", into: &data.samples, in: .atLeast(1))
        s.int("val_samples", into: &data.validationSamples, in: .atLeast(1))
        s.int("max_len", into: &data.maxLen, in: .atLeast(1))
        data.vocabSize = s.int("vocab_size", in: .atLeast(4)) ?? data.vocabSize
        s.choice("padding", into: &data.padding, from: DataSpec.sequenceEnds, what: "padding")
        s.choice("truncating", into: &data.truncating, from: DataSpec.sequenceEnds, what: "truncating")
        data.textColumn = s.string("text_column") ?? data.textColumn
        data.labelColumn = s.string("label_column") ?? data.labelColumn
        s.choice("sequence", into: &data.sequence, from: DataSpec.imageSequences, what: "image sequence")
        if let node = s.value("validation") {
            data.validation = validationSplit(node, s.path("validation")) ?? data.validation
        }
        data.path = s.string("path", required: dataset == .textTable)
        return data
    }

    /// `validation`: a fraction in (0, 1) or the word `test`.
    private func validationSplit(_ node: SpecNode, _ path: String) -> ValidationSplit? {
        if node.text == "test" { return .test }
        guard node.isScalar(.int) || node.isScalar(.float) else {
            report("\(path): expected a fraction in (0, 1) or `test`, found \(node.described)", at: node.place)
            return nil
        }
        return double(node, path, in: .fraction).map(ValidationSplit.fraction)
    }

    /// `embedding`: optional, but required by datasets of token ids.
    private func embedding(_ top: Section, dataset: DatasetKind?) -> EmbeddingSpec? {
        guard let node = top.value("embedding") else {
            if let dataset, dataset.givesTokens {
                report("missing required key `embedding`: dataset \(dataset.rawValue) gives token ids, "
                    + "which need an embedding, e.g. `embedding: {dim: 16}`", at: top.place)
            }
            return nil
        }
        let s = section(node, "embedding", keys: ["dim", "init", "path", "trainable", "missing_words"],
                        at: top.keyNode("embedding")?.place ?? top.place)
        let dim = s.int("dim", in: .atLeast(1), required: true)
        var embedding = EmbeddingSpec(dim: dim ?? 1)
        embedding.initializer = s.choice("init", as: EmbeddingInit.self, what: "embedding init") ?? .random
        embedding.path = s.string("path", required: embedding.initializer == .glove)
        for key in ["path", "missing_words"] where embedding.initializer == .random {
            if let node = s.keyNode(key) { report("embedding.\(key): only read with `init: glove`", at: node.place) }
        }
        s.choice("missing_words", into: &embedding.missingWords, from: EmbeddingSpec.missingWordChoices,
                 what: "choice for missing words")
        s.bool("trainable", into: &embedding.trainable)
        return dim == nil ? nil : embedding
    }

    private func training(_ top: Section) -> TrainingSpec {
        let s = section(top.value("training"), "training",
                        keys: ["epochs", "batch_size", "shuffle", "optimizer", "clip_norm", "lr_schedule",
                               "early_stopping"],
                        at: top.place)
        var training = TrainingSpec()
        s.int("epochs", into: &training.epochs, in: .atLeast(1))
        s.int("batch_size", into: &training.batchSize, in: .atLeast(1))
        s.bool("shuffle", into: &training.shuffle)
        if let node = s.value("optimizer") {
            training.optimizer = optimizer(node, s.path("optimizer")) ?? training.optimizer
        }
        training.clipNorm = s.double("clip_norm", in: .positive)
        training.lrSchedule = s.value("lr_schedule").flatMap { lrSchedule($0, s.path("lr_schedule")) }
        training.earlyStopping = s.value("early_stopping").flatMap { earlyStopping($0, s.path("early_stopping")) }
        return training
    }

    /// `lr_schedule: {name: step_decay, factor: 0.5, every: 5}`, all three required.
    private func lrSchedule(_ node: SpecNode, _ path: String) -> LRScheduleSpec? {
        let s = section(node, path, keys: ["name", "factor", "every"], at: node.place)
        let name = s.choice("name", from: LRScheduleSpec.names, what: "schedule", required: true)
        let factor = s.double("factor", in: .shrinkingFactor, required: true)
        let every = s.int("every", in: .atLeast(1), required: true)
        guard name != nil, let factor, let every else { return nil }
        return LRScheduleSpec(factor: factor, every: every)
    }

    private func earlyStopping(_ node: SpecNode, _ path: String) -> EarlyStoppingSpec? {
        let s = section(node, path, keys: ["monitor", "patience", "mode", "min_delta"], at: node.place)
        var monitor = "val_loss", patience = 0, mode = "auto", minDelta = 0.0
        s.choice("monitor", into: &monitor, from: EarlyStoppingSpec.monitors, what: "metric")
        s.int("patience", into: &patience, in: .atLeast(0))
        s.choice("mode", into: &mode, from: EarlyStoppingSpec.modes, what: "mode")
        s.double("min_delta", into: &minDelta, in: .atLeast(0))
        return EarlyStoppingSpec(monitor: monitor, patience: patience, mode: mode, minDelta: minDelta)
    }
}
