import ClinicData
@testable import ClinicDetection
import ClinicModels
import Foundation
import Testing
@testable import ClinicReports

/// The pack's pieces on hand-made cases: identifiers, Excel sheet names, Markdown escaping, and the
/// month alignment of what the charts draw.
@Suite("Pack")
struct PackTests {
    static let start = Month(year: 2020, month: 1)!

    func measure(_ metric: String, _ values: [Double?], options: TrendOptions = TrendOptions()) -> Pack.Measure {
        let series = Series(key: SeriesKey(area: "E99999999", metric: metric), start: Self.start,
                            values: values.map { $0 ?? .nan }, status: values.map { $0 == nil ? .missing : .observed })
        let definition = MetricCatalogue.standard.definition(metric)
        var o = options
        o.diagnostics = true
        o.fittedValues = true
        o.seasonality = .fixed(.none)
        let fit = TrendModel.fit(series, definition: definition, options: o)
        return Pack.Measure(series: series, definition: definition, fit: fit,
                            residualChart: ModelResidualChart(series: series, fit: fit, definition: definition), flags: [],
                            target: nil, benchmark: nil, interventions: [])
    }

    func pack(_ measures: [Pack.Measure]) -> Pack {
        Pack(provenance: Pack.Provenance(clinicVersion: "test", generated: "2026-01-01T00:00:00Z", asOf: Month(year: 2023, month: 1)!,
                                         area: "E99999999", authorityName: nil, settingsFile: nil, settings: [], inputs: []),
             measures: measures, notes: [], revisions: nil)
    }

