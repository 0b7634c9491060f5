import Foundation
import Testing
@testable import Experiments

/// Good files: defaults, every setting, and the resolved YAML that records what was run.
@Suite struct SpecResolvedTests {
    /// Every key of the format, none at its default.
    static let fullFile = """
        name: full-run.2
        seed: 7
        data:
          dataset: text_table
          path: "my data/a: b.txt"
          url: https://example.org/data/a.txt
          sha256: 0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789ABCDEF
          vocab_size: 50
          max_len: 9
          padding: post
          truncating: post
          validation: 0.25
          text_column: review
          label_column: stars
        embedding:
          dim: 8
          init: glove
          path: glove.6B.50d.txt.gz
          trainable: false
          missing_words: random
        model:
          - gru: {units: 16, return_sequences: true, dropout: 0.1, recurrent_dropout: 0.2, recurrent_activation: hard_sigmoid, bidirectional: true, stateful: true}
          - lstm: {units: 12}
          - dropout: {rate: 0.3}
          - dense: {units: 4, activation: tanh}
        training:
          epochs: 3
          batch_size: 16
          shuffle: false
          optimizer: {name: adam, learning_rate: 0.003, beta_1: 0.8, beta_2: 0.99, epsilon: 1.0e-8, weight_decay: 0.0001}
          clip_norm: 0.5
          lr_schedule: {name: step_decay, factor: 0.5, every: 2}
          early_stopping: {monitor: val_accuracy, patience: 2, min_delta: 0.001}
        output:
          decimals: 6

        """

