import ClinicData
import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicModels

/// The diagnostics' leave-one-out predictions against exact rational arithmetic
/// (Tests/Fixtures/diagnostics, made by make_leave_one_out.py).
@Suite("Trend diagnostics")
struct TrendDiagnosticsTests {
    static func csv(_ name: String) throws -> [(month: String, value: Double)] {
        let text = try String(contentsOf: Fixtures.url("diagnostics/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: ",")
            return (String(parts[0]), Double(parts[1])!)
        }
    }

    /// Police referrals of the bundled authority, 175 months, OLS with a trend and month dummies: every
    /// month's leave-one-out prediction `y − e/(1 − h)` within one unit in the last place of the exact
    /// value, fitted alone and in a batch (where the leverages come from the batch's shared designs);
    /// most of them exactly the nearest double. Before the residuals were the fit's own (they came from a
    /// second, unrefined solve), March 2024's was 36.6856617647059 against the exact 36.685661764705884.
    @Test func leaveOneOutPredictionsAreExactToTheLastPlace() throws {
        let values = try Self.csv("referrals_police.csv")
        let exact = try Self.csv("referrals_police_leave_one_out.csv")
        let start = try #require(Month(year: 2012, month: 4))
        let series = Series(key: SeriesKey(area: "E99999999", metric: "referrals_police"), start: start,
                            values: values.map(\.value), status: values.map { _ in .observed })
        var options = TrendOptions()
        options.diagnostics = true
        options.seasonality = .fixed(.monthDummies)
        options.errorModel = .fixed(.iid)
        let alone = TrendModel.fit(series, definition: MetricCatalogue.standard.definition("referrals_police"), options: options)
        let batch = TrendModel.fitAll([series, series], options: options)
        for fit in [alone] + batch {
            #expect(fit.model == .ols && (fit.errorProcess?.model ?? .iid) == .iid)
            let d = try #require(fit.diagnostics)
            #expect(d.expected.count == exact.count && !d.expectedFromMonthsBefore)
            var nearest = 0
            for (i, reference) in exact.enumerated() {
                #expect(abs(d.expected[i] - reference.value) <= reference.value.ulp, "\(reference.month): \(d.expected[i]) against \(reference.value)")
                if d.expected[i] == reference.value { nearest += 1 }
            }
            #expect(nearest >= exact.count * 9 / 10, "\(nearest) of \(exact.count) months exactly the nearest double")
            let march2024 = try #require(exact.firstIndex { $0.month == "2024-03" })
            #expect(d.expected[march2024] == 36.685661764705884)
        }
    }
}
