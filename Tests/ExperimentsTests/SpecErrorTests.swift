import Foundation
import Testing
@testable import Experiments

/// The catalogue of bad experiment files: each with the exact diagnostics, place and wording.
@Suite struct SpecErrorTests {
    @Test func theValidBaseLoads() {
        #expect(diagnostics(validExperiment) == [])
    }

    @Test func yamlSyntaxErrorIsPlacedWhereLibYAMLStops() {
        let yaml = """
            name: quickstart
              data: x
            """
        #expect(diagnostics(yaml) == [
            "exp.yaml:2:7: error: invalid YAML: mapping values are not allowed in this context",
        ])
    }

    @Test func tabIndentationIsNamed() {
        let yaml = "name: quickstart\ndata:\n\tdataset: synthetic\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:3:1: error: invalid YAML: a tab character; YAML indents with spaces only",
        ])
    }

    @Test func duplicateKeyPointsAtTheSecondOccurrence() {
        let yaml = validExperiment + "  batch_size: 8\n  epochs: 3\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:11:3: error: duplicate key `epochs`: a key may appear once in a mapping (first at line 9)",
        ])
    }

    @Test func duplicateKeyInAFlowMappingPointsAtTheFirst() {
        let yaml = "name: q\ntraining: {epochs: 1, epochs: 2}\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:2:12: error: duplicate key `epochs`: a key may appear once in a mapping",
        ])
    }

    @Test func aDocumentThatIsNotAMapping() {
        #expect(diagnostics("- lstm\n- gru\n") == [
            "exp.yaml:1:1: error: the file must be a mapping of settings (name:, data:, model:, ...); found a list",
        ])
    }

    @Test func anEmptyFileLacksTheRequiredKeys() {
        #expect(diagnostics("") == [
            "exp.yaml:1:1: error: missing required key `name`",
            "exp.yaml:1:1: error: missing required key `data`",
            "exp.yaml:1:1: error: missing required key `model`",
        ])
    }

    @Test func missingNameIsPlacedAtTheEnclosingMapping() {
        let yaml = validExperiment.replacingOccurrences(of: "name: quickstart\n", with: "")
        #expect(diagnostics(yaml) == ["exp.yaml:1:1: error: missing required key `name`"])
    }

    @Test func missingKeyInASectionIsPlacedAtTheSection() {
        let yaml = validExperiment.replacingOccurrences(of: "  dim: 16\n", with: "  trainable: false\n")
        #expect(diagnostics(yaml) == ["exp.yaml:5:3: error: embedding: missing required key `dim`"])
    }

    @Test func aNameThatCannotBeAFolder() {
        let yaml = validExperiment.replacingOccurrences(of: "name: quickstart", with: "name: my run/1")
        #expect(diagnostics(yaml) == [
            "exp.yaml:1:7: error: name: `my run/1` cannot name the results folder; use letters, digits, `_`, `.` and `-`",
        ])
    }

    @Test func unknownKeyWithSuggestion() {
        let yaml = validExperiment.replacingOccurrences(
            of: "lstm: {units: 32}", with: "lstm: {units: 32, return_sequence: true}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:23: error: model[0].lstm: unknown key `return_sequence` (did you mean `return_sequences`?)",
        ])
    }

    @Test func unknownTopLevelKeyWithoutANearOne() {
        #expect(diagnostics(validExperiment + "colour: blue\n") == ["exp.yaml:10:1: error: unknown key `colour`"])
    }

    @Test func wrongType() {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: abc")
        #expect(diagnostics(yaml) == ["exp.yaml:9:11: error: training.epochs: expected an integer, found `abc`"])
    }

    @Test func aQuotedNumberIsAString() {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: \"2\"")
        #expect(diagnostics(yaml) == ["exp.yaml:9:11: error: training.epochs: expected an integer, found `2`"])
    }

    @Test func dropoutOutOfRange() {
        let yaml = validExperiment.replacingOccurrences(of: "lstm: {units: 32}", with: "lstm: {units: 32, dropout: 1.5}")
        #expect(diagnostics(yaml) == ["exp.yaml:7:32: error: model[0].lstm.dropout: must be in [0, 1), found 1.5"])
    }

    @Test func zeroUnits() {
        let yaml = validExperiment.replacingOccurrences(of: "units: 32", with: "units: 0")
        #expect(diagnostics(yaml) == ["exp.yaml:7:19: error: model[0].lstm.units: must be at least 1, found 0"])
    }

    @Test func negativeEpochs() {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: -1")
        #expect(diagnostics(yaml) == ["exp.yaml:9:11: error: training.epochs: must be at least 1, found -1"])
    }

    @Test func learningRateMustBePositive() {
        let yaml = validExperiment + "  optimizer: {name: adam, learning_rate: 0}\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:42: error: training.optimizer.learning_rate: must be greater than 0, found 0",
        ])
    }

    @Test func emptyModel() {
        let yaml = validExperiment.replacingOccurrences(of: "model:\n  - lstm: {units: 32}", with: "model: []")
        #expect(diagnostics(yaml) == [
            "exp.yaml:6:8: error: model: the list of layers is empty; add one, e.g. `- lstm: {units: 32}`",
        ])
    }

    @Test func unknownDatasetListsTheKnownOnes() {
        let yaml = validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: cifar")
        #expect(diagnostics(yaml) == [
            "exp.yaml:3:12: error: data.dataset: unknown dataset `cifar`; "
                + "expected one of synthetic, imdb, text_folder, text_table, idx_images, text_corpus",
        ])
    }

    @Test func aVocabularyNeedsRoomForTheReservedIds() {
        let yaml = validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: imdb\n  vocab_size: 3")
        #expect(diagnostics(yaml) == ["exp.yaml:4:15: error: data.vocab_size: must be at least 4, found 3"])
    }

    @Test func aSettingOfAnotherDatasetIsNamed() {
        let yaml = validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: idx_images\n  vocab_size: 300")
        #expect(diagnostics(yaml) == [
            "exp.yaml:4:3: error: data: `vocab_size` is not a setting of idx_images, which takes path, sequence, validation",
        ])
    }

    @Test func misspeltDatasetIsSuggested() {
        let yaml = validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: synthetc")
        #expect(diagnostics(yaml) == [
            "exp.yaml:3:12: error: data.dataset: unknown dataset `synthetc` (did you mean `synthetic`?); "
                + "expected one of synthetic, imdb, text_folder, text_table, idx_images, text_corpus",
        ])
    }

    @Test func unknownOptimizer() {
        let yaml = validExperiment + "  optimizer: adma\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:14: error: training.optimizer: unknown optimizer `adma` (did you mean `adam`?); expected one of sgd, adam, rmsprop, adagrad",
        ])
    }

    @Test func aSettingOfAnotherOptimizer() {
        let yaml = validExperiment + "  optimizer: {name: sgd, beta_1: 0.5}\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:26: error: training.optimizer: `beta_1` is not a setting of sgd, which takes learning_rate, momentum, nesterov, weight_decay",
        ])
    }

    @Test func unknownActivation() {
        let yaml = validExperiment.replacingOccurrences(
            of: "lstm: {units: 32}", with: "lstm: {units: 32}\n  - dense: {units: 8, activation: relu6}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:8:35: error: model[1].dense.activation: unknown activation `relu6` (did you mean `relu`?); expected one of linear, relu, tanh, sigmoid, hard_sigmoid, softmax",
        ])
    }

    @Test func unknownLayerType() {
        let yaml = validExperiment.replacingOccurrences(of: "lstm: {units: 32}", with: "ltsm: {units: 32}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:5: error: model[0]: unknown layer type `ltsm` (did you mean `lstm`?); layer types: lstm, gru, dense, dropout",
        ])
    }

    @Test func layerSettingsNotIndentedUnderTheType() {
        let yaml = validExperiment.replacingOccurrences(of: "  - lstm: {units: 32}", with: "  - lstm:\n    units: 32")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:5: error: model[0]: a layer is a map with one key, its type, e.g. `- lstm: {units: 32}`; found 2 keys, `lstm`, `units` (indent the settings under `lstm`)",
        ])
    }

    @Test func recurrentLayerFedByOneThatDoesNotReturnSequences() {
        let yaml = validExperiment.replacingOccurrences(
            of: "  - lstm: {units: 32}", with: "  - lstm: {units: 32}\n  - dropout: 0.2\n  - gru: {units: 8}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:9:5: error: gru at model[2] needs a sequence, but model[0] (lstm) has return_sequences: false; set return_sequences: true on model[0]",
        ])
    }

    @Test func recurrentLayerAfterADenseLayer() {
        let yaml = validExperiment.replacingOccurrences(
            of: "  - lstm: {units: 32}", with: "  - lstm: {units: 32, return_sequences: true}\n  - dense: {units: 8}\n  - lstm: {units: 8}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:9:5: error: lstm at model[2] cannot follow dense at model[1]: recurrent layers read sequences and come before dense layers",
        ])
    }

    @Test func aClassifierMustNotEndInASequence() {
        let yaml = validExperiment.replacingOccurrences(
            of: "lstm: {units: 32}", with: "lstm: {units: 32, return_sequences: true}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:5: error: model[0] (lstm) is the last recurrent layer and has return_sequences: true, so the model ends in a sequence, but dataset synthetic has one label per sequence; set return_sequences: false on model[0]",
        ])
    }

    @Test func aModelWithoutARecurrentLayer() {
        let yaml = validExperiment.replacingOccurrences(of: "lstm: {units: 32}", with: "dense: {units: 32}")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:3: error: model: no lstm or gru layer reads the sequence into one vector; add one",
        ])
    }

    @Test func tokenDatasetsNeedAnEmbedding() {
        let yaml = validExperiment.replacingOccurrences(of: "embedding:\n  dim: 16\n", with: "")
        #expect(diagnostics(yaml) == [
            "exp.yaml:1:1: error: missing required key `embedding`: dataset synthetic gives token ids, which need an embedding, e.g. `embedding: {dim: 16}`",
        ])
    }

    @Test func gloveNeedsAPath() {
        let yaml = validExperiment.replacingOccurrences(of: "  dim: 16\n", with: "  dim: 16\n  init: glove\n")
        #expect(diagnostics(yaml) == ["exp.yaml:5:3: error: embedding: missing required key `path`"])
    }

    @Test func validationFractionMustBeInsideTheUnitInterval() {
        let yaml = validExperiment.replacingOccurrences(of: "dataset: synthetic", with: "dataset: synthetic\n  validation: 1.0")
        #expect(diagnostics(yaml) == ["exp.yaml:4:15: error: data.validation: must be in (0, 1), found 1.0"])
    }

    @Test func earlyStoppingMonitorNames() {
        let yaml = validExperiment + "  early_stopping: {monitor: val_acc}\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:29: error: training.early_stopping.monitor: unknown metric `val_acc`; expected one of train_loss, train_accuracy, val_loss, val_accuracy, "
                + "train_perplexity, val_perplexity",
        ])
    }

    @Test func aStepDecayStartsAtAWholeEpochFromOne() {
        let yaml = validExperiment + "  lr_schedule: {name: step_decay, factor: 0.5, every: 1, start: 0}\n"
        #expect(diagnostics(yaml) == ["exp.yaml:10:65: error: training.lr_schedule.start: must be at least 1, found 0"])
        let fraction = validExperiment + "  lr_schedule: {name: step_decay, factor: 0.5, every: 1, start: 4.5}\n"
        #expect(diagnostics(fraction) == ["exp.yaml:10:65: error: training.lr_schedule.start: expected an integer, found `4.5`"])
        let misspelt = validExperiment + "  lr_schedule: {name: step_decay, factor: 0.5, every: 1, strat: 5}\n"
        #expect(diagnostics(misspelt) == [
            "exp.yaml:10:58: error: training.lr_schedule: unknown key `strat` (did you mean `start`?)",
        ])
    }

    @Test func initializerNamesAndSettingsAreChecked() {
        func layer(_ settings: String) -> String {
            validExperiment.replacingOccurrences(of: "lstm: {units: 32}", with: "lstm: {units: 32, \(settings)}")
        }
        #expect(diagnostics(layer("kernel_initializer: glorot_unifrom")) == [
            "exp.yaml:7:43: error: model[0].lstm.kernel_initializer: unknown initializer `glorot_unifrom` (did you mean "
                + "`glorot_uniform`?); expected one of glorot_uniform, orthogonal, random_uniform, zeros",
        ])
        #expect(diagnostics(layer("kernel_initializer: {name: glorot_uniform, gain: 2}")) == [
            "exp.yaml:7:66: error: model[0].lstm.kernel_initializer: `gain` is not a setting of glorot_uniform, which takes none",
        ])
        #expect(diagnostics(layer("recurrent_initializer: {name: random_uniform, gain: 2}")) == [
            "exp.yaml:7:69: error: model[0].lstm.recurrent_initializer: `gain` is not a setting of random_uniform, "
                + "which takes minval, maxval",
        ])
        #expect(diagnostics(layer("kernel_initializer: {name: random_uniform, minval: 0.1, maxval: -0.1}")) == [
            "exp.yaml:7:87: error: model[0].lstm.kernel_initializer: minval must be below maxval, found minval 0.1 and maxval -0.1",
        ])
        #expect(diagnostics(layer("recurrent_initializer: {name: orthogonal, gain: 0}")) == [
            "exp.yaml:7:71: error: model[0].lstm.recurrent_initializer.gain: must be greater than 0, found 0",
        ])
    }

    @Test func embeddingsInitializerIsOnlyForRandomVectors() {
        let glove = validExperiment.replacingOccurrences(
            of: "  dim: 16\n", with: "  dim: 16\n  init: glove\n  path: g.txt\n  embeddings_initializer: zeros\n")
        #expect(diagnostics(glove) == ["exp.yaml:8:3: error: embedding.embeddings_initializer: only read with `init: random`"])
        let oneHot = validExperiment.replacingOccurrences(
            of: "  dim: 16\n", with: "  init: one_hot\n  embeddings_initializer: zeros\n")
        #expect(diagnostics(oneHot) == [
            "exp.yaml:6:3: error: embedding.embeddings_initializer: one-hot vectors are fixed and as long as the vocabulary; "
                + "leave `embeddings_initializer` out",
        ])
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() {
        let yaml = """
            name: quickstart
            seed: -3
            data:
              dataset: synthetic
              max_len: many
            embedding: {dim: 16}
            model:
              - lstm: {units: 32, unit: 3}
              - dropout: 1.5
            training:
              epochs: 0
              optimizer: {name: adam, epsilon: 0}
            output:
              decimals: 11

            """
        #expect(diagnostics(yaml) == [
            "exp.yaml:2:7: error: seed: must be at least 0, found -3",
            "exp.yaml:5:12: error: data.max_len: expected an integer, found `many`",
            "exp.yaml:8:23: error: model[0].lstm: unknown key `unit` (did you mean `units`?)",
            "exp.yaml:9:14: error: model[1].dropout: must be in [0, 1), found 1.5",
            "exp.yaml:11:11: error: training.epochs: must be at least 1, found 0",
            "exp.yaml:12:36: error: training.optimizer.epsilon: must be greater than 0, found 0",
            "exp.yaml:14:13: error: output.decimals: must be in [0, 10], found 11",
        ])
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(diagnostics(yaml) == [
            "exp.yaml:1:1: error: the document expands to more than 100000 YAML nodes (aliases of aliases?); refusing to read it",
        ])
    }

    @Test func aliasAsAKeyIsRefusedBeforeYamsHashesIt() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "? *i\n: 1\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:3: error: an alias used as a key; experiment files do not support that",
        ])
    }

    @Test func smallAliasesAreFine() {
        let yaml = """
            name: quickstart
            data: {dataset: synthetic}
            embedding: {dim: 16}
            model:
              - lstm: {units: &width 8, return_sequences: true}
              - gru: {units: *width}

            """
        #expect(diagnostics(yaml) == [])
    }
}
