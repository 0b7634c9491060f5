/// The sections of the experiment file, read top to bottom. The model and the optimizer have
/// files of their own.
extension Reader {
    /// The spec in `root`, or nil if any problem was reported. A `sweep:` key is accepted and left
    /// to `SpecLoader`, which reads it before this.
    func experiment(_ root: SpecNode) -> ExperimentSpec? {
        let top = section(root, "", keys: ["name", "seed", "data", "embedding", "model", "training", "generation", "output", "sweep"],
                          at: root.place)
        let name = experimentName(top)
        let seed = top.int("seed", in: .atLeast(0)) ?? 42
        let data = self.data(top)
        let embedding = self.embedding(top, dataset: data?.dataset)
        let model = layers(top, dataset: data?.dataset)
        let training = self.training(top, dataset: data?.dataset)
        let generation = self.generation(top, dataset: data?.dataset)
        var output = OutputSpec()
        section(top.value("output"), "output", keys: ["decimals"], at: top.place)
            .int("decimals", into: &output.decimals, in: .from(0, to: 10))
        guard problems.isEmpty, let name, let data, let model else { return nil }
        return ExperimentSpec(name: name, seed: UInt64(seed), data: data, embedding: embedding, model: model.hidden,
                              outputLayer: model.output, training: training, generation: generation, output: output)
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
        data.path = s.string("path", required: dataset == .textTable || dataset == .textCorpus)
        if dataset.settings.contains("url") { download(s, into: &data) }
        if dataset == .textCorpus { textCorpus(s, into: &data) }
        return data
    }

    /// The settings of a `text_corpus`: its texts, tokens and validation split (the `valid` text
    /// when given, else 0.1 of the training text's tail).
    private func textCorpus(_ s: Section, into data: inout DataSpec) {
        data.valid = s.string("valid")
        data.test = s.string("test")
        data.limit = s.int("limit", in: .atLeast(2))
        s.choice("tokens", into: &data.tokens, from: DataSpec.tokenKinds, what: "token kind")
        data.lineEnds = s.choice("line_ends", from: DataSpec.lineEndChoices, what: "line end")
            ?? DataSpec(dataset: .textCorpus, tokens: data.tokens).lineEnds
        guard let node = s.value("validation") else {
            data.validation = data.valid == nil ? .fraction(0.1) : .test
            return
        }
        switch data.validation {
        case .test where data.valid == nil:
            report("data.validation: `test` validates on the `valid` text, which is not given; "
                + "add `valid:`, or give a fraction of the training text or `none`", at: node.place)
        case .fraction where data.valid != nil, .none where data.valid != nil:
            report("data.validation: the corpus validates on its `valid` text; leave `validation` out", at: node.place)
        default:
            break
        }
    }

