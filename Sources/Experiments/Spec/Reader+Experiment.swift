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

    private func data(_ top: Section) -> DataSpec? {
        let s = section(top.value("data", required: true), "data",
                        keys: ["dataset", "samples", "val_samples", "max_len", "vocab_size", "validation", "path"],
                        at: top.place)
        let dataset = s.choice("dataset", as: DatasetKind.self, what: "dataset", required: true)
        var data = DataSpec(dataset: dataset ?? .synthetic)
        s.int("samples", into: &data.samples, in: .atLeast(1))
        s.int("val_samples", into: &data.validationSamples, in: .atLeast(1))
        s.int("max_len", into: &data.maxLen, in: .atLeast(1))
        data.vocabSize = s.int("vocab_size", in: .atLeast(2))
        if let node = s.value("validation") {
            data.validation = validationSplit(node, s.path("validation")) ?? data.validation
        }
        data.path = s.string("path")
        return dataset == nil ? nil : data
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
        let s = section(node, "embedding", keys: ["dim", "init", "path", "trainable"],
                        at: top.keyNode("embedding")?.place ?? top.place)
        let dim = s.int("dim", in: .atLeast(1), required: true)
        var embedding = EmbeddingSpec(dim: dim ?? 1)
        embedding.initializer = s.choice("init", as: EmbeddingInit.self, what: "embedding init") ?? .random
        embedding.path = s.string("path", required: embedding.initializer == .glove)
        if embedding.initializer == .random, let key = s.keyNode("path") {
            report("embedding.path: only read with `init: glove`", at: key.place)
        }
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
