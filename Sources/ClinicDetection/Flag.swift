import ClinicData

/// One thing the clinic should look at: a month of a series that a method finds out of the ordinary,
/// with what was expected and how sure the method is.
public struct Flag: Sendable {
    /// `sustained`: the last 12 months' average against the 12 before (``YearComparison``).
    public enum Method: String, Sendable { case spc, forecast, outlier, changepoint, sustained }
    public enum Direction: String, Sendable { case improvement, concern, neutral }
    public enum Severity: String, Sendable {
        case red, amber, info
        /// Red first.
        public var rank: Int { self == .red ? 0 : self == .amber ? 1 : 2 }
    }
    /// What a changepoint changed, in the series' units (slopes per month).
    public struct Change: Sendable {
        public enum Kind: String, Sendable { case level, trend }
        /// A change the user told Clinic about (an intervention of clinic.toml) within
        /// ``Exceptions/interventionWindow`` months of the changepoint: the data place a change near
        /// it, which the clinic reads beside it rather than as a second event.
        public struct Intervention: Sendable, Equatable {
            public let label: String
            public let month: Month
        }
        public let kind: Kind
        public let before: Double
        public let after: Double
        public var nearIntervention: Intervention? = nil
    }

    public let key: SeriesKey
    public let month: Month
    public let method: Method
    /// The rule: "outside_99", "outside_95" (forecast), an SPC label ("Above UCL", …),
    /// "studentized_residual" (outlier), "level_change" or "trend_change" (changepoint), "year_rise" or
    /// "year_fall" (sustained; `observed` is the last 12 months' average, `expected` the 12 before).
    public let rule: String
    public let observed: Double?
    public let expected: Double?
    public let lower: Double?
    public let upper: Double?
    /// The confidence level of `lower … upper` (forecasts).
    public let level: Double?
    public let direction: Direction
    public let severity: Severity
    /// Benjamini–Hochberg q-value across every month tested in the run (outliers).
    public var qValue: Double?
    /// The distance from what was expected in units of the series' noise: orders flags of one severity.
    public let size: Double
    /// Months of data behind the expectation (forecasts and SPC flags).
    public let history: Int?
    /// Which chart an SPC flag comes from ("residuals" or "innovations"), or what an outlier's expected
    /// value rests on ("rest_of_series": leave one out; "months_before": one-step prediction).
    public let chart: String?
    public let change: Change?
}
