import Foundation
import Testing
@testable import ClinicData
@testable import ClinicModels
@testable import ClinicNumerics

/// A forecast averaged over fits that place an intervention at different months
/// (``ForecastPoint/average(_:weights:level:)``, ``TrendFit/averagingForecast(over:dispersion:)``), against hand
/// arithmetic.
@Suite("Forecasts averaged over an intervention's month")
struct AveragedForecastTests {
    /// Two forecasts of centres 10 and 14, SE 2: equal weights give centre 12 and variance
    /// ½(4 + 4) + ½(4 + 4) = 8; weights 3 : 1 give 11 and 0.75·(4 + 1) + 0.25·(4 + 9) = 7.
    @Test func mixtureMomentsByHand() {
        let month = Month(year: 2026, month: 1)!
        let a = ForecastPoint(month: month, centre: 10, standardError: 2, degreesOfFreedom: nil, floor: -.infinity, level: 0.95)
        let b = ForecastPoint(month: month, centre: 14, standardError: 2, degreesOfFreedom: nil, floor: -.infinity, level: 0.95)
        let even = ForecastPoint.average([a, b], weights: [1, 1], level: 0.95)
        #expect(even.centre == 12)
        #expect(abs(even.standardError - 8.0.squareRoot()) < 1e-14)
        #expect(abs(even.lower - (12 - 1.959963984540054 * 8.0.squareRoot())) < 1e-12)
        let uneven = ForecastPoint.average([a, b], weights: [3, 1], level: 0.95)
        #expect(uneven.centre == 11)
        #expect(abs(uneven.standardError - 7.0.squareRoot()) < 1e-14)
        // Far from zero the spread is not lost to cancellation: centres 1e9 ± 1 with SE 1e-3 have
        // variance 1e-6 + 1 exactly as near zero.
        let far = ForecastPoint.average([1e9 - 1, 1e9 + 1].map {
            ForecastPoint(month: month, centre: $0, standardError: 1e-3, degreesOfFreedom: nil, floor: -.infinity, level: 0.95)
        }, weights: [1, 1], level: 0.95)
        #expect(far.centre == 1e9 && abs(far.standardError - (1 + 1e-6).squareRoot()) < 1e-15)
        // One forecast, or identical ones, come back as they were.
        let same = ForecastPoint.average([a, a], weights: [0.2, 0.8], level: 0.95)
        #expect(same.centre == 10 && abs(same.standardError - 2) < 1e-15)
        // The interval keeps the first point's t reference distribution.
        let t = ForecastPoint(month: month, centre: 10, standardError: 2, degreesOfFreedom: 20, floor: 0, level: 0.95)
        let averaged = ForecastPoint.average([t, b], weights: [1, 1], level: 0.8)
        #expect(averaged.degreesOfFreedom == 20 && averaged.floor == 0)
        #expect(abs(averaged.upper - (12 + StudentT(degreesOfFreedom: 20).quantile(0.9) * 8.0.squareRoot())) < 1e-12)
    }

    /// A least-squares fit of `series` (no seasonality, independent errors) with a step `offset` months
    /// after its start.
    static func fit(_ series: Series, stepAt offset: Int, effect: Intervention.Effect = .level) -> TrendFit {
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        options.model = .fixed(.ols)
        options.recentDirection = false
        options.interventions = [Intervention(label: "step", month: series.start.advanced(by: offset), effect: effect)]
        return TrendModel.fit(series, definition: MetricCatalogue.standard.definition("referrals"), options: options)
    }

