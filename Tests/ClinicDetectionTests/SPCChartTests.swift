import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicDetection

/// XmR charts against NHSRplotthedots 0.2.2: reference vectors (limits to 1e-6, point types exact), the
/// package's own rule-helper unit cases, and hand-worked edges.
@Suite("SPC charts")
struct SPCChartTests {
    /// R: set.seed(123); rnorm(20).
    static let a1 = [-0.5604756466, -0.2301774895, 1.5587083141, 0.0705083914, 0.1292877352, 1.7150649869, 0.4609162060,
                     -1.2650612346, -0.6868528519, -0.4456619701, 1.2240817974, 0.3598138271, 0.4007714506, 0.1106827159,
                     -0.5558411348, 1.7869131368, 0.4978504782, -1.9666171566, 0.7013559016, -0.4727914077]

    func expectLimits(_ chart: SPCChart, mean: Double, lower: Double, upper: Double, tolerance: Double = 1e-6,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        for p in chart.points {
            #expect(abs(p.mean - mean) <= tolerance, sourceLocation: sourceLocation)
            #expect(abs(p.lowerLimit! - lower) <= tolerance, sourceLocation: sourceLocation)
            #expect(abs(p.upperLimit! - upper) <= tolerance, sourceLocation: sourceLocation)
        }
    }

    @Test func a1ScreenedIsAllCommonCause() {
        let chart = SPCChart(values: Self.a1)
        expectLimits(chart, mean: 0.1416238025, lower: -3.011379596, upper: 3.294627201)
        #expect(chart.points.allSatisfy { $0.pointType == .commonCause && $0.specialCause == "Common Cause" })
        #expect(chart.variation == .commonCause && chart.assurance == nil && chart.warnings.isEmpty)
    }

    /// y[15] (1-based) set to 10: screening drops the two moving ranges around it; without screening the
    /// limits widen.
    @Test func a1WithAnOutlierScreenedAndNot() {
        var y = Self.a1
        y[14] = 10
        expectLimits(SPCChart(values: y), mean: 0.6694158592, lower: -2.3836655973, upper: 3.7224973157)
        var options = SPCOptions()
        options.screenOutliers = false
        expectLimits(SPCChart(values: y, options: options), mean: 0.6694158592, lower: -4.5966251825, upper: 5.9354569009)
        let point = SPCChart(values: y).points[14]
        #expect(point.outsideLimits && point.specialCause == "Above UCL" && point.pointType == .specialCauseNeutralHigh)
    }

    /// Rebased at row 11 (1-based): two groups with their own limits (the reference gives 3 s.f.), each
    /// under 13 points, so both carry the trial-limits warning.
    @Test func a1RebasedIntoTwoGroups() {
        let chart = SPCChart(values: Self.a1, rebases: [10])
        let first = chart.points[0], second = chart.points[10]
        #expect(abs(first.mean - 0.0746) < 5e-5 && abs(first.lowerLimit! + 2.60) < 5e-3 && abs(first.upperLimit! - 2.75) < 5e-3)
        #expect(abs(second.mean - 0.209) < 5e-4 && abs(second.lowerLimit! + 3.28) < 5e-3 && abs(second.upperLimit! - 3.70) < 5e-3)
        #expect(chart.points[0..<10].allSatisfy { $0.group == 0 } && chart.points[10...].allSatisfy { $0.group == 1 })
        #expect(chart.warnings == [.trialLimits(group: 1, points: 10), .trialLimits(group: 2, points: Self.a1.count - 10)])
    }

    /// 1,2,1,2,10,1,2,… with higher better: the spike is an improvement, screened or not.
    @Test func a2SpikeIsAnImprovement() {
        let y: [Double] = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
        var options = SPCOptions()
        options.direction = .increase
        let screened = SPCChart(values: y, options: options)
        expectLimits(screened, mean: 1.9444444444, lower: -0.7155555556, upper: 4.6044444444)
        options.screenOutliers = false
        let unscreened = SPCChart(values: y, options: options)
        expectLimits(unscreened, mean: 1.944444444, lower: -3.062614379, upper: 6.951503268)
        for chart in [screened, unscreened] {
            #expect(chart.points.map(\.pointType) == y.indices.map { $0 == 4 ? .specialCauseImprovement : .commonCause })
        }
    }

    // MARK: NHSRplotthedots' own rule cases

    struct Cases: Decodable {
        struct Markers: Decodable { let `in`: [Double]; let out: [Double] }
        struct TwoInThree: Decodable { let close: [Int]; let rtm: [Int]; let out: [Int] }
        struct EndToEnd: Decodable { let y: [Double]; let expected_point_type_last2: [String] }
        struct Assurance: Decodable { let lpl: [Double]; let upl: [Double]; let target: Double; let increase: [String]; let decrease: [String] }
        let oneSide: [Markers]
        let partOfSeven: [Markers]
        let trend: [Markers]
        let twoInThree: [TwoInThree]
        let partOfTwoInThree: [TwoInThree]
        let endToEnd: EndToEnd
        let assurance: Assurance

