import ClinicData
import ClinicNumerics
import Foundation

/// Robust regression by M-estimation (Huber, Tukey bisquare), as statsmodels' `RLM` computes it, so
/// that one outlying month does not drag a trend.
///
/// Iteratively reweighted least squares: start from OLS; scale = MAD of the residuals about zero
/// (`median|r| / 0.6744897501960817`); weights `w(r/scale)`; weighted least squares (pivoted QR on
/// `√w`-scaled rows); new scale; repeat until the criterion `Σ ρ(r/v)` changes by at most 1e-8 or
/// 50 iterations (`v` the weighted residual variance of the step: statsmodels' `conv="dev"`). Standard
/// errors are Huber's H1: `K² · [Σψ(r/s)²/(n−p)] s² / [Σψ'(r/s)/n]² · (XᵀX)⁻¹` with
/// `K = 1 + p/n · var(ψ')/mean(ψ')²`; tests use the normal distribution. Matches statsmodels
/// `RLM(...).fit()` to 1e-6 (tested on generated series with outliers, fixtures from statsmodels 0.15).
public enum RobustLinearModel {
    public enum Norm: String, Sendable {
        /// Huber's norm, `t = 1.345` (95% efficiency at the normal).
        case huber
        /// Tukey's bisquare, `c = 4.685` (95% efficiency at the normal); redescending, so gross outliers
        /// get zero weight.
        case bisquare

        public var tuning: Double { self == .huber ? 1.345 : 4.685 }

        func rho(_ z: Double) -> Double {
            let c = tuning, a = abs(z)
            switch self {
            case .huber: return a <= c ? 0.5 * z * z : a * c - 0.5 * c * c
            case .bisquare:
                let f = c * c / 6
                if a > c { return f }
                let u = 1 - (z / c) * (z / c)
                return f - f * u * u * u
            }
        }

        func weight(_ z: Double) -> Double {
            let c = tuning, a = abs(z)
            switch self {
            case .huber: return a <= c ? 1 : c / a
            case .bisquare:
                if a > c { return 0 }
                let u = 1 - (z / c) * (z / c)
                return u * u
            }
        }

        func psi(_ z: Double) -> Double {
            let c = tuning, a = abs(z)
            switch self {
            case .huber: return a <= c ? z : c * (z < 0 ? -1 : 1)
            case .bisquare:
                if a > c { return 0 }
                let u = 1 - (z / c) * (z / c)
                return z * u * u
            }
        }

        func psiDerivative(_ z: Double) -> Double {
            let c = tuning, a = abs(z)
            switch self {
            case .huber: return a <= c ? 1 : 0
            case .bisquare:
                if a > c { return 0 }
                let u = 1 - (z / c) * (z / c)
                return u * u - 4 * z * z / (c * c) * u
            }
        }
    }

    /// The constant that makes the MAD a consistent estimate of σ at the normal: Φ⁻¹(3/4).
    static let madConstant = 0.6744897501960817

