import ClinicData
import ClinicNumerics
import Foundation

/// Residual diagnostics of a trend fit, month by month, for the exceptions of ClinicDetection.
///
/// Contract (OLS-kind fits only; nil for robust and count models):
/// - `innovations`: the one-step-ahead prediction errors of the fitted model in the series' units —
///   the residuals themselves with independent errors, `σ̂ ×` the standardised Kalman innovations with
///   ARMA errors (what the model could not foresee from the months before);
/// - `studentized`: externally studentised residuals `t_i = u_i / (s_(i) √(1 − h_ii))` of the regression
///   the model estimates (the whitened one with ARMA errors, so `u` are standardised innovations and
///   `h` the leverages of the whitened design), with two-sided p-values from t on `n − k − 1` df
///   (``pValue(_:)``, computed when asked: the exceptions need only the few below a threshold,
///   ``smallPValues(atMost:strictly:)``): a month that the rest of the series does not explain.
public struct TrendDiagnostics: Sendable {
    public let months: [Month]
    public let innovations: [Double]
    /// What the model expects for each month without that month's own value: with independent errors
    /// the leave-one-out prediction `y − e/(1 − h)`; with ARMA errors the one-step prediction from the
    /// months before, `y − innovation`.
    public let expected: [Double]
    /// Whether ``expected`` holds one-step predictions (ARMA errors) rather than leave-one-out ones.
    public let expectedFromMonthsBefore: Bool
    public let studentized: [Double]
    /// `n − k − 1`: the t distribution of ``studentized``.
    public let degreesOfFreedom: Double

    /// The two-sided p-value of month `i`'s studentised residual (1 where it is 0: no residual spread
    /// left without the month).
    public func pValue(_ i: Int) -> Double { StudentT(degreesOfFreedom: degreesOfFreedom).twoSidedPValue(studentized[i]) }

    /// Every month's p-value (``pValue(_:)``), for inspection.
    public var pValues: [Double] { studentized.indices.map(pValue) }

    /// The months whose p-value is at most `level` (below it when `strictly`), with their p-values, each
    /// computed only for months that could qualify: t has heavier tails than the normal distribution
    /// (P(|T| ≥ x) ≥ P(|Z| ≥ x) for every x, as T is a normal scaled by √(ν/V) with E[√(V/ν)] ≤ 1), so a
    /// month whose normal p-value is above 1.01 × `level` (far beyond either function's rounding)
    /// cannot qualify. The same months as testing every ``pValue(_:)``.
    ///
    /// The screen itself costs one comparison a month: a cutoff `c` with `erfc(c/√2) > 1.01 × level` (so
    /// no month with `|t| < c` passes it, erfc falling) is found once per call by bisection, and only
    /// months at or beyond it are screened with erfc (the national flags run asked erfc of every month
    /// of every series about five times).
    public func smallPValues(atMost level: Double, strictly: Bool = false) -> [(index: Int, p: Double)] {
        let t = StudentT(degreesOfFreedom: degreesOfFreedom)
        var out = [(index: Int, p: Double)]()
        let screen = level * 1.01, cutoff = Self.normalCutoff(above: screen)
        for i in studentized.indices where !(abs(studentized[i]) < cutoff) && erfc(abs(studentized[i]) / 2.0.squareRoot()) <= screen {
            let p = t.twoSidedPValue(studentized[i])
            if strictly ? p < level : p <= level { out.append((i, p)) }
        }
        return out
    }

    /// A point `c ≥ 0` with `erfc(c/√2) > p` (0 when p ≥ 1 or p is not a positive number): every |t| below it has
    /// a two-sided normal p-value above `p`. Bisection on [0, 40] to within about 10⁻⁶ below the exact
    /// point, each candidate checked with erfc itself (so the guarantee holds for the computed function
    /// wherever it does not rise, which glibc's erfc does not; the screen's 1% margin over `level`
    /// absorbs any rounding-level wobble).
    static func normalCutoff(above p: Double) -> Double {
        guard p > 0, p < 1 else { return 0 }
        var low = 0.0, high = 40.0           // erfc(0) = 1 > p; erfc(40/√2) = 0 ≤ p
        while high - low > 1e-6 {
            let middle = (low + high) / 2
            if erfc(middle / 2.0.squareRoot()) > p { low = middle } else { high = middle }
        }
        return low
    }

