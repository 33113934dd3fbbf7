import Testing
@testable import ClinicModels
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// Behaviour of ``LinearModel`` beyond the NIST values: inference, intervals, leverage, rank
/// deficiency and bad input. Expected numbers come from statsmodels 0.15.0 OLS on the same data
/// (`sm.OLS(y, sm.add_constant(x)).fit()`, `get_prediction(...).summary_frame(alpha=0.05)`,
/// `get_influence().hat_matrix_diag`), which agree with R's lm/predict.
@Suite("Linear model")
struct LinearModelTests {
    static let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1]
    static var design: DesignMatrix { .linear([("x", x.map { ExtendedDouble($0) })], intercept: true) }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    @Test func inferenceMatchesStatsmodels() throws {
        let fit = try LinearModel.fit(Self.design, response: Self.y)
        #expect(fit.coefficients.map(\.term) == ["(Intercept)", "x"])
        let expected: [(Double, Double, Double, Double)] = [
            (0.03571428571428581, 0.14038536208102784, 0.2544017779693597, 0.8076796670633442),
            (1.9976190476190472, 0.02780044426688411, 71.85565196159872, 4.888933612555089e-10),
        ]
        for (c, e) in zip(fit.coefficients, expected) {
            #expect(close(c.estimate, e.0, 1e-13))
            #expect(close(c.standardError, e.1))
            #expect(close(c.tStatistic, e.2, 1e-11))
            #expect(close(c.pValue, e.3, 1e-10))
        }
        #expect(fit.residualDegreesOfFreedom == 6)
        #expect(close(fit.residualStandardError, 0.18016747059421537))
        #expect(close(fit.rSquared, 0.9988392866011389))
        #expect(close(fit.adjustedRSquared, 0.9986458343679954))
        let f = try #require(fit.fStatistic)
        #expect(f.numerator == 1 && f.denominator == 6)
        #expect(close(f.value, 5163.234718826406, 1e-11))
        #expect(close(f.pValue, 4.888933612555092e-10, 1e-10))
        let ci = fit.confidenceIntervals(level: 0.95)
        #expect(close(ci[0].lowerBound, -0.3077963204890601, 1e-12))
        #expect(close(ci[0].upperBound, 0.3792248919176317, 1e-12))
        #expect(close(ci[1].lowerBound, 1.929593811075313, 1e-12))
        #expect(close(ci[1].upperBound, 2.0656442841627816, 1e-12))
    }

    @Test func residualsFittedAndLeverage() throws {
        let fit = try LinearModel.fit(Self.design, response: Self.y)
        let hat = [0.4166666666666664, 0.27380952380952367, 0.17857142857142846, 0.13095238095238085,
                   0.1309523809523809, 0.17857142857142855, 0.2738095238095237, 0.4166666666666666]
        for (h, e) in zip(fit.leverage, hat) { #expect(close(h, e, 1e-13)) }
        #expect(abs(fit.leverage.reduce(0, +) - Double(fit.rank)) < 1e-13)
        let residuals = [0.06666666666666687, -0.13095238095238004, 0.1714285714285726, -0.2261904761904754,
                         0.0761904761904777, 0.17857142857142883, -0.2190476190476165, 0.08333333333333925]
        for (r, e) in zip(fit.residuals, residuals) { #expect(abs(r - e) < 1e-13) }
        for i in Self.y.indices { #expect(abs(fit.fittedValues[i] + fit.residuals[i] - Self.y[i]) < 1e-14) }
    }

    /// The studentised residuals' shortcut gives statsmodels' leverages and residuals, and bit for bit
    /// what the whole fit gives, refined or not (on a rank-deficient design too).
    @Test func residualsAndLeverageAloneAreTheFitsOwn() throws {
        let light = try LinearModel.residualsAndLeverage(Self.design, response: Self.y)
        let hat = [0.4166666666666664, 0.27380952380952367, 0.17857142857142846, 0.13095238095238085,
                   0.1309523809523809, 0.17857142857142855, 0.2738095238095237, 0.4166666666666666]
        for (h, e) in zip(light.leverage, hat) { #expect(close(h, e, 1e-13)) }
        #expect(abs(light.residuals[2] - 0.1714285714285726) < 1e-13)
        let duplicated = DesignMatrix.linear([("x", Self.x.map { ExtendedDouble($0) }), ("twice x", Self.x.map { ExtendedDouble(2 * $0) })],
                                             intercept: true)
        for design in [Self.design, duplicated] {
            for refine in [true, false] {
                let fit = try LinearModel.fit(design, response: Self.y, options: .init(refine: refine))
                let alone = try LinearModel.residualsAndLeverage(design, response: Self.y, options: .init(refine: refine))
                #expect(alone.rank == fit.rank)
                #expect(alone.residuals == fit.residuals)
                #expect(alone.leverage == fit.leverage)
                #expect(alone.residualSumOfSquares == fit.residualSumOfSquares)
            }
        }
        #expect(try LinearModel.residualsAndLeverage(duplicated, response: Self.y).rank == 2)
    }

    @Test func predictionIntervalsMatchStatsmodels() throws {
        let fit = try LinearModel.fit(Self.design, response: Self.y)
        let p = try fit.predict([[1, 10], [1, 4.5]], level: 0.95)
        let expected: [(Double, Double, Double, Double, Double, Double)] = [
            (20.011904761904756, 0.16564026352606004, 19.606597638056062, 20.41721188575345, 19.413050821006475, 20.610758702803036),
            (9.024999999999999, 0.06369882010319876, 8.869134602185529, 9.180865397814468, 8.557403806556591, 9.492596193443406),
        ]
        for (got, e) in zip(p, expected) {
            #expect(close(got.mean, e.0, 1e-13))
            #expect(close(got.standardError, e.1, 1e-12))
            #expect(close(got.confidence.lowerBound, e.2, 1e-12))
            #expect(close(got.confidence.upperBound, e.3, 1e-12))
            #expect(close(got.prediction.lowerBound, e.4, 1e-12))
            #expect(close(got.prediction.upperBound, e.5, 1e-12))
        }
        #expect(throws: LinearModelError.predictionWidth(expected: 2, got: 1)) { try fit.predict([[1]]) }
    }

    @Test func rankDeficientDesignDropsTheDependentColumnByName() throws {
        // z = 2x + 1 is a combination of the intercept and x.
        let x = Self.x.map { ExtendedDouble($0) }
        let design = DesignMatrix.linear([("x", x), ("z", x.map { 2 * $0 + 1 }), ("w", [3, 1, 4, 1, 5, 9, 2, 6])], intercept: true)
        let fit = try LinearModel.fit(design, response: Self.y)
        #expect(fit.rank == 3)
        #expect(fit.dropped.count == 1)
        #expect(["(Intercept)", "x", "z"].contains(fit.dropped[0].term))
        #expect(fit.dropped[0].reason.contains("linearly dependent"))
        #expect(fit.residualDegreesOfFreedom == 5)   // n − rank, not n − p
        // The fitted values equal those of the model without the redundant column.
        let reduced = try LinearModel.fit(.linear([("x", x), ("w", [3, 1, 4, 1, 5, 9, 2, 6])], intercept: true), response: Self.y)
        for (a, b) in zip(fit.fittedValues, reduced.fittedValues) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(fit.residualStandardError - reduced.residualStandardError) < 1e-13)
    }

    @Test func zeroColumnIsDroppedWithItsReason() throws {
        let design = DesignMatrix.linear([("x", Self.x.map { ExtendedDouble($0) }), ("zero", Array(repeating: 0, count: 8))], intercept: true)
        let fit = try LinearModel.fit(design, response: Self.y)
        #expect(fit.dropped == [DroppedTerm(term: "zero", reason: "every value is zero")])
    }

    @Test func noInterceptUsesUncentredRSquared() throws {
        let fit = try LinearModel.fit(.linear([("x", Self.x.map { ExtendedDouble($0) })], intercept: false), response: Self.y)
        let sumY2 = Self.y.map { $0 * $0 }.reduce(0, +)
        #expect(abs(fit.rSquared - (1 - fit.residualSumOfSquares / sumY2)) < 1e-15)
        #expect(fit.residualDegreesOfFreedom == 7)
    }

    @Test func badInputIsAnErrorNotACrash() throws {
        let x = Self.x.map { ExtendedDouble($0) }
        #expect(throws: LinearModelError.responseLength(response: 3, designRows: 8)) {
            try LinearModel.fit(Self.design, response: [1, 2, 3] as [Double])
        }
        var y = Self.y; y[2] = .nan
        #expect(throws: LinearModelError.nonFinite(row: 2, term: nil)) { try LinearModel.fit(Self.design, response: y) }
        let two = DesignMatrix.linear([("x", Array(x.prefix(2)))], intercept: true)
        #expect(throws: LinearModelError.tooFewObservations(observations: 2, rank: 2)) {
            try LinearModel.fit(two, response: [1, 2] as [Double])
        }
        #expect(throws: LinearModelError.zeroDesign) {
            try LinearModel.fit(.linear([("z", Array(repeating: 0, count: 8))], intercept: false), response: Self.y)
        }
        #expect(throws: LinearModelError.emptyDesign) {
            try LinearModel.fit(.linear([], intercept: false), response: [Double]())
        }
    }
}

