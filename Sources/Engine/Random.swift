import Foundation

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// A class, so every layer that draws from a stream shares its position. The algorithm is
/// written out here rather than borrowed from the standard library so that the same seed gives
/// the same numbers on every platform and Swift version.
public final class RandomStream: RandomNumberGenerator {
    /// The generator's whole state; saving and restoring it resumes the stream exactly.
    public var state: [UInt64]

    /// A stream determined by `seed` and a stream number; different numbers give independent
    /// streams from the same seed.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var s = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [splitMix(), splitMix(), splitMix(), splitMix()]
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        let result = rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    public func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform `Float` in `[low, high)`.
    public func nextFloat(in low: Float, _ high: Float) -> Float {
        low + (high - low) * nextFloat()
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample (Box–Muller).
    public func nextNormal() -> Double {
        let u1 = 1 - nextDouble()  // in (0, 1]
        let u2 = nextDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public func nextInt(below bound: Int) -> Int {
        require(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, nextInt(below: i + 1))
        }
    }
}

/// The independent random streams of one run, all derived from its seed.
///
/// Initialisation, shuffling and dropout draw from separate streams, so changing the dropout
/// rate, say, does not change the initial weights or the batch order.
public struct RandomStreams {
    /// Initial weights.
    public let initialization: RandomStream
    /// The order of training examples.
    public let shuffling: RandomStream
    /// Dropout masks.
    public let dropout: RandomStream
    /// Anything else a run samples (validation splits, text generation).
    public let sampling: RandomStream

    /// The streams of a run with `seed`.
    public init(seed: UInt64) {
        initialization = RandomStream(seed: seed, stream: 1)
        shuffling = RandomStream(seed: seed, stream: 2)
        dropout = RandomStream(seed: seed, stream: 3)
        sampling = RandomStream(seed: seed, stream: 4)
    }
}