    /// With independent errors the studentised residuals are those of the fit itself (`engine`'s
    /// coefficients, residuals summed in extended precision as ``LinearModel`` sums them) and the
    /// leverages depend on the design alone, so they come from `designs` when it holds them (shared by
    /// every series on the same months and terms). With ARMA errors each series has its own whitened
    /// design, refitted here.
    static func make(series: Series, trend: TrendDesign, rows: [Int], y: [Double], engine: TrendModel.Engine,
                     designs: DesignCache? = nil) -> TrendDiagnostics? {
        guard engine.kind == .ols, engine.scale > 0 else { return nil }
        let n = rows.count, k = engine.columns.count
        guard n > k + 1, y.allSatisfy(\.isFinite) else { return nil }
        let x = trend.design.matrix.selectingRows(rows).selectingColumns(engine.columns)
        var residuals = y
        for i in 0..<n { for a in 0..<k { residuals[i] -= x[i, a] * engine.estimates[a] } }
        let fit: (residuals: [Double], residualSumOfSquares: Double, leverage: [Double])
        let innovations: [Double]
        if let arma = engine.armaFit {
            // The fit's own filter: if it cannot be run again, there are no diagnostics (never OLS ones
            // for a model fitted with ARMA errors).
            guard let whitener = ARMAKalmanWhitener(process: arma.process, times: rows) else { return nil }
            let whitened = whitener.whiten(x)
            let design = DesignMatrix(terms: engine.terms, columns: (0..<k).map { whitened.column($0) }, hasIntercept: false)
            guard let refit = try? LinearModel.residualsAndLeverage(design, response: whitener.whiten(y), options: .init(refine: false)),
                  refit.rank == k else { return nil }
            fit = (refit.residuals, refit.residualSumOfSquares, refit.leverage)
            innovations = whitener.whiten(residuals)
        } else {
            func factor() -> DesignCache.Leverage? {
                let design = DesignMatrix(terms: engine.terms, columns: (0..<k).map { x.column($0) }, hasIntercept: false)
                return (try? LinearModel.leverage(design)).map { DesignCache.Leverage(rank: $0.rank, values: $0.leverage) }
            }
            guard let leverage = designs.map({ $0.leverage(of: trend, rows: rows, columns: engine.columns, factor) }) ?? factor(),
                  leverage.rank == k else { return nil }
            var exact = [Double](repeating: 0, count: n)
            var rss: ExtendedDouble = 0
            for (i, residual) in CompensatedSum.residuals(y, design: x, coefficients: engine.estimates).enumerated() {
                rss += residual * residual
                exact[i] = Double(residual)
            }
            fit = (exact, Double(rss), leverage.values)
            innovations = residuals
        }
        let df = Double(n - k - 1)
        var studentized = [Double](), expected = [Double]()
        for i in 0..<n {
            expected.append(engine.armaFit == nil ? y[i] - fit.residuals[i] / (1 - min(fit.leverage[i], 1 - 1e-12)) : y[i] - innovations[i])
            let e = fit.residuals[i], h = min(fit.leverage[i], 1 - 1e-12)
            let s2 = (fit.residualSumOfSquares - e * e / (1 - h)) / df
            let value = s2 > 0 ? e / (s2 * (1 - h)).squareRoot() : 0
            studentized.append(value)
        }
        return TrendDiagnostics(months: rows.map { series.start.advanced(by: $0) }, innovations: innovations, expected: expected,
                                expectedFromMonthsBefore: engine.armaFit != nil, studentized: studentized, degreesOfFreedom: df)
    }
}
