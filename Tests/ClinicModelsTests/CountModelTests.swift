import ClinicData
import ClinicNumerics
import ClinicSimulation
import Foundation
import Testing
@testable import ClinicModels

/// Count models: overdispersion, constant series, metrics outside the catalogue, population offsets.
@Suite("Count models")
struct CountModelTests {
    let catalogue = MetricCatalogue.standard
    static let start = Month(year: 2018, month: 1)!

    func series(_ metric: String, _ values: [Double], area: String = "E99999999") -> Series {
        Series(key: SeriesKey(area: area, metric: metric), start: Self.start, values: values, status: values.map { _ in .observed })
    }

    /// Poisson forced on counts that swing between 2 and 30 warns that its intervals are too narrow;
    /// on genuinely Poisson counts (simulated, mean 8) it does not.
    @Test func poissonWarnsWhenCountsAreOverdispersed() {
        var options = TrendOptions()
        options.model = .fixed(.poisson)
        options.seasonality = .fixed(.none)
        let swinging = (0..<48).map { Double([2, 30, 5, 25, 3, 28][$0 % 6]) }
        let dispersed = TrendModel.fit(series("ppo", swinging), definition: catalogue.definition("ppo"), options: options)
        #expect(dispersed.warnings.contains { if case let .overdispersed(dispersion, _, df) = $0 { dispersion > 1.5 && df == 46 } else { false } }, "\(dispersed.warnings)")

        var random = SplitMix64(seed: 8)
        let poisson = (0..<48).map { _ in Double(random.poisson(8)) }
        let fit = TrendModel.fit(series("ppo", poisson), definition: catalogue.definition("ppo"), options: options)
        #expect(!fit.warnings.contains { if case .overdispersed = $0 { true } else { false } }, "\(fit.warnings)")
    }

    /// A constant series asked for month dummies gets none, and says why.
    @Test func constantSeriesGetNoSeasonalTerms() {
        var options = TrendOptions()
        options.seasonality = .fixed(.monthDummies)
        let fit = TrendModel.fit(series("lac", [Double](repeating: 40, count: 36)), definition: catalogue.definition("lac"), options: options)
        #expect(fit.seasonality == .none)
        #expect(fit.warnings == [.constantSeasonal(value: 40), .exactFit], "\(fit.warnings)")
        #expect(fit.coefficients.map(\.term) == ["(Intercept)", "trend"])
    }

    /// Metrics outside the catalogue: whole non-negative values → a count (so small ones get a count
    /// model), anything else → no unit; one note each.
    @Test func unknownMetricsGetAnInferredUnit() {
        let panel = Panel([series("visits_made", (0..<24).map { Double(5 + $0 % 4) }),
                           series("mood_score", (0..<24).map { 3.5 + Double($0 % 3) * 0.25 })])
        let (inferred, notes) = catalogue.inferringUnknownMetrics(of: panel)
        #expect(inferred.definition("visits_made").unit == .count)
        #expect(inferred.definition("mood_score").unit == nil)
        #expect(inferred.definition("lac").label == catalogue.definition("lac").label)
        #expect(notes.count == 2 && notes.contains { $0.contains("\"visits_made\"") && $0.contains("treated as a count") })
        let fit = TrendModel.fit(panel.trimmedSeries[1], definition: inferred.definition("visits_made"))
        #expect(panel.trimmedSeries[1].key.metric == "visits_made")
        #expect(fit.model == .quasiPoisson)
    }

    /// With a population, a count model is a rate model: its coefficients are those of
    /// PoissonRegression with offset log(population), and the forecast scales with the population.
    @Test func populationIsTheOffsetOfCountModels() throws {
        let values = (0..<36).map { Double([12, 15, 9, 14, 11, 16][$0 % 6]) }
        let population = Dictionary(uniqueKeysWithValues: (0..<42).map { (Self.start.advanced(by: $0), 50_000 + 100 * Double($0)) })
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        let s = series("lac", values)
        let fit = TrendModel.fitAll([s], options: options, population: { _ in population })[0]
        #expect(fit.model == .quasiPoisson && fit.populationOffset)
        let design = TrendDesign(start: Self.start, months: 36, seasonality: .none, interventions: []).design
        let offset = (0..<36).map { log(population[Self.start.advanced(by: $0)]!) }
        let direct = try PoissonRegression.fit(design, counts: values, offset: offset, family: .quasiPoisson)
        for (a, b) in zip(fit.coefficients, direct.coefficients) { #expect(abs(a.estimate - b.estimate) <= 1e-10 * max(1, abs(b.estimate))) }
        let eta = direct.coefficients[0].estimate + direct.coefficients[1].estimate * 36
        #expect(abs(fit.forecast[0].mean - exp(eta) * population[Self.start.advanced(by: 36)]!) < 1e-8)
    }

    /// OLS on a count falling towards zero (62 → 2 over 31 months, by 2 a month): the line crosses zero
    /// within the horizon, but neither the forecast nor its lower bound goes below 0; the same values
    /// as a non-count metric (a rate) are forecast below zero.
    @Test func countForecastsNeverGoBelowZero() {
        var options = TrendOptions()
        options.model = .fixed(.ols)
        options.seasonality = .fixed(.none)
        options.horizon = 6
        var values = [Double]()
        for t in 0..<31 { values.append(62 - 2 * Double(t) + (t % 2 == 0 ? 0.5 : -0.5)) }
        let count = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        #expect(count.forecast.allSatisfy { $0.mean >= 0 && $0.lower >= 0 })
        #expect(count.forecast.last!.mean == 0)
        let rate = TrendModel.fit(series("lac_rate_per_10k", values), definition: catalogue.definition("lac_rate_per_10k"), options: options)
        #expect(rate.forecast.last!.mean < 0)
    }
}
