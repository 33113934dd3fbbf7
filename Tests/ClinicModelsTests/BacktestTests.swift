import ClinicData
import Foundation
import Testing
@testable import ClinicModels

@Suite("Backtest")
struct BacktestTests {
    /// `y_t = 2t + (−1)^t` over 40 months from January 2020.
    static let zigzag: Series = {
        let values = (0..<40).map { 2 * Double($0) + ($0 % 2 == 0 ? 1 : -1) }
        return Series(key: SeriesKey(area: "E99999999", metric: "lac"), start: Month(year: 2020, month: 1)!, values: values,
                      status: values.map { _ in .observed })
    }()

    /// The trend model without seasonal terms.
    static let lineWithoutSeasons: TrendOptions = {
        var trend = TrendOptions()
        trend.seasonality = .fixed(.none)
        return trend
    }()

    /// `y_t = 2t + (−1)^t` over 40 months, 4 origins (36 … 39), 36 months minimum.
    /// By hand: every lag-12 change is 24, so the MASE scale is 24 and the seasonal naive forecast
    /// (the value 12 months before the target) is off by exactly 24: its MASE is 1. Forecasts that land
    /// in the data: h = 1 from all four origins, h = 3 from origins 36 and 37, none for h = 6 or 12.
    /// The trend model, whose errors are about 1, scores far below 1.
    @Test func handCountedScores() {
        let (series, trend) = (Self.zigzag, Self.lineWithoutSeasons)
        var options = Backtest.Options()
        options.origins = 4
        let scores = Backtest.run([series], methods: [Backtest.Method(name: "default", options: trend)], options: options)
        let naive = scores[Backtest.baseline]!
        #expect(naive[1]?.forecasts == 4 && naive[3]?.forecasts == 2 && naive[6] == nil && naive[12] == nil)
        #expect(abs(naive[1]!.mase! - 1) < 1e-12 && abs(naive[3]!.mase! - 1) < 1e-12)
        let model = scores["default"]!
        #expect(model[1]?.forecasts == 4 && model[3]?.forecasts == 2)
        #expect(model[1]!.mase! < 0.1 && model[3]!.mase! < 0.1)
        #expect(model[1]!.covered95 == 4)
    }

    /// With a stratum, each origin's scores are filed under `"<method>|<label>"` as well: the origins 36
    /// and 37 (two 1-month and two 3-month forecasts) as "early", 38 and 39 (two 1-month forecasts) as
    /// "late"; the baseline and the method's own totals are unchanged, and an origin labelled nil is in
    /// the totals only.
    @Test func scoresSplitByStratum() {
        let (series, trend) = (Self.zigzag, Self.lineWithoutSeasons)
        var options = Backtest.Options()
        options.origins = 4
        let methods = [Backtest.Method(name: "default", options: trend)]
        let plain = Backtest.run([series], methods: methods, options: options)
        options.stratum = { key, origin in key.area == "E99999999" ? (origin < 38 ? "early" : "late") : nil }
        let split = Backtest.run([series], methods: methods, options: options)
        #expect(split["default"] == plain["default"] && split[Backtest.baseline] == plain[Backtest.baseline])
        let early = split["default|early"]!, late = split["default|late"]!
        #expect(early[1]?.forecasts == 2 && early[3]?.forecasts == 2 && late[1]?.forecasts == 2 && late[3] == nil)
        var sum = early[1]!
        sum.add(late[1]!)
        #expect(sum == plain["default"]![1]!)
        options.stratum = { _, origin in origin == 39 ? "last" : nil }
        let one = Backtest.run([series], methods: methods, options: options)
        #expect(one["default|last"]?[1]?.forecasts == 1 && one["default|last"]?[3] == nil && one["default"] == plain["default"])
    }
}