    @Test func aMinimalFileGetsEveryDefault() throws {
        let yaml = """
            name: minimal
            data: {dataset: synthetic}
            embedding: {dim: 4}
            model:
              - lstm: {units: 8}

            """
        let spec = try SpecLoader.load(yaml: yaml, file: "minimal.yaml")
        #expect(spec == ExperimentSpec(
            name: "minimal",
            seed: 42,
            data: DataSpec(dataset: .synthetic, samples: 2000, validationSamples: 500, maxLen: 12,
                           vocabSize: nil, validation: .test, path: nil),
            embedding: EmbeddingSpec(dim: 4, initializer: .random, path: nil, trainable: true),
            model: [.lstm(RecurrentSpec(units: 8, returnSequences: false, dropout: 0, recurrentDropout: 0,
                                        recurrentActivation: "sigmoid", bidirectional: false, stateful: false))],
            training: TrainingSpec(epochs: 10, batchSize: 32, shuffle: true, optimizer: OptimizerSpec(name: .rmsprop),
                                   clipNorm: nil, lrSchedule: nil, earlyStopping: nil),
            output: OutputSpec(decimals: 4)))
        #expect(spec.training.optimizer.learningRate == 0.001)
        #expect(spec.training.optimizer.rho == 0.9)
        #expect(spec.training.optimizer.epsilon == 1e-7)
    }

    @Test func aFullFileReadsEverySetting() throws {
        let spec = try SpecLoader.load(yaml: Self.fullFile, file: "full.yaml")
        #expect(spec.name == "full-run.2")
        #expect(spec.seed == 7)
        #expect(spec.data == DataSpec(dataset: .textTable, maxLen: 9, vocabSize: 50, padding: "post", truncating: "post",
                                      textColumn: "review", labelColumn: "stars", validation: .fraction(0.25),
                                      path: "my data/a: b.txt", url: "https://example.org/data/a.txt",
                                      sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
        #expect(spec.embedding == EmbeddingSpec(dim: 8, initializer: .glove, path: "glove.6B.50d.txt.gz", trainable: false,
                                                missingWords: "random"))
        #expect(spec.model == [
            .gru(RecurrentSpec(units: 16, returnSequences: true, dropout: 0.1, recurrentDropout: 0.2,
                               recurrentActivation: "hard_sigmoid", bidirectional: true, stateful: true)),
            .lstm(RecurrentSpec(units: 12)),
            .dropout(rate: 0.3),
            .dense(DenseSpec(units: 4, activation: "tanh")),
        ])
        var adam = OptimizerSpec(name: .adam)
        (adam.learningRate, adam.beta1, adam.beta2, adam.epsilon, adam.weightDecay) = (0.003, 0.8, 0.99, 1e-8, 0.0001)
        #expect(spec.training == TrainingSpec(
            epochs: 3, batchSize: 16, shuffle: false, optimizer: adam, clipNorm: 0.5,
            lrSchedule: LRScheduleSpec(factor: 0.5, every: 2),
            earlyStopping: EarlyStoppingSpec(monitor: "val_accuracy", patience: 2, mode: "max", minDelta: 0.001)))
        #expect(spec.output.decimals == 6)
    }

    /// `start` defaults to the epoch after the first `every`, and config.yaml names it only when
    /// it differs, so results written before `start` existed keep their bytes.
    @Test func aStepDecaysStartIsWrittenOnlyWhenItIsNotTheDefault() throws {
        let plain = try SpecLoader.load(yaml: validExperiment + "  lr_schedule: {name: step_decay, factor: 0.5, every: 3}\n",
                                        file: "exp.yaml")
        #expect(plain.training.lrSchedule == LRScheduleSpec(factor: 0.5, every: 3, start: 4))
        #expect(plain.resolvedYAML().contains("  lr_schedule: {name: step_decay, factor: 0.5, every: 3}\n"))

        let ptb = try SpecLoader.load(
            yaml: validExperiment + "  lr_schedule: {name: step_decay, factor: 0.5, every: 1, start: 5}\n", file: "exp.yaml")
        #expect(ptb.training.lrSchedule == LRScheduleSpec(factor: 0.5, every: 1, start: 5))
        #expect(ptb.resolvedYAML().contains("  lr_schedule: {name: step_decay, factor: 0.5, every: 1, start: 5}\n"))
        #expect(try SpecLoader.load(yaml: ptb.resolvedYAML(), file: "config.yaml") == ptb)
        #expect(ptb.training.schedule == .stepDecay(factor: 0.5, every: 1, firstDecay: 4))
    }

    /// The committed results' `config.yaml` files are what this version writes for the specs
    /// they hold, byte for byte: settings added since keep them unchanged.
    @Test func committedConfigsAreWrittenAgainByteForByte() throws {
        let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("results")
        let runs = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
        #expect(runs.contains("quickstart"))
        for run in runs {
            let file = results.appendingPathComponent(run).appendingPathComponent("config.yaml")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            #expect(try SpecLoader.load(yaml: text, file: file.path).resolvedYAML() == text, "\(run)/config.yaml")
        }
    }

    /// Initializers by name or as Keras's map; config.yaml writes those that are not Keras's
    /// defaults, each as a map of all its settings.
    @Test func initializersAreReadInEitherFormAndWrittenWhenNotTheDefault() throws {
        let yaml = """
            name: init
            data: {dataset: synthetic}
            embedding: {dim: 4, embeddings_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}}
            model:
              - lstm: {units: 8, return_sequences: true, kernel_initializer: {name: random_uniform, maxval: 0.2}, recurrent_initializer: random_uniform}
              - gru: {units: 8, kernel_initializer: orthogonal, recurrent_initializer: {name: orthogonal, gain: 2}}
              - dense: {units: 4, kernel_initializer: zeros}
              - dense: {units: 4, kernel_initializer: glorot_uniform}

            """
        let spec = try SpecLoader.load(yaml: yaml, file: "init.yaml")
        #expect(spec.embedding?.embeddingsInitializer == .randomUniform(minval: -0.1, maxval: 0.1))
        #expect(spec.model == [
            .lstm(RecurrentSpec(units: 8, returnSequences: true, kernelInitializer: .randomUniform(minval: -0.05, maxval: 0.2),
                                recurrentInitializer: .kerasUniform)),
            .gru(RecurrentSpec(units: 8, kernelInitializer: .orthogonal(gain: 1), recurrentInitializer: .orthogonal(gain: 2))),
            .dense(DenseSpec(units: 4, kernelInitializer: .zeros)),
            .dense(DenseSpec(units: 4)),
        ])
        let resolved = spec.resolvedYAML()
        #expect(resolved.contains("""
            embedding:
              dim: 4
              init: random
              trainable: true
              embeddings_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}
            model:
              - lstm: {units: 8, return_sequences: true, dropout: 0.0, recurrent_dropout: 0.0, recurrent_activation: sigmoid, \
            bidirectional: false, stateful: false, kernel_initializer: {name: random_uniform, minval: -0.05, maxval: 0.2}, \
            recurrent_initializer: {name: random_uniform, minval: -0.05, maxval: 0.05}}
              - gru: {units: 8, return_sequences: false, dropout: 0.0, recurrent_dropout: 0.0, recurrent_activation: sigmoid, \
            bidirectional: false, stateful: false, kernel_initializer: {name: orthogonal, gain: 1.0}, \
            recurrent_initializer: {name: orthogonal, gain: 2.0}}
              - dense: {units: 4, activation: linear, kernel_initializer: zeros}
              - dense: {units: 4, activation: linear}

            """))
        #expect(try SpecLoader.load(yaml: resolved, file: "config.yaml") == spec)
    }

    /// A map without a name changes the setting's default initializer, so `--set` can tune one
    /// setting of it.
    @Test func anInitializerWithoutANameAdjustsTheDefault() throws {
        let spec = try SpecLoader.load(yaml: validExperiment, file: "exp.yaml", overrides: [
            "model.0.lstm.recurrent_initializer.gain=0.5", "embedding.embeddings_initializer.maxval=0.5",
        ])
        #expect(spec.model == [.lstm(RecurrentSpec(units: 32, recurrentInitializer: .orthogonal(gain: 0.5)))])
        #expect(spec.embedding?.embeddingsInitializer == .randomUniform(minval: -0.05, maxval: 0.5))
    }

    @Test func earlyStoppingModeAutoFollowsTheMetric() {
        #expect(EarlyStoppingSpec(monitor: "val_accuracy").mode == "max")
        #expect(EarlyStoppingSpec(monitor: "train_loss").mode == "min")
        #expect(EarlyStoppingSpec(monitor: "val_loss", mode: "max").mode == "max")
    }

    @Test func theFullFileRoundTripsThroughResolvedYAML() throws {
        let spec = try SpecLoader.load(yaml: Self.fullFile, file: "full.yaml")
        let resolved = spec.resolvedYAML()
        #expect(try SpecLoader.load(yaml: resolved, file: "config.yaml") == spec)
        #expect(try SpecLoader.load(yaml: resolved, file: "config.yaml").resolvedYAML() == resolved)
    }

    /// Each dataset's defaults, written out and read back.
    @Test(arguments: DatasetKind.allCases)
    func everyDatasetRoundTrips(kind: DatasetKind) throws {
        let path = kind == .textTable || kind == .textCorpus ? ", path: t.txt" : ""
        let embedding = kind.givesTokens ? "embedding: {dim: 4}\n" : ""
        let sequences = kind.labelsWholeSequences ? "" : ", return_sequences: true"
        let spec = try SpecLoader.load(
            yaml: "name: x\ndata: {dataset: \(kind.rawValue)\(path)}\n\(embedding)model: [lstm: {units: 2\(sequences)}]",
            file: "x.yaml")
        #expect(spec.data.maxLen == (kind == .synthetic ? 12 : 80))
        #expect(spec.data.vocabSize == (kind.readsText ? 10_000 : nil))
        #expect(try SpecLoader.load(yaml: spec.resolvedYAML(), file: "config.yaml") == spec)
    }

    @Test(arguments: OptimizerName.allCases)
    func everyOptimizerRoundTrips(name: OptimizerName) throws {
        let yaml = validExperiment + "  optimizer: {name: \(name.rawValue), learning_rate: 0.25}\n"
        let spec = try SpecLoader.load(yaml: yaml, file: "exp.yaml")
        #expect(try SpecLoader.load(yaml: spec.resolvedYAML(), file: "config.yaml") == spec)
    }

    @Test func resolvedYAMLIsByteIdenticalForEqualSpecs() throws {
        let a = try SpecLoader.load(yaml: Self.fullFile, file: "full.yaml")
        let b = try SpecLoader.load(yaml: Self.fullFile, file: "full.yaml")
        #expect(a.resolvedYAML() == b.resolvedYAML())
    }

    @Test func resolvedYAMLOfTheMinimalSpecIsDocumented() throws {
        let spec = ExperimentSpec(name: "minimal", data: DataSpec(dataset: .synthetic),
                                  embedding: EmbeddingSpec(dim: 4), model: [.lstm(RecurrentSpec(units: 8)), .dropout(rate: 0.5)])
        #expect(spec.resolvedYAML() == """
            name: minimal
            seed: 42
            data:
              dataset: synthetic
              samples: 2000
              val_samples: 500
              max_len: 12
              validation: test
            embedding:
              dim: 4
              init: random
              trainable: true
            model:
              - lstm: {units: 8, return_sequences: false, dropout: 0.0, recurrent_dropout: 0.0, recurrent_activation: sigmoid, bidirectional: false, stateful: false}
              - dropout: 0.5
            training:
              epochs: 10
              batch_size: 32
              shuffle: true
              optimizer: {name: rmsprop, learning_rate: 0.001, rho: 0.9, momentum: 0.0, epsilon: 1.0e-07, weight_decay: 0.0}
            output:
              decimals: 4

            """)
    }

    @Test func numbersAlwaysHaveADecimalPoint() {
        #expect(YAMLText.number(1e-7) == "1.0e-07")
        #expect(YAMLText.number(2.5e-9) == "2.5e-09")
        #expect(YAMLText.number(5) == "5.0")
        #expect(YAMLText.number(0.001) == "0.001")
        #expect(YAMLText.number(1e16) == "1.0e+16")
    }

    @Test func stringsAreQuotedWhenPlainTextWouldReadDifferently() {
        #expect(YAMLText.string("quickstart") == "quickstart")
        #expect(YAMLText.string("data/aclImdb") == "data/aclImdb")
        #expect(YAMLText.string("123") == "\"123\"")
        #expect(YAMLText.string("yes") == "\"yes\"")
        #expect(YAMLText.string("a b: \"c\"\\") == "\"a b: \\\"c\\\"\\\\\"")
    }

    @Test func awkwardStringsRoundTrip() throws {
        for path in ["123", "null", "-x", "a #b", "tab\there", "line\nbreak", "naïve ☃"] {
            var spec = try SpecLoader.load(yaml: validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: imdb"),
                                           file: "exp.yaml")
            spec.data.path = path
            #expect(try SpecLoader.load(yaml: spec.resolvedYAML(), file: "config.yaml") == spec)
        }
    }
}
