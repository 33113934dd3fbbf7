import Foundation
import Testing
@testable import ClinicModels
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport
import ClinicSimulation

/// The batched path must agree with one-by-one ``LinearModel`` fits to 1e-10 relative, on the
/// trend design Clinic uses (intercept, trend, 11 month dummies, a level step and a slope change).
@Suite("Batched linear model")
struct BatchedLinearModelTests {
    static func trendDesign(months n: Int, interventionAt t0: Int) -> DesignMatrix {
        var columns: [(name: String, values: [ExtendedDouble])] = [("trend", (0..<n).map { ExtendedDouble($0) })]
        for month in 2...12 {
            columns.append((String(format: "month_%02d", month), (0..<n).map { $0 % 12 == month - 1 ? 1 : 0 }))
        }
        columns.append(("level:board", (0..<n).map { $0 >= t0 ? 1 : 0 }))
        columns.append(("slope:board", (0..<n).map { ExtendedDouble(max(0, $0 - t0)) }))
        return .build(rows: n, intercept: true, columns: columns)
    }

    static func responses(months n: Int, series m: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var y = Matrix(rows: n, columns: m)
        for j in 0..<m {
            let level = 50 + 500 * rng.uniform(), slope = rng.uniform() - 0.5
            for i in 0..<n {
                let t = Double(i)
                let seasonal = 10 * sin(t / 1.9)
                y[i, j] = level + slope * t + seasonal + 5 * (rng.uniform() - 0.5)
            }
        }
        return y
    }

    func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// The largest relative difference, over `series`, between the batched results and a one-by-one
    /// ``LinearModel`` fit on the months that series observes; also checks observations and df.
    func worstDifference(_ batched: BatchedLinearFit, _ design: DesignMatrix, _ y: Matrix, series: [Int]) throws -> Double {
        var worst = 0.0
        for j in series {
            let rows = (0..<y.rows).filter { y[$0, j].isFinite }
            let sub = DesignMatrix(terms: design.terms, matrix: design.matrix.selectingRows(rows), hasIntercept: true)
            let single = try LinearModel.fit(sub, response: rows.map { y[$0, j] })
            #expect(batched.status[j] == .fitted)
            #expect(batched.observations[j] == rows.count)
            #expect(batched.residualDegreesOfFreedom(j) == single.residualDegreesOfFreedom)
            worst = max(worst, relativeDifference(batched.residualStandardErrors[j], single.residualStandardError))
            for (a, c) in single.coefficients.enumerated() {
                worst = max(worst, relativeDifference(batched.coefficients[a, j], c.estimate))
                worst = max(worst, relativeDifference(batched.standardErrors[a, j], c.standardError))
            }
        }
        return worst
    }

