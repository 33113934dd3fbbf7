import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicDetection

/// PELT against ruptures 1.1.10 (`Pelt(model, min_size=6, jump=1)`, Tests/Fixtures/changepoints made by
/// make_pelt_fixtures.py): the same breakpoints and the same objective on real and synthetic series,
/// for the mean ("l2") and linear-trend ("linear") costs at three penalties each.
@Suite("Changepoints (PELT)")
struct ChangepointTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let y: [Double]
            let runs: [Run]
        }
        struct Run: Decodable {
            let model: String
            let multiplier: Double
            let pen: Double
            let breakpoints: [Int]
            let cost: Double
        }
        let cases: [Case]
    }

    static let reference: Reference = {
        try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: Fixtures.url("changepoints/pelt_reference.json")))
    }()

    @Test(arguments: ["nile", "seatbelts_drivers", "fictional_lac", "fictional_referrals", "step_noise"])
    func matchesRuptures(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        for run in c.runs {
            let cost: Changepoints.Cost = run.model == "l2" ? .mean : .linearTrend
            let found = Changepoints.pelt(c.y, cost: cost, penalty: run.pen, minimumSegment: 6)
            #expect(found == run.breakpoints, "\(name) \(run.model) ×\(run.multiplier): \(found) vs \(run.breakpoints)")
            // The fixture's cost charges the penalty once per changepoint.
            let objective = Changepoints.totalCost(c.y, cost: cost, breakpoints: found) + run.pen * Double(found.count - 1)
            #expect(abs(objective - run.cost) <= 1e-9 * abs(run.cost), "\(name) \(run.model) ×\(run.multiplier) cost \(objective) vs \(run.cost)")
        }
    }

    /// PELT's segmentation is the optimal one: on 40 random series with steps and kinks (30 to 90
    /// points), both costs, minimum segments 2, 3 and 6 and three penalties, it equals optimal
    /// partitioning by plain dynamic programming over every start (no pruning, the cost one segment at
    /// a time), with the same total. (The linear-trend cost takes four starts at a time in PELT.)
    @Test func equalsOptimalPartitioning() {
        var state: UInt64 = 2026_12_04
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        for k in 0..<40 {
            let n = 30 + (k * 7) % 61
            let step = Int(uniform() * Double(n)), kink = Int(uniform() * Double(n))
            let y = (0..<n).map { t -> Double in
                var v = 10 + uniform() * 2
                if t >= step { v += 3 }
                if t >= kink { v += 0.4 * Double(t - kink) }
                return v
            }
            for cost in [Changepoints.Cost.mean, .linearTrend] {
                for minimumSegment in [2, 3, 6] where n >= 2 * minimumSegment {
                    for penalty in [0.5, 4.0, 30.0] {
                        let found = Changepoints.pelt(y, cost: cost, penalty: penalty, minimumSegment: minimumSegment)
                        let segment = SegmentCost(y, cost: cost)
                        var best = [Double](repeating: .infinity, count: n + 1), previous = [Int](repeating: -1, count: n + 1)
                        best[0] = 0
                        for end in minimumSegment...n {
                            for start in stride(from: 0, through: end - minimumSegment, by: 1) where best[start].isFinite {
                                let v = best[start] + segment.cost(start, end) + penalty
                                if v < best[end] { best[end] = v; previous[end] = start }
                            }
                        }
                        var optimal = [Int](), end = n
                        while end > 0 { optimal.append(end); end = previous[end] }
                        #expect(found == optimal.reversed(), "series \(k) \(cost) minimum \(minimumSegment) penalty \(penalty)")
                        let total = Changepoints.totalCost(y, cost: cost, breakpoints: found) + penalty * Double(found.count)
                        #expect(abs(total - best[n]) <= 1e-9 * best[n])
                    }
                }
            }
        }
    }

    /// The linear-trend totals PELT takes four starts at a time are bit for bit the one-at-a-time cost's,
    /// for every count of starts modulo 4, starts that cannot begin a segment (infinite total) included,
    /// with the earliest start winning a tie.
    @Test func laneTotalsAreTheScalarOnes() {
        var state: UInt64 = 17
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var y = [Double]()
        for t in 0..<120 {
            let step: Double = t >= 70 ? 8 : 0
            y.append(50 + 0.2 * Double(t) + 5 * uniform() + step)
        }
        let segment = SegmentCost(y, cost: .linearTrend)
        var live = [Double]()
        for k in 0...120 { live.append(k % 7 == 3 ? Double.infinity : 10 * uniform()) }
        for end in [12, 13, 60, 97, 120] {
            for last in [0, 1, 2, 3, 4, 5, 6, 7, end - 2] where last <= end - 2 {
                var values = [Double](repeating: 0, count: end + 1)
                let (minimum, argmin) = live.withUnsafeBufferPointer { l in
                    values.withUnsafeMutableBufferPointer { v in segment.linearTrendTotals(end: end, through: last, live: l, penalty: 3.5, into: v) }
                }
                var expectedMinimum = Double.infinity, expectedArgmin = -1
                for start in 0...last {
                    let v = live[start] + segment.cost(start, end) + 3.5
                    #expect(values[start].bitPattern == v.bitPattern, "end \(end) start \(start)")
                    if v < expectedMinimum { expectedMinimum = v; expectedArgmin = start }
                }
                #expect(minimum.bitPattern == expectedMinimum.bitPattern && argmin == expectedArgmin, "end \(end) last \(last)")
            }
        }
        // Ties: a flat series costs 0 for every segment, so equal totals tie in every lane; the earliest
        // start wins, as in the scalar scan, whichever lane it is in.
        let flat = SegmentCost([Double](repeating: 7, count: 40), cost: .linearTrend)
        for firstFinite in 0..<6 {
            let ties = (0...40).map { k in k < firstFinite ? Double.infinity : 1.25 }
            var values = [Double](repeating: 0, count: 41)
            let (_, argmin) = ties.withUnsafeBufferPointer { l in
                values.withUnsafeMutableBufferPointer { v in flat.linearTrendTotals(end: 20, through: 11, live: l, penalty: 3.5, into: v) }
            }
            #expect(argmin == firstFinite, "first finite start \(firstFinite)")
        }
    }

    /// Too short for two segments: one segment; every segment at least the minimum.
    @Test func shortSeriesAndMinimumSegments() {
        #expect(Changepoints.pelt([1, 2, 3, 4, 5], cost: .mean, penalty: 0) == [5])
        let y = (0..<40).map { Double($0 % 7) }
        let found = Changepoints.pelt(y, cost: .mean, penalty: 0)
        var start = 0
        for end in found { #expect(end - start >= 6); start = end }
        #expect(found.last == 40)
    }
}
