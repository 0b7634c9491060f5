import Testing
import Reports

@Suite struct MetricsCSVTests {
    /// Two epochs: a missing validation value, a value that rounds up, one that rounds to
    /// negative zero.
    let log = MetricsLog(columns: ["train_loss", "train_accuracy", "val_loss"], rows: [
        EpochMetrics(epoch: 1, values: ["train_loss": 0.69314718, "train_accuracy": 0.5, "val_loss": 0.70005]),
        EpochMetrics(epoch: 2, values: ["train_loss": -0.00001, "train_accuracy": 0.999999]),
    ])

    @Test func writesFixedDecimalsAndEmptyFieldsForMissingValues() {
        #expect(log.csv() == """
            epoch,train_loss,train_accuracy,val_loss
            1,0.6931,0.5000,0.7001
            2,0.0000,1.0000,

            """)
        #expect(log.csv(decimals: 2) == "epoch,train_loss,train_accuracy,val_loss\n1,0.69,0.50,0.70\n2,0.00,1.00,\n")
    }

    @Test func valuesOutsideTheColumnsAreNotWritten() {
        let log = MetricsLog(columns: ["val_loss"], rows: [EpochMetrics(epoch: 1, values: ["val_loss": 1, "other": 2])])
        #expect(log.csv() == "epoch,val_loss\n1,1.0000\n")
    }

    @Test func readsBackWhatItWrites() throws {
        let text = log.csv()
        let parsed = try MetricsLog(csv: text, file: "metrics.csv")
        #expect(parsed.columns == log.columns)
        #expect(parsed.rows.map(\.epoch) == [1, 2])
        #expect(parsed.rows[0].values == ["train_loss": 0.6931, "train_accuracy": 0.5, "val_loss": 0.7001])
        #expect(parsed.rows[1].values["val_loss"] == nil)
        #expect(parsed.csv() == text)
    }

    @Test func acceptsWindowsLineEndsAndNoFinalNewline() throws {
        let parsed = try MetricsLog(csv: "epoch,val_loss\r\n1,0.5000\r\n2,0.2500", file: "m.csv")
        #expect(parsed.values(of: "val_loss").map(\.value) == [0.5, 0.25])
    }

    @Test(arguments: [
        ("epoch,loss\n1,0.5\n2,0.4,0.1\n", 3, "expected 2 fields"),
        ("epoch,loss\n1,abc\n", 2, "expected a number in column 'loss', found 'abc'"),
        ("step,loss\n1,0.5\n", 1, "start with 'epoch'"),
        ("", 1, "empty file"),
        ("epoch,loss,loss\n", 1, "'loss' appears more than once"),
        ("epoch,loss\n1,0.5\n\n2,0.4\n", 3, "expected 2 fields"),
        ("epoch,loss\n2,0.5\n1,0.4\n", 3, "epoch 1 follows epoch 2"),
        ("epoch,loss\nx,0.5\n", 2, "expected an epoch number"),
    ])
    func badInputNamesFileAndLine(text: String, line: Int, message: String) {
        #expect {
            try MetricsLog(csv: text, file: "results/a/metrics.csv")
        } throws: { error in
            guard case let .malformedCSV(file, errorLine, _) = error as? ReportError else { return false }
            let description = String(describing: error)
            return file == "results/a/metrics.csv" && errorLine == line
                && description.hasPrefix("results/a/metrics.csv:\(line): ") && description.contains(message)
        }
    }
}

@Suite struct TimingCSVTests {
    @Test func writesThreeDecimalsAndReadsBack() throws {
        let log = TimingLog(rows: [
            EpochTiming(epoch: 1, seconds: 12.5, trainSeconds: 10.00049, samples: 25_000),
            EpochTiming(epoch: 2, seconds: 9, trainSeconds: 8, samplesPerSecond: 3125),
        ])
        let text = log.csv()
        #expect(text == "epoch,seconds,train_seconds,samples_per_second\n1,12.500,10.000,2499.878\n2,9.000,8.000,3125.000\n")
        let parsed = try TimingLog(csv: text, file: "timing.csv")
        #expect(parsed.rows == [EpochTiming(epoch: 1, seconds: 12.5, trainSeconds: 10, samplesPerSecond: 2499.878),
                                EpochTiming(epoch: 2, seconds: 9, trainSeconds: 8, samplesPerSecond: 3125)])
    }

    @Test func rejectsAnotherHeaderAndEmptyFields() {
        #expect(throws: ReportError.malformedCSV(
            file: "t.csv", line: 1,
            reason: "expected the header 'epoch,seconds,train_seconds,samples_per_second', found 'epoch,seconds'")) {
            try TimingLog(csv: "epoch,seconds\n", file: "t.csv")
        }
        #expect(throws: ReportError.malformedCSV(file: "t.csv", line: 2, reason: "column 'train_seconds' is empty")) {
            try TimingLog(csv: "epoch,seconds,train_seconds,samples_per_second\n1,2.0,,3.0\n", file: "t.csv")
        }
    }
}

@Suite struct ProfileLogTests {
    let epoch = EpochProfile(epoch: 3, sections: [("data", 0.25), ("gate_math", 1.5), ("optimizer", 0.25)])

    @Test func csvHasOneColumnPerSectionAndTheTotal() {
        let log = ProfileLog(rows: [EpochProfile(epoch: 2, sections: [("data", 0.5), ("gate_math", 1), ("optimizer", 0)]), epoch])
        #expect(log.csv() == "epoch,data,gate_math,optimizer,total\n2,0.500,1.000,0.000,1.500\n3,0.250,1.500,0.250,2.000\n")
    }

    @Test func tableShowsSecondsAndShares() {
        #expect(epoch.table == """
            epoch 3 profile:
              data          0.250 s   12.5%
              gate_math     1.500 s   75.0%
              optimizer     0.250 s   12.5%
              total         2.000 s
            """)
    }
}
