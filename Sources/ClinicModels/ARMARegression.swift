import ClinicNumerics
import Foundation

/// A regression whose errors follow an ARMA process, fitted by restricted maximum likelihood.
public struct ARMAErrorFit: Sendable {
    public let process: ErrorProcess
    public let terms: [String]
    /// GLS coefficients `(XᵀΩ⁻¹X)⁻¹ XᵀΩ⁻¹y`, in design column order.
    public let estimates: [Double]
    /// `σ̂² (XᵀΩ⁻¹X)⁻¹`.
    public let covariance: Matrix
    /// Innovation standard deviation `σ̂ = √(RSS_GLS / (n − k))`.
    public let sigma: Double
    /// Standard deviation of the errors themselves, `σ̂ √γ(0)` (nlme's `sigma`, whose `corARMA` is a
    /// correlation structure).
    public var marginalStandardDeviation: Double { sigma * process.autocovariances(upTo: 0)[0].squareRoot() }
    public let degreesOfFreedom: Int
    /// Restricted log-likelihood, nlme's convention (see ``ARMARegression``).
    public let restrictedLogLikelihood: Double
    /// `−2ℓ_R + 2K + 2K(K+1)/(n − k − K − 1)`, `K` = ARMA parameters + 1 (σ²): compares error models
    /// for one design.
    public let aicc: Double
    /// `y − Xβ̂` (not whitened).
    public let residuals: [Double]
    /// The observed time of each row (months from the start of the series).
    public let times: [Int]
    /// Whether the likelihood search met its tolerance.
    public let converged: Bool

    /// Forecasts of `y` at `futureTimes` (after the last observed time), with design rows `futureRows`,
    /// given the design `x` of the observed rows (the one fitted).
    ///
    /// Contract (the best linear unbiased predictor of a regression with correlated errors, "universal
    /// kriging"): with `c_h` the weights that predict the error at `t_h` from the past errors (the Kalman
    /// forecast, `ê_h = c_hᵀe`), the mean is `x_hᵀβ̂ + c_hᵀ(y − Xβ̂)` and the variance
    /// `σ̂²v_h + d_hᵀ C d_h`, `d_h = x_h − Xᵀc_h`, `v_h` the error's h-step prediction variance and `C`
    /// the coefficients' covariance. The coefficients' uncertainty counts only through `d_h`: what the
    /// recent data do not already pin down (with strongly autocorrelated errors, the level is known from
    /// the last months even when the trend line is not).
    public func forecast(x: Matrix, futureRows: [[Double]], futureTimes: [Int]) -> [(mean: Double, variance: Double)] {
        let k = estimates.count
        precondition(x.columns == k && futureRows.count == futureTimes.count)
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else {
            return futureRows.map { row in
                let mean = zip(row, estimates).reduce(0) { $0 + $1.0 * $1.1 }
                return (mean, sigma * sigma * process.autocovariances(upTo: 0)[0])
            }
        }
        let errors = whitener.forecast(residuals: residuals, futureTimes: futureTimes)
        // Xᵀc_h, column by column: the same linear predictor applied to each design column.
        let columnForecasts = (0..<k).map { j in whitener.forecast(residuals: x.column(j), futureTimes: futureTimes).map(\.mean) }
        return futureRows.indices.map { h in
            let row = futureRows[h]
            var mean = errors[h].mean
            var d = [Double](repeating: 0, count: k)
            for j in 0..<k {
                mean += row[j] * estimates[j]
                d[j] = row[j] - columnForecasts[j][h]
            }
            var spread = 0.0
            for a in 0..<k { for b in 0..<k { spread += d[a] * covariance[a, b] * d[b] } }
            return (mean, sigma * sigma * errors[h].variance + max(0, spread))
        }
    }
}

/// Regression with ARMA(p ≤ 2, q ≤ 1) errors: `y = Xβ + e`, `e` a stationary ARMA process observed at
/// the given months (gaps allowed), by REML.
///
/// Method (docs/METHODS.md, "Autocorrelated errors"): for given ARMA parameters the columns of X and y
/// are whitened by the exact Kalman filter of ``ARMAKalmanWhitener``; the profiled restricted
/// log-likelihood is
/// `ℓ_R = −½[(n−k)(log(2π σ̂²) + 1) + log|Ω| + log|X̃ᵀX̃|]`, `σ̂² = RSS_GLS/(n−k)`, `X̃ = L⁻¹X`,
/// which is what R's `nlme::gls(method = "REML")` reports (Tests/Fixtures/arma). It is maximised over the parameters in
/// unconstrained coordinates (partial autocorrelations, `tanh`) by Nelder–Mead from the better of two starts (moment estimates from the OLS residuals); the
/// coefficients and `σ̂²(X̃ᵀX̃)⁻¹` then come from ``LinearModel`` on the whitened design. X must have
/// full column rank (pass the estimable columns of an OLS fit).
public enum ARMARegression {
    public enum FitError: Error, CustomStringConvertible {
        case tooFewObservations(Int, Int)
        case notFinite
        public var description: String {
            switch self {
            case let .tooFewObservations(n, k): "\(n) observations are too few for \(k) coefficients and an error model"
            case .notFinite: "the restricted likelihood could not be evaluated"
            }
        }
    }

