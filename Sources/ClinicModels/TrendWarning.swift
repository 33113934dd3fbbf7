import ClinicData
import Foundation

/// What a trend fit could not do as asked, or did another way, that its reader must be told.
///
/// The numeric core records what happened and the numbers behind it; ClinicReports words it for people
/// (`TrendWarning.text`), so `clinic fit` and the pack say it the same way. A fit of kind
/// ``TrendModelKind/none`` ends its ``TrendFit/warnings`` with the reason nothing was fitted.
public enum TrendWarning: Sendable, Equatable {
    /// One error model the automatic choice could not finish, and why (the error's description).
    public struct ErrorModelFailure: Sendable, Equatable {
        public let model: ErrorModel
        public let reason: String
        public init(model: ErrorModel, reason: String) {
            self.model = model
            self.reason = reason
        }
    }

    // Nothing fitted (the last warning of a fit of kind `none`).
    /// Every month is suppressed.
    case everyMonthSuppressed
    /// Fewer than three observed months.
    case tooFewMonths(observed: Int)
    /// The engine failed; `reason` is its error's description.
    case notFitted(reason: String)

    // The model chosen.
    /// A count model was due, but every observed value is `value`: a constant line instead.
    case constantCounts(value: Double)
    /// A count model was due, but a value is negative (`value`, the first negative one): OLS instead.
    case negativeCounts(value: Double)
    /// Every observed value is `value`, so fixed seasonal terms were dropped.
    case constantSeasonal(value: Double)
    /// Fixed seasonal terms asked for with fewer than 24 observed months (`observed`): none used.
    case seasonalNeedsTwoYears(observed: Int)
    /// Seasonal terms left out to keep residual degrees of freedom.
    case tooFewMonthsForSeasonal
    /// Interventions left out to keep residual degrees of freedom.
    case tooFewMonthsForInterventions
    /// An intervention dated at or before the series' first month (`firstMonth`): no before.
    case interventionBeforeSeries(label: String, month: Month, firstMonth: Month)
    /// An intervention dated after the series' last month (`lastMonth`): no after yet.
    case interventionAfterSeries(label: String, month: Month, lastMonth: Month)

    // The fit.
    /// Zero residuals: intervals of zero width.
    case exactFit
    /// The robust fit reached its iteration limit.
    case robustNotSettled
    /// A forced Poisson model's counts vary `dispersion` times as much as it allows (Pearson χ² on `degreesOfFreedom`).
    case overdispersed(dispersion: Double, pearsonChiSquare: Double, degreesOfFreedom: Int)

    // The error model (OLS kinds).
    /// The OLS residuals for the Ljung–Box test could not be computed: independent errors assumed.
    case autocorrelationUntested
    /// The residuals are autocorrelated (Ljung–Box `ljungBoxP`) but no error model could be fitted
    /// (`failures`, empty when there were too few months for any): intervals too narrow.
    case autocorrelatedButUnmodelled(ljungBoxP: Double, failures: [ErrorModelFailure])
    /// A forced error model could not be fitted: independent errors assumed.
    case errorModelNotFitted(model: ErrorModel, reason: String)
    /// The error model's likelihood search stopped before settling.
    case errorSearchNotSettled
}
