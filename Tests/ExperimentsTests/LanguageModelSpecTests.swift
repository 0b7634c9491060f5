import Testing
@testable import Experiments

/// Reading and writing the settings of language models (`dataset: text_corpus`).
@Suite struct LanguageModelSpecTests {
    static let base = """
        name: lm
        data:
          dataset: text_corpus
          path: corpus.txt
        embedding:
          init: one_hot
        model:
          - gru: {units: 8, return_sequences: true}
        training:
          steps: 5
          loss_reduction: sum_over_steps
        generation:
          sample_every: 2
          prefixes: [分开, "a b"]

        """

    @Test func defaultsAreFilledInAndTheResolvedSpecReadsBack() throws {
        let spec = try SpecLoader.load(yaml: Self.base, file: "lm.yaml", overrides: [])
        #expect(spec.data.tokens == "char" && spec.data.lineEnds == "space" && spec.data.validation == .fraction(0.1))
        #expect(spec.training.sampling == "consecutive" && spec.training.steps == 5 && spec.training.checkpoint == "none")
        #expect(spec.generation == GenerationSpec(sampleEvery: 2, sampleLength: 50, prefixes: ["分开", "a b"], temperature: 0))
        let again = try SpecLoader.load(yaml: spec.resolvedYAML(), file: "config.yaml", overrides: [])
        #expect(again == spec)
        #expect(spec.resolvedYAML().contains("embedding:\n  init: one_hot\n"))
    }

    @Test func wordsEndLinesWithEndOfLineTokensByDefaultAndAValidFileIsTheValidation() throws {
        let yaml = Self.base.replacingOccurrences(of: "  path: corpus.txt", with: "  path: train.txt\n  valid: valid.txt\n  tokens: word")
        let spec = try SpecLoader.load(yaml: yaml, file: "lm.yaml", overrides: [])
        #expect(spec.data.lineEnds == "eos" && spec.data.validation == .test && spec.data.valid == "valid.txt")
    }

    @Test func aLanguageModelMustReturnSequencesAndReadOnlyThePast() {
        let yaml = Self.base.replacingOccurrences(of: "return_sequences: true", with: "bidirectional: true")
        #expect(diagnostics(yaml) == [
            "exp.yaml:8:5: error: model[0] (gru) has return_sequences: false, but dataset text_corpus predicts a token "
                + "at every step; set return_sequences: true",
            "exp.yaml:8:5: error: model[0] (gru) is bidirectional, but a language model may only read the tokens "
                + "before the one it predicts; set bidirectional: false",
        ])
    }

    @Test func classifiersRefuseLanguageModelSettings() {
        let yaml = validExperiment + "  steps: 5\ngeneration:\n  sample_every: 1\n  prefixes: [a]\n"
        #expect(diagnostics(yaml) == [
            "exp.yaml:10:3: error: training.steps: only language models (dataset text_corpus) read it",
            "exp.yaml:11:1: error: generation: only language models (dataset text_corpus) generate text",
        ])
    }

    @Test func validationNamesTheMissingValidText() {
        let yaml = Self.base.replacingOccurrences(of: "  path: corpus.txt", with: "  path: corpus.txt\n  validation: test")
        #expect(diagnostics(yaml) == [
            "exp.yaml:5:15: error: data.validation: `test` validates on the `valid` text, which is not given; "
                + "add `valid:`, or give a fraction of the training text or `none`",
        ])
    }

    @Test func oneHotVectorsTakeNoDimension() {
        let yaml = Self.base.replacingOccurrences(of: "init: one_hot", with: "init: one_hot\n  dim: 4")
        #expect(diagnostics(yaml) == [
            "exp.yaml:7:3: error: embedding.dim: one-hot vectors are fixed and as long as the vocabulary; leave `dim` out",
        ])
    }
}