    /// Fits `y ~ x` (columns named `terms`) with errors following `model`.
    public static func fit(x: Matrix, y: [Double], terms: [String], times: [Int], model: ErrorModel) throws -> ARMAErrorFit {
        precondition(y.count == x.rows && times.count == x.rows && terms.count == x.columns)
        let r = sampleAutocorrelations(olsResiduals(x: x, y: y), lags: 2)
        guard let found = search(x: x, y: y, times: times, model: model, autocorrelations: r) else {
            throw FitError.tooFewObservations(x.rows, x.columns)
        }
        return try finish(x: x, y: y, terms: terms, times: times, process: found.process, converged: found.converged)
    }

    /// The REML estimate of the error process alone (no coefficients yet): the process, `−2ℓ_R` there
    /// and whether the search converged; nil when there are too few observations for `model`.
    /// `autocorrelations` are the OLS residuals' r₁ and r₂, for the starting values.
    static func search(x: Matrix, y: [Double], times: [Int], model: ErrorModel, autocorrelations r: [Double])
        -> (process: ErrorProcess, minusTwoLogLikelihood: Double, converged: Bool)?
    {
        let n = x.rows, k = x.columns
        let (p, q) = model.order
        guard n > k + p + q + 2 else { return nil }
        let data = Matrix(rows: n, columns: k + 1, columnMajor: x.storage + y)
        guard p + q > 0 else {
            let value = minusTwoRestrictedLogLikelihood(.iid, data: data, times: times, k: k)
            return value.isFinite ? (.iid, value, true) : nil
        }
        func clamp(_ v: Double) -> Double { atanh(min(0.95, max(-0.95, v.isFinite ? v : 0))) }
        let starts: [[Double]]
        switch model {
        case .ar1: starts = [[clamp(r[0])]]
        case .ar2: starts = [[clamp(r[0]), clamp((r[1] - r[0] * r[0]) / (1 - r[0] * r[0]))]]
        case .arma11:
            let phi = abs(r[0]) > 0.05 ? r[1] / r[0] : 0
            starts = [[clamp(phi), clamp(r[0] - phi)], [clamp(r[0]), 0]]
        case .iid: starts = []
        }
        // Pure AR errors on consecutive months: the cheaper cross-product form of the same likelihood.
        let consecutive = times.last! - times.first! == n - 1
        let gram = q == 0 && consecutive ? AutoregressiveGram(data: data, p: p) : nil
        let objective: ([Double]) -> Double = { u in
            let process = ErrorProcess.fromUnconstrained(model, u)
            if let gram { return gram.minusTwoRestrictedLogLikelihood(phi: process.phi) }
            return minusTwoRestrictedLogLikelihood(process, data: data, times: times, k: k)
        }
        // One search (with its restart) from the better of the candidate starts.
        let start = starts.min { objective($0) < objective($1) }!
        let best = NelderMead.minimize(objective, from: start, tolerance: 1e-10)
        guard best.value.isFinite else { return nil }
        return (ErrorProcess.fromUnconstrained(model, best.point), best.value, best.converged)
    }

    /// Coefficients, covariance and likelihood at a given error process.
    static func finish(x: Matrix, y: [Double], terms: [String], times: [Int], process: ErrorProcess,
                       converged: Bool) throws -> ARMAErrorFit {
        let n = x.rows, k = x.columns
        let (p, q) = process.model.order
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else { throw FitError.notFinite }
        // Coefficients and covariance from the whitened design, by the accurate least-squares path.
        let whitenedColumns = (0..<k).map { whitener.whiten(x.column($0)) }
        let design = DesignMatrix(terms: terms, columns: whitenedColumns, hasIntercept: false)
        let gls = try LinearModel.fit(design, response: whitener.whiten(y))
        guard gls.rank == k else { throw LinearModelError.tooFewObservations(observations: n, rank: gls.rank) }
        let beta = gls.coefficients.map(\.estimate)
        var residuals = y
        for i in 0..<n { for j in 0..<k { residuals[i] -= x[i, j] * beta[j] } }
        let rss = gls.residualSumOfSquares
        let df = n - k
        let sigma2 = rss / Double(df)
        let logDetWhitened = logDeterminantOfGram(whitenedColumns.flatMap { $0 }, rows: n, columns: k)
        let m2l = Double(df) * (log(2 * Double.pi * sigma2) + 1) + whitener.logDeterminant + logDetWhitened
        let parameters = Double(p + q + 1)
        let aicc = m2l + 2 * parameters + 2 * parameters * (parameters + 1) / max(1, Double(df) - parameters - 1)
        return ARMAErrorFit(process: process, terms: terms, estimates: beta, covariance: gls.covariance, sigma: sigma2.squareRoot(),
                            degreesOfFreedom: df, restrictedLogLikelihood: -m2l / 2, aicc: aicc, residuals: residuals, times: times,
                            converged: converged)
    }

