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
    /// partitioning by plain dynamic programming over every start (the cost one segment at a time), with
    /// the same total. (PELT evaluates only the starts its lower bounds cannot rule out.)
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
                        let optimal = Self.optimalPartition(y, cost: cost, penalty: penalty, minimumSegment: minimumSegment)
                        #expect(found == optimal.ends, "series \(k) \(cost) minimum \(minimumSegment) penalty \(penalty)")
                        let total = Changepoints.totalCost(y, cost: cost, breakpoints: found) + penalty * Double(found.count)
                        #expect(abs(total - optimal.total) <= 1e-9 * optimal.total)
                    }
                }
            }
        }
    }

    /// The linear-trend costs PELT takes four starts at a time are bit for bit the one-at-a-time cost's,
    /// at every start and end, on a series with a step, on a flat one (every cost 0) and on one of huge
    /// level and tiny noise (cancellation in the sums).
    @Test func laneCostsAreTheScalarOnes() {
        var state: UInt64 = 17
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        let stepped = (0..<120).map { t -> Double in
            let step: Double = t >= 70 ? 8 : 0
            return 50 + 0.2 * Double(t) + 5 * uniform() + step
        }
        let flat = [Double](repeating: 7, count: 40)
        let huge = (0..<60).map { _ in 1e9 + uniform() * 1e-3 }
        for y in [stepped, flat, huge] {
            let segment = SegmentCost(y, cost: .linearTrend)
            segment.withCost { cost in
                for end in 5...y.count {
                    for s in stride(from: 0, through: end - 5, by: 1) {
                        let lanes = cost.linearTrend(startingAt: s, end: end)
                        for i in 0..<4 {
                            #expect(lanes[i].bitPattern == cost(s + i, end).bitPattern, "n \(y.count) end \(end) start \(s + i)")
                        }
                    }
                }
            }
        }
    }

    /// Ties and flat stretches, where the bound that spares evaluations is weakest: series that are
    /// constant, constant in pieces, a straight line, or repeat a short pattern (every segment of them
    /// costs the same, or nothing, so totals tie exactly) give the segmentation of optimal partitioning
    /// over every start with the earliest start winning each tie.
    @Test func tiesGoToTheEarliestStartAsInOptimalPartitioning() {
        let series: [[Double]] = [
            [Double](repeating: 7, count: 40),
            [Double](repeating: 0, count: 37),
            (0..<40).map { $0 < 20 ? 3 : 9 },
            (0..<48).map { Double($0 / 12) * 5 },
            (0..<40).map { 2 + 0.5 * Double($0) },
            (0..<60).map { Double($0 % 4) },
            (0..<60).map { $0 % 12 == 5 ? 1e6 : 1e6 + 1 },
        ]
        for (k, y) in series.enumerated() {
            for cost in [Changepoints.Cost.mean, .linearTrend] {
                for minimumSegment in [2, 6] {
                    for penalty in [0.0, 1.25, 40.0] {
                        let found = Changepoints.pelt(y, cost: cost, penalty: penalty, minimumSegment: minimumSegment)
                        #expect(found == Self.optimalPartition(y, cost: cost, penalty: penalty, minimumSegment: minimumSegment).ends,
                                "series \(k) \(cost) minimum \(minimumSegment) penalty \(penalty)")
                    }
                }
            }
        }
    }

    /// Optimal partitioning by plain dynamic programming: every start at every end, the cost one segment
    /// at a time, the earliest start on a tie. The reference ``Changepoints/pelt(_:cost:penalty:minimumSegment:)``
    /// must give the same segmentation.
    static func optimalPartition(_ y: [Double], cost: Changepoints.Cost, penalty: Double, minimumSegment: Int) -> (ends: [Int], total: Double) {
        let n = y.count
        guard n >= 2 * minimumSegment else { return (n > 0 ? [n] : [], 0) }
        let segment = SegmentCost(y, cost: cost)
        var best = [Double](repeating: .infinity, count: n + 1), previous = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for end in minimumSegment...n {
            for start in stride(from: 0, through: end - minimumSegment, by: 1) where best[start].isFinite {
                let v = best[start] + segment.cost(start, end) + penalty
                if v < best[end] { best[end] = v; previous[end] = start }
            }
        }
        var ends = [Int](), end = n
        while end > 0 { ends.append(end); end = previous[end] }
        return (ends.reversed(), best[n])
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
