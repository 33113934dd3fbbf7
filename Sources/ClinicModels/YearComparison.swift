import ClinicData
import ClinicNumerics
import Foundation

/// The last 12 months against the 12 before them, from the data, with a test of whether the two
/// years' averages differ by more than the month-to-month noise explains.
///
/// This is the comparison a clinic makes by eye ("278 missing incidents in the last year against 183
/// the year before") and the one no model may contradict silently: when it is significant, every
/// statement about the measure's direction agrees with it or says why not.
///
/// Contract:
/// - Windows: the 12 months ending at the latest observed month, and the 12 before; only observed
///   months count (imputed, missing and suppressed months do not), and each window needs at least 9.
/// - `recentMean`, `previousMean` are the plain means of the observed values; `recentTotal`,
///   `previousTotal` their sums, given only when both windows are complete (12 months each).
/// - The test works on seasonally adjusted values (the caller's `adjust`, the trend model's seasonal
///   profile; with complete windows an additive profile cancels anyway): `t = D / SE(D)`, `D` the
///   difference of the adjusted means. The noise is the trend model's when there is one (``Noise``):
///   with errors of autocovariance `γ(h)`,
///   `Var(D) = ΣΣ_A γ/n_A² + ΣΣ_B γ/n_B² − 2 Σ_A Σ_B γ/(n_A n_B)` (independent errors: `σ²(1/n_A + 1/n_B)`;
///   a count model: `φ·μ̄(1/n_A + 1/n_B)`), referred to Student t on the model's residual degrees of
///   freedom (the normal for robust and Poisson fits). So a slowly wandering series (AR errors) needs a
///   larger difference than a noisy but independent one, and the test is calibrated where the model
///   is. Given the model's residuals, the variance is at least that under an AR(1) reading of them
///   (``ResidualAR1``: their lag-1 autocorrelation corrected for its small-sample bias), since the
///   model's choice of independent errors on three or four years of data often misses autocorrelation
///   (on clean AR(1) series with φ = 0.6, 36 months, the test flagged 3% at p < 0.01 without the floor,
///   1.25% with it; at 48 months 1.75% and 0%). Without a model the windows' own noise is used: deviations from a least-squares line through
///   each window (`n_A + n_B − 4` df), their lag-1 autocorrelation `r` (floored at 0), the variance of
///   a window's mean as that of an AR(1) process, `s²/n · [1 + 2 Σ_{h<n} (1 − h/n) r^h]`, and t on
///   `(n_A + n_B)(1 − r)/(1 + r) − 4` df (Zwiers and von Storch, 1995).
public struct YearComparison: Sendable, Equatable {
    /// The latest observed month (the end of the recent window).
    public let month: Month
    public let recentMean: Double
    public let previousMean: Double
    public let recentMonths: Int
    public let previousMonths: Int
    /// Sums of the observed values, when both windows have all 12 months (nil otherwise).
    public let recentTotal: Double?
    public let previousTotal: Double?
    /// Standard error of the difference of the (adjusted) means.
    public let standardError: Double
    /// Lag-1 autocorrelation of the noise the test assumed (the model's errors, or the windows').
    public let autocorrelation: Double
    /// Degrees of freedom of the t reference (nil: the normal).
    public let degreesOfFreedom: Double?
    /// The test's statistic: the difference of the adjusted means over `standardError` (±∞ or NaN
    /// when the standard error is 0).
    public let statistic: Double
    /// Two-sided p-value of "the two years' averages are the same".
    public let pValue: Double

    /// `recentMean − previousMean`.
    public var difference: Double { recentMean - previousMean }
    /// The relative change of the averages in %, nil when the earlier average is 0.
    public var percent: Double? { previousMean != 0 ? 100 * difference / abs(previousMean) : nil }

