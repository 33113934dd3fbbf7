import ClinicData
@testable import ClinicModels
import ClinicNumerics
import ClinicReports
import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicDetection

/// The clinic's exceptions on series built by hand, where the right answer is known.
@Suite("Exceptions")
struct ExceptionsTests {
    let catalogue = MetricCatalogue.standard
    static let start = Month(year: 2020, month: 1)!

    func series(_ metric: String, _ values: [Double]) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: metric), start: Self.start, values: values, status: values.map { _ in .observed })
    }

    /// Deterministic noise in [−1, 1].
    func noise(_ n: Int, seed: UInt64) -> [Double] {
        var s = seed
        return (0..<n).map { _ in s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) * 0x1p-52 - 1 }
    }

    /// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04), method = "BH").
    @Test func benjaminiHochbergMatchesR() {
        let q = Exceptions.benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04])
        let r = [0.035000000000000003, 0.055999999999999994, 0.055999999999999994, 0.035000000000000003, 0.5, 0.233333333333333365,
                 0.055999999999999994]
        for (a, b) in zip(q, r) { #expect(abs(a - b) < 1e-15) }
    }

    /// The q-values from the small p-values alone equal those of the whole family wherever they are
    /// below the threshold, and say "not below" everywhere else (10,000 p-values, a tenth of them small).
    @Test func benjaminiHochbergFromTheSmallPValuesAlone() {
        let u = noise(10_000, seed: 11).map { ($0 + 1) / 2 }
        let p = u.enumerated().map { i, x in i % 10 == 0 ? x * 1e-4 : x }
        let full = Exceptions.benjaminiHochberg(p)
        for threshold in [0.01, 0.05, 0.2] {
            let small = p.indices.filter { p[$0] <= threshold }
            let q = Exceptions.benjaminiHochberg(smallest: small.map { p[$0] }, of: p.count, below: threshold)
            #expect(small.filter { full[$0] < threshold }.count > 100)
            for (k, i) in small.enumerated() {
                #expect((q[k] < threshold) == (full[i] < threshold))
                if full[i] < threshold { #expect(q[k] == full[i]) }
            }
        }
    }

    /// Where the change-following pass found no changepoint in a series, the flags do not run PELT
    /// again at their larger penalty, and lose nothing by it: on series with and without changes (level
    /// shifts of 3 to 6σ an early or late year, and clean ones) the flags are the same as with PELT run
    /// again everywhere, and no series reported quiet gets a changepoint flag.
    @Test func theFlagsSkipPELTOnlyWhereItWouldFindNothing() {
        var all = [Series]()
        for k in 0..<24 {
            let shift = k % 3 == 0 ? 0.0 : Double(3 + k % 4)
            let at = k % 2 == 0 ? 20 : 50
            let values = noise(72, seed: UInt64(100 + k)).enumerated().map { t, e in 50 + 0.1 * Double(t) + 2 * e + (t >= at ? 2 * shift / 1.15 : 0) }
            all.append(Series(key: SeriesKey(area: "A\(k)", metric: "referrals"), start: Self.start, values: values,
                              status: values.map { _ in .observed }))
        }
        var base = TrendOptions()
        base.diagnostics = true
        base.fittedValues = true
        base.recentDirection = false
        base.horizon = 0
        var fits = TrendModel.fitAll(all, options: base, catalogue: catalogue)
        let quiet = ChangeFollowingFit.refineAll(all, fits: &fits, options: base, catalogue: catalogue)
        let oneStep = Exceptions.oneStepFits(all, catalogue: catalogue)
        let skipping = Exceptions.flags(all, fits: fits, oneStep: oneStep, catalogue: catalogue, quietAt: quiet)
        let full = Exceptions.flags(all, fits: fits, oneStep: oneStep, catalogue: catalogue)
        #expect(skipping.count == full.count)
        for (a, b) in zip(skipping, full) { #expect("\(a)" == "\(b)") }
        #expect(full.contains { $0.method == .changepoint })
        let quietCount = quiet.compactMap { $0 }.count
        #expect(quietCount >= 4 && quietCount < all.count)
        for (i, penalty) in quiet.enumerated() {
            guard penalty != nil else { continue }
            #expect(!full.contains { $0.key == all[i].key && $0.method == .changepoint })
        }
    }

    /// Police protection (lower is better) around 8 a month for three years, then 30 in the last month:
    /// a red forecast exception, a concern, with a sentence that gives the range; the same series
    /// without the spike raises no forecast or outlier flag.
    @Test func aSpikeInTheLatestMonthIsRed() throws {
        let base = noise(36, seed: 3).map { 8 + 2 * $0 }.map { $0.rounded() }
        let flags = Exceptions.find([series("ppo", base + [30])], catalogue: catalogue)
        let forecast = try #require(flags.first { $0.method == .forecast })
        #expect(forecast.severity == .red && forecast.direction == .concern && forecast.rule == "outside_99_9")
        #expect(flags.first?.method == .forecast)         // red comes first
        let sentence = forecast.sentence(definition: catalogue.definition("ppo"))
        #expect(sentence.hasPrefix("Police protection periods: 30 in January 2023, above the 99.9% range "), "\(sentence)")
        #expect(sentence.hasSuffix(" expected from the 3 years before."), "\(sentence)")
        let quiet = Exceptions.find([series("ppo", base + [8])], catalogue: catalogue)
        #expect(!quiet.contains { $0.method == .forecast || $0.method == .outlier }, "\(quiet.map(\.rule))")
    }

    /// A change the data place near one the user told Clinic about is told beside it: the step of
    /// `aStepIsALevelChange` with a service configured to begin three months later (the bundled
    /// edge-of-care service's fall in starts is placed five months early by the data themselves).
    @Test func aChangeNearAKnownInterventionIsToldBesideIt() throws {
        let e = noise(48, seed: 5)
        let y = (0..<48).map { ($0 < 24 ? 10.0 : 14.0) + 0.8 * e[$0] }
        let service = Intervention(label: "the new service", month: Self.start.advanced(by: 27), effect: .level)
        let flags = Exceptions.find([series("re_referrals_pct", y)], catalogue: catalogue, interventions: { _ in [service] })
        let change = try #require(flags.first { $0.method == .changepoint })
        // (The misplaced step in the model leaves January's month unusual, so PELT may place it a month on.)
        let gap = change.month.distance(to: service.month)
        #expect((2...3).contains(gap), "\(change.month)")
        #expect(change.change?.nearIntervention == Flag.Change.Intervention(label: "the new service", month: Self.start.advanced(by: 27)))
        let text = change.sentence(definition: catalogue.definition("re_referrals_pct"))
        #expect(text.hasSuffix("%, \(gap) months before the new service began (April 2022)."), "\(text)")
        // Without it the sentence is as before.
        let alone = try #require(Exceptions.find([series("re_referrals_pct", y)], catalogue: catalogue).first { $0.method == .changepoint })
        #expect(alone.change?.nearIntervention == nil)
    }

    /// One month, one question: a latest month far above its forecast is the forecast check's flag;
    /// the residual chart, which sees it too, stays silent rather than flag it a second time.
    @Test func aFlaggedMonthIsNotFlaggedTwice() throws {
        let base = noise(48, seed: 21).map { 200 + 5 * $0 }
        let s = series("referrals", base + [240])
        let flags = Exceptions.find([s], catalogue: catalogue)
        #expect(flags.contains { $0.method == .forecast })
        #expect(!flags.contains { $0.method == .spc }, "\(flags.map(\.rule))")
        var options = TrendOptions()
        options.diagnostics = true
        options.fittedValues = true
        let fit = TrendModel.fit(s, definition: catalogue.definition("referrals"), options: options)
        #expect(Exceptions.spcFlag(s, fit: fit, definition: catalogue.definition("referrals")) != nil, "the chart alone sees it")
    }

    /// The months below a p-value threshold are found without computing every p-value (a normal tail
    /// bounds the t tail from below): the same months as testing each one, at thresholds from 1e-9 to 1,
    /// strict and not, on series with outliers of many sizes; and the bound itself holds on a grid.
    @Test func monthsBelowAThresholdAreTheSameAsTestingEach() throws {
        var options = TrendOptions()
        options.diagnostics = true
        var smallest = 1.0, largest = 0.0
        for seed in UInt64(1)...6 {
            var values = noise(60, seed: seed).map { 100 + 4 * $0 }
            for (k, month) in [7, 19, 33, 50, 58].enumerated() { values[month] += Double(k + 1) * 6 * (seed % 2 == 0 ? 1 : -1) }
            let fit = TrendModel.fit(series("referrals", values), definition: catalogue.definition("referrals"), options: options)
            let d = try #require(fit.diagnostics)
            let all = d.pValues
            smallest = min(smallest, all.min() ?? 1)
            largest = max(largest, all.max() ?? 0)
            for level in [1e-9, 1e-6, 1e-4, 0.05 / 60, 0.001, 0.01, 0.05, 0.5, 1] {
                let atMost = d.smallPValues(atMost: level), below = d.smallPValues(atMost: level, strictly: true)
                #expect(atMost.map(\.index) == all.indices.filter { all[$0] <= level })
                #expect(below.map(\.index) == all.indices.filter { all[$0] < level })
                #expect(atMost.allSatisfy { $0.p == all[$0.index] })
            }
        }
        #expect(smallest < 1e-6 && largest > 0.9, "the p-values span the thresholds: \(smallest) to \(largest)")
        for df in [1.0, 3, 10, 57, 1000] {
            let t = StudentT(degreesOfFreedom: df)
            for x in stride(from: 0.0, through: 12, by: 0.25) { #expect(erfc(x / 2.0.squareRoot()) <= t.twoSidedPValue(x)) }
        }
        // The screen's cutoff: below it the normal p-value is above the level, and it is within 1e-6 of the point.
        for p in [1e-12, 1e-9, 1e-6, 0.05 / 120, 0.0505, 0.5] {
            let c = TrendDiagnostics.normalCutoff(above: p)
            #expect(erfc(c / 2.0.squareRoot()) > p && erfc((c + 2e-6) / 2.0.squareRoot()) <= p, "p \(p): \(c)")
        }
        #expect(TrendDiagnostics.normalCutoff(above: 1.01) == 0 && TrendDiagnostics.normalCutoff(above: 0) == 0)
    }

    /// Noise that wanders (AR(1), φ = 0.6) but never changes is not cut into segments: PELT's penalty
    /// takes the errors' long-run noise read from the data. At the errors' SD alone (the penalty the
    /// change-following candidates use, which a refit's test then judges) the same 20 series are cut.
    @Test func wanderingNoiseIsNotAChange() {
        let definition = catalogue.definition("referrals")
        var told = 0, atTheSD = 0
        for seed in 0..<20 {
            let u = noise(72, seed: UInt64(100 + seed))
            var e = 0.0
            // Uniform innovations of SD 1/√3, scaled so that the marginal SD is 5.
            let y = u.map { v -> Double in e = 0.6 * e + 0.8 * 5 * 3.0.squareRoot() * v; return 100 + e }
            let s = series("referrals", y)
            var options = TrendOptions()
            options.diagnostics = true
            options.fittedValues = true
            let fit = TrendModel.fit(s, definition: definition, options: options)
            let sd = Exceptions.changepointNoise(fit, series: s, oneStep: Exceptions.noiseStandardDeviation(fit, series: s))
            told += Exceptions.changepointFlags(s, fit: fit, definition: definition, noise: sd, multiplier: 3).count
            atTheSD += Exceptions.changepointFlags(s, fit: fit, definition: definition, noise: sd, multiplier: 3, candidates: true).count
        }
        #expect(told <= 2, "\(told) changepoints told on 20 clean wandering series")
        #expect(atTheSD >= 5 * max(1, told), "\(atTheSD) at the SD's penalty")
    }

    /// A monthly series from Tests/Fixtures/flags (written from R by make_flag_series.R).
    static func rSeries(_ name: String) throws -> Series {
        let folder = name == "wineind" ? "flags" : "forecasts"
        let text = try String(contentsOf: Fixtures.url("\(folder)/\(name).csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let start = try #require(Month(year: Int(rows[0][0].prefix(4))!, month: Int(rows[0][0].suffix(2))!))
        let values = rows.map { Double($0[2])! }
        return Series(key: SeriesKey(area: "R", metric: name), start: start, values: values, status: values.map { _ in .observed })
    }

    /// Flags measure noise as what the one-step prediction cannot foresee: the innovation σ of the
    /// trend model's error process, not the errors' own SD σ·√γ(0), which grows without bound as an AR
    /// root nears 1 (on R's wineind it was a thousand times σ: the PELT penalty was 8e13 and a month
    /// 2.9σ out was given size 0.003). A latest month 4 one-step standard errors above its forecast is
    /// red with size 4 (sizes of forecast flags are in the forecast's own standard errors), in wine sales
    /// (seasonal, autocorrelated) and US accidental deaths.
    @Test(arguments: ["wineind", "usaccdeaths"])
    func noiseIsTheOneStepSigma(_ name: String) throws {
        let s = try Self.rSeries(name)
        let definition = catalogue.definition(name)
        var options = TrendOptions()
        options.diagnostics = true
        options.fittedValues = true
        let fit = TrendModel.fit(s, definition: definition, options: options)
        let process = try #require(fit.errorProcess)
        #expect(process.model != .iid, "\(name): the errors are autocorrelated")
        let noise = Exceptions.noiseStandardDeviation(fit, series: s)
        #expect(noise == fit.scale, "\(name): noise \(noise) against the innovation σ \(fit.scale ?? .nan)")
        // PELT's noise is the errors' SD, capped by what the model leaves unexplained: a few σ, not 1,000.
        let spread = Exceptions.changepointNoise(fit, series: s, oneStep: noise)
        #expect(spread >= noise && spread < 3 * noise, "\(name): changepoint noise \(spread) against σ \(noise)")

        // The latest month moved 4 one-step standard errors above the forecast made without it.
        let oneStep = try #require(Exceptions.oneStepFits([s]).first)
        let forecast = try #require(oneStep.forecast.first)
        let spiked = Series(key: s.key, start: s.start, values: s.values.dropLast() + [forecast.mean + 4 * forecast.standardError],
                            status: s.status)
        let flag = try #require(Exceptions.find([spiked], catalogue: catalogue).first { $0.method == .forecast })
        #expect(flag.severity == .red)
        #expect(abs(flag.size - 4) < 1e-6, "\(name): size \(flag.size)")
    }

    /// Missing incidents (lower is better) around 15 a month for four years, then around 23 for the
    /// last 12: a sustained rise, red (over 20%, a concern), dated at the latest month, with totals in
    /// its sentence; the same series without the rise raises no sustained flag.
    @Test func aYearsRiseIsASustainedChange() throws {
        let base = noise(60, seed: 5).map { (15 + 4 * $0).rounded() }
        let risen = base.indices.map { $0 >= 48 ? base[$0] + 8 : base[$0] }
        let flags = Exceptions.find([series("missing_incidents", risen)], catalogue: catalogue)
        let sustained = try #require(flags.first { $0.method == .sustained })
        #expect(sustained.severity == .red && sustained.direction == .concern && sustained.month == Self.start.advanced(by: 59))
        let recent = risen[48...].reduce(0, +), previous = risen[36..<48].reduce(0, +)
        let sentence = sustained.sentence(definition: catalogue.definition("missing_incidents"))
        #expect(sentence.hasPrefix("Missing from care incidents: \(Int(recent)) in the last 12 months against \(Int(previous)) in the 12 before, up "), "\(sentence)")
        let quiet = Exceptions.find([series("missing_incidents", base)], catalogue: catalogue)
        #expect(!quiet.contains { $0.method == .sustained }, "\(quiet.map(\.rule))")
    }

    /// A spike in the middle of an otherwise clean OLS series is an outlier with a small q-value, at
    /// its month; the clean months are not.
    @Test func aPastSpikeIsAnOutlier() throws {
        var y = noise(60, seed: 11).map { 200 + 5 * $0 }
        y[30] += 60
        let flags = Exceptions.find([series("referrals", y)], catalogue: catalogue)
        let outliers = flags.filter { $0.method == .outlier }
        #expect(outliers.count == 1)
        let spike = try #require(outliers.first)
        #expect(spike.month == Self.start.advanced(by: 30) && spike.qValue! < 0.01 && spike.severity == .info)
        #expect(spike.sentence(definition: catalogue.definition("referrals")).contains("well above"))
    }

    /// A step the whole-series fit follows as a step alone is told at the changepoint nearest it, once,
    /// with the model's levels: after / before = 1 + the model's step (a percentage for a count model),
    /// both positive. Counts of about 10 a month for four years, then about 15 for two.
    @Test func aStepTheModelFollowsIsToldWithItsLevels() throws {
        let e = noise(72, seed: 9)
        let y = (0..<72).map { (($0 < 48 ? 10.0 : 15.0) + 2.5 * e[$0]).rounded() }
        let s = series("missing_incidents", y)
        let definition = catalogue.definition("missing_incidents")
        var options = TrendOptions()
        options.fittedValues = true
        let fit = ChangeFollowingFit.refine(s, fit: TrendModel.fit(s, definition: definition, options: options), definition: definition, options: options)
        let followed = try #require(fit.interventions.last { $0.label == ChangeFollowingFit.label })
        #expect(fit.model.isLogLinear && followed.effect == .level, "\(fit.model) \(followed.effect)")
        let percent = try #require(followed.levelChange?.value)
        // Three changepoints; the one 1 month from the step's month is the nearest.
        let changepoints = [-3, 1, 12].map { followed.month.advanced(by: $0) }
        let step = try #require(Exceptions.modelStep(fit, series: s, changepoints: changepoints))
        #expect(step.changepoint == 1 && step.before > 0 && step.after > step.before)
        #expect(abs(step.after / step.before - (1 + percent / 100)) < 1e-12)
        #expect(Exceptions.modelStep(fit, series: s, changepoints: [followed.month.advanced(by: -5)]).map(\.changepoint) == nil)
        // What `find` tells: one change near the step, a level change that is a concern (missing
        // incidents: lower is better), with the model's levels (about 10 to about 15).
        let changes = Exceptions.find([s], catalogue: catalogue).filter { $0.method == .changepoint && abs($0.month.distance(to: followed.month)) <= 4 }
        let change = try #require(changes.first)
        #expect(changes.count == 1 && change.change?.kind == .level && change.direction == .concern)
        #expect(abs(change.change!.before - 10) < 1.5 && abs(change.change!.after - 15) < 1.5, "\(change.change!)")
    }

    /// Zeros, then counts: whatever the model makes of it, no level told is negative and a rise is a
    /// rise (a first version took PELT's line through the zeros, which ends below zero, as the level
    /// before a percentage step: "after −13", an improvement).
    @Test func aStepFromZeroIsNeverNegative() {
        let e = noise(72, seed: 21)
        let y = (0..<72).map { $0 < 42 ? 0.0 : (5 + 2.5 * e[$0]).rounded() }
        let changes = Exceptions.find([series("missing_incidents", y)], catalogue: catalogue).filter { $0.method == .changepoint }
        for f in changes {
            guard let c = f.change, c.kind == .level else { continue }
            #expect(c.before >= 0 && c.after >= 0 && (c.after > c.before) == (f.direction == .concern), "\(f.month) \(c)")
        }
        // The rise itself: from about 0 to about 5, a concern.
        let rise = changes.first { abs($0.month.distance(to: Self.start.advanced(by: 42))) <= 4 }
        #expect(rise?.change.map { $0.kind == .level && $0.before < 1 && $0.after > 3 } == true && rise?.direction == .concern, "\(String(describing: rise))")
    }

    /// A step from about 10 to about 14 after two years is a level change at its month.
    @Test func aStepIsALevelChange() throws {
        let e = noise(48, seed: 5)
        let y = (0..<48).map { ($0 < 24 ? 10.0 : 14.0) + 0.8 * e[$0] }
        let flags = Exceptions.find([series("re_referrals_pct", y)], catalogue: catalogue)
        let change = try #require(flags.first { $0.method == .changepoint })
        #expect(change.month == Self.start.advanced(by: 24) && change.change?.kind == .level)
        #expect(change.direction == .concern)              // re-referrals: lower is better
        let text = change.sentence(definition: catalogue.definition("re_referrals_pct"))
        #expect(abs(change.change!.before - 10) < 0.5 && abs(change.change!.after - 14) < 0.5)
        #expect(text.hasPrefix("Re-referrals within 12 months: the level changed in January 2022 from about "), "\(text)")
        #expect(text.hasSuffix("%.") && flags.filter { $0.method == .changepoint }.count == 1, "\(text)")
    }
}
