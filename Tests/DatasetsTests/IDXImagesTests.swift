import Foundation
import Testing
@testable import Datasets

@Suite struct IDXImagesTests {
    /// An IDX file: the magic number, the sizes, then the bytes, all big-endian.
    static func idx(magic: UInt32, sizes: [Int], _ bytes: [UInt8]) -> [UInt8] {
        let words = [magic] + sizes.map(UInt32.init)
        return words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (24 - 8 * $0)) } } + bytes
    }

    /// Three 2×3 images whose pixel (r, c) of image n is 100n + 10r + c, and their labels.
    static func pixel(_ n: Int, _ r: Int, _ c: Int) -> UInt8 { UInt8(100 * n + 10 * r + c) }
    static let pixels: [UInt8] = (0..<3).flatMap { n in (0..<2).flatMap { r in (0..<3).map { c in pixel(n, r, c) } } }
    static let labels: [UInt8] = [7, 0, 9]

    /// A folder with the four files: the train ones gzipped, the test ones plain (the first image).
    static func writeFolder(named name: String = "mnist", labels: [UInt8] = labels) -> String {
        let folder = ArchiveWriter.temporaryFolder() + "/" + name
        let images = idx(magic: 0x803, sizes: [3, 2, 3], pixels)
        ArchiveWriter.write(ArchiveWriter.gzip(images), to: folder + "/train-images-idx3-ubyte.gz")
        ArchiveWriter.write(ArchiveWriter.gzip(idx(magic: 0x801, sizes: [labels.count], labels)), to: folder + "/train-labels-idx1-ubyte.gz")
        ArchiveWriter.write(idx(magic: 0x803, sizes: [1, 2, 3], Array(pixels[..<6])), to: folder + "/t10k-images-idx3-ubyte")
        ArchiveWriter.write(idx(magic: 0x801, sizes: [1], [labels[0]]), to: folder + "/t10k-labels-idx1-ubyte")
        return folder
    }

    @Test func imagesBecomeSequencesOfRowsScaledToOne() throws {
        let data = try IDXImages.load(from: Self.writeFolder())
        #expect(data.train.exampleShape == [2, 3] && data.validation.exampleShape == [2, 3])
        #expect(data.train.labels == [7, 0, 9] && data.validation.labels == [7])
        #expect(data.train.values == .features(Self.pixels.map { Float($0) / 255 }))
        #expect(data.validation.values == .features(Self.pixels[..<6].map { Float($0) / 255 }))
        #expect(data.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(data.vocabulary == nil)
    }

    @Test func imagesBecomeSequencesOfColumns() throws {
        let data = try IDXImages.load(from: Self.writeFolder(), by: .columns)
        #expect(data.train.exampleShape == [3, 2])
        // Step c of image n holds its column c: pixels (0, c) and (1, c).
        let expected: [Float] = (0..<3).flatMap { n in (0..<3).flatMap { c in (0..<2).map { r in Float(Self.pixel(n, r, c)) / 255 } } }
        #expect(data.train.values == .features(expected))
    }

    @Test func aFashionFolderGetsFashionClassNames() throws {
        let data = try IDXImages.load(from: Self.writeFolder(named: "Fashion-MNIST"))
        #expect(data.classNames[0] == "T-shirt/top" && data.classNames[9] == "Ankle boot")
        #expect(IDXImages.classNames(forFolder: "/data/fashion_mnist/raw") == IDXImages.fashionClassNames)
        #expect(IDXImages.classNames(forFolder: "/data/mnist") == IDXImages.digitClassNames)
    }

    @Test func aWrongMagicNumberSaysWhatWasFoundAndExpected() {
        let folder = Self.writeFolder()
        let file = folder + "/t10k-images-idx3-ubyte"
        ArchiveWriter.write(Self.idx(magic: 0x801, sizes: [1], [3]), to: file)
        let error = DatasetError.wrongMagic(file: file, found: 0x801, expected: 0x803)
        #expect(throws: error) { try IDXImages.load(from: folder) }
        #expect(error.description == "\(file): at byte 0: found the magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)")
        ArchiveWriter.write([0, 0], to: file)
        #expect(throws: DatasetError.wrongMagic(file: file, found: nil, expected: 0x803)) { try IDXImages.images(from: file) }
    }

    @Test func aTruncatedOrOverlongFileIsAnError() {
        let folder = Self.writeFolder()
        let file = folder + "/t10k-images-idx3-ubyte"
        ArchiveWriter.write(Self.idx(magic: 0x803, sizes: [1, 2, 3], [1, 2, 3, 4]), to: file)
        let truncated = DatasetError.wrongSize(file: file, size: 20, expected: 22)
        #expect(throws: truncated) { try IDXImages.load(from: folder) }
        #expect(truncated.description == "\(file): truncated at byte 20: its header promises 22 bytes, the file has 20")
        ArchiveWriter.write(Self.idx(magic: 0x803, sizes: [1, 2], []), to: file)
        #expect(throws: DatasetError.wrongSize(file: file, size: 12, expected: 16)) { try IDXImages.images(from: file) }
        let labels = folder + "/t10k-labels-idx1-ubyte"
        ArchiveWriter.write(Self.idx(magic: 0x801, sizes: [1], [4, 5]), to: labels)
        #expect(throws: DatasetError.wrongSize(file: labels, size: 10, expected: 9)) { try IDXImages.labels(from: labels) }
    }

    @Test func imageAndLabelCountsMustAgree() {
        let folder = Self.writeFolder(labels: [1, 2])
        let error = DatasetError.countMismatch(
            images: folder + "/train-images-idx3-ubyte.gz", imageCount: 3, labels: folder + "/train-labels-idx1-ubyte.gz", labelCount: 2)
        #expect(throws: error) { try IDXImages.load(from: folder) }
    }

    @Test func aLabelBeyondTheClassesIsAnError() {
        let folder = Self.writeFolder(labels: [1, 12, 2])
        #expect(throws: DatasetError.labelOutOfRange(file: folder + "/train-labels-idx1-ubyte.gz", offset: 9, label: 12, classCount: 10)) {
            try IDXImages.load(from: folder)
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = Self.writeFolder()
        try FileManager.default.removeItem(atPath: folder + "/t10k-labels-idx1-ubyte")
        #expect(throws: DatasetError.missingFile(path: folder + "/t10k-labels-idx1-ubyte(.gz)")) { try IDXImages.load(from: folder) }
    }

    static let debianFashionMNIST = "/usr/share/datasets/fashion-mnist"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: debianFashionMNIST + "/train-images-idx3-ubyte.gz")))
    func theRealFashionMNIST() throws {
        let data = try IDXImages.load(from: Self.debianFashionMNIST)
        #expect(data.train.count == 60_000 && data.validation.count == 10_000)
        #expect(data.train.exampleShape == [28, 28])
        #expect(data.classNames == IDXImages.fashionClassNames)
        for (split, perClass) in [(data.train, 6_000), (data.validation, 1_000)] {
            #expect((0..<10).map { k in split.labels.filter { $0 == k }.count } == [Int](repeating: perClass, count: 10))
            guard case .features(let xs) = split.values else { Issue.record("not features"); continue }
            #expect(xs.count == split.count * 784)
            #expect(xs.min() == 0 && xs.max() == 1)
        }
    }
}
