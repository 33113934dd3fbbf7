import ClinicCore
import Foundation

/// The fitting workload of DESIGN.md: `series` monthly series of `months` months sharing a 15-column
/// trend design (intercept, trend, 11 month-of-year dummies, a level step and a slope change at the
/// intervention month). Values are generated from a fixed seed so every run fits the same numbers.
public struct TrendWorkload: Sendable {
    public let design: DesignMatrix
    public let responses: Matrix

    public init(series: Int = 60_000, months: Int = 120, interventionMonth: Int = 72, seed: UInt64 = 2015) {
        var columns: [(name: String, values: [ExtendedDouble])] = [("trend", (0..<months).map { ExtendedDouble($0) })]
        for month in 2...12 {
            columns.append((String(format: "month_%02d", month), (0..<months).map { $0 % 12 == month - 1 ? 1 : 0 }))
        }
        columns.append(("level:intervention", (0..<months).map { $0 >= interventionMonth ? 1 : 0 }))
        columns.append(("slope:intervention", (0..<months).map { ExtendedDouble(max(0, $0 - interventionMonth)) }))
        design = .build(rows: months, intercept: true, columns: columns)

        var rng = SplitMix64(seed: seed)
        var storage = [Double](repeating: 0, count: months * series)
        for j in 0..<series {
            let level = 20 + 480 * rng.uniform()
            let slope = 0.5 * (rng.uniform() - 0.5)
            let seasonal = 0.1 * level * rng.uniform()
            let shift = 0.2 * level * (rng.uniform() - 0.5)
            let noise = 0.05 * level
            for i in 0..<months {
                var v = level + slope * Double(i) + seasonal * cos(2 * Double.pi * Double(i % 12) / 12)
                if i >= interventionMonth { v += shift }
                storage[j * months + i] = v + noise * rng.normal()
            }
        }
        responses = Matrix(rows: months, columns: series, columnMajor: storage)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and reproducible across platforms.
public struct SplitMix64: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal by Box–Muller.
    public mutating func normal() -> Double {
        let u = max(uniform(), 0x1p-60), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