        enum CodingKeys: String, CodingKey {
            case oneSide = "seven_point_one_side_mean(relative_to_mean) -> run_end_marker"
            case partOfSeven = "part_of_seven_trend(markers) -> flag (marker at i flags i-6..i)"
            case trend = "seven_point_trend(y) -> +1 at the 7th point of a strictly increasing 7-run, -1 decreasing"
            case twoInThree = "two_in_three(close_to_limits, relative_to_mean)"
            case partOfTwoInThree = "part_of_two_in_three = two_in_three AND close"
            case endToEnd = "end_to_end_2in3_opposite_sides (test-ptd_spc_standard.R)"
            case assurance = "assurance (test-ptd_calculate_assurance_type.R)"
        }
    }

    static let cases: Cases = {
        try! JSONDecoder().decode(Cases.self, from: Data(contentsOf: Fixtures.url("spc/ptd_unit_tests.json")))
    }()

    @Test func ruleHelpersMatchThePackagesUnitTests() {
        for c in Self.cases.oneSide {
            // The package marks the run's end with 1 whichever side; the side is ours to keep.
            #expect(SPCRules.sevenOnOneSide(c.in.map { Int($0) }).map { abs($0) } == c.out.map { Int($0) }, "\(c.in)")
        }
        for c in Self.cases.partOfSeven { #expect(SPCRules.partOfSeven(c.in.map { Int($0) }) == c.out.map { $0 != 0 }, "\(c.in)") }
        for c in Self.cases.trend { #expect(SPCRules.sevenPointTrend(c.in) == c.out.map { Int($0) }, "\(c.in)") }
        for c in Self.cases.twoInThree {
            #expect(SPCRules.twoInThree(close: c.close.map { $0 != 0 }, relativeToMean: c.rtm) == c.out.map { $0 != 0 }, "\(c.close) \(c.rtm)")
        }
        for c in Self.cases.partOfTwoInThree {
            let close = c.close.map { $0 != 0 }
            let part = zip(SPCRules.twoInThree(close: close, relativeToMean: c.rtm), close).map { $0 && $1 }
            #expect(part == c.out.map { $0 != 0 }, "\(c.close)")
        }
    }

    /// Two points close to the limits on opposite sides of the centre are not a 2-in-3 signal.
    @Test func twoInThreeNeedsOneSide() {
        let chart = SPCChart(values: Self.cases.endToEnd.y)
        #expect(chart.points.suffix(2).map(\.pointType.rawValue) == Self.cases.endToEnd.expected_point_type_last2)
    }

    @Test func assuranceMatchesThePackage() {
        let a = Self.cases.assurance
        for i in a.lpl.indices {
            #expect(SPCChart.assurance(target: a.target, lower: a.lpl[i], upper: a.upl[i], direction: .increase)?.rawValue == a.increase[i])
            #expect(SPCChart.assurance(target: a.target, lower: a.lpl[i], upper: a.upl[i], direction: .decrease)?.rawValue == a.decrease[i])
            #expect(SPCChart.assurance(target: a.target, lower: a.lpl[i], upper: a.upl[i], direction: .neutral) == nil)
        }
    }

    // MARK: Hand-worked edges

    /// Seven rising points flag a trend (all seven, labelled increasing; with lower better, concern);
    /// a tie in the run breaks it.
    @Test func trendsAndTies() {
        // Twelve points around 5 (moving ranges about 1.3, limits about 5 ± 3.5), then seven rising by
        // 0.2 from 4.4 to 5.6 (inside the limits and never close to them), then three ordinary points.
        let flat: [Double] = [5, 6, 4, 5.5, 4.5, 6, 4, 5, 6, 4.5, 5.5, 5]
        let rising = flat + [4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6] + [5, 4.9, 5.1]
        var options = SPCOptions()
        options.direction = .decrease
        let chart = SPCChart(values: rising, options: options)
        for i in 12..<19 {
            #expect(chart.points[i].specialCause == "7 Point Trend (Increasing)", "point \(i): \(chart.points[i].specialCause)")
            #expect(chart.points[i].pointType == .specialCauseConcern)
        }
        #expect(chart.points.enumerated().allSatisfy { (12..<19).contains($0.offset) || $0.element.pointType == .commonCause })
        var tied = rising
        tied[15] = tied[14]     // 4.8 after 4.8: the run is broken
        #expect(!SPCChart(values: tied, options: options).points.contains { $0.specialCause.hasPrefix("7 Point Trend") })
    }

    /// Seven points below the centre, then seven above, are shifts; a point exactly on the centre
    /// breaks a run.
    @Test func shiftsAndPointsOnTheCentre() {
        // Centre 45.2, moving ranges about 4.2: limits about 45 ± 11, all points inside.
        let y: [Double] = [40, 44, 38, 42, 39, 43, 41, 50, 47, 52, 48, 53, 49, 47]
        let chart = SPCChart(values: y)
        #expect(chart.points[0..<7].allSatisfy { $0.specialCause == "7 Points Below CL" && $0.pointType == .specialCauseNeutralLow })
        #expect(chart.points[7...].allSatisfy { $0.specialCause == "7 Points Above CL" && $0.pointType == .specialCauseNeutralHigh })
        // The same with 45 at position 11: the values sum to 630, so the centre is exactly 45 and the
        // high points form runs of three, not seven; the low run of seven remains.
        let broken: [Double] = [40, 44, 38, 42, 39, 43, 41, 50, 47, 52, 45, 53, 49, 47]
        let c = SPCChart(values: broken)
        #expect(c.points[0].mean == 45)
        #expect(c.points[0..<7].allSatisfy { $0.specialCause == "7 Points Below CL" })
        #expect(c.points[7...].allSatisfy { $0.pointType == .commonCause })
    }

    /// A rebase at the first point changes nothing; fix-after-N sets the centre and limits from the
    /// first N points only.
    @Test func rebaseAtTheFirstPointAndFixAfter() {
        let plain = SPCChart(values: Self.a1)
        let rebased = SPCChart(values: Self.a1, rebases: [0])
        #expect(plain.points == rebased.points)
        var options = SPCOptions()
        options.fixAfter = 12
        let fixed = SPCChart(values: Self.a1, options: options)
        let first12 = Array(Self.a1.prefix(12))
        let mean = first12.reduce(0, +) / 12
        let ranges = (1..<12).map { abs(first12[$0] - first12[$0 - 1]) }
        let amr = ranges.reduce(0, +) / 11
        #expect(ranges.allSatisfy { $0 < 3.267 * amr })    // nothing screened out here
        #expect(abs(fixed.points[19].mean - mean) < 1e-12 && abs(fixed.points[19].upperLimit! - (mean + 2.66 * amr)) < 1e-12)
    }

    /// A single point has no moving range: no limits (nil, never NaN), common cause, and a warning.
    @Test func singlePointGroup() {
        let chart = SPCChart(values: [3, 4, 5, 4, 7], rebases: [4])
        let last = chart.points[4]
        #expect(last.lowerLimit == nil && last.upperLimit == nil && last.pointType == .commonCause)
        #expect(chart.warnings == [.trialLimits(group: 1, points: 4), .trialLimits(group: 2, points: 1), .singlePoint(group: 2)])
    }

    /// The latest point alone (what the `spc` flag asks) is the whole chart's last point, field for field
    /// and bit for bit, when it is outside the limits, and nil when it is not: above and below, every
    /// direction, screened or not, fixed limits, a chart whose last point is inside but flagged by
    /// another rule, and one without limits.
    @Test func lastPointOutsideLimitsIsTheChartsLast() {
        var cases: [[Double]] = []
        for (k, jump) in [10.0, -10, 0.3, 2.9, -3.1].enumerated() {
            var y = Self.a1
            y[19] += jump + Double(k) * 1e-3
            cases.append(y)
        }
        cases.append([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])          // a trend: the last point is special cause, not outside
        cases.append([4, 4, 4, 4, 4, 4, 4, 4, 5])              // screening leaves zero-width limits: the last point is outside
        cases.append([3])                                      // one point: no limits
        var outside = 0
        for y in cases {
            for direction in [SPCOptions.Direction.neutral, .increase, .decrease] {
                for screen in [true, false] {
                    for fixAfter in [nil, 6] as [Int?] {
                        var options = SPCOptions()
                        options.direction = direction
                        options.screenOutliers = screen
                        options.fixAfter = fixAfter
                        let whole = SPCChart(values: y, options: options).points.last!
                        let latest = SPCChart.lastPointOutsideLimits(y, options: options)
                        if whole.outsideLimits {
                            outside += 1
                            #expect(latest == whole, "\(y.last!) \(direction) \(screen) \(String(describing: fixAfter))")
                            #expect(latest?.mean.bitPattern == whole.mean.bitPattern && latest?.upperLimit?.bitPattern == whole.upperLimit?.bitPattern)
                        } else {
                            #expect(latest == nil, "\(y.last!) \(direction) \(screen) \(String(describing: fixAfter))")
                        }
                    }
                }
            }
        }
        #expect(outside >= 24)    // the ±10 jumps at least, in every variant
    }
}
