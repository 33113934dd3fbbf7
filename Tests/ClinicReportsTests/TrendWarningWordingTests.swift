import ClinicData
import ClinicDetection
import ClinicModels
import Foundation
import Testing
@testable import ClinicReports

/// The fits' and SPC charts' warnings are values in the numeric core and words here: the words are the
/// JSON's `warnings` strings, so each is pinned as `clinic fit` and `clinic spc` have printed it.
@Suite("Trend warnings worded")
struct TrendWarningWordingTests {
    @Test func everyWarningReadsAsBefore() {
        let april = Month(year: 2010, month: 4)!, start = Month(year: 2013, month: 1)!, end = Month(year: 2015, month: 6)!
        let cases: [(TrendWarning, String)] = [
            (.everyMonthSuppressed, "every month is suppressed, so there is nothing to model"),
            (.tooFewMonths(observed: 1), "only 1 observed month; a trend needs at least 3"),
            (.tooFewMonths(observed: 2), "only 2 observed months; a trend needs at least 3"),
            (.notFitted(reason: "singular"), "the model could not be fitted (singular)"),
            (.constantCounts(value: 0), "every observed value is 0, so a count model cannot be fitted; a constant line is reported instead"),
            (.negativeCounts(value: -2.5), "a count model needs non-negative values (found -2.5); OLS is used instead"),
            (.constantSeasonal(value: 1.0 / 3), "every observed value is 0.3333, so there is no seasonal pattern to estimate; no seasonal terms are used"),
            (.seasonalNeedsTwoYears(observed: 10), "seasonal terms need at least 24 observed months (there are 10); none are used"),
            (.tooFewMonthsForSeasonal, "too few months for seasonal terms; they are left out"),
            (.tooFewMonthsForInterventions, "too few months to estimate intervention effects; they are left out"),
            (.interventionBeforeSeries(label: "Old policy", month: april, firstMonth: start),
             "intervention not estimated: Old policy (2010-04) is not after the first month of the series (2013-01): there is no before to compare with"),
            (.interventionAfterSeries(label: "Hub", month: Month(year: 2016, month: 1)!, lastMonth: end),
             "intervention not estimated: Hub (2016-01) is after the last month of the series (2015-06): there is no after yet"),
            (.exactFit, "the line fits every month exactly (a constant or perfectly straight series), so its intervals have zero width"),
            (.robustNotSettled, "the robust fit stopped at its iteration limit before settling"),
            (.overdispersed(dispersion: 12.34, pearsonChiSquare: 567.8, degreesOfFreedom: 46),
             "the counts vary 12.3 times as much as a Poisson model allows (Pearson χ² 568 on 46 df), so its intervals are too narrow; quasi_poisson widens them by the square root of the dispersion"),
            (.autocorrelationUntested, "the OLS residuals could not be computed for the autocorrelation test; intervals assume independent errors"),
            (.autocorrelatedButUnmodelled(ljungBoxP: 0.0004, failures: []),
             "the residuals are autocorrelated (Ljung–Box p < 0.001) but no error model could be fitted (too few months), so the intervals assume independent errors and are too narrow"),
            (.autocorrelatedButUnmodelled(ljungBoxP: 0.0234, failures: [.init(model: .ar1, reason: "singular"), .init(model: .arma11, reason: "stuck")]),
             "the residuals are autocorrelated (Ljung–Box p = 0.023) but no error model could be fitted (ar1: singular; arma11: stuck), so the intervals assume independent errors and are too narrow"),
            (.errorModelNotFitted(model: .ar2, reason: "singular"), "errors could not be modelled as ar2 (singular); independent errors are assumed"),
            (.errorSearchNotSettled, "the error model's likelihood search stopped before settling"),
        ]
        for (warning, text) in cases { #expect(warning.text == text) }
        #expect(SPCChart.Warning.trialLimits(group: 2, points: 1).text
                == "group 2 has 1 point (fewer than 13): its limits are trial limits, to be revised as points are added")
        #expect(SPCChart.Warning.trialLimits(group: 1, points: 12).text
                == "group 1 has 12 points (fewer than 13): its limits are trial limits, to be revised as points are added")
        #expect(SPCChart.Warning.singlePoint(group: 3).text == "group 3 has a single point: no moving range, so no limits")
    }

    /// A fit that could not be made says why in its one sentence, from its last warning.
    @Test func anUnfittedSeriesGivesItsReason() {
        let series = Series(key: SeriesKey(area: "E99999999", metric: "lac"), start: Month(year: 2020, month: 1)!, values: [1, 2],
                            status: [.observed, .observed])
        let fit = TrendModel.fit(series, definition: MetricCatalogue.standard.definition("lac"))
        #expect(fit.model == .none && fit.warnings == [.tooFewMonths(observed: 2)])
        let sentence = fit.sentence(definition: MetricCatalogue.standard.definition("lac"))
        #expect(sentence.hasSuffix(": only 2 observed months; a trend needs at least 3."), "\(sentence)")
    }
}