    @Test func agreesWithOneByOneFits() throws {
        let design = Self.trendDesign(months: 60, interventionAt: 36)
        let y = Self.responses(months: 60, series: 40, seed: 42)
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(batched.groups == 1)
        let worst = try worstDifference(batched, design, y, series: Array(0..<40))
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    /// The residual sum of squares is `‖y‖² − ‖Q₁ᵀy‖²` when little cancels and explicit residuals when a
    /// series is explained almost exactly: series with noise from 3e-5 to 0.5 of their level cover both
    /// sides of the switch (‖y‖²/RSS from about 50 to 1e10), and every one agrees with a one-by-one fit.
    /// (Closer fits still take the explicit path, but their residuals are then only as accurate as
    /// `ε·‖y‖/‖e‖`, in one-by-one fits as well, so a 1e-10 comparison would test the noise.)
    @Test func residualSumsOfSquaresAgreeOnBothSidesOfTheCancellationLimit() throws {
        let months = 72
        let design = Self.trendDesign(months: months, interventionAt: 40)
        var rng = SplitMix64(seed: 2027)
        var y = Matrix(rows: months, columns: 300)
        for j in 0..<300 {
            let level = 100 + 900 * rng.uniform()
            let noise = level * pow(10, -4.5 + 4.2 * Double(j) / 299)
            for i in 0..<months {
                // Every coefficient well away from zero, so relative differences mean something.
                let season = i % 12 == 0 ? 0 : 10 + 3 * Double(i % 12)
                let change = i >= 40 ? 15 + 0.5 * Double(i - 40) : 0
                y[i, j] = level + 0.3 * Double(i) + season + change + noise * (rng.uniform() - 0.5)
            }
        }
        let batched = try BatchedLinearModel.fit(design, responses: y)
        let ratios = try (0..<300).map { j in
            let single = try LinearModel.fit(design, response: (0..<months).map { y[$0, j] })
            let rss = single.residualStandardError * single.residualStandardError * Double(single.residualDegreesOfFreedom)
            return (0..<months).reduce(0.0) { $0 + y[$1, j] * y[$1, j] } / rss
        }
        #expect(ratios.contains { $0 < 1 / BatchedLinearModel.cancellationLimit })
        #expect(ratios.contains { $0 > 1e8 })
        let worst = try worstDifference(batched, design, y, series: Array(0..<300))
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    @Test func seriesWithGapsFallBackToTheirOwnRowsAndShareByPattern() throws {
        let design = Self.trendDesign(months: 48, interventionAt: 30)
        var y = Self.responses(months: 48, series: 6, seed: 7)
        for j in [1, 4] { y[5, j] = .nan; y[20, j] = .nan }       // the same gaps in two series
        y[40, 2] = .nan                                             // a different gap
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(batched.groups == 3)
        #expect(batched.observations == [48, 46, 47, 48, 46, 48])
        let worst = try worstDifference(batched, design, y, series: Array(0..<6))
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    /// More series than one block, so blocks run in parallel; gaps are scattered across blocks.
    @Test func manyBlocksInParallelWithScatteredGaps() throws {
        let design = Self.trendDesign(months: 40, interventionAt: 25)
        var y = Self.responses(months: 40, series: 1_100, seed: 99)
        let gapped = [3, 300, 301, 777, 1_099]
        for j in gapped { y[(j * 7) % 40, j] = .nan }
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(batched.status.allSatisfy { $0 == .fitted })
        for j in gapped { #expect(batched.observations[j] == 39) }
        let checked = (0..<1_100).filter { $0 % 11 == 0 || gapped.contains($0) }
        let worst = try worstDifference(batched, design, y, series: checked)
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    /// Long series make smaller blocks (so each GEMM stays within OpenBLAS's small-matrix kernels): 360
    /// months of 15 terms give blocks of 185 series, so 300 series end in a part block of 115. Thirty
    /// years of a trend design are less well conditioned than the engine's usual ones, and a coefficient
    /// near zero has no relative accuracy of its own (4e-9 relative with a triangular solve as well), so
    /// coefficients are compared on the scale of their standard errors; SEs and residual SDs relatively.
    @Test func longSeriesRunInSmallerBlocksAndStillAgree() throws {
        #expect(BatchedLinearModel.seriesPerBlock(months: 120, terms: 15) == 256)
        #expect(BatchedLinearModel.seriesPerBlock(months: 360, terms: 15) == 185)
        #expect(BatchedLinearModel.seriesPerBlock(months: 100_000, terms: 40) == 16)
        let design = Self.trendDesign(months: 360, interventionAt: 240)
        let y = Self.responses(months: 360, series: 300, seed: 17)
        let batched = try BatchedLinearModel.fit(design, responses: y)
        var worst = 0.0
        for j in (0..<300) where j % 7 == 0 || [184, 185, 299].contains(j) {
            let single = try LinearModel.fit(design, response: (0..<360).map { y[$0, j] })
            #expect(batched.status[j] == .fitted)
            worst = max(worst, relativeDifference(batched.residualStandardErrors[j], single.residualStandardError))
            for (a, c) in single.coefficients.enumerated() {
                worst = max(worst, abs(batched.coefficients[a, j] - c.estimate) / max(abs(c.estimate), c.standardError))
                worst = max(worst, relativeDifference(batched.standardErrors[a, j], c.standardError))
            }
        }
        #expect(worst < 1e-10, "worst relative difference \(worst)")
    }

    @Test func seriesWithTooFewMonthsIsMarkedNotGuessed() throws {
        let design = Self.trendDesign(months: 24, interventionAt: 12)
        var y = Self.responses(months: 24, series: 2, seed: 3)
        for i in 0..<12 { y[i, 1] = .nan }                          // 12 months cannot fit the 15 terms
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(batched.status == [.fitted, .tooFewObservations])
        #expect(batched.coefficients.column(1).allSatisfy { $0.isNaN })
        #expect(batched.standardErrors.column(1).allSatisfy { $0.isNaN } && batched.residualStandardErrors[1].isNaN)
    }

    @Test func infinityIsMissingAndOverflowIsNotGuessed() throws {
        let design = Self.trendDesign(months: 36, interventionAt: 20)
        var y = Self.responses(months: 36, series: 3, seed: 5)
        y[4, 1] = .infinity
        for i in 0..<36 { y[i, 2] = 1e200 * Double(i % 5 + 1) }   // squares overflow Double
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(batched.status == [.fitted, .fitted, .overflow])
        #expect(batched.observations[1] == 35)
        #expect(batched.coefficients.column(2).allSatisfy { $0.isNaN })
        #expect(batched.standardErrors.column(2).allSatisfy { $0.isNaN } && batched.residualStandardErrors[2].isNaN)
    }

    @Test func rankDeficiencyOnAGroupIsReported() throws {
        // With the intervention after the last observed month, level and slope columns are zero.
        let design = Self.trendDesign(months: 36, interventionAt: 40)
        let y = Self.responses(months: 36, series: 3, seed: 11)
        let batched = try BatchedLinearModel.fit(design, responses: y)
        #expect(Set(batched.dropped) == ["level:board", "slope:board"])
        #expect(batched.ranks == [13, 13, 13])
        let level = design.terms.firstIndex(of: "level:board")!
        #expect(batched.coefficients.row(level).allSatisfy { $0.isNaN })
        #expect(batched.standardErrors.row(level).allSatisfy { $0.isNaN })
        #expect((0..<design.terms.count).filter { batched.coefficients[$0, 0].isNaN }.count == 2, "only the two dropped terms")
    }
}
