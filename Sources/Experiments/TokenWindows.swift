import Engine

/// Mini-batches of a token stream for a language model: inputs `[batch, steps]` of token ids (as
/// `Float`) and targets `[batch, steps]`, the same tokens one position later. The two ways of
/// cutting the stream are d2l's `data_iter_consecutive` and `data_iter_random`.
struct TokenWindows {
    private let stream: [Int32]
    /// The rows of every batch.
    let rows: Int
    /// The tokens of a full window.
    let steps: Int
    /// Where each row's window of batch `b` starts, for every batch.
    private let starts: [[Int]]
    /// The tokens of each batch's windows (the last consecutive batch of an evaluation may be shorter).
    private let lengths: [Int]

    /// The number of batches.
    var count: Int { starts.count }

    /// The stream laid out as `rows` parallel streams, stream `r` being the `r`-th of `rows`
    /// equal consecutive pieces (the remainder dropped), read `steps` tokens at a time, so that
    /// row `r` of batch `b + 1` continues row `r` of batch `b`. With `partial`, a last shorter
    /// window reads the rest of every piece (for evaluation, where every token counts);
    /// without, only full windows are read, as d2l trains.
    static func consecutive(_ stream: [Int32], rows: Int, steps: Int, partial: Bool) -> TokenWindows {
        let pieceLength = stream.count / rows
        let predicted = max(pieceLength - 1, 0)
        let full = predicted / steps
        var lengths = [Int](repeating: steps, count: full)
        if partial && predicted % steps > 0 { lengths.append(predicted % steps) }
        let starts = lengths.indices.map { b in (0..<rows).map { r in r * pieceLength + b * steps } }
        return TokenWindows(stream: stream, rows: rows, steps: steps, starts: starts, lengths: lengths)
    }

    /// Independent windows of `steps` tokens at multiples of `steps`, in the order `order` (a
    /// shuffle of `0..<windowCount(...)`), `rows` to a batch; windows that fill no whole batch
    /// are left out.
    static func random(_ stream: [Int32], rows: Int, steps: Int, order: [Int]) -> TokenWindows {
        let batches = order.count / rows
        let starts = (0..<batches).map { b in order[(b * rows)..<((b + 1) * rows)].map { $0 * steps } }
        return TokenWindows(stream: stream, rows: rows, steps: steps, starts: starts,
                            lengths: [Int](repeating: steps, count: batches))
    }

    /// How many windows of `steps` tokens, each with the token after it, `stream` holds.
    static func windowCount(_ stream: [Int32], steps: Int) -> Int {
        max(stream.count - 1, 0) / steps
    }

    /// Batch `b`: inputs and targets `[rows, length]`.
    func batch(_ b: Int) -> (inputs: Tensor, targets: Tensor) {
        let length = lengths[b]
        var inputs = [Float](repeating: 0, count: rows * length)
        var targets = inputs
        for (r, start) in starts[b].enumerated() {
            for t in 0..<length {
                inputs[r * length + t] = Float(stream[start + t])
                targets[r * length + t] = Float(stream[start + t + 1])
            }
        }
        return (Tensor(shape: [rows, length], scalars: inputs), Tensor(shape: [rows, length], scalars: targets))
    }
}
