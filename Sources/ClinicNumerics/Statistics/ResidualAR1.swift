/// An AR(1) reading of a model's residuals in time order: a cautious second opinion on how strongly a
/// series' noise is autocorrelated, for tests whose calibration depends on it.
///
/// With three to five years of monthly data an information criterion often chooses independent errors
/// for a series whose errors are autocorrelated (on AR(1) noise with φ = 0.6 and 36 months, 44% of
/// series), and a test that then treats the months as independent raises false alarms several times
/// as often as it says. Reading the residuals' lag-1 autocorrelation directly, corrected for its
/// downward bias, gives a floor for the noise such tests assume.
///
/// Contract: `variance = Σe²/df` (df defaults to n); `autocorrelation = min(0.95, r + k(2 + 4r)/n)`, `k`
/// the number of lines the residuals are taken around (1 unless given), with
/// `r = max(0, Σ e_t e_{t−1} / Σ e_t²)`: the lag-1 autocorrelation floored at 0, plus the first-order
/// small-sample bias of a lag-1 autocorrelation taken after a fitted line (after Kendall 1954:
/// `−(1 + 3φ)/n` about a mean; about a line the bias roughly doubles).
public struct ResidualAR1: Sendable, Equatable {
    public let variance: Double
    public let autocorrelation: Double

    /// Nil with fewer than 12 residuals or when they are all 0.
    public init?(_ e: [Double], degreesOfFreedom: Int? = nil) {
        var sumSquares = 0.0, lagged = 0.0
        for i in e.indices {
            sumSquares += e[i] * e[i]
            if i > 0 { lagged += e[i] * e[i - 1] }
        }
        self.init(sumOfSquares: sumSquares, laggedProducts: lagged, count: e.count, degreesOfFreedom: degreesOfFreedom)
    }

    /// The reading from sums already taken: `Σe²`, `Σe_t e_{t−1}` (within the stretches each line was
    /// fitted to) and `n`, for residuals around `fittedLines` least-squares lines — the bias term is
    /// then `fittedLines·(2 + 4r)/n`. Nil when `n < 12` or `Σe²` is 0 or not finite.
    public init?(sumOfSquares: Double, laggedProducts: Double, count n: Int, fittedLines: Int = 1, degreesOfFreedom: Int? = nil) {
        guard n >= 12, sumOfSquares > 0, sumOfSquares.isFinite else { return nil }
        let r = max(0, laggedProducts / sumOfSquares)
        autocorrelation = min(0.95, r + Double(fittedLines) * (2 + 4 * r) / Double(n))
        variance = sumOfSquares / Double(max(1, degreesOfFreedom ?? n))
    }

    /// `γ(0) … γ(lags)`: `variance · autocorrelation^h`.
    public func autocovariances(upTo lags: Int) -> [Double] {
        var gamma = [variance]
        for _ in stride(from: 0, to: lags, by: 1) { gamma.append(gamma[gamma.count - 1] * autocorrelation) }
        return gamma
    }

    /// The long-run SD over the SD, `√((1 + ρ)/(1 − ρ))`: how much more a mean or a run of these errors
    /// varies than independent errors of the same variance would.
    public var longRunFactor: Double { ((1 + autocorrelation) / (1 - autocorrelation)).squareRoot() }
}