/// Invariants that hold for any least-squares fit, checked on an ill-conditioned random design.
/// (With refinement off, plain QR misses the orthogonality bound below by four to seven orders.)
@Suite("Least-squares invariants")
struct LeastSquaresInvariantTests {
    @Test func residualsAreOrthogonalToTheDesignAndLeverageSumsToRank() throws {
        var random = LinearCongruential(seed: 12345)
        func uniform() -> Double { random.uniform() }
        let n = 50
        let t = (0..<n).map { _ in 1000 + 10 * uniform() }      // offset makes t, t², t³ nearly collinear
        let columns: [(name: String, values: [ExtendedDouble])] = [
            ("t", t.map { ExtendedDouble($0) }), ("t^2", t.map { ExtendedDouble($0 * $0) }),
            ("t^3", t.map { ExtendedDouble($0 * $0 * $0) }), ("noise", (0..<n).map { _ in ExtendedDouble(uniform()) }),
        ]
        let design = DesignMatrix.build(rows: n, intercept: true, columns: columns)
        let y = t.map { 3 + 0.5 * $0 + 0.001 * $0 * $0 + uniform() }
        let fit = try LinearModel.fit(design, response: y)
        #expect(fit.rank == 5)
        #expect(fit.conditionNumber > 1e6)
        // Xᵀe = 0 relative to ‖X_j‖·‖e‖ (exact columns, accumulated in extended precision).
        let eNorm = fit.residuals.map { $0 * $0 }.reduce(0, +).squareRoot()
        for j in 0..<design.terms.count {
            var dot: ExtendedDouble = 0, norm: ExtendedDouble = 0
            for i in 0..<n {
                dot += design.exact[i + j * n] * ExtendedDouble(fit.residuals[i])
                norm += design.exact[i + j * n] * design.exact[i + j * n]
            }
            #expect(abs(Double(dot)) <= 1e-13 * Double(norm.squareRoot()) * eNorm, "column \(design.terms[j])")
        }
        #expect(abs(fit.leverage.reduce(0, +) - 5) < 1e-12)
        #expect(fit.leverage.allSatisfy { $0 >= 0 && $0 <= 1 + 1e-14 })
        // The covariance is symmetric with a positive diagonal.
        for a in 0..<5 {
            #expect(fit.covariance[a, a] > 0)
            for b in 0..<5 { #expect(fit.covariance[a, b] == fit.covariance[b, a]) }
        }
    }
}
