import ClinicData
import ClinicModels
import Foundation

/// The XmR chart (``SPCChart``, all four rules) of what a trend model does not explain, read back in the
/// series' units — the chart behind the `spc` flags and the pack's variation and assurance icons.
///
/// Contract: the charted values are, at the observed months (at least 13, else nil), the model's
/// residuals with independent errors or its one-step errors (innovations) with ARMA errors
/// (``TrendFit/diagnostics``, OLS-kind fits); for count and robust fits, which have no diagnostics,
/// the response residuals `y − fitted` when the fit carries ``TrendFit/fitted`` (nil otherwise, as in
/// the exceptions, which fit without fitted values). `expected[i] = y[i] − charted[i]` is the
/// model's value for month `i` (fitted value, or one-step prediction); the limits in the series' units
/// are `expected + lower/upper limit` of the chart. With a target (and a direction that is not
/// neutral), the assurance compares the target with the limits around the latest month's expected
/// value: always met inside a pass region (``SPCAssurance/consistentPass``), never met
/// (``SPCAssurance/consistentFail``), or met only some months (``SPCAssurance/inconsistent``).
public struct ModelResidualChart: Sendable {
    /// What is charted: the model's residuals, or its one-step errors (innovations) with ARMA errors.
    public enum Kind: String, Sendable { case residuals, innovations }
    public let kind: Kind
    public let months: [Month]
    public let chart: SPCChart
    public let observed: [Double]
    public let expected: [Double]
    /// The process limits moved onto the model's value for each month (nil where the chart has none).
    public let lower: [Double?]
    public let upper: [Double?]
    public let assurance: SPCAssurance?

    public init?(series s: Series, fit: TrendFit, definition: MetricDefinition, target: Double? = nil) {
        guard let (kind, rows, charted) = Self.charted(series: s, fit: fit) else { return nil }
        self.kind = kind
        let options = Self.options(definition)
        let chart = SPCChart(values: charted, options: options)
        months = rows.map { s.start.advanced(by: $0) }
        self.chart = chart
        observed = rows.map { s.values[$0] }
        expected = zip(observed, charted).map { $0 - $1 }
        lower = zip(expected, chart.points).map { e, p in p.lowerLimit.map { e + $0 } }
        upper = zip(expected, chart.points).map { e, p in p.upperLimit.map { e + $0 } }
        if let target, options.direction != .neutral, let low = lower.last ?? nil, let high = upper.last ?? nil {
            let passesAbove = options.direction == .increase
            if target <= low { assurance = passesAbove ? .consistentPass : .consistentFail }
            else if target >= high { assurance = passesAbove ? .consistentFail : .consistentPass }
            else { assurance = .inconsistent }
        } else {
            assurance = nil
        }
    }

    /// The latest month of the chart when it is outside the limits (what the `spc` flag asks), without
    /// the rest of the chart: the same point and values, bit for bit, as the last of the whole chart's.
    public struct LatestOutside: Sendable {
        public let kind: Kind
        /// Months charted (the observed months).
        public let count: Int
        public let month: Month
        public let point: SPCPoint
        public let observed: Double
        public let expected: Double
        public let lower: Double?
        public let upper: Double?
    }

    /// ``LatestOutside`` for `fit` on `s`; nil when the chart would be nil or its last point is inside the limits.
    public static func latestOutside(series s: Series, fit: TrendFit, definition: MetricDefinition) -> LatestOutside? {
        guard let (kind, rows, charted) = charted(series: s, fit: fit), let last = rows.last else { return nil }
        guard let point = SPCChart.lastPointOutsideLimits(charted, options: options(definition)) else { return nil }
        let observed = s.values[last], expected = observed - charted[charted.count - 1]
        return LatestOutside(kind: kind, count: rows.count, month: s.start.advanced(by: last), point: point, observed: observed,
                             expected: expected, lower: point.lowerLimit.map { expected + $0 }, upper: point.upperLimit.map { expected + $0 })
    }

    /// The chart's options: the measure's better direction, the rest as Making Data Count's defaults.
    private static func options(_ definition: MetricDefinition) -> SPCOptions {
        var options = SPCOptions()
        options.direction = SPCOptions.Direction(definition.polarity)
        return options
    }

    /// What is charted, at the observed rows of `s` (see the contract above); nil with fewer than 13
    /// observed months or nothing to chart.
    private static func charted(series s: Series, fit: TrendFit) -> (Kind, rows: [Int], charted: [Double])? {
        let rows = s.values.indices.filter { s.status[$0] == .observed }
        guard rows.count >= 13, fit.model != .none else { return nil }
        let charted: [Double], kind: Kind
        if let d = fit.diagnostics {
            // The diagnostics' months are the observed months in order (every fit of the series'
            // observed rows): read them straight; matched by month otherwise.
            if d.months.count == rows.count, zip(d.months, rows).allSatisfy({ $0 == s.start.advanced(by: $1) }) {
                charted = d.innovations
            } else {
                let byMonth = Dictionary(uniqueKeysWithValues: zip(d.months, d.innovations))
                charted = rows.compactMap { byMonth[s.start.advanced(by: $0)] }
            }
            kind = d.expectedFromMonthsBefore ? .innovations : .residuals
        } else if fit.fitted.count == s.values.count, fit.model != .ols {
            charted = rows.map { s.values[$0] - fit.fitted[$0] }
            kind = .residuals
        } else {
            return nil
        }
        guard charted.count == rows.count else { return nil }
        return (kind, rows, charted)
    }

    /// The last point's Making Data Count type.
    public var variation: SPCPointType? { chart.variation }
}
