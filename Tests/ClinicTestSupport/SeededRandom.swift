/// Deterministic random numbers for tests, so that every failure reproduces. (SplitMix64 is the
/// simulator's own, from ClinicSimulation.)

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
