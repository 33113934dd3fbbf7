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
        #expect(text.contains("; before it (since the first began in January 2017), falling by about 0.999 a month (95% CI 0.980 to 1.018)"), "\(text)")
    }

    /// Figures rounded to what their interval supports, and a slope within ±0.1 a month told a year.
    @Test func figuresAreRoundedToWhatTheIntervalSupports() {
        #expect(Wording.supported(0.66, 0.21, 1.1) == ("0.7", "0.2", "1.1"))
        #expect(Wording.supported(1.8, -4.3, 7.9) == ("2", "−4", "8"))
        #expect(Wording.supported(1.998, 1.974, 2.022) == ("2.00", "1.97", "2.02"))
        #expect(Wording.supported(1234.4, 1100, 1360) == ("1,234", "1,100", "1,360"))
        #expect(Wording.supported(0.04, -2.8, 2.9) == ("0", "−3", "3"))
        // A bound that would round to nothing keeps the side of zero it is on.
        #expect(Wording.supported(0.49, 0.0048, 0.97) == ("0.5", "0.005", "1.0"))
        // −0.0058 (−0.014 to 0.0022) a month is −0.0696 (−0.168 to 0.0264) a year.
        let (year, period) = Wording.readablePeriod(Estimate(value: -0.0058, lower: -0.014, upper: 0.0022, pValue: 0.15), compounding: false)
        #expect(period == "a year" && Wording.supported(year.value, year.lower, year.upper) == ("−0.07", "−0.17", "0.03"))
        let (month, same) = Wording.readablePeriod(Estimate(value: 0.3, lower: -0.5, upper: 1.1, pValue: 0.4), compounding: false)
        #expect(same == "a month" && month == Estimate(value: 0.3, lower: -0.5, upper: 1.1, pValue: 0.4))
        // A count model's % a month compounds over the year: 0.05% a month is 0.6017% a year.
        let (compounded, _) = Wording.readablePeriod(Estimate(value: 0.05, lower: 0.01, upper: 0.09, pValue: 0.01), compounding: true)
        #expect(abs(compounded.value - 100 * (pow(1.0005, 12) - 1)) < 1e-12 && abs(compounded.upper - 100 * (pow(1.0009, 12) - 1)) < 1e-12)
    }

    /// A change the model follows (the change found in the data) is told by where the series stands
    /// now against the trend before it: one figure with its interval, and the joint test that made the
    /// model follow it, not "no clear trend since" from the slope alone.
    @Test func aChangeTheModelFollowsIsToldByWhereTheSeriesNowStands() throws {
        // 60 months from January 2013 falling by 4 a month; from February 2016 (t = 37) 30 lower and
        // falling 2.5 a month faster, so by December 2017 (t = 59) 30 + 2.5 × 22 = 85 below the trend before.
        var values = [Double]()
        for t in 0..<60 {
            var v = 700 - 4 * Double(t) + (t % 2 == 0 ? 1 : -1)
            if t >= 37 { v += -30 - 2.5 * Double(t - 37) }
            values.append(v)
        }
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        options.interventions = [Intervention(label: "the change found in the data", month: Month(year: 2016, month: 2)!)]
        let fit = TrendModel.fit(series("lac", values, start: Month(year: 2013, month: 1)!), definition: catalogue.definition("lac"), options: options)
        let now = try #require(fit.interventions.first?.effectNow)
        #expect(now.lower < -85 && now.upper > -85 && now.upper < -80, "\(now)")
        let text = fit.sentence(definition: catalogue.definition("lac"))
        #expect(text.contains("Since the change found in the data in February 2016: by December 2017 about 85"), "\(text)")
        #expect(text.contains(" below the trend before it (95% CI "), "\(text)")
        #expect(text.contains("; the step and the change of slope together p < 0.001); since then falling by about 6.5"), "\(text)")
        #expect(text.contains("; before it, falling by about 4"), "\(text)")
    }
}