    /// The summary reads what the agenda reads: a count of events' last 12 months as totals (12 × the
    /// averages, both years complete), a stock's as averages; the change of trend in force as "rising
    /// since" or "falling since" (the latest change of trend, not an earlier one).
    @Test func theSummaryToldAsTheAgendaTellsIt() throws {
        // 36 months alternating 10 and 14 (12 a month, 144 a year), then 12 months of 16 and 20 (18 a
        // month): 216 in the last 12 months against 144 in the 12 before.
        var values = (0..<36).map { Double($0 % 2 == 0 ? 10 : 14) }
        values += (0..<12).map { Double($0 % 2 == 0 ? 16 : 20) }
        let incidents = measure("missing_incidents", values)
        let row = PackView.summaryRow(incidents, anchor: "m")
        #expect(row.twelveMonths == "216 against 144 (+50%)", "\(row.twelveMonths)")
        var stock = measure("lac", values.map { $0 + 200 })
        #expect(PackView.summaryRow(stock, anchor: "m").twelveMonths == "average 218 against 212 (+2.8%)")

        // The change of trend in force, with the slope the agenda's item gives, whatever came before.
        func turn(to after: Double) -> Flag {
            Flag(key: stock.series.key, month: Month(year: 2021, month: 12)!, method: .changepoint, rule: "trend_change",
                 observed: 210, expected: 210, lower: nil, upper: nil, level: nil, direction: .neutral, severity: .info,
                 qValue: nil, size: abs(after + 2) * 12 / 3, history: nil, chart: nil,
                 change: Flag.Change(kind: .trend, before: -2, after: after))
        }
        stock.flags = [turn(to: 1.5), Flag(key: stock.series.key, month: Month(year: 2020, month: 9)!, method: .changepoint,
                                           rule: "trend_change", observed: 210, expected: 210, lower: nil, upper: nil, level: nil,
                                           direction: .neutral, severity: .info, qValue: nil, size: 5, history: nil, chart: nil,
                                           change: Flag.Change(kind: .trend, before: 0, after: -2))]
        let recent = PackView.summaryRow(stock, anchor: "m").recent
        #expect(recent.hasPrefix("Up 2.8% on the year before; rising since December 2021 (about +1.5 a month); latest months: "), "\(recent)")
        stock.flags = [turn(to: -0.5)]
        #expect(PackView.summaryRow(stock, anchor: "m").recent.contains("; falling since December 2021 (about −0.5 a month); "))

        // A later step within the agenda's 24 months is named with its levels, after the change of trend
        // it follows; a step before that change of trend, or older than 24 months, is not.
        func step(_ month: Month, from before: Double, to after: Double) -> Flag {
            Flag(key: stock.series.key, month: month, method: .changepoint, rule: "level_change", observed: after, expected: before,
                 lower: nil, upper: nil, level: nil, direction: .neutral, severity: .info, qValue: nil, size: 4, history: nil,
                 chart: nil, change: Flag.Change(kind: .level, before: before, after: after))
        }
        stock.flags = [turn(to: 1.5), step(Month(year: 2023, month: 6)!, from: 210, to: 225)]
        #expect(PackView.summaryRow(stock, anchor: "m").recent.contains("; rising since December 2021 (about +1.5 a month); a step up in June 2023, from about 210 to 225; latest months: "),
                "\(PackView.summaryRow(stock, anchor: "m").recent)")
        stock.flags = [turn(to: 1.5), step(Month(year: 2021, month: 6)!, from: 210, to: 225)]
        #expect(!PackView.summaryRow(stock, anchor: "m").recent.contains("a step"))
        stock.flags = [step(Month(year: 2021, month: 12)!, from: 225, to: 205)]
        #expect(!PackView.summaryRow(stock, anchor: "m").recent.contains("a step"), "24 months before the latest month")
        stock.flags = [step(Month(year: 2022, month: 1)!, from: 225, to: 205)]
        #expect(PackView.summaryRow(stock, anchor: "m").recent.contains("; a step down in January 2022, from about 225 to 205"))
        // In a pack, the 24 months count back from its as-of month, as the agenda counts them: a pack as
        // of June 2024 no longer names a step of January 2022.
        stock.asOf = Month(year: 2024, month: 6)!
        #expect(!PackView.summaryRow(stock, anchor: "m").recent.contains("a step"))
        stock.asOf = Month(year: 2023, month: 12)!
        #expect(PackView.summaryRow(stock, anchor: "m").recent.contains("a step down in January 2022"))
    }

    /// Metrics whose readable bases collide ("a!", "a?" → "a-"; "a--2") still get distinct identifiers,
    /// so no page shows another measure's chart.
    @Test func identifiersAreUniqueAndSafe() {
        let values = (0..<24).map { Double(10 + $0 % 5) }
        let p = pack(["a!", "a?", "a--2", "a-", String(repeating: "x", count: 300)].map { measure($0, values) })
        let ids = p.measures.map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.allSatisfy { $0.count <= 64 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        let view = PackView(p)
        #expect(Set(view.measures.map(\.chartFile)).count == ids.count)
    }

    @Test func excelSheetNamesAreShortSafeAndUnique() {
        var used = Set<String>(["summary"])
        let accented = String(repeating: "e\u{301}", count: 40)
        let names = ["lac age_0_4", "Summary", "lac/age:0*4?", accented, String(repeating: "y", count: 40), String(repeating: "y", count: 40), ""]
            .map { PackWorkbook.sheetName($0, used: &used) }
        #expect(names[0] == "lac age_0_4")
        #expect(names[1] == "Summary_2")
        #expect(names[2] == "lac_age_0_4_")
        for name in names {
            #expect(name.utf16.count <= 31, "\(name)")
            #expect(!name.contains { "[]:*?/\\".contains($0) })
        }
        #expect(names[4] != names[5] && names[6] == "Measure")
    }

    @Test func markdownEscapingKeepsTheStructure() {
        let escape = MarkdownText()
        #expect(escape.escapeText("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(escape.escapeText("[x](javascript:y) *b* _i_ `c` | #h") == "\\[x\\](javascript:y) \\*b\\* \\_i\\_ \\`c\\` \\| \\#h")
        #expect(escape.escapeText("two\nlines") == "two lines")
    }

    /// A series whose first two months are missing: the chart starts at its first observed month, and
    /// the fitted values, limits and forecast land on the right months.
    @Test func chartDataLinesUpWithTheMonths() throws {
        var values: [Double?] = [nil, nil]
        values += (0..<30).map { t -> Double? in 100 + 2 * Double(t) + (t % 2 == 0 ? 1 : -1) }
        var options = TrendOptions()
        options.errorModel = .fixed(.iid)
        let m = measure("lac", values, options: options)
        let data = PackView.chartData(m)
        #expect(data.start == Self.start.advanced(by: 2))
        #expect(data.actual.count == 30 && data.actual.first! == 101)
        // Fitted values from the first observed month: the model's value at series month 2.
        #expect(abs(data.fitted[0]! - m.fit.fitted[2]) < 1e-12)
        let chart = try #require(m.residualChart)
        #expect(chart.months.first == Self.start.advanced(by: 2))
        #expect(abs(data.limitsUpper[0]! - chart.upper[0]!) < 1e-12)
        // The first forecast month follows the last observed month.
        #expect(data.forecast.first?.index == 30)
        #expect(abs(data.forecast.first!.mean - m.fit.forecast[0].mean) < 1e-12)
    }
}