    /// `−2ℓ_R` at `process` (profiled over β and σ²); +∞ where it cannot be evaluated.
    static func minusTwoRestrictedLogLikelihood(_ process: ErrorProcess, data: Matrix, times: [Int], k: Int) -> Double {
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else { return .infinity }
        let n = data.rows, c = data.columns
        var a = [Double](repeating: 0, count: n * c)
        data.storage.withUnsafeBufferPointer { source in
            a.withUnsafeMutableBufferPointer { target in
                for j in 0..<c {
                    whitener.whiten(UnsafeBufferPointer(rebasing: source[(j * n)..<((j + 1) * n)]),
                                    into: UnsafeMutableBufferPointer(rebasing: target[(j * n)..<((j + 1) * n)]))
                }
            }
        }
        guard let (logDetR, rss) = scaledGramRSS(a, rows: n, columns: c), rss > 0 else { return .infinity }
        let df = Double(n - k)
        return df * (log(2 * Double.pi * rss / df) + 1) + whitener.logDeterminant + logDetR
    }

    /// `log|X̃ᵀX̃|` and the residual sum of squares of the last column of `a` (column-major) on the
    /// others, from the Cholesky factor of the Gram matrix scaled to unit diagonal (the scaling is
    /// undone exactly in both results). A quarter of the work of Householder QR, for the likelihood
    /// search; final estimates use ``LinearModel``.
    static func scaledGramRSS(_ a: [Double], rows n: Int, columns c: Int) -> (Double, Double)? {
        var gram = [Double](repeating: 0, count: c * c)
        a.withUnsafeBufferPointer { a in
            for u in 0..<c {
                for v in 0...u {
                    var s = 0.0
                    for i in 0..<n { s += a[i + u * n] * a[i + v * n] }
                    gram[u * c + v] = s
                }
            }
        }
        let diagonal = (0..<c).map { gram[$0 * c + $0] }
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        for u in 0..<c { for v in 0...u { gram[u * c + v] /= (diagonal[u] * diagonal[v]).squareRoot() } }
        guard SmallCholesky.factor(&gram, order: c) else { return nil }
        var logDet = 0.0
        for j in 0..<(c - 1) { logDet += 2 * log(gram[j * c + j]) + log(diagonal[j]) }
        let last = gram[(c - 1) * c + (c - 1)]
        return (logDet, last * last * diagonal[c - 1])
    }

    /// Householder QR of the first `columns − 1` columns of `a` (column-major), applied to the last:
    /// returns `log|X̃ᵀX̃| = 2 Σ log|R_jj|` and the residual sum of squares of the last column on the others.
    static func householderRSS(_ a: inout [Double], rows n: Int, columns c: Int) -> (Double, Double)? {
        let k = c - 1
        var logDet = 0.0
        for j in 0..<k {
            var norm = 0.0
            for i in j..<n { norm += a[i + j * n] * a[i + j * n] }
            norm = norm.squareRoot()
            guard norm > 0 else { return nil }
            let alpha = a[j + j * n] > 0 ? -norm : norm
            let below = norm * norm - a[j + j * n] * a[j + j * n]
            a[j + j * n] -= alpha
            let vnorm2 = below + a[j + j * n] * a[j + j * n]
            // v = a[j..<n, j]; apply H = I − 2vvᵀ/(vᵀv) to the columns on the right.
            if vnorm2 > 0 {
                for l in (j + 1)..<c {
                    var dot = 0.0
                    for i in j..<n { dot += a[i + j * n] * a[i + l * n] }
                    let s = 2 * dot / vnorm2
                    for i in j..<n { a[i + l * n] -= s * a[i + j * n] }
                }
            }
            logDet += 2 * log(abs(alpha))
        }
        var rss = 0.0
        for i in k..<n { rss += a[i + k * n] * a[i + k * n] }
        return (logDet, rss)
    }

    /// `log|XᵀX|` by Householder QR.
    static func logDeterminantOfGram(_ columnMajor: [Double], rows: Int, columns: Int) -> Double {
        var a = columnMajor + [Double](repeating: 0, count: rows)
        return householderRSS(&a, rows: rows, columns: columns + 1)?.0 ?? 0
    }

