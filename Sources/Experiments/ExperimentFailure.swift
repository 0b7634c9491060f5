/// A failure while an experiment file was running, named with that file:
///
///     experiments/reviews.yaml: error: data/reviews.csv:3: the label (column "label") is missing
///
/// The reason names the data or result file involved (a `DatasetError`, a `RunError`, a
/// `ReportError`, ...), so the message says both which experiment failed and where.
public struct ExperimentFailure: Error, CustomStringConvertible {
    /// The experiment file as the user gave it.
    public var file: String
    /// What went wrong.
    public var reason: any Error

    public init(file: String, reason: any Error) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "\(file): error: " + ((reason as? RunError)?.message ?? "\(reason)")
    }

    /// The result of `body`; its errors named with `file`, except problems of the file itself
    /// (`SpecErrors`, which have their places) and an interruption (not a failure).
    static func naming<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SpecErrors {
            throw error
        } catch let error as RunError {
            if case .interrupted = error { throw error }
            throw ExperimentFailure(file: file, reason: error)
        } catch {
            throw ExperimentFailure(file: file, reason: error)
        }
    }
}
