import ClinicModels
import ClinicNumerics
import ClinicSimulation
import Foundation

/// The fitting workload of DESIGN.md: `series` monthly series of `months` months sharing a 15-column
/// trend design (intercept, trend, 11 month-of-year dummies, a level step and a slope change at the
/// intervention month). Values are generated from a fixed seed so every run fits the same numbers.
/// The noise is independent unless `errorAutocorrelation` (φ of an AR(1) process with the same marginal
/// variance) is set.
public struct TrendWorkload: Sendable {
    public let design: DesignMatrix
    public let responses: Matrix

    public init(series: Int = 60_000, months: Int = 120, interventionMonth: Int = 72, seed: UInt64 = 2015,
                errorAutocorrelation phi: Double = 0) {
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
            let innovationScale = (1 - phi * phi).squareRoot()
            var error = 0.0
            for i in 0..<months {
                var v = level + slope * Double(i) + seasonal * cos(2 * Double.pi * Double(i % 12) / 12)
                if i >= interventionMonth { v += shift }
                error = phi * error + innovationScale * rng.normal()
                storage[j * months + i] = v + noise * error
            }
        }
        responses = Matrix(rows: months, columns: series, columnMajor: storage)
    }
}
