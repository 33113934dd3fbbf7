import ClinicData
import ClinicNumerics
import Foundation

/// Poisson and quasi-Poisson regression (GLM with log link), for small monthly counts such as police
/// protection orders or missing incidents, with an optional offset (`log(population)` turns counts
/// into rates).
///
/// Fitted by iteratively reweighted least squares as R's `glm.fit` does: start from `μ = y + 0.1`, then
/// regress the working response `z = η − offset + (y − μ)/μ` on the design with weights `μ`, each
/// weighted step solved by pivoted QR (the last one again by ``LinearModel`` for its inference), until
/// the deviance changes by less than
/// `tolerance · (|deviance| + 0.1)`. Standard errors are `sqrt(φ · diag((XᵀWX)⁻¹))` with `φ = 1`
/// (Poisson, z tests) or the Pearson dispersion `φ = Σ (y − μ)²/μ / (n − rank)` (quasi-Poisson, t tests
/// on n − rank degrees of freedom) — R's `summary.glm`. Checked against R on the Sicily series.
public enum PoissonRegression {
    public enum Family: String, Sendable {
        case poisson
        case quasiPoisson = "quasi_poisson"
    }

    public enum PoissonError: Error, Equatable, CustomStringConvertible {
        case negativeCount(row: Int, value: Double)
        case offsetLength(offset: Int, rows: Int)
        case noConvergence(iterations: Int)

        public var description: String {
            switch self {
            case let .negativeCount(row, value): return "row \(row + 1): a count cannot be negative (\(value))"
            case let .offsetLength(offset, rows): return "the offset has \(offset) values but the design has \(rows) rows"
            case let .noConvergence(iterations): return "the Poisson fit did not converge in \(iterations) iterations"
            }
        }
    }

    public static func fit(_ design: DesignMatrix, counts y: [Double], offset: [Double]? = nil, family: Family = .poisson,
                           tolerance: Double = 1e-12, maximumIterations: Int = 100) throws -> PoissonFit {
        let n = design.rows, p = design.terms.count
        guard y.count == n else { throw LinearModelError.responseLength(response: y.count, designRows: n) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw LinearModelError.nonFinite(row: i, term: nil) }
        if let i = y.firstIndex(where: { $0 < 0 }) { throw PoissonError.negativeCount(row: i, value: y[i]) }
        let offset = offset ?? [Double](repeating: 0, count: n)
        guard offset.count == n else { throw PoissonError.offsetLength(offset: offset.count, rows: n) }

        var mu = y.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var previousDeviance = Double.infinity
        var iterations = 0
        var converged = false
        let x = design.matrix
        let workspace = QRWorkspace()
        var weights = [Double](), working = [Double]()
        while iterations < maximumIterations {
            iterations += 1
            // The weighted least-squares step: only coefficients are needed here; inference once, below.
            weights = mu
            working = (0..<n).map { eta[$0] - offset[$0] + (y[$0] - mu[$0]) / mu[$0] }
            let beta = try RobustLinearModel.weightedLeastSquares(x, working, weights, workspace: workspace)
            // New linear predictor from the unweighted design.
            for i in 0..<n {
                var s = offset[i]
                for j in 0..<p { s += x[i, j] * beta[j] }
                eta[i] = s
                mu[i] = exp(s)
            }
            let deviance = Self.deviance(y, mu)
            if abs(deviance - previousDeviance) / (abs(deviance) + 0.1) < tolerance { converged = true; break }
            previousDeviance = deviance
        }
        guard converged else { throw PoissonError.noConvergence(iterations: iterations) }
        // The last step again as a full least-squares fit: estimates, (XᵀWX)⁻¹ and any dropped terms.
        var columns = [[ExtendedDouble]](repeating: [ExtendedDouble](repeating: 0, count: n), count: p)
        var z = [ExtendedDouble](repeating: 0, count: n)
        for i in 0..<n {
            let w = weights[i].squareRoot()
            z[i] = ExtendedDouble(w * working[i])
            for j in 0..<p { columns[j][i] = design.exact[i + j * n] * ExtendedDouble(w) }
        }
        let last = try LinearModel.fit(DesignMatrix(terms: design.terms, exactColumns: columns, hasIntercept: false),
                                       response: z, options: .init(refine: false))

        let df = n - last.rank
        var pearson = 0.0
        for i in 0..<n { pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i] }
        let dispersion = family == .poisson ? 1 : pearson / Double(df)
        let inverse = last.unscaledCovariance
        var covariance = inverse
        for a in 0..<inverse.rows { for b in 0..<inverse.columns { covariance[a, b] = dispersion * inverse[a, b] } }
        let t = StudentT(degreesOfFreedom: Double(max(df, 1)))
        let coefficients = last.coefficients.enumerated().map { a, c -> Coefficient in
            let se = covariance[a, a].squareRoot()
            let statistic = c.estimate / se
            let p = family == .poisson ? 2 * Normal.cdf(-abs(statistic)) : t.twoSidedPValue(statistic)
            return Coefficient(term: c.term, estimate: c.estimate, standardError: se, tStatistic: statistic, pValue: p)
        }
        return PoissonFit(family: family, terms: design.terms, coefficients: coefficients, estimatedColumns: last.estimatedColumns,
                          dropped: last.dropped, covariance: covariance, dispersion: dispersion,
                          deviance: Self.deviance(y, mu), pearsonChiSquare: pearson, fittedValues: mu,
                          observations: n, rank: last.rank, iterations: iterations)
    }

    /// Poisson deviance `2 Σ [y log(y/μ) − (y − μ)]`, with `y log(y/μ) = 0` at `y = 0`.
    static func deviance(_ y: [Double], _ mu: [Double]) -> Double {
        var d = 0.0
        for i in y.indices {
            let term = y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0
            d += 2 * (term - (y[i] - mu[i]))
        }
        return d
    }
}

/// The result of ``PoissonRegression/fit(_:counts:offset:family:tolerance:maximumIterations:)``.
/// Coefficients are on the log scale: `exp(estimate)` is a rate ratio.
public struct PoissonFit: Sendable {
    public let family: PoissonRegression.Family
    public let terms: [String]
    /// `tStatistic` holds the z value (Poisson) or t value (quasi-Poisson).
    public let coefficients: [Coefficient]
    public let estimatedColumns: [Int]
    public let dropped: [DroppedTerm]
    /// `φ (XᵀWX)⁻¹`.
    public let covariance: Matrix
    /// 1 for Poisson; the Pearson estimate for quasi-Poisson.
    public let dispersion: Double
    public let deviance: Double
    public let pearsonChiSquare: Double
    /// Fitted means `μ`.
    public let fittedValues: [Double]
    public let observations: Int
    public let rank: Int
    public let iterations: Int

    public var residualDegreesOfFreedom: Int { observations - rank }
    public func coefficient(_ term: String) -> Coefficient? { coefficients.first { $0.term == term } }
}
