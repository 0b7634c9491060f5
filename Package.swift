// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The engine's hot loops are compiled with bounds checks off in every configuration, so the
/// plain `swift run` (a debug build) trains at release speed, and for the CPU that builds them,
/// as llm.c's `-march=native` (AVX2 rather than SSE on a recent x86: the gate math runs on
/// vectors twice as wide). Swift never fuses a multiply and an add on its own, so every float
/// result is the same as with the default target; the engine's own product (`PackedMatrix`) and
/// its `exp` (`FastMath`) ask for fused multiply-adds by name, which a CPU without FMA
/// instructions computes in software, to the same bits but slowly. `-fno-math-errno` lets
/// `squareRoot()` be the square-root instruction alone: Swift's goes through C's `sqrtf`, which
/// must otherwise also set `errno` for a negative input, and that call kept the optimizers'
/// loops scalar. The roots are the same, correctly rounded. `RUNNER_PORTABLE=1 swift build`
/// makes a binary for any CPU of the architecture, to copy to other machines.
let portable = ProcessInfo.processInfo.environment["RUNNER_PORTABLE"] == "1"
/// On a CPU with AVX-512 (that of the machine that builds, which `native` targets), the
/// engine's product tiles hold 16-float vectors instead of 8-float ones (`Tile`): twice the
/// multiply-adds per instruction. Each element of a product is the same chain of fused
/// multiply-adds either way, so the results are the same bits.
let wideVectors = !portable
    && ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" avx512f ") ?? false)
/// LLVM's tuning for Intel's AVX-512 CPUs (`prefer-256-bit`) vectorises loops 8 floats at a
/// time even there, splitting any wider vector in two; without it, the gate math's loops run on
/// 16-float vectors: 8% less gate math for Fashion-MNIST (BENCHMARKS.md). Each lane goes through
/// the same operations either way, so the results are the same bits. Swift takes the target's
/// features from its C compiler's options, hence the `-Xcc -Xclang` around each word.
let wholeVectorWidth = ["-target-feature", "-prefer-256-bit"].flatMap { ["-Xcc", "-Xclang", "-Xcc", $0] }
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-Xcc", "-fno-math-errno"] + (portable ? [] : ["-target-cpu", "native"]))
] + (wideVectors ? [.define("WIDE_VECTORS"), .unsafeFlags(wholeVectorWidth)] : [])

/// Property-based tests: the fuzzing of experiment files and of tar archives.
let propertyBased: Target.Dependency = .product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "runner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "runner", targets: ["runner"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "bench-data", targets: ["bench-data"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "Engine",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))],
            swiftSettings: fastMath
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "Datasets",
            dependencies: ["CZlib", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: fastMath
        ),
        .target(name: "Reports"),
        .target(
            name: "Experiments",
            dependencies: ["Engine", "Datasets", "Reports", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "runner",
            dependencies: ["Experiments", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "bench", dependencies: ["Engine"]),
        .executableTarget(name: "bench-data", dependencies: ["Datasets"], path: "Sources/bench-data"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], resources: [.copy("Fixtures")]),
        // A small HTTP server on a loopback address that the download tests fetch from.
        .target(name: "LoopbackServer", path: "Tests/LoopbackServer"),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "LoopbackServer", propertyBased]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", propertyBased]),
        .testTarget(name: "RunnerTests", dependencies: ["runner", "Datasets", "LoopbackServer"]),
    ]
)
