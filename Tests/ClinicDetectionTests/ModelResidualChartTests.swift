import ClinicData
import ClinicModels
import Foundation
import Testing
@testable import ClinicDetection

/// The pack's residual chart and RAG status on hand-made cases.
@Suite("Model residual chart and RAG")
struct ModelResidualChartTests {
    static let start = Month(year: 2020, month: 1)!

    func series(_ metric: String, _ values: [Double]) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: metric), start: Self.start, values: values, status: values.map { _ in .observed })
    }

    /// A straight line plus alternating ±1: the residuals are ±1 around a zero mean, so the moving ranges
    /// are all 2, the limits ±2.66·2 = ±5.32 around the fitted line, and nothing is special.
    @Test func limitsSitAroundTheFittedLine() throws {
        let values: [Double] = (0..<24).map { t -> Double in 100 + 2 * Double(t) + (t % 2 == 0 ? 1.0 : -1.0) }
        var options = TrendOptions()
        options.diagnostics = true
        options.fittedValues = true
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        let definition = MetricCatalogue.standard.definition("lac")
        let fit = TrendModel.fit(series("lac", values), definition: definition, options: options)
        let chart = try #require(ModelResidualChart(series: series("lac", values), fit: fit, definition: definition, target: 120))
        #expect(chart.kind == .residuals && chart.months.count == 24)
        for i in 0..<24 {
            #expect(abs(chart.expected[i] - fit.fitted[i]) < 1e-9)
            // The least-squares line through ±1 alternation is nearly the line itself: limits within 0.2 of ±5.32.
            #expect(abs((chart.upper[i]! - chart.expected[i]) - 5.32) < 0.2, "\(i)")
        }
        #expect(chart.variation == SPCPointType.commonCause)
        // lac is neutral: no assurance against a target.
        #expect(chart.assurance == nil)
        // Lower better (ppo): the latest expected value is about 146 ± 5.3, so a target of 120 is never met,
        // 200 always met and 146 met some months.
        let ppo = MetricCatalogue.standard.definition("ppo")
        let asCount = { (target: Double) in ModelResidualChart(series: series("ppo", values), fit: fit, definition: ppo, target: target)?.assurance }
        #expect(asCount(120) == .consistentFail && asCount(200) == .consistentPass && asCount(146) == .inconsistent)
    }

    /// What the `spc` flag reads (``ModelResidualChart/latestOutside(series:fit:definition:)``) is the
    /// whole chart's last month, field for field and bit for bit, when that month is outside the limits
    /// (a spike at the end, either side, residuals and ARMA innovations), and nil when it is not.
    @Test func latestOutsideIsTheWholeChartsLastMonth() throws {
        let definition = MetricCatalogue.standard.definition("ppo")
        var checked = 0
        for (k, jump) in [0.0, 25, -25, 3].enumerated() {
            for errors in [ErrorModel.iid, .ar1] {
                var values: [Double] = (0..<36).map { t -> Double in 100 + 0.5 * Double(t) + 4 * sin(Double(t * 7 + k)) }
                values[35] += jump
                var options = TrendOptions()
                options.diagnostics = true
                options.fittedValues = true
                options.seasonality = .fixed(.none)
                options.errorModel = .fixed(errors)
                let s = series("ppo", values)
                let fit = TrendModel.fit(s, definition: definition, options: options)
                let chart = try #require(ModelResidualChart(series: s, fit: fit, definition: definition))
                let last = try #require(chart.chart.points.last)
                let latest = ModelResidualChart.latestOutside(series: s, fit: fit, definition: definition)
                guard last.outsideLimits else { #expect(latest == nil, "jump \(jump) \(errors)"); continue }
                let l = try #require(latest, "jump \(jump) \(errors)")
                checked += 1
                #expect(l.point == last && l.kind == chart.kind && l.count == chart.months.count && l.month == chart.months.last)
                #expect(l.observed.bitPattern == chart.observed.last!.bitPattern && l.expected.bitPattern == chart.expected.last!.bitPattern)
                #expect(l.lower?.bitPattern == chart.lower.last!?.bitPattern && l.upper?.bitPattern == chart.upper.last!?.bitPattern)
            }
        }
        #expect(checked >= 4, "both spikes, both error models")
    }

    @Test func tooShortOrUnfittedHasNoChart() {
        let definition = MetricCatalogue.standard.definition("lac")
        var options = TrendOptions()
        options.diagnostics = true
        let values = (0..<12).map { Double($0) }
        let fit = TrendModel.fit(series("lac", values), definition: definition, options: options)
        #expect(ModelResidualChart(series: series("lac", values), fit: fit, definition: definition) == nil)
    }

    /// Hand-worked: target 20, amber within 10% (2 points).
    @Test func ragReadsThePolarity() {
        #expect(RAGStatus(value: 19, target: 20, amberPercent: 10, polarity: .lowerBetter) == .green)
        #expect(RAGStatus(value: 20, target: 20, amberPercent: 10, polarity: .lowerBetter) == .green)
        #expect(RAGStatus(value: 21.9, target: 20, amberPercent: 10, polarity: .lowerBetter) == .amber)
        #expect(RAGStatus(value: 22, target: 20, amberPercent: 10, polarity: .lowerBetter) == .amber)
        #expect(RAGStatus(value: 22.1, target: 20, amberPercent: 10, polarity: .lowerBetter) == .red)
        #expect(RAGStatus(value: 19, target: 20, amberPercent: 10, polarity: .higherBetter) == .amber)
        #expect(RAGStatus(value: 17, target: 20, amberPercent: 10, polarity: .higherBetter) == .red)
        #expect(RAGStatus(value: 25, target: 20, amberPercent: 10, polarity: .higherBetter) == .green)
        #expect(RAGStatus(value: 25, target: 20, amberPercent: 10, polarity: .neutral) == nil)
    }
}
