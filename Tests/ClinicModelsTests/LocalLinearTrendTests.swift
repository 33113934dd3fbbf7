import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicModels

/// The local linear trend against statsmodels' UnobservedComponents with exact diffuse initialisation
/// (Tests/Fixtures/llt, made by make_llt_fixtures.py).
@Suite("Local linear trend")
struct LocalLinearTrendTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let n: Int
            let y: [Double]
            let fixed: Fixed
            let ml: ML
        }
        struct Fixed: Decodable {
            let params: [String: Double]
            let filtered_state_last: [Double]
            let filtered_state_cov_last: [[Double]]
            let forecast_mean: [Double]
            let smoothed_state_first: [Double]
            let smoothed_state_cov_first: [[Double]]
            let smoothed_state_last: [Double]
            let smoothed_state_cov_last: [[Double]]
            let forecast_var: [Double]
            let llf_convention: Convention
        }
        struct Convention: Decodable { let sum_llf_obs_after_diffuse: Double }
        struct ML: Decodable {
            let params: [String: Double]
            let llf: Double
            let smoothed_state_last: [Double]
            let smoothed_state_cov_last: [[Double]]
        }
        let cases: [Case]
    }

    static let reference: Reference = {
        try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: Fixtures.url("llt/llt_reference.json")))
    }()

    static func variances(_ p: [String: Double]) -> LocalLinearTrend.Variances {
        .init(irregular: p["sigma2.irregular"]!, level: p["sigma2.level"]!, slope: p["sigma2.trend"]!)
    }

    static let names = ["nile", "fictional_lac", "fictional_referrals", "seatbelts_front_sa"]

    /// At fixed variances: the filtered level and slope at the last month and their covariance, the
    /// log-likelihood after the diffuse observations and the 12 forecasts with their variances, to 1e-9.
    @Test(arguments: names)
    func filterMatchesStatsmodels(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        let f = try #require(LocalLinearTrend.filter(c.y, times: Array(0..<c.n), variances: Self.variances(c.fixed.params)))
        func close(_ a: Double, _ b: Double, _ what: String) {
            #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(name) \(what): \(a) vs \(b)")
        }
        close(f.level, c.fixed.filtered_state_last[0], "level")
        close(f.slope, c.fixed.filtered_state_last[1], "slope")
        for i in 0..<2 { for j in 0..<2 { close(f.covariance[i][j], c.fixed.filtered_state_cov_last[i][j], "cov[\(i)][\(j)]") } }
        close(f.logLikelihood, c.fixed.llf_convention.sum_llf_obs_after_diffuse, "log-likelihood")
        for h in 1...12 {
            let p = f.forecast(months: h)
            close(p.mean, c.fixed.forecast_mean[h - 1], "forecast \(h)")
            close(p.variance, c.fixed.forecast_var[h - 1], "forecast variance \(h)")
        }
    }

    /// Maximum likelihood: a log-likelihood at least statsmodels' (to 1e-6) and within 1e-4 of it, the
    /// level and slope at the last month within 1% of their standard errors, variances within 1% where
    /// statsmodels' are not on the boundary (below 1e-6 of the largest: compared as "near zero").
    @Test(arguments: names)
    func maximumLikelihoodMatchesStatsmodels(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        let f = try #require(LocalLinearTrend.fit(c.y, times: Array(0..<c.n)))
        let reference = c.ml.llf + 0.5 * log(2 * Double.pi) * 2
        #expect(f.logLikelihood >= reference - 1e-6, "\(name): \(f.logLikelihood) vs \(reference)")
        #expect(abs(f.logLikelihood - reference) <= 1e-4, "\(name): \(f.logLikelihood) vs \(reference)")
        let seLevel = c.ml.smoothed_state_cov_last[0][0].squareRoot(), seSlope = c.ml.smoothed_state_cov_last[1][1].squareRoot()
        #expect(abs(f.level - c.ml.smoothed_state_last[0]) <= 0.01 * seLevel, "\(name) level \(f.level)")
        #expect(abs(f.slope - c.ml.smoothed_state_last[1]) <= 0.01 * seSlope, "\(name) slope \(f.slope)")
        let theirs = Self.variances(c.ml.params)
        let largest = max(theirs.irregular, theirs.level, theirs.slope)
        for (mine, ref, what) in [(f.variances.irregular, theirs.irregular, "irregular"), (f.variances.level, theirs.level, "level"),
                                  (f.variances.slope, theirs.slope, "slope")] {
            if ref < 1e-6 * largest { #expect(mine < 1e-4 * largest, "\(name) \(what) variance \(mine) should be near zero") }
            else { #expect(abs(mine / ref - 1) <= 0.01, "\(name) \(what) variance \(mine) vs \(ref)") }
        }
    }

    /// The smoother at fixed variances: the level and slope at the first month (where the diffuse
    /// recursions matter) and at the last, with their covariances, equal statsmodels' smoothed state to
    /// 1e-8; at the last month it is the filter's state.
    @Test(arguments: names)
    func smootherMatchesStatsmodels(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        let variances = Self.variances(c.fixed.params)
        let path = try #require(LocalLinearTrend.smooth(c.y, times: Array(0..<c.n), variances: variances))
        #expect(path.count == c.n)
        func close(_ a: Double, _ b: Double, _ what: String) {
            #expect(abs(a - b) <= 1e-8 * max(1, abs(b)), "\(name) \(what): \(a) vs \(b)")
        }
        for (state, level, slope, cov, label) in [(path[0], c.fixed.smoothed_state_first[0], c.fixed.smoothed_state_first[1], c.fixed.smoothed_state_cov_first, "first"),
                                                   (path[c.n - 1], c.fixed.smoothed_state_last[0], c.fixed.smoothed_state_last[1], c.fixed.smoothed_state_cov_last, "last")] {
            close(state.level, level, "\(label) level")
            close(state.slope, slope, "\(label) slope")
            for i in 0..<2 { for j in 0..<2 { close(state.covariance[i][j], cov[i][j], "\(label) cov[\(i)][\(j)]") } }
        }
        let filtered = try #require(LocalLinearTrend.filter(c.y, times: Array(0..<c.n), variances: variances))
        close(path[c.n - 1].level, filtered.level, "last level = filtered")
    }

    /// With months missing, the smoother still gives a state for every month, and leaving months out
    /// widens the level's interval there.
    @Test func smootherFillsMissingMonths() throws {
        let c = try #require(Self.reference.cases.first { $0.name == "nile" })
        let keep = Array(0..<c.n).filter { !(40..<46).contains($0) }
        let path = try #require(LocalLinearTrend.smooth(keep.map { c.y[$0] }, times: keep, variances: Self.variances(c.fixed.params)))
        let full = try #require(LocalLinearTrend.smooth(c.y, times: Array(0..<c.n), variances: Self.variances(c.fixed.params)))
        #expect(path.count == c.n && path.map(\.time) == Array(0..<c.n))
        #expect(path[43].covariance[0][0] > full[43].covariance[0][0])
    }
}

/// The filter runs four sets of variances in one pass; each lane must be the filter of its own
/// variances alone, to the last bit, whatever its neighbours hold, including a neighbour that fails.
@Suite("Local linear trend: four variances in one filter pass")
struct LocalLinearTrendLaneTests {
    static func bits(_ lane: KalmanRun.Lane?) -> [UInt64]? {
        guard let lane else { return nil }
        return [lane.state.0, lane.state.1, lane.covariance.a, lane.covariance.b, lane.covariance.d,
                lane.logLikelihood, lane.sumOfStandardisedSquares, lane.sumOfLogVariances].map(\.bitPattern)
            + [UInt64(lane.effectiveObservations)]
    }

    @Test func eachLaneIsItsOwnRunBitForBit() throws {
        let c = try #require(LocalLinearTrendTests.reference.cases.first { $0.name == "fictional_lac" })
        // Months 5 to 7 and 40 missing, so the gaps' prediction steps run too.
        let kept = (0..<c.n).filter { !(5...7).contains($0) && $0 != 40 }
        let y = kept.map { c.y[$0] }
        let sets: [LocalLinearTrend.Variances] = [
            .init(irregular: 0.6, level: 0.3, slope: 0.1),
            .init(irregular: 1, level: 1e-12, slope: 1e-20),
            .init(irregular: 1e-9, level: 0.5, slope: 0.5),
            .init(irregular: 0.2, level: 0.7, slope: 1e-4),
        ]
        let together = KalmanRun(y, times: kept, variances: sets).lanes
        #expect(together.count == 4 && together.allSatisfy { $0 != nil })
        for (i, v) in sets.enumerated() {
            let alone = KalmanRun(y, times: kept, variances: [v]).lanes
            #expect(alone.count == 1)
            #expect(Self.bits(together[i]) == Self.bits(alone[0]), "lane \(i)")
        }
        // A lane whose prediction variance is negative fails alone; its neighbours are untouched.
        var mixed = sets
        mixed[2] = .init(irregular: -5, level: 0, slope: 0)
        let withFailure = KalmanRun(y, times: kept, variances: mixed).lanes
        #expect(withFailure[2] == nil)
        for i in [0, 1, 3] { #expect(Self.bits(withFailure[i]) == Self.bits(together[i]), "lane \(i)") }
        // At scales far from the search's proportions (data × 1e40 and × 1e-40: variances beyond 2^±250)
        // the filter still runs, and is the filter at scale 1 scaled: the log-likelihood moves by
        // −n·log c, the level by c.
        for c in [1e40, 1e-40] {
            let scaled = sets.map { LocalLinearTrend.Variances(irregular: $0.irregular * c * c, level: $0.level * c * c, slope: $0.slope * c * c) }
            let lanes = KalmanRun(y.map { $0 * c }, times: kept, variances: scaled).lanes
            for (i, lane) in lanes.enumerated() {
                let lane = try #require(lane, "lane \(i) at \(c)")
                let plain = try #require(together[i])
                let expected = plain.logLikelihood - Double(plain.effectiveObservations) * log(c)
                #expect(abs(lane.logLikelihood - expected) <= 1e-9 * abs(expected), "lane \(i) at \(c)")
                #expect(abs(lane.state.0 - c * plain.state.0) <= 1e-9 * abs(c * plain.state.0), "lane \(i) at \(c)")
            }
        }
        // Two or three lanes: the unused ones are never reported.
        #expect(KalmanRun(y, times: kept, variances: Array(sets.prefix(3))).lanes.map(Self.bits) == together.prefix(3).map(Self.bits))
    }
}
