import Foundation
import Reports
import Yams

/// `trial.yaml`, written into a trial's folder when the trial ends: which trial of which sweep
/// it is, whether it finished, and the hash of the resolved spec it ran. A trial is finished for
/// a later run of the sweep when its record says so with the hash of the same resolved spec
/// and its metrics and summary are there; anything else runs again.
///
///     trial: 3
///     id: "units=32,lr=0.001"
///     parameters: {units: 32, lr: 0.001}
///     status: finished
///     spec_fnv1a64: 9f0e4c2b71d3a856
struct TrialRecord {
    enum Status: String {
        case finished
        /// The trial stopped with an error; `error.txt` beside the record says which.
        case failed
    }

    static let fileName = "trial.yaml"
    /// The error of a failed trial, as it printed it.
    static let errorFileName = "error.txt"

    /// The trial's position in its sweep, from 1.
    var number: Int
    var id: String
    /// Parameter keys and the labels of the trial's values, in the sweep's order.
    var parameters: [(key: String, label: String)]
    var status: Status
    /// `FNV1a.hex` of the resolved spec (`config.yaml`).
    var specHash: String

    /// The record of `trial` of `sweep` with `status`.
    init(_ trial: Trial, of sweep: Sweep, status: Status) {
        number = trial.number
        id = trial.id
        parameters = Array(zip(sweep.keys, trial.labels))
        self.status = status
        specHash = FNV1a.hex(trial.spec.resolvedYAML())
    }

    /// The text of `trial.yaml`.
    var yaml: String {
        let values = parameters.map { (key: YAMLText.string($0.key), value: YAMLText.string($0.label)) }
        return """
            trial: \(number)
            id: \(YAMLText.string(id))
            parameters: \(YAMLText.flow(values))
            status: \(status.rawValue)
            spec_fnv1a64: \(specHash)

            """
    }

    /// Reads the record in `folder`; nil when there is none or it cannot be read (the trial then
    /// counts as not run).
    init?(in folder: URL) {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(Self.fileName), encoding: .utf8),
              let node = try? Yams.compose(yaml: text), let mapping = node.mapping,
              let number = mapping["trial"]?.int, let id = mapping["id"]?.string,
              let status = mapping["status"]?.string.flatMap(Status.init), let hash = mapping["spec_fnv1a64"]?.string,
              let parameters = mapping["parameters"]?.mapping else { return nil }
        self.number = number
        self.id = id
        self.parameters = parameters.compactMap { pair in pair.key.string.map { ($0, pair.value.string ?? "") } }
        self.status = status
        specHash = hash
    }

    /// Writes the record into `folder`, with `error` as `error.txt` for a failed trial (and no
    /// `error.txt` for a finished one).
    func write(into folder: URL, error: String? = nil) throws {
        let errorFile = folder.appendingPathComponent(Self.errorFileName)
        do {
            if let error {
                try ResultFiles.write(error.hasSuffix("\n") ? error : error + "\n", to: errorFile)
            } else if FileManager.default.fileExists(atPath: errorFile.path) {
                try FileManager.default.removeItem(at: errorFile)
            }
            try ResultFiles.write(yaml, to: folder.appendingPathComponent(Self.fileName))
        } catch {
            throw RunError.cannotWrite(path: folder.appendingPathComponent(Self.fileName).path, reason: "\(error)")
        }
    }

    /// Removes the record and error of an earlier run from `folder`, as a trial starts.
    static func clear(in folder: URL) {
        for name in [fileName, errorFileName] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Whether `folder` holds the finished results of `trial`: a finished record with its spec's
    /// hash, its metrics and its summary.
    static func isFinished(_ trial: Trial, in folder: URL) -> Bool {
        guard let record = TrialRecord(in: folder), record.status == .finished,
              record.specHash == FNV1a.hex(trial.spec.resolvedYAML()) else { return false }
        return ["metrics.csv", "summary.md"].allSatisfy {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
    }
}
