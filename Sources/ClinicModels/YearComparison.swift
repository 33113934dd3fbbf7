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
///   profile; with complete windows an additive profile cancels anyway). With `D` the difference of
///   the adjusted means and `s²` the pooled variance of the values around a least-squares line
///   through their own window (`n_A + n_B − 4` degrees of freedom: a steady movement inside a window
///   is not noise), `r` the lag-1 autocorrelation of those deviations (pairs of consecutive observed
///   months within one window, floored at 0), the variance of a window's mean is taken as that of an
///   AR(1) process, `s²/n · [1 + 2 Σ_{h<n} (1 − h/n) r^h]`, and `t = D / √(Var_A + Var_B)` is referred
///   to Student t on `(n_A + n_B)(1 − r)/(1 + r) − 4` degrees of freedom (at least 1): a two-sample t
///   test with the effective sample size of autocorrelated data (Zwiers and von Storch, 1995). The
///   correlation between the two windows' means is left out, which errs on the side of caution.
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
    /// Lag-1 autocorrelation of the within-window deviations (≥ 0).
    public let autocorrelation: Double
    public let degreesOfFreedom: Double
    /// Two-sided p-value of "the two years' averages are the same".
    public let pValue: Double

    /// `recentMean − previousMean`.
    public var difference: Double { recentMean - previousMean }
    /// The relative change of the averages in %, nil when the earlier average is 0.
    public var percent: Double? { previousMean != 0 ? 100 * difference / abs(previousMean) : nil }

    /// The comparison for `series` (nil when either window has fewer than 9 observed months).
    /// `adjust(value, month)` removes the seasonal effect for the test (identity without one).
    public static func make(_ series: Series, adjust: (Double, Month) -> Double = { v, _ in v }) -> YearComparison? {
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

        // Deviations from each window's own least-squares line (so that a movement inside a window is
        // not taken for noise); lag-1 products of consecutive months.
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
            for i in window where deviation[i - 1] != nil && window.contains(i - 1) {
                lagProducts += deviation[i]! * deviation[i - 1]!
            }
        }
        let nA = Double(recent.count), nB = Double(previous.count)
        let variance = sumSquares / (nA + nB - 4)
        let r = sumSquares > 0 ? min(0.99, max(0, lagProducts / sumSquares)) : 0
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
        let degreesOfFreedom = max(1, (nA + nB) * (1 - r) / (1 + r) - 4)
        let difference = adjustedMeans.0 - adjustedMeans.1
        let pValue: Double
        if standardError > 0 && standardError.isFinite {
            pValue = min(1, max(0, StudentT(degreesOfFreedom: degreesOfFreedom).twoSidedPValue(difference / standardError)))
        } else {
            pValue = difference == 0 ? 1 : 0
        }
        return YearComparison(month: series.start.advanced(by: end), recentMean: recentMean, previousMean: previousMean,
                              recentMonths: recent.count, previousMonths: previous.count,
                              recentTotal: complete ? recent.map(value).reduce(0, +) : nil,
                              previousTotal: complete ? previous.map(value).reduce(0, +) : nil,
                              standardError: standardError, autocorrelation: r, degreesOfFreedom: degreesOfFreedom, pValue: pValue)
    }
}
