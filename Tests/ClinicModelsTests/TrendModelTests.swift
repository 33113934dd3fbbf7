import Foundation
import Testing
@testable import ClinicModels
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

@Suite("Trend models")
struct TrendModelTests {
    let catalogue = MetricCatalogue.standard
    static let start = Month(year: 2013, month: 1)!

    func series(_ metric: String, _ values: [Double], status: [ObservationStatus]? = nil) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: metric), start: Self.start, values: values,
               status: status ?? values.map { $0.isNaN ? .missing : .observed })
    }

    /// Deterministic noise in [-1, 1].
    func noise(_ n: Int, seed: UInt64) -> [Double] {
        var s = seed
        return (0..<n).map { _ in s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) * 0x1p-52 - 1 }
    }

    /// Every number a fit reports is finite: the "never NaN" contract.
    func expectFinite(_ f: TrendFit) {
        var numbers = f.coefficients.flatMap { [$0.estimate, $0.standardError, $0.pValue] + ($0.hacStandardError.map { [$0] } ?? []) }
        for e in [f.slopePerMonth, f.slopePerYear] + f.interventions.flatMap({ [$0.levelChange, $0.slopeChange, $0.slopeSince] }) {
            if let e { numbers += [e.value, e.lower, e.upper, e.pValue] }
        }
        numbers += f.forecast.flatMap { [$0.mean, $0.lower, $0.upper] } + (f.seasonalProfile ?? [])
        numbers += [f.percentChange12Months, f.scale, f.durbinWatson].compactMap { $0 }
        let nonFinite = numbers.filter { !$0.isFinite }
        #expect(nonFinite.isEmpty, "\(f.key): non-finite output \(nonFinite)")
        #expect(!f.summary.contains("nan") && !f.summary.contains("inf"))
    }

    @Test func interventionEffectsAndTheSentence() throws {
        // 60 months: falling 4 a month, then from Feb 2016 (month 37) a drop of 30 and a slope of -1.5 a month.
        let e = noise(60, seed: 1)
        let values = (0..<60).map { t -> Double in
            var v = 700 - 4 * Double(t) + 3 * e[t]
            if t >= 37 { v += -30 - 2.5 * Double(t - 37) }
            return v.rounded()
        }
        var options = TrendOptions()
        options.interventions = [Intervention(label: "the Improvement Board", month: Month(year: 2016, month: 2)!)]
        options.seasonality = .fixed(.none)
        let fit = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        expectFinite(fit)
        #expect(fit.model == .ols)
        #expect(fit.coefficients.map(\.term) == ["(Intercept)", "trend", "level:the Improvement Board", "slope:the Improvement Board"])
        let slope = try #require(fit.slopePerMonth)
        #expect(slope.lower < -4 && slope.upper > -4)
        #expect(abs(fit.slopePerYear!.value - 12 * slope.value) < 1e-9)
        let effect = try #require(fit.interventions.first)
        #expect(effect.levelChange!.lower < -30 && effect.levelChange!.upper > -30)
        #expect(effect.slopeSince!.lower < -6.5 && effect.slopeSince!.upper > -6.5)
        #expect(fit.summary.contains("Since the Improvement Board began in February 2016: falling by about 6."), "\(fit.summary)")
        #expect(fit.summary.contains(", after a fall of about 3"), "\(fit.summary)")
        // The OLS numbers are LinearModel's on the same design, with Newey–West errors alongside.
        let trend = TrendDesign(start: Self.start, months: 60, seasonality: .none, interventions: options.interventions)
        let direct = try LinearModel.fit(trend.design, response: values)
        for (a, c) in fit.coefficients.enumerated() {
            #expect(abs(c.estimate - direct.coefficients[a].estimate) < 1e-9 * max(1, abs(c.estimate)))
            #expect(c.hacStandardError != nil)
        }
        // Forecast: LinearModel's prediction intervals for the next six months.
        let next = try direct.predict((60..<66).map { trend.row(at: $0) })
        for (f, p) in zip(fit.forecast, next) {
            #expect(abs(f.mean - p.mean) < 1e-9 && abs(f.upper - p.prediction.upperBound) < 1e-9)
        }
        #expect(fit.forecast.first?.month == Month(year: 2018, month: 1)!)
        #expect(fit.forecast.count == 6)

        // Where the series stands at its last month against the trend before the intervention: the
        // step plus 22 months of the slope change. Independently, the coefficient of the step when the
        // slope column is re-centred at the last month (max(0, t − 37) − 22·[t ≥ 37]), from LinearModel.
        let now = try #require(effect.effectNow)
        #expect(effect.effectMonth == Month(year: 2017, month: 12)!)
        let recentred = DesignMatrix(terms: ["(Intercept)", "trend", "step now", "slope"], columns: [
            (0..<60).map { _ in 1.0 }, (0..<60).map { Double($0) }, (0..<60).map { $0 >= 37 ? 1.0 : 0 },
            (0..<60).map { Double(max(0, $0 - 37)) - ($0 >= 37 ? 22 : 0) },
        ], hasIntercept: true)
        let reference = try LinearModel.fit(recentred, response: values).coefficients[2]
        let q = StudentT(degreesOfFreedom: 56).quantile(0.975)
        #expect(abs(now.value - reference.estimate) < 1e-9 * abs(reference.estimate), "\(now) against \(reference)")
        #expect(abs(now.lower - (reference.estimate - q * reference.standardError)) < 1e-8)
        #expect(abs(now.upper - (reference.estimate + q * reference.standardError)) < 1e-8)
        #expect(abs(now.pValue - reference.pValue) < 1e-9)
        // The truth is −30 − 2.5·22 = −85.
        #expect(now.lower < -85 && now.upper > -85)
    }

    /// A damped change of slope (``Intervention/forecastDamping``) leaves the fit alone and carries the
    /// slope into the forecast by ρ, ρ², …: the same series fitted with ρ = 0.9 and undamped has the same
    /// coefficients, and its forecast is LinearModel's prediction (mean and interval) on rows whose slope
    /// column past the last month (22 months after the change) is 22 + 0.9 + 0.81 + … written out by hand.
    @Test func aDampedChangeOfSlopeIsCarriedByRhoAMonth() throws {
        let e = noise(60, seed: 1)
        let values = (0..<60).map { t -> Double in
            var v: Double = 700 - 4 * Double(t) + 3 * e[t]
            if t >= 37 { v += -30 - 2.5 * Double(t - 37) }
            return v.rounded()
        }
        let month = Month(year: 2016, month: 2)!
        var options = TrendOptions()
        options.seasonality = .fixed(.none)
        options.errorModel = .fixed(.iid)
        options.fittedValues = true
        options.horizon = 12
        options.interventions = [Intervention(label: "the Improvement Board", month: month)]
        let undamped = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        options.interventions = [Intervention(label: "the Improvement Board", month: month, forecastDamping: 0.9)]
        let damped = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        #expect(damped.model == .ols && undamped.model == .ols)
        for (a, b) in zip(damped.coefficients, undamped.coefficients) { #expect(a.estimate == b.estimate && a.standardError == b.standardError) }
        // Inside the fitted months nothing is damped.
        #expect(damped.fitted == undamped.fitted && damped.fitted.count == 60)
        #expect(damped.interventions.first?.forecastDamping == 0.9 && undamped.interventions.first?.forecastDamping == nil)
        #expect(damped.forecast.count == 12)
        let plain = TrendDesign(start: Self.start, months: 60, seasonality: .none,
                                interventions: [Intervention(label: "the Improvement Board", month: month)])
        let direct = try LinearModel.fit(plain.design, response: values)
        var carried = 22.0, power = 1.0
        let rows = (60..<72).map { t -> [Double] in
            power *= 0.9
            carried += power
            return [1, Double(t), 1, carried]
        }
        #expect(abs(rows[2][3] - (22 + 0.9 + 0.81 + 0.729)) < 1e-12)
        let predicted = try direct.predict(rows)
        for (f, p) in zip(damped.forecast, predicted) {
            #expect(abs(f.mean - p.mean) < 1e-9 * abs(p.mean) && abs(f.upper - p.prediction.upperBound) < 1e-9 * abs(p.mean))
        }
        // The change of slope is about −2.5 a month; twelve months on, the damped forecast has carried
        // 6.46 months of it rather than 12, so it stands about 2.5 × 5.5 ≈ 14 above the undamped one.
        let gap: Double = damped.forecast[11].mean - undamped.forecast[11].mean
        let change: Double = try #require(undamped.coefficients.first { $0.term == "slope:the Improvement Board" }).estimate
        let monthsCarried: Double = 0.9 * (1 - pow(0.9, 12)) / 0.1
        #expect(abs(gap - change * (monthsCarried - 12)) < 1e-8, "\(gap)")
        #expect(gap > 10 && gap < 22)

        // The same carried on the log scale of a count model, and through AR(1) errors: the damped
        // forecast differs from the undamped by the change of slope times (6.46 − 12) twelve months on
        // (on log μ for counts; the AR(1) error's prediction does not depend on the design row).
        let counts = (0..<60).map { t -> Double in (8 + 2 * e[t] + (t >= 37 ? 0.4 * Double(t - 37) : 0)).rounded() }
        let ar = (0..<60).map { t -> Double in values[t] + 6 * e[max(0, t - 1)] }
        for (metric, data, kind) in [("missing_children", counts, TrendModelKind.quasiPoisson), ("lac", ar, .ols)] {
            var o = options
            o.errorModel = kind == .ols ? .fixed(.ar1) : .automatic
            o.interventions = [Intervention(label: "the Improvement Board", month: month)]
            let plainFit = TrendModel.fit(series(metric, data), definition: catalogue.definition(metric), options: o)
            o.interventions = [Intervention(label: "the Improvement Board", month: month, forecastDamping: 0.9)]
            let dampedFit = TrendModel.fit(series(metric, data), definition: catalogue.definition(metric), options: o)
            #expect(dampedFit.model == kind && plainFit.model == kind && (kind == .quasiPoisson || dampedFit.errorProcess?.model == .ar1))
            let b = try #require(plainFit.coefficients.first { $0.term == "slope:the Improvement Board" }).estimate
            let a = dampedFit.forecast[11].mean, u = plainFit.forecast[11].mean
            let difference = kind == .quasiPoisson ? log(a) - log(u) : a - u
            #expect(abs(difference - b * (monthsCarried - 12)) < 1e-8 * max(1, abs(u)), "\(metric): \(difference) against \(b * (monthsCarried - 12))")
        }
    }

    @Test func seasonalityIsChosenOnlyWhenItEarnsItsPlace() {
        let e = noise(48, seed: 7)
        let seasonal = (0..<48).map { t in 400 + 60 * cos(2 * Double.pi * Double(t) / 12) + 5 * e[t] }
        let flat = (0..<48).map { t in 400 + 0.5 * Double(t) + 5 * e[t] }
        let a = TrendModel.fit(series("referrals", seasonal), definition: catalogue.definition("referrals"))
        let b = TrendModel.fit(series("referrals", flat), definition: catalogue.definition("referrals"))
        #expect(a.seasonality != .none)
        let profile = a.seasonalProfile!
        #expect(profile[0] > 50 && profile[6] < -50)                     // January high, July low
        #expect(abs(profile.reduce(0, +)) < 1e-9)
        #expect(b.seasonality == .none && b.seasonalProfile == nil)
        let short = TrendModel.fit(series("referrals", Array(seasonal.prefix(20))), definition: catalogue.definition("referrals"))
        #expect(short.seasonality == .none)
    }

    /// One fit serves every level: a forecast's interval re-read at 80% or 99% equals the interval of a
    /// refit at that level (OLS with t on its df, ARMA errors, quasi-Poisson, and a count floored at 0).
    @Test func forecastIntervalsAtAnotherLevelEqualARefit() {
        let e = noise(60, seed: 11)
        var ar = [Double](repeating: 0, count: 60)
        for t in 1..<60 { ar[t] = 0.7 * ar[t - 1] + e[t] }
        let t = (0..<60).map { Double($0) }
        let independent: [Double] = t.map { 500 + 2 * $0 + 6 * e[Int($0)] }
        let autocorrelated: [Double] = t.map { 500 + 2 * $0 + 6 * ar[Int($0)] }
        let smallCounts: [Double] = t.map { max(0, (6 + 0.05 * $0 + 2.5 * e[Int($0)]).rounded()) }
        let nearZero: [Double] = t.map { (3 - 0.05 * $0 + 1.5 * e[Int($0)]).rounded() }
        let cases: [(String, [Double], TrendOptions.ErrorModelChoice)] = [
            ("lac", independent, .fixed(.iid)), ("lac", autocorrelated, .fixed(.ar1)),
            ("ppo", smallCounts, .automatic), ("lac", nearZero, .fixed(.iid)),
        ]
        for (metric, values, errors) in cases {
            var options = TrendOptions()
            options.errorModel = errors
            options.seasonality = .fixed(.none)
            options.recentDirection = false
            let definition = catalogue.definition(metric)
            let base = TrendModel.fit(series(metric, values), definition: definition, options: options)
            #expect(base.forecast.count == 6)
            for level in [0.8, 0.99] {
                options.confidenceLevel = level
                let refit = TrendModel.fit(series(metric, values), definition: definition, options: options)
                for (a, b) in zip(base.forecast, refit.forecast) {
                    let reread = a.interval(level: level)
                    #expect(abs(reread.lower - b.lower) <= 1e-9 * max(1, abs(b.lower)), "\(metric) \(level)")
                    #expect(abs(reread.upper - b.upper) <= 1e-9 * max(1, abs(b.upper)), "\(metric) \(level)")
                    #expect(reread.mean == b.mean)
                }
            }
        }
    }

    @Test func smallCountsGetAQuasiPoissonModel() throws {
        let e = noise(36, seed: 3)
        let ppo = (0..<36).map { t in max(0, (6 + 0.1 * Double(t) + 2.5 * e[t]).rounded()) }
        let fit = TrendModel.fit(series("ppo", ppo), definition: catalogue.definition("ppo"))
        expectFinite(fit)
        #expect(fit.model == .quasiPoisson)
        #expect(fit.forecastMethod.description.contains("delta method"))
        #expect(fit.forecast.allSatisfy { $0.lower >= 0 && $0.lower <= $0.mean && $0.mean <= $0.upper })
        #expect(fit.summary.contains("%"), "\(fit.summary)")
        let large = TrendModel.fit(series("lac", ppo.map { $0 + 500 }), definition: catalogue.definition("lac"))
        #expect(large.model == .ols)
    }

    @Test func degenerateSeriesHaveDefinedResults() {
        let def = catalogue.definition("lac")
        let constant = TrendModel.fit(series("lac", Array(repeating: 250, count: 30)), definition: def)
        expectFinite(constant)
        #expect(constant.model == .ols && abs(constant.slopePerMonth!.value) < 1e-9)
        #expect(constant.warnings == [.exactFit])

        let zeros = TrendModel.fit(series("ppo", Array(repeating: 0, count: 30)), definition: catalogue.definition("ppo"))
        expectFinite(zeros)
        #expect(zeros.model == .ols && zeros.warnings.first == .constantCounts(value: 0))

        var options = TrendOptions()
        options.seasonality = .fixed(.monthDummies)
        let few = TrendModel.fit(series("lac", (0..<10).map { 100 + Double($0) }), definition: def, options: options)
        expectFinite(few)
        #expect(few.seasonality == .none && few.warnings == [.seasonalNeedsTwoYears(observed: 10), .exactFit], "\(few.warnings)")

        let suppressed = TrendModel.fit(series("lac", Array(repeating: .nan, count: 12), status: Array(repeating: .suppressed, count: 12)), definition: def)
        #expect(suppressed.model == .none && suppressed.coefficients.isEmpty && suppressed.warnings == [.everyMonthSuppressed])

        let two = TrendModel.fit(series("lac", [1, 2]), definition: def)
        #expect(two.model == .none && two.summary.contains("at least 3"))

        var early = TrendOptions()
        early.interventions = [Intervention(label: "Old policy", month: Month(year: 2010, month: 4)!)]
        let zigzag: [Double] = (0..<30).map { t in
            let wiggle: Double = t % 2 == 0 ? 1 : -1
            return 100 - Double(t) + wiggle
        }
        let before = TrendModel.fit(series("lac", zigzag), definition: def, options: early)
        expectFinite(before)
        #expect(before.interventions.isEmpty && before.warnings == [.interventionBeforeSeries(label: "Old policy", month: Month(year: 2010, month: 4)!, firstMonth: Self.start), .exactFit], "\(before.warnings)")

        // Gaps and suppressed months are left out, not zero-filled.
        var values: [Double] = (0..<36).map { t in
            let wiggle: Double = t % 3 == 0 ? 1 : -0.5
            return 300 - 2 * Double(t) + wiggle
        }
        var status = [ObservationStatus](repeating: .observed, count: 36)
        values[10] = Double.nan; status[10] = ObservationStatus.suppressed
        values[11] = Double.nan; status[11] = ObservationStatus.missing
        let gappy = TrendModel.fit(series("lac", values, status: status), definition: def)
        expectFinite(gappy)
        #expect(gappy.observations == 34 && abs(gappy.slopePerMonth!.value + 2) < 0.1)
    }

    @Test func robustOverrideResistsAnOutlier() throws {
        let e = noise(40, seed: 11)
        var values = (0..<40).map { 500 - 3 * Double($0) + 2 * e[$0] }
        values[25] += 400
        var options = TrendOptions()
        options.model = .fixed(.robustBisquare)
        options.seasonality = .fixed(.none)
        let robust = TrendModel.fit(series("lac", values), definition: catalogue.definition("lac"), options: options)
        expectFinite(robust)
        #expect(robust.model == .robustBisquare)
        #expect(abs(robust.slopePerMonth!.value + 3) < 0.2)
    }
}

