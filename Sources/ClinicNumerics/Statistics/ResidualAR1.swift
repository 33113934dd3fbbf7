/// An AR(1) reading of a model's residuals in time order: a cautious second opinion on how strongly a
/// series' noise is autocorrelated, for tests whose calibration depends on it.
///
/// With three to five years of monthly data an information criterion often chooses independent errors
/// for a series whose errors are autocorrelated (on AR(1) noise with φ = 0.6 and 36 months, 44% of
/// series), and a test that then treats the months as independent raises false alarms several times
/// as often as it says. Reading the residuals' lag-1 autocorrelation directly, corrected for its
/// downward bias, gives a floor for the noise such tests assume.
///
/// Contract: `variance = Σe²/df` (df defaults to n); `autocorrelation = min(0.95, r + (2 + 4r)/n)` with
/// `r = max(0, Σ e_t e_{t−1} / Σ e_t²)`: the lag-1 autocorrelation floored at 0, plus the first-order
/// small-sample bias of a lag-1 autocorrelation taken after a fitted line (after Kendall 1954:
/// `−(1 + 3φ)/n` about a mean; about a line the bias roughly doubles).
public struct ResidualAR1: Sendable, Equatable {
    public let variance: Double
    public let autocorrelation: Double

    /// Nil with fewer than 12 residuals or when they are all 0.
    public init?(_ e: [Double], degreesOfFreedom: Int? = nil) {
        let n = e.count
        guard n >= 12 else { return nil }
        var sumSquares = 0.0, lagged = 0.0
        for i in e.indices {
            sumSquares += e[i] * e[i]
            if i > 0 { lagged += e[i] * e[i - 1] }
        }
        guard sumSquares > 0, sumSquares.isFinite else { return nil }
        let r = max(0, lagged / sumSquares)
        autocorrelation = min(0.95, r + (2 + 4 * r) / Double(n))
        variance = sumSquares / Double(max(1, degreesOfFreedom ?? n))
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
