/// Deterministic random numbers for tests, so that every failure reproduces.

/// Knuth's MMIX linear congruential generator (the one the first tests were written with; their
/// expected values depend on its exact sequence).
public struct LinearCongruential {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// One step; returns the whole new state (its high bits are the best).
    public mutating func step() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }

    /// The next 53-bit value (`state >> 11` after one step).
    public mutating func next() -> UInt64 { step() >> 11 }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next()) * 0x1p-53 }
}

/// SplitMix64 (Steele, Lea & Flood 2014), a fast generator with good statistical quality.
public struct SplitMix64 {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
