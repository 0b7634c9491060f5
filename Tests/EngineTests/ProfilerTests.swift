@testable import Engine
import Testing

@Suite struct ProfilerTests {
    /// A profiled forward and backward report time in each of the recurrent layer's sections,
    /// none in the trainer's, and compute exactly what an unprofiled pass computes.
    @Test(arguments: RecurrentKind.allCases)
    func recurrentLayersReportTheirSectionsWithoutChangingResults(kind: RecurrentKind) {
        func run(profiler: Profiler) -> [[Float]] {
            let options = RecurrentOptions(units: 8, returnSequences: true, dropout: 0.25)
            let layer = kind.make(inputSize: 5, options: options, streams: RandomStreams(seed: 1))
            let model = Sequential([layer])
            model.profiler = profiler
            let y = model.forward(randomTensor([6, 9, 5], seed: 2), training: true)
            let dx = layer.backward(randomTensor(y.shape, seed: 3))
            return [y.scalars, dx.scalars] + layer.parameters.map(\.gradient.scalars)
        }
        let profiler = Profiler(enabled: true)
        #expect(run(profiler: profiler) == run(profiler: Profiler()))
        for section in [ProfileSection.inputProjections, .recurrentSteps, .gateMath, .backwardProducts] {
            #expect(profiler.seconds(section) > 0, "\(section.label)")
        }
        for section in [ProfileSection.data, .otherLayers, .optimizer, .evaluation] {
            #expect(profiler.seconds(section) == 0, "\(section.label)")
        }
        #expect(profiler.engineSeconds > 0)
        profiler.reset()
        #expect(ProfileSection.allCases.allSatisfy { profiler.seconds($0) == 0 })
    }

    @Test func aModelSharesItsProfilerWithItsRecurrentLayers() {
        let streams = RandomStreams(seed: 4)
        let first = LSTM(inputSize: 3, options: RecurrentOptions(units: 2, returnSequences: true), streams: streams)
        let second = GRU(inputSize: 2, options: RecurrentOptions(units: 2), streams: streams)
        let model = Sequential([first, second])
        #expect(first.profiler === model.profiler && second.profiler === model.profiler)
        let profiler = Profiler(enabled: true)
        model.profiler = profiler
        #expect(first.profiler === profiler && second.profiler === profiler)
    }

    /// A time loop whose parts take unequal time reports the thread-seconds its parts did not
    /// spend in their loops as `threadWait`: here one part works and the other has nothing to
    /// do, so at least half the loop's thread-seconds are waiting (more if a part starts late).
    @Test func aTimeLoopReportsItsPartsWaitingForEachOther() {
        let profiler = Profiler(enabled: true)
        profiler.timeLoop(rows: 2, parts: 2) { part, _, clock in
            if part == 0 { spin() }
            clock.lap(product: part == 0)
        }
        let wait = profiler.seconds(.threadWait), work = profiler.seconds(.recurrentSteps) + profiler.seconds(.gateMath)
        #expect(work > 0)
        #expect(wait >= 0.45 * (wait + work), "waiting \(wait) s, working \(work) s")

        // One part alone never waits.
        profiler.reset()
        profiler.timeLoop(rows: 2, parts: 1) { _, _, clock in
            spin()
            clock.lap(product: true)
        }
        #expect(profiler.seconds(.recurrentSteps) > 0)
        #expect(profiler.seconds(.threadWait) < 0.05 * profiler.seconds(.recurrentSteps))
    }

    /// `measureWhole` counts its body once, in its own section, whatever is measured inside.
    @Test func measureWholeHidesNestedSections() {
        let profiler = Profiler(enabled: true)
        profiler.measureWhole(.evaluation) {
            profiler.measure(.gateMath) { spin() }
        }
        #expect(profiler.seconds(.evaluation) > 0)
        #expect(profiler.seconds(.gateMath) == 0)
        profiler.measure(.otherLayers) {
            profiler.measure(.gateMath) { spin() }
        }
        #expect(profiler.seconds(.gateMath) > 0)
        #expect(profiler.seconds(.otherLayers) >= profiler.seconds(.gateMath))
    }

    @Test func aDisabledProfilerMeasuresNothing() {
        let profiler = Profiler()
        profiler.measure(.data) { spin() }
        profiler.measureWhole(.evaluation) { spin() }
        #expect(ProfileSection.allCases.allSatisfy { profiler.seconds($0) == 0 })
    }

    /// Some work that takes measurable time.
    private func spin() {
        var x: Float = 0
        for i in 0..<100_000 { x += Float(i).squareRoot() }
        #expect(x > 0)
    }
}