    /// OLS residuals of `y` on `x` for the error-model search (the Ljung–Box test and starting values),
    /// by Cholesky of the Gram matrix scaled to unit diagonal: cheap, and a deterministic function of
    /// `(x, y)`. Accurate to far more digits than a test statistic needs; estimates use ``LinearModel``.
    static func olsResiduals(x: Matrix, y: [Double]) -> [Double] {
        let n = x.rows, k = x.columns
        var gram = [Double](repeating: 0, count: k * k), right = [Double](repeating: 0, count: k)
        x.storage.withUnsafeBufferPointer { a in
            for u in 0..<k {
                for v in 0...u {
                    var s = 0.0
                    for i in 0..<n { s += a[i + u * n] * a[i + v * n] }
                    gram[u * k + v] = s
                }
                var s = 0.0
                for i in 0..<n { s += a[i + u * n] * y[i] }
                right[u] = s
            }
        }
        let scale = (0..<k).map { gram[$0 * k + $0] > 0 ? 1 / gram[$0 * k + $0].squareRoot() : 1 }
        for u in 0..<k { for v in 0...u { gram[u * k + v] *= scale[u] * scale[v] }; right[u] *= scale[u] }
        // Cholesky, then forward and back substitution.
        guard SmallCholesky.factor(&gram, order: k, minimumPivot: 1e-14) else { return y }
        var z = right
        for i in 0..<k { for l in 0..<i { z[i] -= gram[i * k + l] * z[l] }; z[i] /= gram[i * k + i] }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for l in (i + 1)..<k { z[i] -= gram[l * k + i] * z[l] }
            z[i] /= gram[i * k + i]
        }
        var residuals = y
        x.storage.withUnsafeBufferPointer { a in
            for j in 0..<k {
                let b = z[j] * scale[j]
                for i in 0..<n { residuals[i] -= a[i + j * n] * b }
            }
        }
        return residuals
    }

    /// Sample autocorrelations r₁ … r_lags of `e` (mean removed, divisor n).
    public static func sampleAutocorrelations(_ e: [Double], lags: Int) -> [Double] {
        let n = e.count
        let mean = e.reduce(0, +) / Double(max(1, n))
        let c0 = e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard c0 > 0 else { return [Double](repeating: 0, count: lags) }
        return (1...lags).map { h in
            var s = 0.0
            if h < n { for t in h..<n { s += (e[t] - mean) * (e[t - h] - mean) } }
            return s / c0
        }
    }

    /// Ljung–Box portmanteau test on residuals: `Q = n(n+2) Σ_{h≤H} r_h²/(n−h)` against χ²(H).
    public static func ljungBox(_ residuals: [Double], lags: Int) -> (statistic: Double, pValue: Double) {
        let n = Double(residuals.count)
        let r = sampleAutocorrelations(residuals, lags: lags)
        var q = 0.0
        for (i, rh) in r.enumerated() { q += rh * rh / (n - Double(i + 1)) }
        q *= n * (n + 2)
        return (q, ChiSquared(degreesOfFreedom: Double(lags)).survival(q))
    }

    /// The Ljung–Box lag used for the automatic choice: `min(12, ⌊n/5⌋)`, at least 1.
    public static func ljungBoxLags(observations n: Int) -> Int { max(1, min(12, n / 5)) }

    /// The automatic error model: iid unless the OLS residuals fail the Ljung–Box test at 5%; then the
    /// lowest AICc among iid, AR(1), AR(2) and ARMA(1,1) (all by REML on the same design).
    ///
    /// The OLS residuals are recomputed here from `x` and `y` (not taken from the caller), so that a
    /// series gets the same choice and the same estimates whichever path fitted its OLS model.
    public static func choose(x: Matrix, y: [Double], terms: [String], times: [Int])
        -> (fit: ARMAErrorFit?, ljungBoxPValue: Double)
    {
        let residuals = olsResiduals(x: x, y: y)
        let lb = ljungBox(residuals, lags: ljungBoxLags(observations: residuals.count))
        guard lb.pValue < 0.05 else { return (nil, lb.pValue) }
        // Parameters and likelihood for every candidate; coefficients only for the one chosen.
        let r = sampleAutocorrelations(residuals, lags: 2)
        let df = Double(x.rows - x.columns)
        var best: (process: ErrorProcess, aicc: Double, converged: Bool)?
        for model in ErrorModel.allCases {
            guard let found = search(x: x, y: y, times: times, model: model, autocorrelations: r) else { continue }
            let parameters = Double(model.order.p + model.order.q + 1)
            let aicc = found.minusTwoLogLikelihood + 2 * parameters + 2 * parameters * (parameters + 1) / max(1, df - parameters - 1)
            if best == nil || aicc < best!.aicc { best = (found.process, aicc, found.converged) }
        }
        guard let best else { return (nil, lb.pValue) }
        return ((try? finish(x: x, y: y, terms: terms, times: times, process: best.process, converged: best.converged)), lb.pValue)
    }
}