    /// `validation`: a fraction in (0, 1) or the word `test`.
    private func validationSplit(_ node: SpecNode, _ path: String) -> ValidationSplit? {
        if node.text == "test" { return .test }
        if node.text == "none" { return ValidationSplit.none }
        guard node.isScalar(.int) || node.isScalar(.float) else {
            report("\(path): expected a fraction in (0, 1), `test` or `none`, found \(node.described)", at: node.place)
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
        let s = section(node, "embedding", keys: ["dim", "init", "path", "trainable", "missing_words", "embeddings_initializer"],
                        at: top.keyNode("embedding")?.place ?? top.place)
        let initializer = s.choice("init", as: EmbeddingInit.self, what: "embedding init") ?? .random
        if initializer == .oneHot {
            for key in ["dim", "trainable", "embeddings_initializer"] {
                if let node = s.keyNode(key) {
                    report("embedding.\(key): one-hot vectors are fixed and as long as the vocabulary; leave `\(key)` out",
                           at: node.place)
                }
            }
            return EmbeddingSpec(dim: 0, initializer: .oneHot, trainable: false)
        }
        let dim = s.int("dim", in: .atLeast(1), required: true)
        var embedding = EmbeddingSpec(dim: dim ?? 1)
        embedding.initializer = initializer
        embedding.path = s.string("path", required: embedding.initializer == .glove)
        for key in ["path", "missing_words"] where embedding.initializer != .glove {
            if let node = s.keyNode(key) { report("embedding.\(key): only read with `init: glove`", at: node.place) }
        }
        s.choice("missing_words", into: &embedding.missingWords, from: EmbeddingSpec.missingWordChoices,
                 what: "choice for missing words")
        s.bool("trainable", into: &embedding.trainable)
        if embedding.initializer == .random {
            self.initializer(s, "embeddings_initializer", into: &embedding.embeddingsInitializer)
        } else if let node = s.keyNode("embeddings_initializer") {
            report("embedding.embeddings_initializer: only read with `init: random`", at: node.place)
        }
        return dim == nil ? nil : embedding
    }

    private func training(_ top: Section, dataset: DatasetKind?) -> TrainingSpec {
        let s = section(top.value("training"), "training",
                        keys: ["epochs", "batch_size", "shuffle", "optimizer", "clip_norm", "lr_schedule",
                               "early_stopping", "loss_reduction", "checkpoint"] + TrainingSpec.languageModelKeys,
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
        s.choice("loss_reduction", into: &training.lossReduction, from: TrainingSpec.lossReductions, what: "loss reduction")
        s.choice("checkpoint", into: &training.checkpoint, from: TrainingSpec.checkpoints, what: "checkpoint choice")
        s.choice("sampling", into: &training.sampling, from: TrainingSpec.samplings, what: "sampling")
        s.int("steps", into: &training.steps, in: .atLeast(1))
        if let dataset, dataset.labelsWholeSequences {
            for key in TrainingSpec.languageModelKeys {
                if let node = s.keyNode(key) {
                    report("training.\(key): only language models (dataset text_corpus) read it", at: node.place)
                }
            }
        }
        return training
    }

    /// `generation:`: text generated from prefixes while a language model trains.
    private func generation(_ top: Section, dataset: DatasetKind?) -> GenerationSpec? {
        guard let node = top.value("generation") else { return nil }
        if let dataset, dataset.labelsWholeSequences {
            report("generation: only language models (dataset text_corpus) generate text", at: top.keyNode("generation")!.place)
            return nil
        }
        let s = section(node, "generation", keys: ["sample_every", "sample_length", "prefixes", "temperature"],
                        at: top.keyNode("generation")!.place)
        let every = s.int("sample_every", in: .atLeast(1), required: true)
        var generation = GenerationSpec(sampleEvery: every ?? 1, prefixes: [])
        s.int("sample_length", into: &generation.sampleLength, in: .atLeast(1))
        s.double("temperature", into: &generation.temperature, in: .atLeast(0))
        if let list = s.value("prefixes", required: true) {
            guard let items = list.items, !items.isEmpty else {
                report("generation.prefixes: expected a list of texts, e.g. [分开, 不分开], found \(list.described)",
                       at: list.place)
                return nil
            }
            for (i, item) in items.enumerated() {
                guard let text = string(item, "generation.prefixes[\(i)]") else { continue }
                if text.isEmpty { report("generation.prefixes[\(i)]: a prefix needs at least one token", at: item.place) }
                generation.prefixes.append(text)
            }
        }
        return every == nil || generation.prefixes.isEmpty ? nil : generation
    }

    /// `lr_schedule: {name: step_decay, factor: 0.5, every: 5}`, all three required, and
    /// optionally `start`, the epoch of the first decay.
    private func lrSchedule(_ node: SpecNode, _ path: String) -> LRScheduleSpec? {
        let s = section(node, path, keys: ["name", "factor", "every", "start"], at: node.place)
        let name = s.choice("name", from: LRScheduleSpec.names, what: "schedule", required: true)
        let factor = s.double("factor", in: .shrinkingFactor, required: true)
        let every = s.int("every", in: .atLeast(1), required: true)
        let start = s.int("start", in: .atLeast(1))
        guard name != nil, let factor, let every else { return nil }
        return LRScheduleSpec(factor: factor, every: every, start: start)
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
