/// Where bytes that should be UTF-8 text are not.
///
/// Text is read with every invalid sequence replaced by U+FFFD (the replacement character), as
/// `String(decoding:as:)` does, so a stray Latin-1 byte costs one unknown word rather than the
/// whole file; loaders record each file with such sequences so that the run can say so.
public struct InvalidUTF8: Equatable, Sendable {
    /// The file, or the archive entry (`aclImdb/train/pos/1_1.txt in aclImdb_v1.tar.gz`).
    public var file: String
    /// How many invalid sequences the file has, each read as one U+FFFD.
    public var count: Int
    /// The byte offset of the first, from 0.
    public var offset: Int
    /// The line of the first, from 1 (lines end in `\n`, `\r\n` or `\r`).
    public var line: Int
    /// The column of the first, from 1, in characters (Unicode scalars) of valid text before it.
    public var column: Int

    /// The invalid sequences of `bytes`, read from `file`; nil when they are valid UTF-8.
    public init?(_ bytes: some Collection<UInt8>, file: String) {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var first: (offset: Int, line: Int, column: Int)?
        var count = 0, offset = 0, line = 1, column = 1
        var previous: UInt8?
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let byte = encoded.count == 1 ? encoded.first : nil
                if byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r") {
                    // The second half of a `\r\n`.
                } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    (line, column) = (line + 1, 1)
                } else {
                    column += 1
                }
                previous = byte
                offset += encoded.count
            case .error(let length):
                if first == nil { first = (offset, line, column) }
                count += 1
                column += 1
                previous = nil
                offset += length
            case .emptyInput:
                guard let first else { return nil }
                self.init(file: file, count: count, offset: first.offset, line: first.line, column: first.column)
                return
            }
        }
    }

    public init(file: String, count: Int, offset: Int, line: Int, column: Int) {
        self.file = file
        self.count = count
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN (byte OFFSET)`, where the first invalid sequence is.
    public var place: String { "\(file):\(line):\(column) (byte \(offset))" }
}
