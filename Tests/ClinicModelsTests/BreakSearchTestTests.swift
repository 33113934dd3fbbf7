import ClinicData
import ClinicModels
import ClinicNumerics
import Foundation
import Testing

/// The test for a change at a searched month (``BreakSearchTest``): with one candidate it is the F test
/// of the refit's step and change of slope; over many it keeps its size where the smallest of the
/// months' own p-values does not.
@Suite("Break search test")
struct BreakSearchTestTests {
    static let start = Month(year: 2018, month: 1)!

    static func series(_ values: [Double], _ name: String = "S") -> Series {
        Series(key: SeriesKey(area: name, metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
    }

    static var independent: TrendOptions {
        var o = TrendOptions()
        o.seasonality = .fixed(.none)
        o.errorModel = .fixed(.iid)
        o.model = .fixed(.ols)
        o.recentDirection = false
        return o
    }

    /// The refit's own F test of the step and change of slope at `month` (F(2, n − k), independent errors).
    static func pointwise(_ s: Series, at month: Month, options: TrendOptions = independent) -> Double {
        var o = options
        o.interventions = [Intervention(label: "change", month: month)]
        let refit = TrendModel.fit(s, definition: MetricCatalogue.standard.definition("referrals"), options: o)
        return refit.interventions.first!.jointPValue!
    }

    /// With `month` the only candidate, the simulated p-value (`draws` draws, no early stop) against the
    /// refit's own F test at that month under `options` (independent errors, their seasonality): expected
    /// within four binomial SDs plus `slack`. False, with nothing compared, when the F test's p-value is
    /// outside (0.002, 0.3), where the comparison says little.
    static func agreesWithFTest(_ series: Series, at month: Month, options: TrendOptions = independent, seasonality: Seasonality = .none,
                                draws: Int, slack: Double) throws -> Bool {
        let exact = pointwise(series, at: month, options: options)
        guard exact > 0.002, exact < 0.3 else { return false }
        let p = try #require(BreakSearchTest.pValue(series, definition: MetricCatalogue.standard.definition("referrals"), options: options,
                                                    seasonality: seasonality, process: nil, candidates: [month], draws: draws, stop: .max))
        #expect(abs(p - exact) < 4 * (exact * (1 - exact) / Double(draws)).squareRoot() + slack,
                "\(series.key.area): simulated \(p), F distribution \(exact)")
        return true
    }

    /// With one candidate month the searched statistic is that month's F statistic, so the simulated
    /// p-value must agree with the F distribution's (here from the refit's own joint test) within the
    /// simulation's error: 20,000 draws, tolerance four binomial SDs.
    @Test func oneCandidateIsTheFTest() throws {
        var random = SplitMix64(seed: 11)
        var compared = 0
        for s in 0..<40 {
            let n = 48, at = 36
            let values = (0..<n).map { t -> Double in
                let step: Double = t >= at ? 0.6 : 0
                return 50 + 0.1 * Double(t) + step + random.normal()
            }
            if try Self.agreesWithFTest(Self.series(values, "S\(s)"), at: Self.start.advanced(by: at), draws: 20_000, slack: 1e-4) {
                compared += 1
            }
        }
        #expect(compared >= 10)
    }

    /// Independent Gaussian noise about a line, 60 months, the change searched over the last 24 months
    /// that leave 6 on each side (19 months): the smallest of the months' own F-test p-values falls below
    /// 5% in far more than 5% of the series, the searched test in 5% (400 series: within 2.5 binomial SDs).
    @Test func keepsItsSizeOverTheSearchedMonths() throws {
        var random = SplitMix64(seed: 20_261_205)
        let definition = MetricCatalogue.standard.definition("referrals")
        let candidates = (36...54).map { Self.start.advanced(by: $0) }
        var searched = 0, smallestPointwise = 0
        let count = 400
        for s in 0..<count {
            let values = (0..<60).map { t -> Double in 100 + 0.3 * Double(t) + 4 * random.normal() }
            let series = Self.series(values, "S\(s)")
            let p = try #require(BreakSearchTest.pValue(series, definition: definition, options: Self.independent, seasonality: .none, process: nil,
                                                        candidates: candidates))
            if p < 0.05 { searched += 1 }
            if s < 100 {
                let smallest = candidates.map { Self.pointwise(series, at: $0) }.min()!
                if smallest < 0.05 { smallestPointwise += 1 }
                // The searched statistic is the largest of the months' F statistics: never more significant
                // than the best month alone, and at most its Bonferroni multiple (19 months), up to the
                // simulation's error.
                #expect(p >= 0.8 * smallest - 0.002, "series \(s): searched \(p), best month alone \(smallest)")
                #expect(p <= 19 * smallest + 0.02, "series \(s): searched \(p), best month alone \(smallest)")
            }
        }
        let sd = (0.05 * 0.95 / Double(count)).squareRoot()
        #expect(abs(Double(searched) / Double(count) - 0.05) < 2.5 * sd, "searched test rejected \(searched) of \(count)")
        #expect(smallestPointwise >= 15, "the smallest month's own p-value was below 5% in \(smallestPointwise) of 100")
    }

    /// With gaps (five months missing) and a Fourier pair, one candidate is still that month's F test:
    /// the whitening and the projection follow the months the model fits.
    @Test func oneCandidateWithGapsAndSeasonality() throws {
        var random = SplitMix64(seed: 17)
        var o = Self.independent
        o.seasonality = .fixed(.fourier(harmonics: 1))
        var compared = 0
        for s in 0..<30 {
            let n = 60, at = 44
            var values = [Double](), status = [ObservationStatus]()
            for t in 0..<n {
                let step: Double = t >= at ? 0.7 : 0
                values.append(50 + 0.1 * Double(t) + 2 * sin(2 * Double.pi * Double(t % 12) / 12) + step + random.normal())
                status.append([7, 20, 21, 38, 50].contains(t) ? .missing : .observed)
            }
            let series = Series(key: SeriesKey(area: "G\(s)", metric: "referrals"), start: Self.start, values: values, status: status)
            if try Self.agreesWithFTest(series, at: Self.start.advanced(by: at), options: o, seasonality: .fourier(harmonics: 1),
                                        draws: 20_000, slack: 1e-4) {
                compared += 1
            }
        }
        #expect(compared >= 8)
    }

    /// A series longer than the shared stream of draws covers (240 months: the draws run on past it)
    /// still gives the F test's p-value with one candidate.
    @Test func longSeriesDrawPastTheSharedStream() throws {
        var random = SplitMix64(seed: 23)
        var compared = 0
        for s in 0..<12 {
            let values = (0..<240).map { t -> Double in
                let step: Double = t >= 200 ? 0.35 : 0
                return 50 + 0.02 * Double(t) + step + random.normal()
            }
            if try Self.agreesWithFTest(Self.series(values, "L\(s)"), at: Self.start.advanced(by: 200), draws: 4_000, slack: 3e-4) {
                compared += 1
            }
        }
        #expect(compared >= 4)
    }

    /// A step of 5σ 12 months before the end is found: p at the simulation's floor, 1/1000.
    @Test func aClearChangeIsFound() throws {
        var random = SplitMix64(seed: 3)
        let definition = MetricCatalogue.standard.definition("referrals")
        let values = (0..<60).map { t -> Double in
            let step: Double = t >= 48 ? 20 : 0
            return 100 + 0.3 * Double(t) + step + 4 * random.normal()
        }
        let series = Self.series(values)
        let p = try #require(BreakSearchTest.pValue(series, definition: definition, options: Self.independent, seasonality: .none, process: nil,
                                                    candidates: (36...54).map { Self.start.advanced(by: $0) }))
        #expect(p == 1.0 / 1000)
    }

    /// The held error process matters: AR(1) noise (φ = 0.7) searched as if independent rejects far more
    /// often than 5%; with the AR(1) process of the long-run fit held, close to 5% (the process is
    /// estimated, so the bound is looser: at most 10% of 200 series).
    @Test func holdsTheLongRunErrorProcess() throws {
        var random = SplitMix64(seed: 7)
        let definition = MetricCatalogue.standard.definition("referrals")
        let candidates = (60...78).map { Self.start.advanced(by: $0) }
        var withProcess = TrendOptions()
        withProcess.seasonality = .fixed(.none)
        withProcess.errorModel = .fixed(.ar1)
        withProcess.model = .fixed(.ols)
        withProcess.recentDirection = false
        var held = 0, ignored = 0
        let count = 200
        for s in 0..<count {
            var e = random.normal() / (1 - 0.49).squareRoot()
            var values = [Double]()
            for t in 0..<84 {
                if t > 0 { e = 0.7 * e + random.normal() }
                values.append(100 + 0.2 * Double(t) + 3 * e)
            }
            let series = Self.series(values, "S\(s)")
            let fit = TrendModel.fit(series, definition: definition, options: withProcess)
            #expect(fit.errorProcess?.model == .ar1)
            let p = try #require(BreakSearchTest.pValue(series, definition: definition, options: withProcess, seasonality: .none, process: fit.errorProcess, candidates: candidates))
            if p < 0.05 { held += 1 }
            let q = try #require(BreakSearchTest.pValue(series, definition: definition, options: Self.independent, seasonality: .none, process: nil, candidates: candidates))
            if q < 0.05 { ignored += 1 }
        }
        #expect(held <= count / 10, "held process: \(held) of \(count) below 5%")
        #expect(ignored >= count / 4, "independent errors assumed: \(ignored) of \(count) below 5%")
    }
}
