import ClinicData
import ClinicNumerics
import ClinicSimulation
import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicModels

/// Regression with ARMA errors against R: nlme::gls(method = "REML") and stats::arima predictions
/// (Tests/Fixtures/arma, made by make_gls_fixtures.R), and hand-derived whitening.
@Suite("Regression with ARMA errors")
struct ARMARegressionTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let n: Int
            let terms: [String]
            let x: [[Double]]
            let y: [Double]
            let fits: [String: GLS]
            let arima: Arima?
        }
        struct GLS: Decodable {
            let ok: Bool
            let coefficients: [String: Double]?
            let std_errors: [String: Double]?
            let sigma: Double?
            let phi: [Double]?
            let theta: [Double]?
            let logLik: Double?
        }
        struct Arima: Decodable {
            let xf: [[Double]]
            let fits: [String: ArimaFit]
        }
        struct ArimaFit: Decodable {
            let ok: Bool
            let coef: [String: Double]
            let sigma2: Double
            let pred: [Double]
            let se: [Double]
        }
        let cases: [Case]
    }

    static let reference: Reference = {
        let data = try! Data(contentsOf: Fixtures.url("arma/gls_reference.json"))
        return try! JSONDecoder().decode(Reference.self, from: data)
    }()

    static func design(_ c: Reference.Case) -> Matrix { Matrix(rowMajor: c.x) }

    /// Every converged nlme fit: coefficients within 1e-3 of a standard error, standard errors and σ
    /// within 1% (σ as nlme reports it: the errors' standard deviation), ARMA parameters within 1e-3, and a restricted log-likelihood at least as high as R's
    /// (to 1e-6) and within 1e-3 of it.
    ///
    /// US accidental deaths with month dummies puts AR(2) and ARMA(1,1) on a ridge towards the unit root
    /// (φ₁ + φ₂ and φ within 1e-4 of 1) where the likelihood is flat to 1e-7: there the intercept's
    /// standard error and the errors' SD grow without bound as φ → 1, so nlme's values for those two are
    /// where its search stopped and are not compared; every other coefficient, standard error, the ARMA
    /// parameters and the likelihood are. (Before the cross-product likelihood kept its digits near the
    /// unit root, AR(2) went to 3.6e-15 from it and overstated ℓ_R by 1.45.)
    @Test(arguments: ["seatbelts_drivers", "seatbelts_front", "sicily", "fictional_lac", "airpassengers_log", "nottem", "usaccdeaths"])
    func matchesNlmeGLSByREML(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        for model in ErrorModel.allCases {
            let r = try #require(c.fits[model.rawValue])
            guard r.ok else { continue }
            let fit = try ARMARegression.fit(x: Self.design(c), y: c.y, terms: c.terms, times: Array(0..<c.n), model: model)
            let ridge = name == "usaccdeaths" && (model == .ar2 || model == .arma11)
            for (j, term) in c.terms.enumerated() where !(ridge && term == "(Intercept)") {
                let se = try #require(r.std_errors?[term]), b = try #require(r.coefficients?[term])
                #expect(abs(fit.estimates[j] - b) <= 1e-3 * se, "\(name) \(model) \(term): \(fit.estimates[j]) vs \(b)")
                #expect(abs(fit.covariance[j, j].squareRoot() / se - 1) <= 0.01, "\(name) \(model) se(\(term))")
            }
            if !ridge { #expect(abs(fit.marginalStandardDeviation / r.sigma! - 1) <= 0.01, "\(name) \(model) sigma") }
            for (mine, theirs) in zip(fit.process.phi + fit.process.theta, (r.phi ?? []) + (r.theta ?? [])) {
                #expect(abs(mine - theirs) <= 1e-3, "\(name) \(model) ARMA parameter \(mine) vs \(theirs)")
            }
            let logLik = try #require(r.logLik)
            #expect(fit.restrictedLogLikelihood >= logLik - 1e-6, "\(name) \(model) logLik \(fit.restrictedLogLikelihood) vs \(logLik)")
            #expect(abs(fit.restrictedLogLikelihood - logLik) <= 1e-3, "\(name) \(model) logLik \(fit.restrictedLogLikelihood) vs \(logLik)")
        }
    }

    /// The automatic choice on US accidental deaths with month dummies is nlme's: ARMA(1,1), whose AICc
    /// (864.58) beats AR(2)'s (866.43) once AR(2)'s likelihood is computed with its digits; the trend's
    /// 95% interval is nlme's `b ± t₅₉·se`, about −47.9 to 29.7 (with the AR(2) that lost digits it was
    /// −58.5 to 41.8).
    @Test func usAccidentalDeathsChooseARMA11AsNlmeDoes() throws {
        let c = try #require(Self.reference.cases.first { $0.name == "usaccdeaths" })
        let choice = ARMARegression.choose(x: Self.design(c), y: c.y, terms: c.terms, times: Array(0..<c.n))
        let fit = try #require(choice.fit)
        #expect(fit.process.model == .arma11)
        let r = try #require(c.fits["arma11"]), trend = try #require(c.terms.firstIndex(of: "trend"))
        let b = try #require(r.coefficients?["trend"]), se = try #require(r.std_errors?["trend"])
        let q = StudentT(degreesOfFreedom: Double(c.n - c.terms.count)).quantile(0.975)
        let mine = (fit.estimates[trend] - q * fit.covariance[trend, trend].squareRoot(),
                    fit.estimates[trend] + q * fit.covariance[trend, trend].squareRoot())
        #expect(abs(mine.0 - (b - q * se)) <= 0.01 * q * se && abs(mine.1 - (b + q * se)) <= 0.01 * q * se,
                "trend interval \(mine) vs nlme \(b - q * se) to \(b + q * se)")
        #expect(abs((b - q * se) - -47.9) < 0.05 && abs((b + q * se) - 29.7) < 0.05)
    }

    /// Where nlme stops ("coefficient matrix not invertible", Sicily ARMA(1,1) runs to φ → −1, θ → 1),
    /// Clinic returns a fit whose likelihood is at least that of AR(1), the model nested in it.
    @Test func arma11AtTheBoundaryStillFitsSicily() throws {
        let c = try #require(Self.reference.cases.first { $0.name == "sicily" })
        let ar1 = try ARMARegression.fit(x: Self.design(c), y: c.y, terms: c.terms, times: Array(0..<c.n), model: .ar1)
        let arma = try ARMARegression.fit(x: Self.design(c), y: c.y, terms: c.terms, times: Array(0..<c.n), model: .arma11)
        #expect(arma.restrictedLogLikelihood >= ar1.restrictedLogLikelihood - 1e-6)
        #expect(arma.estimates.allSatisfy(\.isFinite) && arma.sigma.isFinite)
    }

    /// The error forecast is R's: with arima's ML coefficients plugged in, `xᵀβ + ê` and the prediction
    /// standard error equal `predict(arima_fit, n.ahead = 12, newxreg = Xf)` (which, like our error
    /// variance, leaves out the coefficients' uncertainty) to 1e-8 relative.
    @Test(arguments: ["seatbelts_drivers", "fictional_lac"])
    func errorForecastsMatchArimaPredict(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        let arima = try #require(c.arima)
        for model in [ErrorModel.ar1, .ar2, .arma11] {
            let r = try #require(arima.fits[model.rawValue])
            guard r.ok else { continue }
            let (p, q) = model.order
            let phi = (1...p).map { r.coef["ar\($0)"]! }
            let theta = q > 0 ? [r.coef["ma1"]!] : []
            let beta = c.terms.map { r.coef[$0]! }
            var residuals = c.y
            for i in 0..<c.n { for j in beta.indices { residuals[i] -= c.x[i][j] * beta[j] } }
            let whitener = try #require(ARMAKalmanWhitener(process: ErrorProcess(model: model, phi: phi, theta: theta), times: Array(0..<c.n)))
            let predicted = whitener.forecast(residuals: residuals, futureTimes: Array(c.n..<(c.n + 12)))
            for h in 0..<12 {
                let mean = zip(arima.xf[h], beta).reduce(0) { $0 + $1.0 * $1.1 } + predicted[h].mean
                let se = (r.sigma2 * predicted[h].variance).squareRoot()
                #expect(abs(mean - r.pred[h]) <= 1e-8 * abs(r.pred[h]), "\(name) \(model) h=\(h + 1): \(mean) vs \(r.pred[h])")
                #expect(abs(se / r.se[h] - 1) <= 1e-8, "\(name) \(model) se h=\(h + 1): \(se) vs \(r.se[h])")
            }
        }
    }

    /// The forecast is the GLS predictor, computed here densely from its definition: with Ω the error
    /// correlation at the observed months and γ_h its correlation with month t_h, c_h = Ω⁻¹γ_h,
    /// mean x_hᵀβ̂ + c_hᵀ(y − Xβ̂), variance σ̂²(γ₀ − γ_hᵀc_h) + d_hᵀCd_h with d_h = x_h − Xᵀc_h. Fitted
    /// ARMA(1,1) on the bundled lac series with four months left out, forecasts 1, 2, 5 and 12 months on.
    @Test func forecastIsTheGLSPredictor() throws {
        let c = try #require(Self.reference.cases.first { $0.name == "fictional_lac" })
        let keep = Array(0..<c.n).filter { ![30, 31, 100, 150].contains($0) }
        let x = Matrix(rowMajor: keep.map { c.x[$0] })
        let y = keep.map { c.y[$0] }
        let fit = try ARMARegression.fit(x: x, y: y, terms: c.terms, times: keep, model: .arma11)
        let future = [c.n, c.n + 1, c.n + 4, c.n + 11]
        // Future design rows continue the columns: intercept, trend, level (1 after the intervention), slope (+1 a month).
        let lastRow = c.x[c.n - 1]
        let rows = future.map { t -> [Double] in [1, Double(t), lastRow[2], lastRow[3] + Double(t - (c.n - 1))] }
        let predicted = fit.forecast(x: x, futureRows: rows, futureTimes: future)

        let n = keep.count
        let gamma = fit.process.autocovariances(upTo: future.last! - keep.first!)
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = gamma[abs(keep[i] - keep[j])]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = i == j ? s.squareRoot() : s / l[j][j]
            }
        }
        func solve(_ b: [Double]) -> [Double] {   // Ω⁻¹b by the Cholesky factor
            var z = b
            for i in 0..<n { for k in 0..<i { z[i] -= l[i][k] * z[k] }; z[i] /= l[i][i] }
            for i in stride(from: n - 1, through: 0, by: -1) { for k in (i + 1)..<n { z[i] -= l[k][i] * z[k] }; z[i] /= l[i][i] }
            return z
        }
        for (h, t) in future.enumerated() {
            let weights = solve(keep.map { gamma[t - $0] })
            var mean = 0.0, d = rows[h]
            for j in 0..<x.columns { mean += rows[h][j] * fit.estimates[j] }
            for i in 0..<n {
                mean += weights[i] * fit.residuals[i]
                for j in 0..<x.columns { d[j] -= weights[i] * x[i, j] }
            }
            var variance = gamma[0]
            for i in 0..<n { variance -= weights[i] * gamma[t - keep[i]] }
            variance *= fit.sigma * fit.sigma
            for a in 0..<x.columns { for b in 0..<x.columns { variance += d[a] * fit.covariance[a, b] * d[b] } }
            #expect(abs(predicted[h].mean - mean) <= 1e-9 * abs(mean), "h=\(t - c.n + 1) mean \(predicted[h].mean) vs \(mean)")
            #expect(abs(predicted[h].variance / variance - 1) <= 1e-8, "h=\(t - c.n + 1) variance \(predicted[h].variance) vs \(variance)")
        }
    }

    /// The search (a short simplex search, then Newton's method) reaches the restricted likelihood's
    /// maximum: on 18 simulated series (a trend and month dummies, AR(1), AR(2) and ARMA(1,1) errors of
    /// every sign, 60 to 168 months) it is never worse than a long, tight simplex search restarted twice
    /// from where it ended, nor than one from a fixed start, for every candidate model, by more than
    /// 1e-6 in −2ℓ_R (on a ridge toward a unit root, where the likelihood is flat to 1e-7 over a range of
    /// AR parameters from 0.99999 to 1, the searches stop at different places).
    @Test func theSearchFindsTheMaximumALongSimplexSearchFinds() throws {
        var random = SplitMix64(seed: 20_261_204)
        var compared = 0
        for s in 0..<18 {
            let n = 60 + 12 * (s % 10)
            let process: (phi: [Double], theta: Double) = [([0.6], 0), ([-0.4], 0), ([0.5, 0.3], 0), ([0.9], -0.5),
                                                           ([0.3], 0.6), ([0.95], 0)][s % 6]
            var e = [Double](repeating: 0, count: n + 50), shock = [Double](repeating: 0, count: n + 50)
            for t in 0..<(n + 50) {
                shock[t] = random.normal()
                e[t] = shock[t] + process.theta * (t > 0 ? shock[t - 1] : 0)
                for (lag, phi) in process.phi.enumerated() where t > lag { e[t] += phi * e[t - lag - 1] }
            }
            let rows = (0..<n).map { t -> [Double] in
                var row: [Double] = [1, Double(t)]
                for m in 2...12 { row.append(t % 12 == m - 1 ? 1 : 0) }
                return row
            }
            let x = Matrix(rowMajor: rows)
            let y = (0..<n).map { t -> Double in
                let seasonal: Double = t % 12 == 6 ? 5 : 0
                return 100 + 0.3 * Double(t) + seasonal + 4 * e[t + 50]
            }
            let times = Array(0..<n)
            guard let residuals = ARMARegression.olsResiduals(x: x, y: y) else { continue }
            let r = ARMARegression.sampleAutocorrelations(residuals, times: times, lags: 2)
            for model in [ErrorModel.ar1, .ar2, .arma11] {
                guard let found = ARMARegression.search(x: x, y: y, times: times, model: model, autocorrelations: r) else { continue }
                let data = Matrix(rows: n, columns: x.columns + 1, columnMajor: x.storage + y)
                let objective: ([Double]) -> Double = { u in
                    guard u.allSatisfy({ abs($0) <= ARMARegression.unconstrainedBound }) else { return .infinity }
                    return ARMARegression.minusTwoRestrictedLogLikelihood(ErrorProcess.fromUnconstrained(model, u), data: data,
                                                                          times: times, k: x.columns)
                }
                let p = found.process
                let foundPoint: [Double]
                switch model {
                case .ar1: foundPoint = [atanh(p.phi[0])]
                case .ar2: foundPoint = [atanh(p.phi[0] / (1 - p.phi[1])), atanh(p.phi[1])]
                default: foundPoint = [atanh(p.phi[0]), atanh(p.theta[0])]
                }
                var long = NelderMead.minimize(objective, from: foundPoint, tolerance: 1e-14, maxEvaluations: 1_500)
                for _ in 0..<2 {
                    let again = NelderMead.minimize(objective, from: long.point, step: 0.3, tolerance: 1e-14, maxEvaluations: 1_500)
                    if again.value < long.value { long = again }
                }
                let dimension = model.order.p + model.order.q
                let fromStart = NelderMead.minimize(objective, from: [Double](repeating: 0.1, count: dimension),
                                                    tolerance: 1e-14, maxEvaluations: 1_500)
                let reference = min(long.value, fromStart.value)
                let value = found.minusTwoLogLikelihood
                #expect(value <= reference + 1e-6, "series \(s) \(model): \(value) vs \(reference) at \(foundPoint) vs \(long.point)")
                compared += 1
            }
        }
        #expect(compared >= 45)
    }

    /// The cross-product form of the AR likelihood (`AutoregressiveGram`) gives the Kalman path's value,
    /// scaling constant included, at several parameter values on a real design (seat-belt deaths).
    @Test func crossProductLikelihoodEqualsTheKalmanOne() throws {
        let c = try #require(Self.reference.cases.first { $0.name == "seatbelts_drivers" })
        let x = Self.design(c)
        let data = Matrix(rows: c.n, columns: x.columns + 1, columnMajor: x.storage + c.y)
        for (p, phi) in [(1, [0.3]), (1, [-0.6]), (2, [0.5, 0.2]), (2, [1.1, -0.3])] {
            let gram = ARMARegression.AutoregressiveGram(data: data, p: p).minusTwoRestrictedLogLikelihood(phi: phi)
            let kalman = ARMARegression.minusTwoRestrictedLogLikelihood(ErrorProcess(model: p == 1 ? .ar1 : .ar2, phi: phi), data: data,
                                                                         times: Array(0..<c.n), k: x.columns)
            #expect(abs(gram - kalman) <= 1e-8 * abs(kalman), "AR(\(p)) \(phi): \(gram) vs \(kalman)")
        }
    }

    /// AR(1) on consecutive months: whitening is the Prais–Winsten transform
    /// (`√(1−φ²)·c₁`, then `c_t − φ c_{t−1}`) and `log|Ω| = −log(1 − φ²)`.
    @Test func ar1WhiteningIsPraisWinsten() throws {
        let phi = 0.6
        let c = [3.0, -1, 4, 1, -5, 9, 2, 6]
        let whitener = try #require(ARMAKalmanWhitener(process: ErrorProcess(model: .ar1, phi: [phi]), times: Array(0..<c.count)))
        let w = whitener.whiten(c)
        #expect(abs(w[0] - (1 - phi * phi).squareRoot() * 3) < 1e-14)
        for t in 1..<c.count { #expect(abs(w[t] - (c[t] - phi * c[t - 1])) < 1e-13) }
        #expect(abs(whitener.logDeterminant + log(1 - phi * phi)) < 1e-14)
    }

    /// With months missing, whitening equals `L⁻¹c` for the Cholesky factor of the correlation matrix
    /// built from the process's autocovariances at the observed months (computed here densely).
    @Test(arguments: [ErrorProcess(model: .ar2, phi: [0.5, 0.3]), ErrorProcess(model: .arma11, phi: [0.8], theta: [-0.4])])
    func whiteningWithGapsEqualsTheDenseCholeskyFactor(_ process: ErrorProcess) throws {
        let times = [0, 1, 2, 5, 6, 9, 10, 11, 12, 20]
        let c = [1.0, -2, 0.5, 3, 2, -1, 0, 4, -3, 2]
        let gamma = process.autocovariances(upTo: 20)
        let n = times.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = gamma[abs(times[i] - times[j])]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = i == j ? s.squareRoot() : s / l[j][j]
            }
        }
        var expected = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = c[i]
            for k in 0..<i { s -= l[i][k] * expected[k] }
            expected[i] = s / l[i][i]
        }
        let whitener = try #require(ARMAKalmanWhitener(process: process, times: times))
        for (a, b) in zip(whitener.whiten(c), expected) { #expect(abs(a - b) < 1e-12) }
        let logDet = (0..<n).reduce(0.0) { $0 + 2 * log(l[$1][$1]) }
        #expect(abs(whitener.logDeterminant - logDet) < 1e-12)
    }

    /// Whitening several columns at once (four to a SIMD group, the rest one at a time) gives each
    /// column bit for bit what whitening it alone gives, for AR(1), AR(2) and ARMA(1,1) processes, on
    /// consecutive months (where the filter reaches its fixed point) and with gaps.
    @Test func columnsWhitenedTogetherAsAlone() throws {
        var state: UInt64 = 3
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53 - 0.5
        }
        let processes = [ErrorProcess(model: .ar1, phi: [0.7]), ErrorProcess(model: .ar2, phi: [0.5, 0.3]),
                         ErrorProcess(model: .arma11, phi: [0.6], theta: [-0.4])]
        let timings = [Array(0..<60), (0..<70).filter { $0 % 9 != 4 && $0 != 30 && $0 != 31 }]
        for process in processes {
            for times in timings {
                let whitener = try #require(ARMAKalmanWhitener(process: process, times: times))
                let n = times.count
                for columns in [1, 4, 7] {
                    let data = (0..<(n * columns)).map { _ in uniform() * 10 }
                    var together = [Double](repeating: .nan, count: n * columns)
                    data.withUnsafeBufferPointer { d in together.withUnsafeMutableBufferPointer { whitener.whitenColumns(d, columns: columns, into: $0) } }
                    for j in 0..<columns {
                        let alone = whitener.whiten(Array(data[(j * n)..<((j + 1) * n)]))
                        #expect(alone.map(\.bitPattern) == together[(j * n)..<((j + 1) * n)].map(\.bitPattern), "\(process.model) \(n) months, column \(j) of \(columns)")
                    }
                }
            }
        }
    }

    /// Ljung–Box and the sample autocorrelations as R's Box.test(type = "Ljung") and acf compute them
    /// on 1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 12, 10 with lag 3.
    @Test func ljungBoxMatchesR() {
        let e = [1.0, 3, 2, 5, 4, 6, 5, 8, 7, 9, 12, 10]
        let r = ARMARegression.sampleAutocorrelations(e, lags: 3)
        for (a, b) in zip(r, [0.63934426229508201, 0.45901639344262302, 0.17213114754098360]) { #expect(abs(a - b) < 1e-15) }
        let lb = ARMARegression.ljungBox(e, lags: 3)
        #expect(abs(lb.statistic - 10.335667342600965) < 1e-12)
        #expect(abs(lb.pValue - 0.015918118392589276) < 1e-13)
    }

    /// χ² upper tail against R's pchisq(lower.tail = FALSE).
    @Test func chiSquaredSurvivalMatchesR() {
        #expect(abs(ChiSquared(degreesOfFreedom: 1).survival(3.841458820694124) - 0.05) < 1e-14)
        #expect(abs(ChiSquared(degreesOfFreedom: 3).survival(0.5) - 0.91889141165467592) < 1e-14)
        #expect(abs(ChiSquared(degreesOfFreedom: 12).survival(40) / 7.1908840528428925e-05 - 1) < 1e-12)
    }
}