extension TrendModelTests {
    /// fitAll sends series that share a design through the batched engines; every result must be
    /// what fitting the series alone gives.
    @Test(arguments: [TrendOptions.ModelChoice.automatic, .fixed(.robustHuber)])
    func fitAllMatchesOneByOne(_ model: TrendOptions.ModelChoice) {
        var options = TrendOptions()
        options.model = model
        options.interventions = [Intervention(label: "reform", month: Month(year: 2015, month: 7)!)]
        var all = [Series]()
        for j in 0..<40 {
            let e = noise(48, seed: UInt64(100 + j))
            let seasonal = j % 2 == 0 ? 30.0 : 0
            var values = [Double]()
            for t in 0..<48 {
                let month = Double(t)
                let wave: Double = seasonal * cos(2 * Double.pi * month / 12)
                values.append(400 + Double(j) - 1.5 * month + wave + 6 * e[t])
            }
            if j == 5 { values[20] = Double.nan }                             // its own rows: fitted alone
            if j == 9 { values = [Double](repeating: 77, count: 48) }          // constant: exact fit
            all.append(series(j % 3 == 0 ? "referrals" : "lac", values).renamed(area: "A\(j)"))
        }
        let counts: [Double] = (0..<48).map { t in [3.0, 5, 4, 6, 2][t % 5] }
        all.append(series("ppo", counts))                                      // quasi-Poisson, alone
        let batch = TrendModel.fitAll(all, options: options)
        for (s, b) in zip(all, batch) {
            let single = TrendModel.fit(s, definition: catalogue.definition(s.key.metric), options: options)
            expectFinite(b)
            #expect(b.model == single.model && b.seasonality == single.seasonality && b.warnings == single.warnings, "\(s.key)")
            #expect(b.coefficients.count == single.coefficients.count)
            for (x, y) in zip(b.coefficients, single.coefficients) {
                #expect(abs(x.estimate - y.estimate) <= 1e-8 * max(1, abs(y.estimate)), "\(s.key) \(x.term)")
                #expect(abs(x.standardError - y.standardError) <= 1e-8 * max(1e-8, y.standardError), "\(s.key) \(x.term) se")
                #expect(abs((x.hacStandardError ?? 0) - (y.hacStandardError ?? 0)) <= 1e-8 * max(1e-8, y.hacStandardError ?? 0))
            }
            for (x, y) in zip(b.forecast, single.forecast) { #expect(abs(x.upper - y.upper) <= 1e-8 * max(1, abs(y.upper))) }
            #expect(b.summary == single.summary, "\(b.summary) vs \(single.summary)")
        }
    }
}

extension Series {
    func renamed(area: String) -> Series {
        Series(key: SeriesKey(area: area, metric: key.metric), start: start, values: values, status: status, markers: markers)
    }
}