    /// The test's p-value with some months' values moved by `shifts` (month → amount added; e.g. single
    /// unusual months moved to what a model expected), the noise and degrees of freedom unchanged.
    /// A month counts when it is in either window; the shift enters the difference of the means as it
    /// is (exact for additive seasonal adjustment, and to first order for a multiplicative one).
    public func pValue(shifting shifts: [Month: Double]) -> Double {
        guard standardError > 0, standardError.isFinite, statistic.isFinite else { return pValue }
        var t = statistic
        for (m, shift) in shifts {
            let back = m.distance(to: month)
            if (0..<12).contains(back) { t += shift / Double(recentMonths) / standardError }
            else if (12..<24).contains(back) { t -= shift / Double(previousMonths) / standardError }
        }
        return Self.twoSidedPValue(t, degreesOfFreedom: degreesOfFreedom)
    }

    /// Two-sided p-value of `t` on Student t with `degreesOfFreedom` (at least 1), or on the normal.
    static func twoSidedPValue(_ t: Double, degreesOfFreedom: Double?) -> Double {
        let p = degreesOfFreedom.map { StudentT(degreesOfFreedom: max(1, $0)).twoSidedPValue(t) } ?? 2 * Normal.cdf(-abs(t))
        return min(1, max(0, p))
    }

    /// What the test takes as the noise of the monthly values around their level.
    public enum Noise: Sendable {
        /// The trend model's errors: their autocovariance `γ(h)` in the series' units (squared), for
        /// lags 0…23, and the degrees of freedom of its t reference (nil: the normal).
        /// `residuals`, the model's residuals in time order (observed months; empty: not used), add a
        /// floor: the variance under an AR(1) reading of them (see the type's contract).
        case model(autocovariances: [Double], degreesOfFreedom: Int?, residuals: [Double] = [])
        /// A count model's: variance `dispersion × mean` (the mean of the two years' values), months
        /// independent; t on `degreesOfFreedom` (nil: the normal).
        case counts(dispersion: Double, degreesOfFreedom: Int?)
        /// No model: estimated from the windows themselves (deviations from a line through each, their
        /// lag-1 autocorrelation; see the type's contract).
        case windows
    }

    /// The comparison for `series` (nil when either window has fewer than 9 observed months).
    /// `adjust(value, month)` removes the seasonal effect for the test (identity without one).
    public static func make(_ series: Series, noise: Noise = .windows,
                            adjust: (Double, Month) -> Double = { v, _ in v }) -> YearComparison? {
        guard let end = series.status.lastIndex(where: { $0 == .observed }), end >= 23 else { return nil }
        let recentRange = (end - 11)...end, previousRange = (end - 23)...(end - 12)
        func observed(_ range: ClosedRange<Int>) -> [Int] { range.filter { series.status[$0] == .observed } }
        let recent = observed(recentRange), previous = observed(previousRange)
        guard recent.count >= 9, previous.count >= 9 else { return nil }
        func value(_ i: Int) -> Double { series.values[i] }
        func adjusted(_ i: Int) -> Double { adjust(series.values[i], series.start.advanced(by: i)) }
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

        let recentMean = mean(recent.map(value)), previousMean = mean(previous.map(value))
        let complete = recent.count == 12 && previous.count == 12
        let adjustedMeans = (mean(recent.map(adjusted)), mean(previous.map(adjusted)))
        let nA = Double(recent.count), nB = Double(previous.count)

        var standardError: Double, degreesOfFreedom: Double?, r: Double
        switch noise {
        case let .model(gamma, df, residuals):
            // Var(ē_A − ē_B) from the errors' autocovariances, the two windows' covariance included.
            func differenceVariance(_ gamma: [Double]) -> Double {
                func g(_ i: Int, _ j: Int) -> Double { let h = abs(i - j); return h < gamma.count ? gamma[h] : 0 }
                var va = 0.0, vb = 0.0, cab = 0.0
                for i in recent { for j in recent { va += g(i, j) } }
                for i in previous { for j in previous { vb += g(i, j) } }
                for i in recent { for j in previous { cab += g(i, j) } }
                return max(0, va / (nA * nA) + vb / (nB * nB) - 2 * cab / (nA * nB))
            }
            var variance = differenceVariance(gamma)
            r = gamma.count > 1 && gamma[0] > 0 ? gamma[1] / gamma[0] : 0
            if let floor = ResidualAR1(residuals, degreesOfFreedom: df), floor.autocorrelation > r {
                let alternative = differenceVariance(floor.autocovariances(upTo: 23))
                if alternative > variance { variance = alternative; r = floor.autocorrelation }
            }
            standardError = variance.squareRoot()
            degreesOfFreedom = df.map(Double.init)
        case let .counts(dispersion, df):
            let pooled = max(0, (recentMean * nA + previousMean * nB) / (nA + nB))
            standardError = (max(dispersion, 0) * pooled * (1 / nA + 1 / nB)).squareRoot()
            degreesOfFreedom = df.map(Double.init)
            r = 0
        case .windows:
            (standardError, r, degreesOfFreedom) = windowNoise(recent: recent, previous: previous, adjusted: adjusted)
        }
        let difference = adjustedMeans.0 - adjustedMeans.1
        let pValue: Double
        let statistic = difference / standardError
        if standardError > 0 && standardError.isFinite {
            pValue = twoSidedPValue(statistic, degreesOfFreedom: degreesOfFreedom)
        } else {
            pValue = difference == 0 ? 1 : 0
        }
        return YearComparison(month: series.start.advanced(by: end), recentMean: recentMean, previousMean: previousMean,
                              recentMonths: recent.count, previousMonths: previous.count,
                              recentTotal: complete ? recent.map(value).reduce(0, +) : nil,
                              previousTotal: complete ? previous.map(value).reduce(0, +) : nil,
                              standardError: standardError, autocorrelation: r, degreesOfFreedom: degreesOfFreedom, statistic: statistic,
                              pValue: pValue)
    }

