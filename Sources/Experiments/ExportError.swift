/// What stops `runner export` from writing an experiment's data.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// A language model (`dataset: text_corpus`): its data is one token stream that training cuts
    /// into windows, not examples with labels.
    case languageModel(file: String, name: String)

    public var description: String {
        switch self {
        case .languageModel(let file, let name):
            return "\(file): error: \(name) is a language model (dataset text_corpus); runner export writes the "
                + "examples and labels of classification datasets only"
        }
    }
}
