import Foundation
import Engine

/// A table of a model's layers like Keras's `model.summary()`: name and type, output shape,
/// parameter count, then the trainable and frozen totals.
public struct ModelSummary: CustomStringConvertible {
    /// One row per layer.
    public struct Row: Equatable {
        public var name: String
        public var type: String
        public var outputShape: [Int]
        public var parameters: Int
    }

    public let title: String
    public let rows: [Row]
    public let trainable: Int
    public let frozen: Int

    init(title: String, built: BuiltModel) {
        self.title = title
        let shapes = built.model.outputShapes(forInput: built.inputShape)
        rows = zip(built.model.layers, shapes).map { layer, shape in
            Row(name: layer.name, type: String(describing: type(of: layer)), outputShape: shape,
                parameters: layer.trainableParameterCount + layer.frozenParameterCount)
        }
        trainable = built.model.trainableParameterCount
        frozen = built.model.frozenParameterCount
    }

    public var description: String {
        let header = ("Layer (type)", "Output Shape", "Param #")
        let cells = rows.map { row in
            ("\(row.name) (\(row.type))",
             "(None" + row.outputShape.map { ", \($0)" }.joined() + ")",
             grouped(row.parameters))
        }
        let w0 = max(header.0.count, cells.map(\.0.count).max() ?? 0) + 2
        let w1 = max(header.1.count, cells.map(\.1.count).max() ?? 0) + 2
        let w2 = max(header.2.count, cells.map(\.2.count).max() ?? 0)
        let width = w0 + w1 + w2
        func line(_ a: String, _ b: String, _ c: String) -> String {
            a.padding(toLength: w0, withPad: " ", startingAt: 0) + b.padding(toLength: w1, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: w2 - c.count) + c
        }
        var out = ["Model: \(title)", String(repeating: "━", count: width), line(header.0, header.1, header.2),
                   String(repeating: "━", count: width)]
        out += cells.map { line($0.0, $0.1, $0.2) }
        out += [String(repeating: "━", count: width),
                "Total params: \(grouped(trainable + frozen))",
                "Trainable params: \(grouped(trainable))",
                "Non-trainable params: \(grouped(frozen))"]
        return out.joined(separator: "\n") + "\n"
    }
}

/// `1234567` as `1,234,567`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}
