import Foundation
import Testing
@testable import ClinicCore

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
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/rlm/rlm_statsmodels.json")
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
