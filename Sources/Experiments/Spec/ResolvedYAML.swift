import Yams

extension ExperimentSpec {
    /// The spec as YAML with every default written out: what was really run (`config.yaml`).
    ///
    /// Sections and keys come in the order the file format documents (name, seed, data,
    /// embedding, model, training, output); layers, the optimizer and other small maps are one
    /// line each in flow style; absent optional settings are left out. Numbers are written by
    /// `YAMLText.number`, so the same spec always gives the same bytes, and loading the text
    /// gives back an equal spec.
    public func resolvedYAML() -> String {
        var lines = ["name: \(YAMLText.string(name))", "seed: \(seed)", "data:"]
        lines += data.resolvedEntries.map { "  \($0.key): \($0.value)" }
        if let embedding {
            lines.append("embedding:")
            lines += embedding.resolvedEntries.map { "  \($0.key): \($0.value)" }
        }
        lines.append("model:")
        lines += model.map { "  - \($0.typeName): \($0.resolvedValue)" }
        if outputLayer != OutputLayerSpec() {
            lines.append("  - output: \(YAMLText.flow(outputLayer.resolvedEntries))")
        }
        lines.append("training:")
        lines += training.resolvedEntries(languageModel: !data.dataset.labelsWholeSequences).map { "  \($0.key): \($0.value)" }
        if let generation {
            lines.append("generation:")
            lines += generation.resolvedEntries.map { "  \($0.key): \($0.value)" }
        }
        lines += ["output:", "  decimals: \(output.decimals)"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Scalars written the same way every time.
enum YAMLText {
    /// Swift's shortest text that reads back to the same Double, with a decimal point always in
    /// the mantissa, so that every YAML reader takes it for a float: `0.001`, `5.0`, `1.0e-07`.
    static func number(_ x: Double) -> String {
        var text = String(x)
        if let exponent = text.firstIndex(of: "e"), !text[..<exponent].contains(".") {
            text.insert(contentsOf: ".0", at: exponent)
        }
        return text
    }

    /// A string plain when it is a simple word YAML reads back as the same string, double-quoted
    /// otherwise (`"my data/a b.txt"`, `"123"`, `"yes"`).
    static func string(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-")
        if !text.isEmpty, text.allSatisfy(plain.contains), Node(text).tag.rawValue == Tag.Name.str.rawValue, !text.hasPrefix("-") {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// `{a: 1, b: 2}`, in the order given.
    static func flow(_ entries: [(key: String, value: String)]) -> String {
        "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
}

private extension DataSpec {
    /// The dataset's own settings, in the order of `DatasetKind.settings`.
    var resolvedEntries: [(key: String, value: String)] {
        var values: [String: String] = [
            "samples": "\(samples)", "val_samples": "\(validationSamples)", "max_len": "\(maxLen)",
            "padding": padding, "truncating": truncating, "text_column": YAMLText.string(textColumn),
            "label_column": YAMLText.string(labelColumn), "sequence": sequence,
        ]
        if let vocabSize { values["vocab_size"] = "\(vocabSize)" }
        if let path { values["path"] = YAMLText.string(path) }
        if let valid { values["valid"] = YAMLText.string(valid) }
        if let test { values["test"] = YAMLText.string(test) }
        if let limit { values["limit"] = "\(limit)" }
        if let url { values["url"] = YAMLText.string(url) }
        if let sha256 { values["sha256"] = YAMLText.string(sha256) }
        values["tokens"] = tokens
        values["line_ends"] = lineEnds
        switch validation {
        case .test: values["validation"] = "test"
        case .fraction(let fraction): values["validation"] = YAMLText.number(fraction)
        case .none: values["validation"] = "none"
        }
        return [("dataset", dataset.rawValue)] + dataset.settings.compactMap { key in values[key].map { (key, $0) } }
    }
}

private extension EmbeddingSpec {
    var resolvedEntries: [(key: String, value: String)] {
        if initializer == .oneHot { return [("init", initializer.rawValue)] }
        var entries: [(key: String, value: String)] = [("dim", "\(dim)"), ("init", initializer.rawValue)]
        if let path { entries.append(("path", YAMLText.string(path))) }
        entries.append(("trainable", "\(trainable)"))
        if initializer == .glove { entries.append(("missing_words", missingWords)) }
        if embeddingsInitializer != .kerasUniform {
            entries.append(("embeddings_initializer", embeddingsInitializer.resolvedValue))
        }
        return entries
    }
}

private extension LayerSpec {
    /// What follows `- type: ` on the layer's line. Initialisers and `unit_forget_bias` are
    /// written only when they are not Keras's defaults, so older results stay byte-identical.
    var resolvedValue: String {
        switch self {
        case .lstm(let spec), .gru(let spec):
            var entries: [(key: String, value: String)] = [
                ("units", "\(spec.units)"), ("return_sequences", "\(spec.returnSequences)"),
                ("dropout", YAMLText.number(spec.dropout)), ("recurrent_dropout", YAMLText.number(spec.recurrentDropout)),
                ("recurrent_activation", spec.recurrentActivation), ("bidirectional", "\(spec.bidirectional)"),
                ("stateful", "\(spec.stateful)"),
            ]
            entries += initializerEntries([
                ("kernel_initializer", spec.kernelInitializer, RecurrentSpec.defaultKernelInitializer),
                ("recurrent_initializer", spec.recurrentInitializer, RecurrentSpec.defaultRecurrentInitializer),
                ("bias_initializer", spec.biasInitializer, RecurrentSpec.defaultBiasInitializer),
            ])
            if !spec.unitForgetBias { entries.append(("unit_forget_bias", "false")) }
            return YAMLText.flow(entries)
        case .dense(let spec):
            return YAMLText.flow([("units", "\(spec.units)"), ("activation", spec.activation)] + initializerEntries([
                ("kernel_initializer", spec.kernelInitializer, RecurrentSpec.defaultKernelInitializer),
                ("bias_initializer", spec.biasInitializer, RecurrentSpec.defaultBiasInitializer),
            ]))
        case .dropout(let rate):
            return YAMLText.number(rate)
        }
    }
}

private extension OutputLayerSpec {
    /// The initialisers that are not Keras's defaults, for the `- output:` line.
    var resolvedEntries: [(key: String, value: String)] {
        initializerEntries([
            ("kernel_initializer", kernelInitializer, RecurrentSpec.defaultKernelInitializer),
            ("bias_initializer", biasInitializer, RecurrentSpec.defaultBiasInitializer),
        ])
    }
}

/// The entries of the initialisers, each given as its key, value and default, that differ from
/// their defaults, in the order given.
private func initializerEntries(_ settings: [(key: String, value: InitializerSpec, standard: InitializerSpec)])
    -> [(key: String, value: String)] {
    settings.filter { $0.value != $0.standard }.map { ($0.key, $0.value.resolvedValue) }
}

private extension TrainingSpec {
    /// The settings; a classifier's leave out the language-model keys, and `loss_reduction` and
    /// `checkpoint` when they keep their defaults, as the schedule's `start` does (so older
    /// results stay byte-identical).
    func resolvedEntries(languageModel: Bool) -> [(key: String, value: String)] {
        var entries: [(key: String, value: String)] = [
            ("epochs", "\(epochs)"), ("batch_size", "\(batchSize)"), ("shuffle", "\(shuffle)"),
            ("optimizer", optimizer.resolvedValue),
        ]
        if let clipNorm { entries.append(("clip_norm", YAMLText.number(clipNorm))) }
        if let lrSchedule {
            var schedule: [(key: String, value: String)] = [
                ("name", "step_decay"), ("factor", YAMLText.number(lrSchedule.factor)), ("every", "\(lrSchedule.every)"),
            ]
            if lrSchedule.start != LRScheduleSpec.defaultStart(every: lrSchedule.every) {
                schedule.append(("start", "\(lrSchedule.start)"))
            }
            entries.append(("lr_schedule", YAMLText.flow(schedule)))
        }
        if let earlyStopping {
            entries.append(("early_stopping", YAMLText.flow([
                ("monitor", earlyStopping.monitor), ("patience", "\(earlyStopping.patience)"),
                ("mode", earlyStopping.mode), ("min_delta", YAMLText.number(earlyStopping.minDelta)),
            ])))
        }
        if languageModel || lossReduction != "mean" { entries.append(("loss_reduction", lossReduction)) }
        if languageModel || checkpoint != "none" { entries.append(("checkpoint", checkpoint)) }
        if languageModel { entries += [("sampling", sampling), ("steps", "\(steps)")] }
        return entries
    }
}

private extension OptimizerSpec {
    /// `{name: adam, ...}` with exactly the settings of the named optimizer.
    var resolvedValue: String {
        let values: [String: String] = [
            "learning_rate": YAMLText.number(learningRate), "momentum": YAMLText.number(momentum),
            "nesterov": "\(nesterov)", "beta_1": YAMLText.number(beta1), "beta_2": YAMLText.number(beta2),
            "epsilon": YAMLText.number(epsilon), "rho": YAMLText.number(rho),
            "initial_accumulator_value": YAMLText.number(initialAccumulatorValue),
            "weight_decay": YAMLText.number(weightDecay),
        ]
        return YAMLText.flow([("name", name.rawValue)] + name.settings.map { ($0, values[$0]!) })
    }
}

private extension GenerationSpec {
    var resolvedEntries: [(key: String, value: String)] {
        [("sample_every", "\(sampleEvery)"), ("sample_length", "\(sampleLength)"),
         ("prefixes", "[" + prefixes.map(YAMLText.string).joined(separator: ", ") + "]"),
         ("temperature", YAMLText.number(temperature))]
    }
}

private extension InitializerSpec {
    /// The name alone when it has no settings, else a map of the name and every setting.
    var resolvedValue: String {
        switch self {
        case .glorotUniform, .zeros:
            return name
        case .orthogonal(let gain):
            return YAMLText.flow([("name", name), ("gain", YAMLText.number(gain))])
        case .randomUniform(let minval, let maxval):
            return YAMLText.flow([("name", name), ("minval", YAMLText.number(minval)), ("maxval", YAMLText.number(maxval))])
        }
    }
}
