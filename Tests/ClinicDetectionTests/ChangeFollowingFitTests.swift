import ClinicNumerics
import ClinicData
import ClinicModels
import ClinicSimulation
import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicDetection

/// Forecasts that follow a supported change, measured by rolling-origin backtests (counts and scaled
/// errors, not times).
@Suite("Forecasts that follow a change")
struct ChangeFollowingFitTests {
    /// 120 months, `100 + 0.2 t + e` (unit-variance white noise times 5), half of them with a level
    /// shift or a change of trend of 4σ (the trend change reaches 4σ a year later) 18 to 24 months
    /// before the end; forecasts from each of the last 12 months, 1 … 12 months ahead. The
    /// change-following fit must beat the long-run model's MASE at every horizon on the changed series,
    /// and be no worse than it by more than 2% on the clean ones; its forecast, averaged over the months
    /// around the change's, must beat the one refit's by 5% at 6 and 12 months.
    /// The months a followed change is searched over: the last 24 months and 4 more (the placements'
    /// spread), leaving 6 observed months on each side, never another intervention's month.
    @Test func searchedMonthsAreTheWindowLeavingSixEachSide() {
        let start = Month(year: 2020, month: 1)!
        var status = [ObservationStatus](repeating: .observed, count: 60)
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: Array(repeating: 1, count: 60), status: status)
        let end = start.advanced(by: 59)
        let months = ChangeFollowingFit.searchedMonths(series, spread: 4, excluding: [Intervention(label: "policy", month: end.advanced(by: -10))])
        let expected = (5...27).map { end.advanced(by: -$0) }.filter { $0 != end.advanced(by: -10) }.sorted()
        #expect(months == expected)
        // The last observed month, not the last month of the series, is the end; gaps count as unobserved.
        status[59] = .missing
        status[50] = .missing
        let gappy = Series(key: series.key, start: start, values: series.values, status: status)
        let observedEnd = start.advanced(by: 58)
        let gappyMonths = ChangeFollowingFit.searchedMonths(gappy, spread: 0, excluding: [])
        #expect(gappyMonths.first == observedEnd.advanced(by: -23))
        #expect(gappyMonths.last == start.advanced(by: 53), "six observed months from it: 53…58")
    }

    @Test func followingASupportedChangeImprovesForecasts() {
        var random = SplitMix64(seed: 20_261_203)
        var changed = [Series](), clean = [Series]()
        for s in 0..<48 {
            let n = 120, sigma = 5.0
            let at = n - 18 - Int(random.uniform() * 7)
            let kind = s % 3   // 0 clean, 1 level shift, 2 trend change
            var values = [Double]()
            for t in 0..<n {
                var y = 100 + 0.2 * Double(t) + sigma * random.normal()
                if kind == 1 && t >= at { y += 4 * sigma }
                if kind == 2 && t >= at { y += 4 * sigma * Double(t - at + 1) / 12 }
                values.append(y)
            }
            let series = Series(key: SeriesKey(area: "S\(s)", metric: "referrals"), start: Month(year: 2015, month: 1)!,
                                values: values, status: values.map { _ in .observed })
            if kind == 0 { clean.append(series) } else { changed.append(series) }
        }
        var options = Backtest.Options()
        options.origins = 12
        options.horizons = [1, 3, 6, 12]
        var trend = TrendOptions()
        trend.seasonality = .fixed(.none)
        let methods = [Backtest.Method(name: "long_run", options: trend),
                       Backtest.Method(name: "follows_change", options: trend, fit: ChangeFollowingFit.fit),
                       Backtest.Method(name: "one_refit", options: trend, fit: { ChangeFollowingFit.fit($0, definition: $1, options: $2, spread: 0) })]
        let onChanged = Backtest.run(changed, methods: methods, options: options)
        let onClean = Backtest.run(clean, methods: methods, options: options)
        for h in options.horizons {
            let a = onChanged["long_run"]![h]!, b = onChanged["follows_change"]![h]!, one = onChanged["one_refit"]![h]!
            let c = onClean["long_run"]![h]!, d = onClean["follows_change"]![h]!
            print("h=\(h) changed: long-run MASE \(a.mase!) (80% \(a.coverage80!), 95% \(a.coverage95!)), follows change \(b.mase!) (80% \(b.coverage80!), 95% \(b.coverage95!)), from the one refit \(one.mase!) (80% \(one.coverage80!), 95% \(one.coverage95!)); clean: \(c.mase!) against \(d.mase!) (95% \(d.coverage95!))")
            #expect(b.mase! < a.mase!, "h=\(h) on changed series")
            #expect(d.mase! <= 1.02 * c.mase!, "h=\(h) on clean series")
            // Averaging over the months around the change's (its month is estimated) pays at longer
            // horizons, where a misplaced change of slope costs most: 0.997 → 0.916 at 6 months, 1.823 → 1.563 at 12.
            if h >= 6 { #expect(b.mase! < 0.95 * one.mase!, "h=\(h): the averaged forecast against the one refit's") }
        }
    }
}

extension ChangeFollowingFitTests {
    struct ETSScore: Decodable { let ets: Double; let seasonal_naive: Double; let forecasts: Int }

    /// On four series from R (US accidental deaths, UK lung-disease deaths, Australian wine sales,
    /// Mauna Loa CO₂), rolling-origin MASE from the last 24 months at 1, 3, 6 and 12 months ahead,
    /// beside R's `forecast::ets` and the seasonal naive forecast scored the same way
    /// (Tests/Fixtures/forecasts, make_ets_backtests.R). The seasonal naive scores are R's to 1e-12, so
    /// the protocol is the same; the table is printed for docs/METHODS.md §6. Following a supported
    /// change must not make any of these forecasts worse than the long-run model's by more than 5%.
    @Test func rSeriesAgainstETSAndSeasonalNaive() throws {
        let reference = try JSONDecoder().decode([String: [String: ETSScore]].self,
                                                 from: Data(contentsOf: Fixtures.url("forecasts/ets_backtests.json")))
        var options = Backtest.Options()
        options.origins = 24
        let methods = [Backtest.Method(name: "long_run", options: TrendOptions()),
                       Backtest.Method(name: "follows_change", options: TrendOptions(), fit: ChangeFollowingFit.fit)]
        for name in ["usaccdeaths", "ldeaths", "wineind", "co2"] {
            let series = try ExceptionsTests.rSeries(name)
            let scores = Backtest.run([series], methods: methods, options: options)
            for h in options.horizons {
                let r = try #require(reference[name]?[String(h)])
                let naive = try #require(scores[Backtest.baseline]?[h]), longRun = try #require(scores["long_run"]?[h])
                let follows = try #require(scores["follows_change"]?[h])
                #expect(naive.forecasts == r.forecasts && abs(naive.mase! - r.seasonal_naive) < 1e-12, "\(name) h=\(h) baseline")
                print("MASE \(name) h=\(h): long-run \(longRun.mase!), follows change \(follows.mase!), ets \(r.ets), seasonal naive \(r.seasonal_naive)")
                #expect(follows.mase! <= 1.05 * longRun.mase!, "\(name) h=\(h)")
            }
        }
    }
}
