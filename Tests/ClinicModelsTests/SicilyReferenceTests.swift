@testable import ClinicIngest
import Foundation
import Testing
@testable import ClinicModels
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// The Sicily smoking-ban series (Bernal, Cummins & Gasparrini 2017), the reference for interrupted
/// time series (Fixtures/its). Expected values: sicily_statsmodels.json, produced by statsmodels at full
/// precision (the script is described in its `_provenance` field); they reproduce R's printed output
/// (expected_R_output.txt), whose dispersions and Durbin–Watson statistic are checked directly too.
/// R's printed dispersions differ from the converged value by about 2e-6 relative: `glm.fit` stops at a
/// deviance change of 1e-8 and `summary.glm` combines the last iteration's working weights with the
/// final fitted means, so those three checks allow 5e-6.
@Suite("Sicily interrupted time series")
struct SicilyReferenceTests {
    struct Model: Decodable {
        let terms: [String]
        let estimate: [Double]
        let std_error: [Double]
        let dispersion: Double?
        let newey_west: [String: [Double]]?
        let durbin_watson: Double?
    }

    static let folder = Fixtures.url("its")
    static let reference: [String: Model] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("sicily_statsmodels.json"))
        let raw = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        var out = [String: Model]()
        for (key, value) in raw where !key.hasPrefix("_") {
            out[key] = try! JSONDecoder().decode(Model.self, from: JSONSerialization.data(withJSONObject: value))
        }
        return out
    }()

    struct Sicily {
        let aces: [Double], time: [Double], smokban: [Double], month: [Double], stdpop: [Double]
        init() throws {
            let t = try CSVTable(contentsOf: SicilyReferenceTests.folder.appendingPathComponent("sicily.csv").path)
            func column(_ name: String) throws -> [Double] { try t.numericColumn(t.columnIndex(name)!).map { Double($0) } }
            aces = try column("aces"); time = try column("time"); smokban = try column("smokban")
            month = try column("month"); stdpop = try column("stdpop")
        }
        var harmonics: [(name: String, values: [ExtendedDouble])] {
            [("s1", 1, true), ("s2", 2, true), ("c1", 1, false), ("c2", 2, false)].map { name, k, isSine in
                (name, month.map { m in
                    let angle = 2 * Double.pi * Double(k) * m / 12
                    return ExtendedDouble(isSine ? sin(angle) : cos(angle))
                })
            }
        }
        func column(_ name: String, _ values: [Double]) -> (name: String, values: [ExtendedDouble]) {
            (name, values.map { ExtendedDouble($0) })
        }
    }

    func expectClose(_ got: [Double], _ expected: [Double], _ what: String, tolerance: Double = 1e-6) {
        #expect(got.count == expected.count, "\(what): \(got.count) values, expected \(expected.count)")
        for (g, e) in zip(got, expected) {
            #expect(abs(g - e) <= tolerance * abs(e), "\(what): \(g) vs \(e), relative \(abs(g - e) / abs(e))")
        }
    }

    func check(_ fit: PoissonFit, _ key: String) {
        let ref = Self.reference[key]!
        #expect(fit.coefficients.map(\.term) == ref.terms)
        expectClose(fit.coefficients.map(\.estimate), ref.estimate, "\(key) estimates")
        expectClose(fit.coefficients.map(\.standardError), ref.std_error, "\(key) standard errors")
        if let dispersion = ref.dispersion { expectClose([fit.dispersion], [dispersion], "\(key) dispersion") }
    }

    @Test func poissonAndQuasiPoissonWithOffset() throws {
        let s = try Sicily()
        let design = DesignMatrix.build(rows: s.aces.count, intercept: true, columns: [s.column("smokban", s.smokban), s.column("time", s.time)])
        let offset = s.stdpop.map { log($0) }
        check(try PoissonRegression.fit(design, counts: s.aces, offset: offset, family: .poisson), "model1_poisson")
        let quasi = try PoissonRegression.fit(design, counts: s.aces, offset: offset, family: .quasiPoisson)
        check(quasi, "model2_quasi_poisson")
        #expect(abs(quasi.dispersion - 3.559195) / 3.559195 < 5e-6)      // R: dispersion = 3.559195
    }

    @Test func quasiPoissonWithHarmonicsAndSlopeChange() throws {
        let s = try Sicily()
        let offset = s.stdpop.map { log($0) }
        let base = [s.column("smokban", s.smokban), s.column("time", s.time)]
        let model3 = try PoissonRegression.fit(.build(rows: s.aces.count, intercept: true, columns: base + s.harmonics),
                                               counts: s.aces, offset: offset, family: .quasiPoisson)
        check(model3, "model3_quasi_harmonics")
        #expect(abs(model3.dispersion - 2.262186) / 2.262186 < 5e-6)
        // R: annual trend exp(12 · b_time) = 1.066808.
        #expect(abs(exp(12 * model3.coefficient("time")!.estimate) - 1.066808) < 5e-7)
        let slope = s.column("smokban:I(time - 36)", zip(s.smokban, s.time).map { $0 * ($1 - 36) })
        let model4 = try PoissonRegression.fit(.build(rows: s.aces.count, intercept: true, columns: base + [slope] + s.harmonics),
                                               counts: s.aces, offset: offset, family: .quasiPoisson)
        check(model4, "model4_slope_change")
        #expect(abs(model4.dispersion - 2.274563) / 2.274563 < 5e-6)
    }

    @Test func olsSegmentedRegressionWithNeweyWest() throws {
        let s = try Sicily()
        let rate = zip(s.aces, s.stdpop).map { $0 / $1 * 1e5 }
        let design = DesignMatrix.build(rows: rate.count, intercept: true, columns: [
            s.column("time", s.time), s.column("smokban", s.smokban),
            s.column("post_time", zip(s.time, s.smokban).map { max(0, $0 - 36) * $1 }),
        ] + s.harmonics)
        let fit = try LinearModel.fit(design, response: rate)
        let ref = Self.reference["ols_segmented"]!
        #expect(fit.coefficients.map(\.term) == ref.terms)
        expectClose(fit.coefficients.map(\.estimate), ref.estimate, "OLS estimates")
        expectClose(fit.coefficients.map(\.standardError), ref.std_error, "OLS standard errors")
        for lag in [1, 3, 6] {
            expectClose(fit.neweyWestStandardErrors(design: design, lag: lag), ref.newey_west!["\(lag)"]!, "Newey–West lag \(lag)")
        }
        expectClose([fit.durbinWatson], [ref.durbin_watson!], "Durbin–Watson")
        #expect(abs(fit.durbinWatson - 2.4499) < 5e-5)                    // R (lmtest): DW = 2.4499
        #expect(LinearModelFit.neweyWestDefaultLag(observations: 59) == 3)
        #expect(LinearModelFit.neweyWestDefaultLag(observations: 120) == 4)
    }
}
