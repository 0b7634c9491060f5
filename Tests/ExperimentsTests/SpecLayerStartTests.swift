import Testing
@testable import Experiments

/// How layers start, beyond their kernels: `bias_initializer`, an LSTM's `unit_forget_bias`, and
/// the `- output:` entry that ends the model list; read, refused at their places, and written to
/// `config.yaml` when they are not the defaults.
@Suite struct SpecLayerStartTests {
    /// A classifier of synthetic data whose `model:` list is `lines`, its first line on line 5.
    static func experiment(_ lines: String, dataset: String = "synthetic") -> String {
        let data = dataset == "text_corpus" ? "{dataset: text_corpus, path: corpus.txt}" : "{dataset: \(dataset)}"
        return "name: t\ndata: \(data)\nembedding: {dim: 4}\nmodel:\n" + lines
    }

    static let uniform = InitializerSpec.randomUniform(minval: -0.1, maxval: 0.1)

    @Test func theNewKeysAreRead() throws {
        let spec = try SpecLoader.load(yaml: Self.experiment("""
              - lstm: {units: 8, return_sequences: true, bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}, unit_forget_bias: false}
              - gru: {units: 8, bias_initializer: glorot_uniform}
              - dense: {units: 4, bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}}
              - output: {kernel_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}, bias_initializer: zeros}

            """), file: "t.yaml")
        #expect(spec.model == [
            .lstm(RecurrentSpec(units: 8, returnSequences: true, biasInitializer: Self.uniform, unitForgetBias: false)),
            .gru(RecurrentSpec(units: 8, biasInitializer: .glorotUniform)),
            .dense(DenseSpec(units: 4, biasInitializer: Self.uniform)),
        ])
        #expect(spec.outputLayer == OutputLayerSpec(kernelInitializer: Self.uniform, biasInitializer: .zeros))
    }

    @Test func withoutTheNewKeysEverythingKeepsKerasDefaults() throws {
        let spec = try SpecLoader.load(yaml: Self.experiment("  - lstm: {units: 8}\n  - output:\n"), file: "t.yaml")
        #expect(spec.model == [.lstm(RecurrentSpec(units: 8))])
        guard case .lstm(let lstm) = spec.model[0] else { return }
        #expect(lstm.biasInitializer == .zeros && lstm.unitForgetBias)
        #expect(spec.outputLayer == OutputLayerSpec(kernelInitializer: .glorotUniform, biasInitializer: .zeros))
    }

    /// The output entry is left out of the shape checks: a classifier may end `lstm, output`,
    /// and a language model's recurrent layers still return sequences with it after them.
    @Test func theOutputEntryIsNoLayerOfTheShapeChecks() throws {
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: {bias_initializer: zeros}\n")) == [])
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8, return_sequences: true}\n  - output: {}\n",
                                            dataset: "text_corpus")) == [])
        // The indices of the messages are the list's, the output entry counted.
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: {}\n  - lstm: {units: 8}\n")) == [
            "exp.yaml:6:5: error: model[1].output: the output layer's settings must be the last entry of the list, "
                + "as that layer comes after all the others",
            "exp.yaml:7:5: error: lstm at model[2] needs a sequence, but model[0] (lstm) has return_sequences: false; "
                + "set return_sequences: true on model[0]",
        ])
    }

    @Test func anOrthogonalBiasIsRefusedAtItsName() {
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8, bias_initializer: orthogonal}\n")) == [
            "exp.yaml:5:40: error: model[0].lstm.bias_initializer: orthogonal needs a matrix, but a bias is a vector; "
                + "expected one of glorot_uniform, random_uniform, zeros",
        ])
        #expect(diagnostics(Self.experiment("  - gru: {units: 8}\n  - dense: {units: 2, bias_initializer: {name: orthogonal, gain: 2}}\n")) == [
            "exp.yaml:6:48: error: model[1].dense.bias_initializer: orthogonal needs a matrix, but a bias is a vector; "
                + "expected one of glorot_uniform, random_uniform, zeros",
        ])
        #expect(diagnostics(Self.experiment("  - gru: {units: 8}\n  - output: {bias_initializer: orthogonal}\n")) == [
            "exp.yaml:6:32: error: model[1].output.bias_initializer: orthogonal needs a matrix, but a bias is a vector; "
                + "expected one of glorot_uniform, random_uniform, zeros",
        ])
        // A kernel is a matrix: orthogonal stays fine there, the output layer's too.
        #expect(diagnostics(Self.experiment("  - gru: {units: 8}\n  - output: {kernel_initializer: orthogonal}\n")) == [])
    }

    @Test func unitForgetBiasIsAnLSTMsOnly() {
        #expect(diagnostics(Self.experiment("  - gru: {units: 8, unit_forget_bias: false}\n")) == [
            "exp.yaml:5:21: error: model[0].gru.unit_forget_bias: only an lstm has a forget gate; leave it out of this gru",
        ])
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8, unit_forget_bias: 0}\n")) == [
            "exp.yaml:5:40: error: model[0].lstm.unit_forget_bias: expected true or false, found `0`",
        ])
    }

    @Test func theOutputEntrySetsOnlyInitializers() {
        let message = "the output layer's size and activation follow from the task (one logit for two classes, one per "
            + "class for more, one per token for a language model); the output entry sets only kernel_initializer and "
            + "bias_initializer"
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: {units: 3, activation: softmax}\n")) == [
            "exp.yaml:6:14: error: model[1].output.units: " + message,
            "exp.yaml:6:24: error: model[1].output.activation: " + message,
        ])
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: {bias_initialiser: zeros}\n")) == [
            "exp.yaml:6:14: error: model[1].output: unknown key `bias_initialiser` (did you mean `bias_initializer`?)",
        ])
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: glorot_uniform\n")) == [
            "exp.yaml:6:13: error: model[1].output: expected a mapping, found `glorot_uniform`",
        ])
    }

    @Test func theOutputEntryComesOnceAndLast() {
        #expect(diagnostics(Self.experiment("  - output: {}\n  - lstm: {units: 8}\n")) == [
            "exp.yaml:5:5: error: model[0].output: the output layer's settings must be the last entry of the list, "
                + "as that layer comes after all the others",
        ])
        #expect(diagnostics(Self.experiment("  - lstm: {units: 8}\n  - output: {}\n  - output: {}\n")) == [
            "exp.yaml:7:5: error: model[2].output: the output layer is already set at model[1]; set it once, "
                + "in the last entry of the list",
        ])
        #expect(diagnostics(Self.experiment("  - output: {}\n")) == [
            "exp.yaml:5:3: error: model: no layers besides the `output` entry; add one before it, e.g. `- lstm: {units: 32}`",
        ])
        #expect(diagnostics(Self.experiment("  - outptu: {}\n")) == [
            "exp.yaml:5:5: error: model[0]: unknown layer type `outptu` (did you mean `output`?); "
                + "layer types: lstm, gru, dense, dropout",
        ])
    }

    /// `--set` reaches the output entry by its index, as any item of the list.
    @Test func overridesReachTheOutputEntry() throws {
        let spec = try SpecLoader.load(yaml: Self.experiment("  - lstm: {units: 8}\n  - output: {}\n"), file: "t.yaml",
                                       overrides: ["model.1.output.bias_initializer=random_uniform"])
        #expect(spec.outputLayer == OutputLayerSpec(biasInitializer: .kerasUniform))
    }

    /// config.yaml writes each new key only when it is not the default, and reads back to the same spec.
    @Test func configYAMLWritesWhatIsNotTheDefault() throws {
        let spec = try SpecLoader.load(yaml: Self.experiment("""
              - lstm: {units: 8, return_sequences: true, bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}, unit_forget_bias: false}
              - lstm: {units: 8, return_sequences: true, bias_initializer: zeros, unit_forget_bias: true}
              - gru: {units: 8, bias_initializer: glorot_uniform}
              - dense: {units: 4, bias_initializer: random_uniform}
              - output: {bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}}

            """), file: "t.yaml")
        let resolved = spec.resolvedYAML()
        let recurrent = "dropout: 0.0, recurrent_dropout: 0.0, recurrent_activation: sigmoid, bidirectional: false, stateful: false"
        #expect(resolved.contains("""
            model:
              - lstm: {units: 8, return_sequences: true, \(recurrent), \
            bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}, unit_forget_bias: false}
              - lstm: {units: 8, return_sequences: true, \(recurrent)}
              - gru: {units: 8, return_sequences: false, \(recurrent), bias_initializer: glorot_uniform}
              - dense: {units: 4, activation: linear, bias_initializer: {name: random_uniform, minval: -0.05, maxval: 0.05}}
              - output: {bias_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}}
            training:
            """))
        #expect(try SpecLoader.load(yaml: resolved, file: "config.yaml") == spec)

        let defaults = try SpecLoader.load(yaml: Self.experiment("  - lstm: {units: 8}\n  - output: {kernel_initializer: glorot_uniform}\n"),
                                           file: "t.yaml")
        #expect(!defaults.resolvedYAML().contains("output: {"))
        #expect(!defaults.resolvedYAML().contains("bias"))
    }
}