    /// Three least-squares fits of one series with a step placed at three months: the weights are
    /// `exp(−n log σ̂)` normalised (σ̂ each fit's residual SD), the averaged forecast is their weighted
    /// mixture month by month, and the fit's own coefficients are untouched.
    @Test func weightsFollowTheProfileLikelihood() {
        var random = SplitMix64(seed: 11)
        let start = Month(year: 2020, month: 1)!
        let values = (0..<48).map { t in 50 + (t >= 30 ? 8.0 : 0) + 2 * random.normal() }
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
        let placements = [29, 30, 31].map { (month: start.advanced(by: $0), effect: Intervention.Effect.level, fit: Self.fit(series, stepAt: $0)) }
        let chosen = placements[1].fit
        let averaged = chosen.averagingForecast(over: placements)
        let n = Double(chosen.observations)
        let logs = placements.map { -n * log($0.fit.scale!) }
        let raw = logs.map { exp($0 - logs.max()!) }
        let weights = raw.map { $0 / raw.reduce(0, +) }
        #expect(averaged.forecastPlacements.map(\.month) == placements.map(\.month))
        for (p, w) in zip(averaged.forecastPlacements, weights) { #expect(abs(p.weight - w) < 1e-12) }
        #expect(weights[1] > weights[0] && weights[1] > weights[2], "the true month fits best: \(weights)")
        for j in chosen.forecast.indices {
            let centre = zip(placements, weights).map { $0.0.fit.forecast[j].centre * $0.1 }.reduce(0, +)
            #expect(abs(averaged.forecast[j].centre - centre) < 1e-9)
        }
        #expect(averaged.coefficients == chosen.coefficients)
        // A placement that fits exactly (no residual: ℓ = +∞) takes all the weight.
        let exact = (0..<48).map { t in 50 + 0.5 * Double(t) + (t >= 30 ? 8.0 : 0) }
        let exactSeries = Series(key: series.key, start: start, values: exact, status: exact.map { _ in .observed })
        let exactPlacements = [29, 30, 31].map { (month: start.advanced(by: $0), effect: Intervention.Effect.level, fit: Self.fit(exactSeries, stepAt: $0)) }
        #expect(exactPlacements[1].fit.profileLogLikelihood == .infinity)
        let settled = exactPlacements[0].fit.averagingForecast(over: exactPlacements)
        #expect(settled.forecastPlacements.map(\.weight) == [0, 1, 0])
        #expect(settled.forecast.map(\.centre) == exactPlacements[1].fit.forecast.map(\.centre))
        // Without a score (a robust fit) the fit is returned as it was.
        var robust = TrendOptions()
        robust.model = .fixed(.robustHuber)
        robust.recentDirection = false
        let huber = TrendModel.fit(series, definition: MetricCatalogue.standard.definition("referrals"), options: robust)
        #expect(huber.akaikeScore() == nil)
        #expect(huber.averagingForecast(over: [(start, .level, huber), (start.advanced(by: 1), .level, huber)]).forecastPlacements.isEmpty)
    }

    /// Count models are scored from their deviance, checked here by hand from the fitted means
    /// (`D = 2 Σ [y log(y/μ) − (y − μ)]`): `−D/2 − k` for Poisson, `−D/(2φ) − k` for quasi-Poisson at the
    /// dispersion the compared fits share, at least 1 (QAIC).
    @Test func countModelsAreScoredFromTheirDeviance() throws {
        var random = SplitMix64(seed: 3)
        let start = Month(year: 2020, month: 1)!
        let values: [Double] = (0..<48).map { t in Double(random.poisson(t >= 30 ? 14 : 9)) }
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: values,
                            status: [ObservationStatus](repeating: .observed, count: values.count))
        for kind in [TrendModelKind.poisson, .quasiPoisson] {
            var o = TrendOptions()
            o.model = .fixed(kind)
            o.seasonality = .fixed(.none)
            o.recentDirection = false
            o.fittedValues = true
            o.interventions = [Intervention(label: "step", month: start.advanced(by: 30), effect: .level)]
            let fit = TrendModel.fit(series, definition: MetricCatalogue.standard.definition("referrals"), options: o)
            var deviance = 0.0
            for (y, mu) in zip(values, fit.fitted) { deviance += 2 * ((y > 0 ? y * log(y / mu) : 0) - (y - mu)) }
            #expect(abs(try #require(fit.deviance) - deviance) < 1e-9 * deviance)
            let k = Double(fit.coefficients.count)
            if kind == .poisson {
                #expect(abs(try #require(fit.akaikeScore()) - (-deviance / 2 - k)) < 1e-9)
            } else {
                #expect(abs(try #require(fit.akaikeScore(dispersion: 2)) - (-deviance / 4 - k)) < 1e-9)
                #expect(abs(try #require(fit.akaikeScore()) - (-deviance / (2 * max(1, fit.scale!)) - k)) < 1e-9)
            }
        }
    }