    /// The windows' own noise: deviations from a least-squares line through each window (`n_A + n_B − 4`
    /// df), their lag-1 autocorrelation `r` (floored at 0), AR(1) variance of each mean; the standard
    /// error of the difference, `r`, and t's degrees of freedom `(n_A + n_B)(1 − r)/(1 + r) − 4`.
    static func windowNoise(recent: [Int], previous: [Int], adjusted: (Int) -> Double) -> (Double, Double, Double?) {
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        var sumSquares = 0.0, lagProducts = 0.0
        var deviation = [Int: Double]()
        for window in [recent, previous] {
            let t = window.map(Double.init), v = window.map(adjusted)
            let meanT = mean(t), meanV = mean(v)
            var sxy = 0.0, sxx = 0.0
            for k in window.indices { sxy += (t[k] - meanT) * (v[k] - meanV); sxx += (t[k] - meanT) * (t[k] - meanT) }
            let slope = sxx > 0 ? sxy / sxx : 0
            for k in window.indices {
                let d = v[k] - meanV - slope * (t[k] - meanT)
                deviation[window[k]] = d
                sumSquares += d * d
            }
            for i in window where window.contains(i - 1) { lagProducts += deviation[i]! * deviation[i - 1]! }
        }
        let nA = Double(recent.count), nB = Double(previous.count)
        let variance = sumSquares / (nA + nB - 4)
        let r = min(0.99, max(0, sumSquares > 0 ? lagProducts / sumSquares : 0))
        /// Variance of the mean of `n` consecutive values of an AR(1) process with unit variance.
        func meanVariance(_ n: Int) -> Double {
            var total = 1.0, power = 1.0
            for h in stride(from: 1, to: n, by: 1) {
                power *= r
                total += 2 * (1 - Double(h) / Double(n)) * power
            }
            return total / Double(n)
        }
        let standardError = (variance * (meanVariance(recent.count) + meanVariance(previous.count))).squareRoot()
        return (standardError, r, max(1, (nA + nB) * (1 - r) / (1 + r) - 4))
    }
}
