import ClinicData
import ClinicModels
import Foundation

extension TrendWarning {
    /// The warning as `clinic fit`, its JSON and the pack print it: one clause, lower case, no full stop.
    public var text: String {
        switch self {
        case .everyMonthSuppressed:
            return "every month is suppressed, so there is nothing to model"
        case let .tooFewMonths(observed):
            return "only \(observed) observed month\(observed == 1 ? "" : "s"); a trend needs at least 3"
        case let .notFitted(reason):
            return "the model could not be fitted (\(reason))"
        case let .constantCounts(value):
            return "every observed value is \(Self.value(value)), so a count model cannot be fitted; a constant line is reported instead"
        case let .negativeCounts(value):
            return "a count model needs non-negative values (found \(Self.value(value))); OLS is used instead"
        case let .constantSeasonal(value):
            return "every observed value is \(Self.value(value)), so there is no seasonal pattern to estimate; no seasonal terms are used"
        case let .seasonalNeedsTwoYears(observed):
            return "seasonal terms need at least 24 observed months (there are \(observed)); none are used"
        case .tooFewMonthsForSeasonal:
            return "too few months for seasonal terms; they are left out"
        case .tooFewMonthsForInterventions:
            return "too few months to estimate intervention effects; they are left out"
        case let .interventionBeforeSeries(label, month, firstMonth):
            return "intervention not estimated: \(label) (\(month)) is not after the first month of the series (\(firstMonth)): there is no before to compare with"
        case let .interventionAfterSeries(label, month, lastMonth):
            return "intervention not estimated: \(label) (\(month)) is after the last month of the series (\(lastMonth)): there is no after yet"
        case .exactFit:
            return "the line fits every month exactly (a constant or perfectly straight series), so its intervals have zero width"
        case .robustNotSettled:
            return "the robust fit stopped at its iteration limit before settling"
        case let .overdispersed(dispersion, chiSquare, df):
            return "the counts vary \(String(format: "%.1f", dispersion)) times as much as a Poisson model allows (Pearson χ² \(String(format: "%.0f", chiSquare)) on \(df) df), so its intervals are too narrow; quasi_poisson widens them by the square root of the dispersion"
        case .autocorrelationUntested:
            return "the OLS residuals could not be computed for the autocorrelation test; intervals assume independent errors"
        case let .autocorrelatedButUnmodelled(p, failures):
            let test = p < 0.001 ? "p < 0.001" : String(format: "p = %.2g", p)
            let why = failures.isEmpty ? "too few months" : failures.map { "\($0.model.rawValue): \($0.reason)" }.joined(separator: "; ")
            return "the residuals are autocorrelated (Ljung–Box \(test)) but no error model could be fitted (\(why)), so the intervals assume independent errors and are too narrow"
        case let .errorModelNotFitted(model, reason):
            return "errors could not be modelled as \(model.rawValue) (\(reason)); independent errors are assumed"
        case .errorSearchNotSettled:
            return "the error model's likelihood search stopped before settling"
        }
    }

    /// A value as the warnings quote it: whole numbers without a point, others to four significant figures.
    static func value(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.4g", v)
    }
}