    /// Placements of two forms (a step alone, 3 coefficients; a step and a change of slope, 4) are
    /// weighted by Akaike's `ℓ − k` with `ℓ = −(n/2)·log(RSS/n)`, here rebuilt by hand from each fit's
    /// residual SD (`RSS = σ̂²(n − k)`). A step with no change of slope: here (seed 6) the change of
    /// slope estimated at the true month is far from significant (p = 0.67), so it earns less than its
    /// penalty and the step alone at the true month carries the most weight. (For a pure step the
    /// slope's χ²₁ exceeds the penalty of 2 in about 16% of samples, when both forms score alike.)
    @Test func formsAreWeightedByAkaike() throws {
        var random = SplitMix64(seed: 6)
        let start = Month(year: 2020, month: 1)!
        let values: [Double] = (0..<60).map { t in
            let step: Double = t >= 40 ? 9 : 0
            return 50 + 0.2 * Double(t) + step + 2 * random.normal()
        }
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: values,
                            status: [ObservationStatus](repeating: .observed, count: values.count))
        var placements = [(month: Month, effect: Intervention.Effect, fit: TrendFit)]()
        for m in [39, 40, 41] {
            for effect in [Intervention.Effect.both, .level] {
                placements.append((start.advanced(by: m), effect, Self.fit(series, stepAt: m, effect: effect)))
            }
        }
        let n = 60.0
        var scores = [Double]()
        for p in placements {
            let k = Double(p.fit.coefficients.count)
            let scale: Double = p.fit.scale!
            let rss: Double = scale * scale * (n - k)
            scores.append(-n / 2 * log(rss / n) - k)
        }
        #expect(placements.map { $0.fit.coefficients.count } == [4, 3, 4, 3, 4, 3])
        #expect(placements.allSatisfy { $0.fit.errorLogDeterminant == nil }, "independent errors: no log|Ω| term")
        for (p, score) in zip(placements, scores) {
            // Equal up to a constant every fit of the series shares, so compared as differences.
            #expect(abs((p.fit.akaikeScore()! - placements[0].fit.akaikeScore()!) - (score - scores[0])) < 1e-9)
        }
        #expect(try #require(placements[2].fit.interventions.first?.slopeChange).pValue > 0.5)
        let raw = scores.map { exp($0 - scores.max()!) }
        let weights = raw.map { $0 / raw.reduce(0, +) }
        let averaged = placements[0].fit.averagingForecast(over: placements)
        let forms: [Intervention.Effect] = averaged.forecastPlacements.map { $0.effect }
        #expect(forms == [.both, .level, .both, .level, .both, .level])
        for (p, w) in zip(averaged.forecastPlacements, weights) { #expect(abs(p.weight - w) < 1e-12) }
        let heaviest = try #require(averaged.forecastPlacements.max { $0.weight < $1.weight })
        #expect(heaviest.month == start.advanced(by: 40) && heaviest.effect == .level)
    }

    /// `series` fitted with `options` (as a `referrals` series), and refitted with a step and a change of
    /// slope from `month` (the options of that refit too).
    static func fitWithAndWithoutChange(_ series: Series, at month: Month, options: TrendOptions)
        -> (longRun: TrendFit, candidate: TrendFit, withChange: TrendOptions) {
        let definition = MetricCatalogue.standard.definition("referrals")
        var withChange = options
        withChange.interventions = [Intervention(label: "candidate", month: month)]
        return (TrendModel.fit(series, definition: definition, options: options), TrendModel.fit(series, definition: definition, options: withChange),
                withChange)
    }

