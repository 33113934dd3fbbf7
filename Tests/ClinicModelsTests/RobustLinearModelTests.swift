import Foundation
import Testing
@testable import ClinicModels
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// Parity with statsmodels RLM (Fixtures/rlm/rlm_statsmodels.json; how the fixtures were generated is in
/// its `_provenance` field): estimates, H1 standard errors, scale and iteration count, for Huber and
/// bisquare, on series with Student-t noise and injected outliers.
@Suite("Robust regression")
struct RobustLinearModelTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String, norm: String, terms: [String], x: [[Double]], y: [Double]
        let estimate: [Double], std_error: [Double], scale: Double, iterations: Int
        var testDescription: String { name }
    }
    struct File: Decodable { let cases: [Case] }

    static let cases: [Case] = {
        let url = Fixtures.url("rlm/rlm_statsmodels.json")
        return (try? JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases) ?? []
    }()

    @Test func fixturesLoad() { #expect(Self.cases.count == 8) }

    @Test("matches statsmodels RLM to 1e-6", arguments: cases)
    func parity(_ c: Case) throws {
        let design = DesignMatrix(terms: c.terms, columns: c.x, hasIntercept: true)
        let fit = try RobustLinearModel.fit(design, response: c.y, norm: c.norm == "huber" ? .huber : .bisquare)
        #expect(fit.iterations == c.iterations)
        #expect(abs(fit.scale - c.scale) <= 1e-6 * c.scale, "scale \(fit.scale) vs \(c.scale)")
        for (got, (estimate, se)) in zip(fit.coefficients, zip(c.estimate, c.std_error)) {
            #expect(abs(got.estimate - estimate) <= 1e-6 * abs(estimate), "\(c.name) \(got.term): \(got.estimate) vs \(estimate)")
            #expect(abs(got.standardError - se) <= 1e-6 * se, "\(c.name) \(got.term) se: \(got.standardError) vs \(se)")
        }
    }

    @Test func bisquareGivesGrossOutliersNoWeightAndHuberKeepsSome() throws {
        let t = (0..<48).map { Double($0) }
        var y = t.map { 100 + 0.5 * $0 + sin($0) }
        y[20] += 500
        let design = DesignMatrix.linear([("trend", t.map { ExtendedDouble($0) })], intercept: true)
        let bisquare = try RobustLinearModel.fit(design, response: y, norm: .bisquare)
        let huber = try RobustLinearModel.fit(design, response: y, norm: .huber)
        #expect(bisquare.weights[20] == 0)
        #expect(huber.weights[20] > 0 && huber.weights[20] < 0.05)
        #expect(abs(bisquare.coefficient("trend")!.estimate - 0.5) < 0.05)
        let ols = try LinearModel.fit(design, response: y)
        #expect(abs(ols.coefficient("trend")!.estimate - 0.5) > abs(huber.coefficient("trend")!.estimate - 0.5))
    }
}

extension RobustLinearModelTests {
    /// The batched path gives what the one-by-one fits give, series by series (and so statsmodels'),
    /// across parallel blocks, with gaps falling back to single fits.
    @Test(arguments: [RobustLinearModel.Norm.huber, .bisquare])
    func batchedAgreesWithSingleFits(_ norm: RobustLinearModel.Norm) throws {
        let n = 60, m = 300
        var random = LinearCongruential(seed: 77)
        func u() -> Double { random.uniform() }
        let t = (0..<n).map { Double($0) }
        let design = DesignMatrix.build(rows: n, intercept: true, columns: [
            ("trend", t.map { ExtendedDouble($0) }),
            ("sin1", t.map { ExtendedDouble(sin(2 * Double.pi * $0 / 12)) }),
            ("cos1", t.map { ExtendedDouble(cos(2 * Double.pi * $0 / 12)) }),
            ("level:x", t.map { $0 >= 40 ? 1 : 0 }),
        ])
        var y = Matrix(rows: n, columns: m)
        for j in 0..<m {
            let level = 50 + 500 * u(), slope = u() - 0.5
            for i in 0..<n {
                var v = level + slope * t[i] + 10 * sin(t[i] / 2) + 4 * (u() - 0.5)
                if u() < 0.05 { v += (u() < 0.5 ? -1 : 1) * (30 + 60 * u()) }       // outliers
                y[i, j] = v
            }
        }
        y[7, 13] = .nan                                                               // a gap
        let batched = try BatchedRobustLinearModel.fit(design, responses: y, norm: norm)
        var worst = 0.0
        for j in 0..<m {
            let rows = (0..<n).filter { y[$0, j].isFinite }
            let sub = DesignMatrix(terms: design.terms, matrix: design.matrix.selectingRows(rows), hasIntercept: true)
            let single = try RobustLinearModel.fit(sub, response: rows.map { y[$0, j] }, norm: norm)
            #expect(batched.status[j] == .fitted)
            #expect(batched.iterations[j] == single.iterations, "series \(j): \(batched.iterations[j]) vs \(single.iterations) iterations")
            worst = max(worst, abs(batched.scale[j] - single.scale) / single.scale)
            for (a, c) in single.coefficients.enumerated() {
                worst = max(worst, abs(batched.coefficients[a, j] - c.estimate) / max(abs(c.estimate), 1e-3))
                worst = max(worst, abs(batched.standardErrors[a, j] - c.standardError) / c.standardError)
            }
        }
        #expect(worst < 1e-8, "worst relative difference \(worst)")
        #expect(batched.observations[13] == n - 1)
    }
}