    public static func fit(_ design: DesignMatrix, response y: [Double], norm: Norm,
                           tolerance: Double = 1e-8, maximumIterations: Int = 50) throws -> RobustFit {
        let x = design.matrix
        let n = x.rows
        guard y.count == n else { throw LinearModelError.responseLength(response: y.count, designRows: n) }
        // OLS start; its (XᵀX)⁻¹ is the bread of the H1 covariance.
        let ols = try LinearModel.fit(design, response: y, options: .init(refine: false))
        let rank = ols.rank, columns = ols.estimatedColumns
        let basis = x.selectingColumns(columns)
        var params = ols.coefficients.map(\.estimate)
        var residuals = ols.residuals
        var scale = mad(residuals)
        var weights = [Double](repeating: 1, count: n)
        var criterion = [Double.infinity, deviance(residuals, weights: weights, rank: rank, norm: norm)]
        var iteration = 1
        var converged = false
        var perfectFit = false
        let workspace = QRWorkspace()
        while !converged {
            if scale == 0 { perfectFit = true; break }          // a perfect fit of the weighted data
            for i in 0..<n { weights[i] = norm.weight(residuals[i] / scale) }
            params = try weightedLeastSquares(basis, y, weights, workspace: workspace)
            for i in 0..<n {
                var fitted = 0.0
                for a in 0..<rank { fitted += basis[i, a] * params[a] }
                residuals[i] = y[i] - fitted
            }
            scale = mad(residuals)
            criterion.append(deviance(residuals, weights: weights, rank: rank, norm: norm))
            iteration += 1
            converged = !(abs(criterion[iteration] - criterion[iteration - 1]) > tolerance && iteration < maximumIterations)
        }

        // Huber's H1 covariance.
        let s = residuals.map { $0 / scale }
        let derivatives = s.map(norm.psiDerivative)
        let mean = derivatives.reduce(0, +) / Double(n)
        let variance = derivatives.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let k = 1 + Double(rank) / Double(n) * variance / (mean * mean)
        let sumPsi2 = s.reduce(0) { $0 + norm.psi($1) * norm.psi($1) }
        let factor = k * k * (sumPsi2 / Double(n - rank) * scale * scale) / (mean * mean)
        var covariance = ols.unscaledCovariance
        for a in 0..<rank { for b in 0..<rank { covariance[a, b] *= factor } }
        let coefficients = (0..<rank).map { a -> Coefficient in
            let se = covariance[a, a].squareRoot()
            let z = params[a] / se
            return Coefficient(term: ols.coefficients[a].term, estimate: params[a], standardError: se,
                               tStatistic: z, pValue: 2 * Normal.cdf(-abs(z)))
        }
        return RobustFit(norm: norm, coefficients: coefficients, estimatedColumns: columns, dropped: ols.dropped,
                         covariance: covariance, scale: scale, weights: weights, residuals: residuals,
                         iterations: iteration, converged: perfectFit || !(abs(criterion[iteration] - criterion[iteration - 1]) > tolerance))
    }

    /// `median(|r|) / Φ⁻¹(3/4)`: the MAD about zero, as statsmodels' RLM uses it.
    static func mad(_ r: [Double]) -> Double {
        var a = r.map(abs)
        return Median.inPlace(&a) / madConstant
    }

    /// statsmodels' convergence criterion: `Σ ρ(r_i / v)` where `v = Σ w r² / (n − p)` is the weighted
    /// residual *variance* of the step (its `scale` attribute; dividing by a variance rather than a
    /// standard deviation is statsmodels' choice, kept so that iterations stop where RLM's stop).
    static func deviance(_ r: [Double], weights: [Double], rank: Int, norm: Norm) -> Double {
        var ss = 0.0
        for i in r.indices { ss += weights[i] * r[i] * r[i] }
        let variance = ss / Double(r.count - rank)
        return r.reduce(0) { $0 + norm.rho($1 / variance) }
    }

    /// Coefficients of the weighted least-squares fit of `y` on `x`, by pivoted QR of the `√w`-scaled
    /// rows (columns past the numerical rank get 0). The IRLS loops of the robust and Poisson fits use it
    /// for their intermediate steps, which need no inference.
    static func weightedLeastSquares(_ x: Matrix, _ y: [Double], _ w: [Double], workspace: QRWorkspace) throws -> [Double] {
        let n = x.rows, p = x.columns
        var a = x
        var b = Matrix(rows: n, columns: 1)
        for i in 0..<n {
            let r = w[i].squareRoot()
            b.storage[i] = r * y[i]
            for j in 0..<p { a[i, j] *= r }
        }
        let qr = try PivotedQR(a, workspace: workspace)
        let k = qr.rank()
        try qr.applyQTranspose(to: &b, reflectors: k, workspace: workspace)
        try TriangularSolve.upper(qr.factors, order: k, solving: &b)
        var params = [Double](repeating: 0, count: p)
        for position in 0..<k { params[qr.permutation[position]] = b.storage[position] }
        return params
    }
}

/// The result of ``RobustLinearModel/fit(_:response:norm:tolerance:maximumIterations:)``.
public struct RobustFit: Sendable {
    public let norm: RobustLinearModel.Norm
    /// Estimates with H1 standard errors; `tStatistic` is a z value, `pValue` from the normal.
    public let coefficients: [Coefficient]
    public let estimatedColumns: [Int]
    public let dropped: [DroppedTerm]
    public let covariance: Matrix
    /// The final MAD scale.
    public let scale: Double
    /// The final IRLS weights (1 = full weight; bisquare gives gross outliers 0).
    public let weights: [Double]
    public let residuals: [Double]
    /// IRLS iterations, counted as statsmodels counts them (the OLS start is 1).
    public let iterations: Int
    /// False when the iteration limit stopped the fit before the criterion settled.
    public let converged: Bool

    public func coefficient(_ term: String) -> Coefficient? { coefficients.first { $0.term == term } }
}
