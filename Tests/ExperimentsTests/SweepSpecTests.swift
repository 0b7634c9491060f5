import Testing
@testable import Experiments

/// The `sweep:` section: trials expanded from grids and random draws, their ids, and problems
/// placed at the entries that cause them.
@Suite struct SweepSpecTests {
    /// The sweep of `validExperiment` followed by `sweep` (indented under `sweep:`).
    func sweep(_ sweep: String, overrides: [String] = []) throws -> Sweep {
        let file = try SpecLoader.read(yaml: validExperiment + "sweep:\n" + sweep, file: "exp.yaml", overrides: overrides)
        guard case .sweep(let sweep) = file else {
            Issue.record("expected a sweep")
            throw SpecErrors(diagnostics: [])
        }
        return sweep
    }

    @Test func aGridMakesEveryCombinationTheFirstParameterSlowest() throws {
        let s = try sweep("""
              grid:
                model.0.lstm.units: [8, 16]
                training.optimizer.learning_rate: [0.001, 0.01, 1e-4]

            """)
        #expect(s.name == "quickstart")
        #expect(s.keys == ["units", "learning_rate"])
        #expect(s.trials.map(\.id) == [
            "units=8,learning_rate=0.001", "units=8,learning_rate=0.01", "units=8,learning_rate=1e-4",
            "units=16,learning_rate=0.001", "units=16,learning_rate=0.01", "units=16,learning_rate=1e-4",
        ])
        #expect(s.trials.map(\.number) == Array(1...6))
        #expect(s.trials[5].labels == ["16", "1e-4"])
        #expect(s.trials[5].spec.model == [.lstm(RecurrentSpec(units: 16))])
        #expect(s.trials[5].spec.training.optimizer.learningRate == 0.0001)
        // Everything else is the file as written.
        #expect(s.trials[5].spec.training.epochs == 2)
        #expect(s.trial("units=8,learning_rate=0.01")?.number == 2)
    }

    @Test func aTrialIsTheFileWithItsValuesSetAsOverrides() throws {
        let s = try sweep("  grid:\n    training.optimizer.learning_rate: [0.003]\n    seed: [7]\n")
        let overridden = try SpecLoader.load(yaml: validExperiment, file: "exp.yaml",
                                             overrides: ["training.optimizer.learning_rate=0.003", "seed=7"])
        #expect(s.trials.map(\.spec) == [overridden])
        #expect(s.trials[0].spec.resolvedYAML() == overridden.resolvedYAML())
    }

    @Test func collidingPathsAreNamedByLongerSuffixes() throws {
        let yaml = validExperiment.replacingOccurrences(of: "  - lstm: {units: 32}",
                                                        with: "  - lstm: {units: 32, return_sequences: true}\n  - gru: {units: 8}")
        let file = try SpecLoader.read(yaml: yaml + """
            sweep:
              grid:
                model.0.lstm.units: [4]
                model.1.gru.units: [4]
                model.0.lstm.dropout: [0.5]

            """, file: "exp.yaml")
        guard case .sweep(let s) = file else { Issue.record("expected a sweep"); return }
        #expect(s.keys == ["lstm.units", "gru.units", "dropout"])
    }

    @Test func namedParametersSetSeveralPathsAndSwapLayerTypes() throws {
        let yaml = validExperiment.replacingOccurrences(of: "  - lstm: {units: 32}",
                                                        with: "  - lstm: {units: 32, return_sequences: true}\n  - lstm: {units: 8}")
        let file = try SpecLoader.read(yaml: yaml + """
            sweep:
              grid:
                cell:
                  paths: [model.0, model.1]
                  values: [lstm, gru]
                units:
                  paths: [model.0.lstm.units, model.1.lstm.units]
                  values: [16, 64]

            """, file: "exp.yaml")
        guard case .sweep(let s) = file else { Issue.record("expected a sweep"); return }
        #expect(s.trials.map(\.id) == ["cell=lstm,units=16", "cell=lstm,units=64", "cell=gru,units=16", "cell=gru,units=64"])
        // The type changes after the units are set, and the layers keep their other settings.
        #expect(s.trials[3].spec.model == [.gru(RecurrentSpec(units: 64, returnSequences: true)), .gru(RecurrentSpec(units: 64))])
    }

    @Test func wholeLayersAreNamedByTheirTypeAndOtherCollectionsByPosition() throws {
        let s = try sweep("""
              grid:
                model.0: [{lstm: {units: 4}}, {gru: {units: 4}}]
                training.optimizer: [{name: sgd}, {name: adam}]
                data.path: [a/b, a_b]

            """, overrides: ["data.dataset=text_table", "data.path=x.csv"])
        #expect(s.trials.first?.id == "0=lstm,optimizer=1,path=1")
        #expect(s.trials.last?.id == "0=gru,optimizer=2,path=2")
    }

    @Test func randomDrawsAreReproducibleDistinctAndRounded() throws {
        let text = """
              random:
                trials: 6
                training.optimizer.learning_rate: {log_uniform: [0.0001, 0.1]}
                model.0.lstm.units: {int: [4, 64]}
                model.0.lstm.dropout: {uniform: [0.0, 0.5]}
                training.batch_size: [16, 32]

            """
        let a = try sweep(text), b = try sweep(text)
        #expect(a == b)
        #expect(a.trials.count == 6)
        #expect(Set(a.trials.map(\.id)).count == 6)
        for trial in a.trials {
            let lr = trial.spec.training.optimizer.learningRate
            #expect(lr >= 0.0001 && lr <= 0.1)
            #expect(YAMLText.number(lr).filter(\.isNumber).drop { $0 == "0" }.count <= 4, "\(lr) has more than 4 digits")
            #expect(trial.id.hasPrefix("learning_rate=\(YAMLText.number(lr)),units=\(trial.spec.model[0].recurrent!.units),"))
            #expect((4...64).contains(trial.spec.model[0].recurrent!.units))
            #expect([16, 32].contains(trial.spec.training.batchSize))
        }
        // Another seed draws other trials.
        let other = try sweep(text, overrides: ["seed=7"])
        #expect(other.trials.map(\.id) != a.trials.map(\.id))
    }

    @Test func roundingKeepsFourSignificantDigits() {
        #expect(SweepExpansion.rounded(0.0012345678) == 0.001235)
        #expect(SweepExpansion.rounded(123.456) == 123.5)
        #expect(YAMLText.number(SweepExpansion.rounded(0.29999999)) == "0.3")
    }

    @Test func tooFewDistinctDrawsIsAProblemAtTrials() {
        #expect(diagnostics(validExperiment + "sweep:\n  random:\n    trials: 3\n    seed: [1, 2]\n") == [
            "exp.yaml:12:13: error: sweep.random.trials: only 2 distinct trials came out of 300 draws; ask for fewer trials, or give the parameters more values",
        ])
    }

    @Test func badValuesArePlacedAtTheSweepEntry() {
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    model.0.lstm.units: [8, -1, 0]\n") == [
            "exp.yaml:12:29: error: model[0].lstm.units: must be at least 1, found -1",
            "exp.yaml:12:33: error: model[0].lstm.units: must be at least 1, found 0",
        ])
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    model.0: [gru, gur]\n") == [
            "exp.yaml:12:20: error: model[0]: unknown layer type `gur` (did you mean `gru`?); layer types: lstm, gru, dense, dropout",
        ])
    }

    @Test func keysThatPointNowhereArePlacedInTheKey() {
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    model.3.lstm.units: [8]\n") == [
            "exp.yaml:12:11: error: model has 1 item, numbered from 0; there is no item `3`",
        ])
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    training.optimizr.learning_rate: [0.1]\n") == [
            "exp.yaml:12:14: error: training: unknown key `optimizr` (did you mean `optimizer`?)",
        ])
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    name: [a, b]\n") == [
            "exp.yaml:12:5: error: sweep.grid.name: `name` cannot vary: the name is the folder of the whole sweep",
        ])
    }

    @Test func malformedSweepsAreRefusedWithAPlace() {
        let cases: [(String, String)] = [
            ("  grdi:\n    seed: [1]\n", "exp.yaml:11:3: error: sweep: unknown key `grdi` (did you mean `grid`?)"),
            ("  grid:\n    seed: 3\n", "exp.yaml:12:11: error: sweep.grid.seed: expected a list of values, e.g. [32, 64], found `3`"),
            ("  grid:\n    seed: []\n", "exp.yaml:12:11: error: sweep.grid.seed: expected a non-empty list of values, e.g. [32, 64], found a list"),
            ("  grid:\n    seed: {uniform: [1, 2]}\n", "exp.yaml:12:12: error: sweep.grid.seed: unknown key `uniform`"),
            ("  random:\n    seed: [1]\n", "exp.yaml:12:5: error: sweep.random: missing required key `trials`, the number of trials to draw"),
            ("  random:\n    trials: 2\n    seed: {log_uniform: [0, 2]}\n",
             "exp.yaml:13:26: error: sweep.random.seed.log_uniform[0]: must be greater than 0, found 0"),
            ("  random:\n    trials: 2\n    seed: {int: [5, 1]}\n",
             "exp.yaml:13:17: error: sweep.random.seed.int: the low end must not be above the high end, found [5, 1]"),
            ("  grid:\n    x:\n      paths: [seed]\n", "exp.yaml:13:7: error: sweep.grid.x: give one of `values`"),
            ("  grid:\n    a b:\n      paths: [seed]\n      values: [1]\n",
             "exp.yaml:12:5: error: sweep.grid.a b: the name `a b` names the parameter in trial ids and folder names; use letters, digits, `_`, `.` and `-`"),
            ("  grid:\n    seed: [1]\n    s:\n      paths: [seed]\n      values: [2]\n",
             "exp.yaml:14:15: error: sweep.grid.s: `seed` is already set by `seed`; a path may vary in one parameter only"),
            ("  grid: {}\n", "exp.yaml:11:9: error: sweep.grid: no parameters to vary; add one, e.g. `training.optimizer.learning_rate: [0.001, 0.01]`"),
        ]
        for (sweep, expected) in cases {
            #expect(diagnostics(validExperiment + "sweep:\n" + sweep) == [expected], "\(sweep)")
        }
    }

    @Test func aSweepCanBeChangedOrRemovedFromTheCommandLine() throws {
        let text = "  grid:\n    seed: [1, 2, 3]\n"
        #expect(try sweep(text, overrides: ["sweep.grid.seed=[4]"]).trials.map(\.id) == ["seed=4"])
        let plain = try SpecLoader.read(yaml: validExperiment + "sweep:\n" + text, file: "exp.yaml", overrides: ["sweep=null"])
        #expect(plain == .single(try SpecLoader.load(yaml: validExperiment, file: "exp.yaml")))
    }

    @Test func loadRefusesASweep() {
        #expect(diagnostics(validExperiment + "sweep:\n  grid:\n    seed: [1, 2]\n") == [])
        #expect(throws: SpecErrors.self) {
            try SpecLoader.load(yaml: validExperiment + "sweep:\n  grid:\n    seed: [1, 2]\n", file: "exp.yaml")
        }
    }

    @Test func aRenameOverrideChangesALayersTypeFromTheCommandLine() throws {
        let spec = try SpecLoader.load(yaml: validExperiment, file: "exp.yaml", overrides: ["model.0=gru"])
        #expect(spec.model == [.gru(RecurrentSpec(units: 32))])
    }
}
