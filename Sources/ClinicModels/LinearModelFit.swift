import ClinicData
import ClinicNumerics
import Foundation

/// One estimated coefficient with its classical inference (`df = n − rank`).
public struct Coefficient: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    /// `σ̂ · sqrt([(XᵀX)⁻¹]_jj)`, from the refined inverse of `RᵀR`.
    public let standardError: Double
    /// `estimate / standardError` (±infinity for an exact fit).
    public let tStatistic: Double
    /// Two-sided p-value from Student's t on `df` residual degrees of freedom.
    public let pValue: Double
}

/// A design column left out because it is (numerically) a combination of the others.
public struct DroppedTerm: Sendable, Equatable {
    public let term: String
    public let reason: String
}

/// Interval and point prediction for one new row.
public struct Prediction: Sendable, Equatable {
    /// `x₀ᵀ β̂`.
    public let mean: Double
    /// Standard error of the mean, `σ̂ · sqrt(x₀ᵀ (XᵀX)⁻¹ x₀)`.
    public let standardError: Double
    /// Confidence interval for the mean response.
    public let confidence: ClosedRange<Double>
    /// Prediction interval for a new observation, `mean ± t · σ̂ · sqrt(1 + x₀ᵀ (XᵀX)⁻¹ x₀)`.
    public let prediction: ClosedRange<Double>
}

/// The result of ``LinearModel/fit(_:response:options:)``.
public struct LinearModelFit: Sendable {
    /// Every design term in design order, estimated or dropped.
    public let terms: [String]
    /// Whether the design had an intercept: R² is centred if so, uncentred (about zero) otherwise.
    public let hasIntercept: Bool
    /// Number of observations `n`.
    public let observations: Int
    /// Numerical rank: the number of estimated coefficients.
    public let rank: Int
    /// Estimated coefficients in design order (dropped terms are absent; see ``dropped``).
    public let coefficients: [Coefficient]
    /// The design column of each entry of ``coefficients``.
    public let estimatedColumns: [Int]
    /// Terms left out for rank deficiency, with the reason.
    public let dropped: [DroppedTerm]
    /// `σ̂² (XᵀX)⁻¹` over the estimated terms, in the order of ``coefficients``.
    public let covariance: Matrix
    /// `(XᵀX)⁻¹` over the estimated terms (R's `cov.unscaled`): the bread of sandwich estimators.
    public let unscaledCovariance: Matrix
    /// Σ residual², accumulated in extended precision.
    public let residualSumOfSquares: Double
    /// Σ (y − ȳ)² with an intercept, Σ y² without.
    public let totalSumOfSquares: Double
    /// `y − ŷ` for each observation.
    public let residuals: [Double]
    /// `ŷ` for each observation.
    public let fittedValues: [Double]
    /// Diagonal of the hat matrix, `h_ii ∈ [0, 1]`, summing to `rank`.
    public let leverage: [Double]
    /// Augmented-system refinement steps taken for the coefficients (1 = plain QR).
    public let refinementSteps: Int
    /// 2-norm condition number of the equilibrated basis columns (a diagnostic; 1e10+ is ill-conditioned).
    public let conditionNumber: Double

    /// Residual degrees of freedom, `n − rank`.
    public var residualDegreesOfFreedom: Int { observations - rank }

    /// Residual standard error `σ̂ = sqrt(RSS / (n − rank))`.
    public var residualStandardError: Double { (residualSumOfSquares / Double(residualDegreesOfFreedom)).squareRoot() }

    /// `1 − RSS/TSS`: centred with an intercept, uncentred without (as R and NIST define it).
    public var rSquared: Double { totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : 1 }

    /// `1 − (1 − R²)(n − i)/(n − rank)` with `i` = 1 for an intercept, 0 without.
    public var adjustedRSquared: Double {
        let i = hasIntercept ? 1.0 : 0.0
        return 1 - (1 - rSquared) * (Double(observations) - i) / Double(residualDegreesOfFreedom)
    }

    /// The overall F test of all estimated terms except the intercept (R's summary line); nil when
    /// there is nothing to test (intercept-only model).
    public var fStatistic: (value: Double, numerator: Int, denominator: Int, pValue: Double)? {
        let numerator = rank - (hasIntercept ? 1 : 0)
        guard numerator > 0 else { return nil }
        let df = residualDegreesOfFreedom
        let value = ((totalSumOfSquares - residualSumOfSquares) / Double(numerator)) / (residualSumOfSquares / Double(df))
        return (value, numerator, df, FisherF(numerator: Double(numerator), denominator: Double(df)).survival(value))
    }

    /// The coefficient for `term`, if it was estimated.
    public func coefficient(_ term: String) -> Coefficient? { coefficients.first { $0.term == term } }

    /// `estimate ± t_{df, (1+level)/2} · standardError` for each coefficient, in order.
    public func confidenceIntervals(level: Double = 0.95) -> [ClosedRange<Double>] {
        let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)).quantile((1 + level) / 2)
        return coefficients.map { c in
            let half = t * c.standardError
            return (c.estimate - half)...(c.estimate + half)
        }
    }

    /// Predictions for new rows given as values for every design term, in design order (values for
    /// dropped terms are ignored: the model does not use them).
    public func predict(_ newRows: [[Double]], level: Double = 0.95) throws -> [Prediction] {
        let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)).quantile((1 + level) / 2)
        let sigma2 = residualSumOfSquares / Double(residualDegreesOfFreedom)
        return try newRows.map { row in
            guard row.count == terms.count else {
                throw LinearModelError.predictionWidth(expected: terms.count, got: row.count)
            }
            let x = estimatedColumns.map { row[$0] }
            var mean = 0.0, quadratic = 0.0
            for a in x.indices {
                mean += x[a] * coefficients[a].estimate
                for b in x.indices { quadratic += x[a] * covariance[a, b] * x[b] }
            }
            let seMean = max(0, quadratic).squareRoot()
            let seNew = (sigma2 + max(0, quadratic)).squareRoot()
            return Prediction(mean: mean, standardError: seMean,
                              confidence: (mean - t * seMean)...(mean + t * seMean),
                              prediction: (mean - t * seNew)...(mean + t * seNew))
        }
    }
}

extension LinearModelFit {
    /// Minimum, first quartile, median, third quartile and maximum of the residuals, as R's
    /// `summary(lm)` prints them (type 7 quantiles).
    public var residualQuartiles: [Double] {
        let sorted = residuals.sorted()
        guard !sorted.isEmpty else { return [] }
        return [0, 0.25, 0.5, 0.75, 1].map { Quantile.type7(sorted: sorted, $0) }
    }
}
