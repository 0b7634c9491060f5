/// Images in MNIST's IDX format (as MNIST and Fashion-MNIST ship), read as sequences.
///
/// An IDX file is a big-endian header — the magic number `0x00000803` for images of unsigned
/// bytes in 3 dimensions, `0x00000801` for labels in 1, then one 32-bit size per dimension —
/// followed by the bytes themselves: `[count, rows, columns]` pixels or `[count]` labels.
/// A folder holds `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`
/// and `t10k-labels-idx1-ubyte`, each plain or gzipped (with `.gz` added to the name).
public enum IDXImages {
    /// Which way an image becomes a sequence.
    public enum Reading: String, Sendable, CaseIterable {
        /// One step per row, top to bottom; each step's features are the row's pixels.
        case rows
        /// One step per column, left to right; each step's features are the column's pixels.
        case columns
    }

    /// The magic number of a file of images: unsigned bytes, 3 dimensions.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// The magic number of a file of labels: unsigned bytes, 1 dimension.
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// The four files of a folder, without `.gz`.
    public static let fileNames = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    /// Fashion-MNIST's class names, in label order.
    public static let fashionClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    /// MNIST's class names, the digits "0" to "9".
    public static let digitClassNames = (0..<10).map(String.init)

    /// Images of one file: `count` images of `rows × columns` pixels, row by row, image by image.
    public struct Images: Equatable, Sendable {
        public var count: Int
        public var rows: Int
        public var columns: Int
        /// `count * rows * columns` grey levels, 0 to 255.
        public var pixels: [UInt8]
    }

    /// The images of the IDX file at `path`, plain or gzipped.
    public static func images(from path: String) throws(DatasetError) -> Images {
        let bytes = try DataFiles.read(path)
        let sizes = try header(bytes, file: path, magic: imagesMagic, dimensions: 3)
        return Images(count: sizes[0], rows: sizes[1], columns: sizes[2], pixels: Array(bytes[16...]))
    }

    /// The labels of the IDX file at `path`, plain or gzipped.
    public static func labels(from path: String) throws(DatasetError) -> [UInt8] {
        let bytes = try DataFiles.read(path)
        _ = try header(bytes, file: path, magic: labelsMagic, dimensions: 1)
        return Array(bytes[8...])
    }

    /// The class names for the folder at `path`: Fashion-MNIST's when a component of the path
    /// contains "fashion" (in any case), the digits otherwise.
    public static func classNames(forFolder path: String) -> [String] {
        path.split(separator: "/").contains { $0.lowercased().contains("fashion") } ? fashionClassNames : digitClassNames
    }

    /// The dataset of the folder at `path`: the training files as `train`, the `t10k` files as
    /// `validation`; each image a sequence of its rows or columns (`by`), grey levels scaled to
    /// 0…1. The class names follow `classNames(forFolder:)`.
    public static func load(from path: String, by reading: Reading = .rows) throws(DatasetError) -> SequenceDataset {
        let classNames = classNames(forFolder: path)
        func examples(_ prefix: String) throws(DatasetError) -> SequenceExamples {
            let imagesFile = try file(path, "\(prefix)-images-idx3-ubyte")
            let labelsFile = try file(path, "\(prefix)-labels-idx1-ubyte")
            let images = try images(from: imagesFile)
            let labels = try labels(from: labelsFile)
            guard images.count == labels.count else {
                throw .countMismatch(images: imagesFile, imageCount: images.count, labels: labelsFile, labelCount: labels.count)
            }
            if let i = labels.firstIndex(where: { Int($0) >= classNames.count }) {
                throw .labelOutOfRange(file: labelsFile, offset: 8 + i, label: Int(labels[i]), classCount: classNames.count)
            }
            return sequences(images, labels: labels, by: reading)
        }
        return SequenceDataset(
            train: try examples("train"), validation: try examples("t10k"), classNames: classNames, vocabulary: nil)
    }

    /// The file `name` in `folder`, gzipped or not.
    static func file(_ folder: String, _ name: String) throws(DatasetError) -> String {
        let plain = "\(folder)/\(name)"
        for candidate in [plain, plain + ".gz"] where DataFiles.exists(candidate) { return candidate }
        throw .missingFile(path: plain + "(.gz)")
    }

    /// The examples of `images`, each a sequence of its rows or columns, values scaled to 0…1.
    static func sequences(_ images: Images, labels: [UInt8], by reading: Reading) -> SequenceExamples {
        let (rows, columns) = (images.rows, images.columns)
        let size = rows * columns
        var values = [Float](repeating: 0, count: images.count * size)
        for n in 0..<images.count {
            for r in 0..<rows {
                for c in 0..<columns {
                    let step = reading == .rows ? r * columns + c : c * rows + r
                    values[n * size + step] = Float(images.pixels[n * size + r * columns + c]) / 255
                }
            }
        }
        return SequenceExamples(
            values: .features(values), exampleShape: reading == .rows ? [rows, columns] : [columns, rows],
            labels: labels.map(Int32.init))
    }

    /// The sizes of the dimensions in the header of `bytes`, after checking its magic number and
    /// that the file holds exactly the bytes the sizes promise.
    static func header(_ bytes: [UInt8], file: String, magic: UInt32, dimensions: Int) throws(DatasetError) -> [Int] {
        func word(_ offset: Int) -> UInt32 {
            bytes[offset ..< offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let headerSize = 4 + 4 * dimensions
        guard bytes.count >= 4, word(0) == magic else {
            throw .wrongMagic(file: file, found: bytes.count >= 4 ? word(0) : nil, expected: magic)
        }
        guard bytes.count >= headerSize else { throw .wrongSize(file: file, size: bytes.count, expected: headerSize) }
        let sizes = (0..<dimensions).map { Int(word(4 + 4 * $0)) }
        let payload = sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let expected = payload > Int.max - headerSize ? Int.max : headerSize + payload
        guard bytes.count == expected else { throw .wrongSize(file: file, size: bytes.count, expected: expected) }
        return sizes
    }
}
