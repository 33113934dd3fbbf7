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
    /// `log|Ω|`, Ω the errors' correlation-scale covariance at ``times`` (units of σ²): the term a
    /// Gaussian likelihood adds for the process (``ARMAKalmanWhitener/logDeterminant``).
    public let logDeterminant: Double

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
        // The filter ran when this fit was made (``ARMARegression/finish``), so it runs again here.
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else {
            preconditionFailure("the Kalman filter of a fitted error process cannot fail")
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
/// unconstrained coordinates (partial autocorrelations, `tanh`) by Nelder–Mead from moment estimates of the OLS residuals (for ARMA(1,1), the better of two); the
/// coefficients and `σ̂²(X̃ᵀX̃)⁻¹` then come from ``LinearModel`` on the whitened design. X must have
/// full column rank (pass the estimable columns of an OLS fit).
public enum ARMARegression {
    public enum FitError: Error, CustomStringConvertible {
        case tooFewObservations(Int, Int)
        case notFinite
        case searchFailed(ErrorModel)
        case rankDropped(Int, Int)
        case residualsUnavailable
        public var description: String {
            switch self {
            case let .tooFewObservations(n, k): "\(n) observations are too few for \(k) coefficients and an error model"
            case .notFinite: "the restricted likelihood could not be evaluated"
            case let .searchFailed(model): "the \(model.rawValue) likelihood has no finite maximum on these data"
            case let .rankDropped(rank, k): "after whitening, the design has rank \(rank) of \(k)"
            case .residualsUnavailable: "the OLS residuals could not be computed"
            }
        }
    }

    /// The largest |u| the likelihood search visits (partial autocorrelations and θ are `tanh(u)`).
    static let unconstrainedBound = 12.0

    /// `−2ℓ_R + 2K + 2K(K+1)/(n − k − K − 1)` with `K` = the model's ARMA parameters + 1 (σ²).
    static func aicc(minusTwoLogLikelihood m2l: Double, model: ErrorModel, residualDegreesOfFreedom df: Int) -> Double {
        let parameters = Double(model.order.p + model.order.q + 1)
        return m2l + 2 * parameters + 2 * parameters * (parameters + 1) / max(1, Double(df) - parameters - 1)
    }

    /// Fits `y ~ x` (columns named `terms`) with errors following `model`.
    public static func fit(x: Matrix, y: [Double], terms: [String], times: [Int], model: ErrorModel) throws -> ARMAErrorFit {
        precondition(y.count == x.rows && times.count == x.rows && terms.count == x.columns)
        let (p, q) = model.order
        guard x.rows > x.columns + p + q + 2 else { throw FitError.tooFewObservations(x.rows, x.columns) }
        guard let residuals = olsResiduals(x: x, y: y) else { throw FitError.residualsUnavailable }
        let r = sampleAutocorrelations(residuals, times: times, lags: 2)
        guard let found = search(x: x, y: y, times: times, model: model, autocorrelations: r) else { throw FitError.searchFailed(model) }
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
        // The search stays off the boundary: |tanh u| ≤ 1 − 2/(1 + e^24) ≈ 1 − 7.6e-11, where an AR
        // root or a cancelling AR/MA pair is as close to the unit circle as the likelihood can tell.
        // Whitened likelihoods (ARMA(1,1), or AR on months with gaps) are kept by the bits of their point:
        // where Newton declines, the full simplex search starts from the same start with the same first
        // simplex as the scout and retraces its steps (up to 48 evaluations of about 200), and the choice
        // of start evaluates the starts once more. The cross-product form is cheaper than a lookup.
        var remembered = [[UInt64]: Double]()
        let objective: ([Double]) -> Double = { u in
            guard u.allSatisfy({ abs($0) <= unconstrainedBound }) else { return .infinity }
            if let gram { return gram.minusTwoRestrictedLogLikelihood(unconstrained: u) }
            let key = u.map(\.bitPattern)
            if let known = remembered[key] { return known }
            let process = ErrorProcess.fromUnconstrained(model, u)
            let value = minusTwoRestrictedLogLikelihood(process, data: data, times: times, k: k)
            remembered[key] = value
            return value
        }
        // From the better of the candidate starts: a short simplex search finds the basin and Newton's
        // method polishes the minimum (as the local linear trend's search does); where Newton cannot vouch
        // for a minimum (a Hessian not positive definite, as on a ridge or at the boundary), the full
        // simplex search with its restart.
        let start = starts.min { objective($0) < objective($1) }!
        let scout = NelderMead.minimize(objective, from: start, tolerance: 1e-4, maxEvaluations: 12 * (p + q) * (p + q))
        if scout.value.isFinite,
           let polished = NewtonPolish.minimize(objective, from: scout.point, value: scout.value, tolerance: 1e-14, maxIterations: 40) {
            return (ErrorProcess.fromUnconstrained(model, polished.point), polished.value, true)
        }
        let best = NelderMead.minimize(objective, from: start, tolerance: 1e-10)
        guard best.value.isFinite else { return nil }
        return (ErrorProcess.fromUnconstrained(model, best.point), best.value, best.converged)
    }

    /// Coefficients, covariance and likelihood at a given error process.
    static func finish(x: Matrix, y: [Double], terms: [String], times: [Int], process: ErrorProcess,
                       converged: Bool) throws -> ARMAErrorFit {
        let n = x.rows, k = x.columns
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else { throw FitError.notFinite }
        // Coefficients and covariance from the whitened design, by the accurate least-squares path.
        let whitenedX = whitener.whiten(x)
        let design = DesignMatrix(terms: terms, columns: (0..<k).map { whitenedX.column($0) }, hasIntercept: false)
        let gls = try LinearModel.fit(design, response: whitener.whiten(y))
        guard gls.rank == k else { throw FitError.rankDropped(gls.rank, k) }
        let beta = gls.coefficients.map(\.estimate)
        var residuals = y
        for i in 0..<n { for j in 0..<k { residuals[i] -= x[i, j] * beta[j] } }
        let rss = gls.residualSumOfSquares
        let df = n - k
        let sigma2 = rss / Double(df)
        guard let logDetWhitened = logDeterminantOfGram(whitenedX.storage, rows: n, columns: k) else { throw FitError.notFinite }
        let m2l = Double(df) * (log(2 * Double.pi * sigma2) + 1) + whitener.logDeterminant + logDetWhitened
        let aicc = Self.aicc(minusTwoLogLikelihood: m2l, model: process.model, residualDegreesOfFreedom: df)
        return ARMAErrorFit(process: process, terms: terms, estimates: beta, covariance: gls.covariance, sigma: sigma2.squareRoot(),
                            degreesOfFreedom: df, restrictedLogLikelihood: -m2l / 2, aicc: aicc, residuals: residuals, times: times,
                            converged: converged, logDeterminant: whitener.logDeterminant)
    }

    /// `−2ℓ_R` at `process` (profiled over β and σ²); +∞ where it cannot be evaluated.
    static func minusTwoRestrictedLogLikelihood(_ process: ErrorProcess, data: Matrix, times: [Int], k: Int) -> Double {
        guard let whitener = ARMAKalmanWhitener(process: process, times: times) else { return .infinity }
        let n = data.rows, c = data.columns
        // Every entry is written by the whitening below, one per observed time.
        precondition(times.count == n, "one time for each row")
        var a = [Double](unsafeUninitializedCapacity: n * c) { _, initialized in initialized = n * c }
        data.storage.withUnsafeBufferPointer { source in
            a.withUnsafeMutableBufferPointer { target in whitener.whitenColumns(source, columns: c, into: target) }
        }
        guard let (logDetR, rss) = scaledGramRSS(a, rows: n, columns: c), rss > 0 else { return .infinity }
        let df = Double(n - k)
        return df * (log(2 * Double.pi * rss / df) + 1) + whitener.logDeterminant + logDetR
    }

    /// The Cholesky factor of the Gram matrix of the columns of `a` (column-major, `rows × columns`),
    /// scaled to unit diagonal first (row-major lower triangle), and the unscaled diagonal; nil when the
    /// columns are not linearly independent to working precision.
    static func scaledGramFactor(_ a: [Double], rows n: Int, columns c: Int) -> (factor: [Double], diagonal: [Double])? {
        var gram = [Double](repeating: 0, count: c * c)
        // Each entry is one sum over the rows in order; four entries of a row of the triangle are summed
        // side by side in SIMD lanes (the same operations each, so the same bits as one at a time),
        // which takes the adds off one chain of dependent latencies.
        a.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { gram in
                for u in 0..<c {
                    let left = a.baseAddress! + u * n
                    var v = 0
                    while v + 3 <= u {
                        let c0 = a.baseAddress! + v * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                        var s = SIMD4<Double>()
                        for i in 0..<n { s += SIMD4(repeating: left[i]) * SIMD4(c0[i], c1[i], c2[i], c3[i]) }
                        for lane in 0..<4 { gram[u * c + v + lane] = s[lane] }
                        v += 4
                    }
                    while v <= u {
                        let other = a.baseAddress! + v * n
                        var s = 0.0
                        for i in 0..<n { s += left[i] * other[i] }
                        gram[u * c + v] = s
                        v += 1
                    }
                }
            }
        }
        let diagonal = (0..<c).map { gram[$0 * c + $0] }
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        for u in 0..<c { for v in 0...u { gram[u * c + v] /= (diagonal[u] * diagonal[v]).squareRoot() } }
        guard SmallCholesky.factor(&gram, order: c) else { return nil }
        return (gram, diagonal)
    }

    /// `log|X̃ᵀX̃|` and the residual sum of squares of the last column of `a` on the others, from
    /// ``scaledGramFactor(_:rows:columns:)`` (the scaling undone exactly in both). A quarter of the work
    /// of Householder QR, for the likelihood search; final estimates use ``LinearModel``.
    static func scaledGramRSS(_ a: [Double], rows n: Int, columns c: Int) -> (Double, Double)? {
        guard let (l, diagonal) = scaledGramFactor(a, rows: n, columns: c) else { return nil }
        var logDet = 0.0
        for j in 0..<(c - 1) { logDet += 2 * log(l[j * c + j]) + log(diagonal[j]) }
        let last = l[(c - 1) * c + (c - 1)]
        return (logDet, last * last * diagonal[c - 1])
    }

    /// `log|XᵀX|` of the columns of `columnMajor`; nil when they are not linearly independent.
    static func logDeterminantOfGram(_ columnMajor: [Double], rows: Int, columns: Int) -> Double? {
        guard let (l, diagonal) = scaledGramFactor(columnMajor, rows: rows, columns: columns) else { return nil }
        return (0..<columns).reduce(0.0) { $0 + 2 * log(l[$1 * columns + $1]) + log(diagonal[$1]) }
    }

    /// OLS residuals of `y` on `x` for the error-model search (the Ljung–Box test and starting values),
    /// by Cholesky of the Gram matrix scaled to unit diagonal: cheap, and a deterministic function of
    /// `(x, y)`. Accurate to far more digits than a test statistic needs; estimates use ``LinearModel``.
    /// When the scaled Gram matrix is too ill-conditioned for that, ``LinearModel``'s residuals; nil when
    /// neither can be had.
    static func olsResiduals(x: Matrix, y: [Double]) -> [Double]? {
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
        guard SmallCholesky.factor(&gram, order: k, minimumPivot: 1e-14) else {
            let design = DesignMatrix(terms: (0..<k).map { "x\($0)" }, matrix: x, hasIntercept: false)
            return try? LinearModel.fit(design, response: y, options: .init(refine: false)).residuals
        }
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

    /// Sample autocorrelations r₁ … r_lags of `e` observed at `times` (mean removed, divisor n): lag h
    /// pairs months h apart, so a gap is not read as adjacent months (without gaps this is R's `acf`).
    public static func sampleAutocorrelations(_ e: [Double], times: [Int]? = nil, lags: Int) -> [Double] {
        let n = e.count
        let t = times ?? Array(0..<n)
        let mean = e.reduce(0, +) / Double(max(1, n))
        let c0 = e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard c0 > 0 else { return [Double](repeating: 0, count: lags) }
        // The index of the observation at each month from the first to the last (−1 where none), so that
        // the partner h months back is one array read.
        guard let first = t.min(), let last = t.max() else { return [Double](repeating: 0, count: lags) }
        var position = [Int](repeating: -1, count: last - first + 1)
        for (i, time) in t.enumerated() { position[time - first] = i }
        let centred = e.map { $0 - mean }
        return (1...lags).map { h in
            var s = 0.0
            for (i, time) in t.enumerated() where time - h >= first {
                let j = position[time - h - first]
                if j >= 0 { s += centred[i] * centred[j] }
            }
            return s / c0
        }
    }

    /// Ljung–Box portmanteau test on residuals: `Q = n(n+2) Σ_{h≤H} r_h²/(n−h)` against χ²(H), with the
    /// autocorrelations of ``sampleAutocorrelations(_:times:lags:)``.
    public static func ljungBox(_ residuals: [Double], times: [Int]? = nil, lags: Int) -> (statistic: Double, pValue: Double) {
        let n = Double(residuals.count)
        let r = sampleAutocorrelations(residuals, times: times, lags: lags)
        var q = 0.0
        for (i, rh) in r.enumerated() { q += rh * rh / (n - Double(i + 1)) }
        q *= n * (n + 2)
        return (q, ChiSquared(degreesOfFreedom: Double(lags)).survival(q))
    }

    /// The Ljung–Box lag used for the automatic choice: `min(12, ⌊n/5⌋)`, at least 1.
    public static func ljungBoxLags(observations n: Int) -> Int { max(1, min(12, n / 5)) }

    /// The automatic choice of ``choose(x:y:terms:times:)``: the fit (nil for independent errors), the
    /// Ljung–Box p-value of the OLS residuals, and a warning when the errors looked autocorrelated but no
    /// error model could be fitted, or when the residuals for the test could not be computed (the intervals
    /// then assume independence).
    public struct Choice: Sendable {
        public let fit: ARMAErrorFit?
        public let ljungBoxPValue: Double?
        public let warning: TrendWarning?
    }

    /// The automatic error model: iid unless the OLS residuals fail the Ljung–Box test at 5%; then the
    /// lowest AICc among iid, AR(1), AR(2) and ARMA(1,1) (all by REML on the same design), the next
    /// lowest when the coefficients of one cannot be computed.
    ///
    /// The OLS residuals are recomputed here from `x` and `y` (not taken from the caller), so that a
    /// series gets the same choice and the same estimates whichever path fitted its OLS model.
    public static func choose(x: Matrix, y: [Double], terms: [String], times: [Int]) -> Choice {
        guard let residuals = olsResiduals(x: x, y: y) else {
            return Choice(fit: nil, ljungBoxPValue: nil,
                          warning: .autocorrelationUntested)
        }
        let lb = ljungBox(residuals, times: times, lags: ljungBoxLags(observations: residuals.count))
        guard lb.pValue < 0.05 else { return Choice(fit: nil, ljungBoxPValue: lb.pValue, warning: nil) }
        // Parameters and likelihood for every candidate; coefficients only for the one chosen.
        let r = sampleAutocorrelations(residuals, times: times, lags: 2)
        var candidates = [(process: ErrorProcess, aicc: Double, converged: Bool)]()
        for model in ErrorModel.allCases {
            guard let found = search(x: x, y: y, times: times, model: model, autocorrelations: r) else { continue }
            candidates.append((found.process, aicc(minusTwoLogLikelihood: found.minusTwoLogLikelihood, model: model,
                                                   residualDegreesOfFreedom: x.rows - x.columns), found.converged))
        }
        var failures = [TrendWarning.ErrorModelFailure]()
        for candidate in candidates.sorted(by: { $0.aicc < $1.aicc }) {
            do {
                let fit = try finish(x: x, y: y, terms: terms, times: times, process: candidate.process, converged: candidate.converged)
                return Choice(fit: fit.process.model == .iid ? nil : fit, ljungBoxPValue: lb.pValue, warning: nil)
            } catch {
                failures.append(TrendWarning.ErrorModelFailure(model: candidate.process.model, reason: "\(error)"))
            }
        }
        return Choice(fit: nil, ljungBoxPValue: lb.pValue, warning: .autocorrelatedButUnmodelled(ljungBoxP: lb.pValue, failures: failures))
    }
}
