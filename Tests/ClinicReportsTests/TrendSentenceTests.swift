import ClinicData
import ClinicModels
import Foundation
import Testing
@testable import ClinicReports

/// The summary sentences: periods named, units kept, no silent contradiction of the last 12 months,
/// numbers written for people.
@Suite("Trend sentences")
struct TrendSentenceTests {
    let catalogue = MetricCatalogue.standard

    func series(_ metric: String, _ values: [Double], start: Month = Month(year: 2015, month: 1)!) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: metric), start: start, values: values, status: values.map { _ in .observed })
    }

    /// A long decline that turned up two years ago: the trend sentence keeps its period and says that
    /// the last 12 months' average rose against the 12 before (not one month against another, which can
    /// say anything); the first sentence gives the year-on-year change from the data, and the year's
    /// comparison has a sentence of its own.
    @Test func aLongFallThatTurnedUpSaysSo() {
        // 120 months falling by 2 a month with a small alternating wobble (700 … 461), then 24 months
        // rising by 3 (… 533): the 12 months before the last average 480.5, the last 12 516.5.
        func wobble(_ t: Int) -> Double { t % 2 == 0 ? 1 : -1 }
        var values = [Double]()
        for t in 0..<120 { values.append(700 - 2 * Double(t) + wobble(t)) }
        for t in 0..<24 { values.append(values[119] + 3 * Double(t + 1) + wobble(t)) }
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        let fit = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        let text = fit.sentence(definition: catalogue.definition("lac"))
        #expect(text.hasPrefix("Children looked after: 532 in December 2026, up 36 (7.3%) on December 2025. "), "\(text)")
        #expect(text.contains("Averaged 517 over the last 12 months against 481 in the 12 before, up 7.5% (p < 0.001, allowing for autocorrelation)."), "\(text)")
        #expect(text.contains("Trend from January 2015 to December 2026: falling by about"), "\(text)")
        #expect(text.contains("— but the last 12 months averaged 517 against 481 in the 12 before."), "\(text)")
        #expect(text.contains("Recent direction (to December 2026): rising by about"), "\(text)")
    }

    /// A percentage metric: changes in percentage points, values with a % sign, no relative change.
    /// December 2017 (t = 35) is 20 + 3.5 − 0.2 = 23.3; December 2016 (t = 23) is 22.1.
    @Test func percentagesAreToldInPercentagePoints() {
        var values = [Double]()
        for t in 0..<36 { values.append(20 + 0.1 * Double(t) + (t % 3 == 0 ? 0.4 : -0.2)) }
        let fit = TrendModel.fit(series("re_referrals_pct", values), definition: catalogue.definition("re_referrals_pct"))
        let text = fit.sentence(definition: catalogue.definition("re_referrals_pct"))
        #expect(text.hasPrefix("Re-referrals within 12 months: 23.3% in December 2017, up 1.2 percentage points on December 2016. "), "\(text)")
        #expect(text.contains("percentage points a month"), "\(text)")
        #expect(!text.contains("(5."), "no relative change of a percentage: \(text)")
    }

    @Test func numbersForPeople() {
        #expect(Wording.number(1390.2) == "1,390")
        #expect(Wording.number(1_234_567) == "1,234,567")
        #expect(Wording.number(-0.6218) == "−0.62")
        #expect(Wording.number(0.04567) == "0.046")
        #expect(Wording.pValue(0) == "p < 0.001")
        #expect(Wording.pValue(0.04669) == "p = 0.047")
        // A value outside a range never reads as one of its bounds.
        #expect(Wording.outside(163, range: 163.4308, 219.5593, unit: .count) == ("163", "163.4", "219.6"))
        #expect(Wording.outside(30, range: 4.92, 11.1, unit: .count) == ("30", "4.92", "11.1"))
        #expect(Wording.outside(21.44, range: 21.43, 25, unit: .percent) == ("21.44%", "21.43%", "25.00%"))
        let (v, l, h) = Wording.interval(3.012, 2.961, 3.063)
        #expect((v, l, h) == ("3.01", "2.96", "3.06"))
        #expect(Wording.monthName(Month(year: 2022, month: 4)!) == "April 2022")
    }

    /// The text block names the error model and the forecast method.
    @Test func textStatesTheErrorModelAndForecastMethod() {
        var e = 0.0
        var state: UInt64 = 42
        let values = (0..<120).map { t -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            e = 0.8 * e + (Double(state >> 11) * 0x1p-53 - 0.5) * 4
            return 300 + 0.5 * Double(t) + e
        }
        let fit = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"))
        let text = fit.text(definition: catalogue.definition("lac"))
        #expect(fit.errorProcess?.model != .iid)
        #expect(text.contains("  errors: AR(") || text.contains("  errors: ARMA("), "\(text)")
        #expect(text.contains("  forecast (regression with "), "\(text)")
    }

    /// Two interventions, given out of date order: rising by 1 a month, then falling by 1 from the
    /// first (January 2017), then rising by 2 from the second (January 2019). The slope since the second
    /// is the trend plus both slope changes (+2), and "before it" is the period since the first (−1).
    @Test func twoInterventionsReadInDateOrder() throws {
        var values = [Double]()
        for t in 0..<72 {
            var v = 100 + Double(t)
            if t >= 24 { v -= 2 * Double(t - 24) }
            if t >= 48 { v += 3 * Double(t - 48) }
            values.append(v + (t % 2 == 0 ? 0.5 : -0.5))
        }
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        options.interventions = [Intervention(label: "the second", month: Month(year: 2019, month: 1)!, effect: .slope),
                                 Intervention(label: "the first", month: Month(year: 2017, month: 1)!, effect: .slope)]
        let fit = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        #expect(fit.interventions.map(\.label) == ["the first", "the second"])
        let second = try #require(fit.interventions[1].slopeSince)
        #expect(abs(second.value - 2) < 0.01 && abs(fit.interventions[0].slopeSince!.value + 1) < 0.01)
        let text = fit.sentence(definition: catalogue.definition("lac"))
        #expect(text.contains("Since the second began in January 2019: rising by about 2"), "\(text)")
        #expect(text.contains("; before it (since the first began in January 2017), falling by about 0.999 a month (95% CI 0.98 to 1.02)"), "\(text)")
    }
}