    /// A change not clear enough to follow widens the long-run forecast's range and leaves its centre:
    /// series of 40 months, `30 + 2e` then 2 higher for the last 8. The long-run fit (a line) and the
    /// candidate (a step with a change of slope at month 32) are least squares with independent errors,
    /// so their Akaike scores are `−n·log σ̂ − (n/2)·log((n − k)/n) − k` with σ̂ from the residual sums
    /// of squares rebuilt here, and the weight is `1/(1 + exp(a₀ − a₁))`; each month's SE must be
    /// `√((1 − w)s₀² + w(s₁² + (c₁ − c₀)²))` and the interval t-based around the long-run centre.
    @Test func anUnfollowedChangeWidensTheRangeAboutTheLongRunCentre() throws {
        var random = SplitMix64(seed: 5)
        let start = Month(year: 2022, month: 1)!
        let values = (0..<40).map { t in 30 + (t >= 32 ? 2.0 : 0) + 2 * random.normal() }
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        options.model = .fixed(.ols)
        options.recentDirection = false
        options.fittedValues = true
        options.horizon = 6
        let definition = MetricCatalogue.standard.definition("referrals")
        let month = start.advanced(by: 32)
        let (longRun, candidate, withChange) = Self.fitWithAndWithoutChange(series, at: month, options: options)
        func score(_ f: TrendFit) -> Double {
            let n = Double(values.count), k = Double(f.coefficients.count)
            let rss = zip(values, f.fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let sigma = (rss / (n - k)).squareRoot()
            return -n * log(sigma) - n / 2 * log((n - k) / n) - k
        }
        #expect(longRun.coefficients.count == 2 && candidate.coefficients.count == 4)
        let weight = 1 / (1 + exp(score(longRun) - score(candidate)))
        let widened = longRun.allowingInForecast(candidate, changeAt: month)
        let allowance = try #require(widened.forecastAllowance)
        #expect(allowance.month == month && abs(allowance.weight - weight) < 1e-9, "\(allowance.weight) against \(weight)")
        #expect(weight > 0.05 && weight < 0.95, "a weight strictly between, so both parts count: \(weight)")
        for (w, (p, q)) in zip(widened.forecast, zip(longRun.forecast, candidate.forecast)) {
            let expected = ((1 - weight) * p.standardError * p.standardError
                            + weight * (q.standardError * q.standardError + (q.centre - p.centre) * (q.centre - p.centre))).squareRoot()
            #expect(w.centre == p.centre && w.mean == p.mean)
            #expect(abs(w.standardError - max(p.standardError, expected)) < 1e-9 * expected)
            #expect(w.standardError >= p.standardError)
            let t = StudentT(degreesOfFreedom: Double(try #require(p.degreesOfFreedom))).quantile(0.975)
            #expect(abs(w.upper - (p.centre + t * w.standardError)) < 1e-9 * abs(w.upper))
        }
        #expect(widened.forecast.last!.standardError > 1.1 * longRun.forecast.last!.standardError, "the candidate's step widens the range")
        // The fit itself is untouched, and a candidate with no forecast of the same months leaves it as it was.
        #expect(widened.coefficients == longRun.coefficients && widened.interventions.isEmpty)
        var shorter = withChange
        shorter.horizon = 3
        #expect(longRun.allowingInForecast(TrendModel.fit(series, definition: definition, options: shorter), changeAt: month).forecastAllowance == nil)
    }

    /// For counts (quasi-Poisson) the weight compares `−D/(2φ) − k` at the candidate's dispersion φ (at
    /// least 1), rebuilt here from the two deviances; a candidate of another error model or kind of
    /// model is not allowed for.
    @Test func countsAreWeighedAtTheCandidatesDispersionAndOnlyLikeIsAllowedFor() throws {
        var random = SplitMix64(seed: 8)
        let start = Month(year: 2021, month: 1)!
        let values = (0..<48).map { t in Double(random.poisson(t >= 40 ? 17 : 14)) }
        let series = Series(key: SeriesKey(area: "E1", metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.model = .fixed(.quasiPoisson)
        options.recentDirection = false
        options.horizon = 6
        let definition = MetricCatalogue.standard.definition("referrals")
        let month = start.advanced(by: 40)
        let (longRun, candidate, withChange) = Self.fitWithAndWithoutChange(series, at: month, options: options)
        let phi = max(1, try #require(candidate.scale))
        let own = -(try #require(longRun.deviance)) / (2 * phi) - Double(longRun.coefficients.count)
        let other = -(try #require(candidate.deviance)) / (2 * phi) - Double(candidate.coefficients.count)
        let weight = 1 / (1 + exp(own - other))
        let widened = longRun.allowingInForecast(candidate, changeAt: month)
        if weight >= 0.005 {
            let allowance = try #require(widened.forecastAllowance)
            #expect(abs(allowance.weight - weight) < 1e-9, "\(allowance.weight) against \(weight)")
            #expect(widened.forecast.map(\.centre) == longRun.forecast.map(\.centre))
            #expect(widened.forecast.last!.standardError > longRun.forecast.last!.standardError)
        }
        #expect(weight >= 0.005, "the step should carry some weight: \(weight)")
        // Least squares against counts, or another error model: not comparable, so left alone.
        var ols = withChange
        ols.model = .fixed(.ols)
        #expect(longRun.allowingInForecast(TrendModel.fit(series, definition: definition, options: ols), changeAt: month).forecastAllowance == nil)
        var lsOptions = options
        lsOptions.model = .fixed(.ols)
        lsOptions.errorModel = .fixed(.iid)
        let lsLongRun = TrendModel.fit(series, definition: definition, options: lsOptions)
        var ar1 = lsOptions
        ar1.errorModel = .fixed(.ar1)
        ar1.interventions = withChange.interventions
        #expect(lsLongRun.allowingInForecast(TrendModel.fit(series, definition: definition, options: ar1), changeAt: month).forecastAllowance == nil)
        // A fit set against itself carries half the weight and leaves every range as it was (the mixture
        // of two equal forecasts is that forecast).
        let itself = longRun.allowingInForecast(longRun, changeAt: month)
        #expect(itself.forecastAllowance?.weight == 0.5)
        #expect(zip(itself.forecast, longRun.forecast).allSatisfy { abs($0.standardError - $1.standardError) <= 1e-12 * $1.standardError })
    }
}
