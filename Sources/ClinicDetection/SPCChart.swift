import ClinicData
import Foundation

/// Settings of an XmR chart (NHS England's "Making Data Count").
public struct SPCOptions: Sendable, Equatable {
    /// Which way is better: it turns "high" and "low" special causes into improvement or concern.
    public enum Direction: String, Sendable, CaseIterable {
        case increase, decrease, neutral

        /// The better direction of a measure of this polarity.
        public init(_ polarity: MetricDefinition.Polarity) {
            switch polarity {
            case .higherBetter: self = .increase
            case .lowerBetter: self = .decrease
            case .neutral: self = .neutral
            }
        }
    }

    public var direction: Direction = .neutral
    /// Leave moving ranges of 3.267 × their mean or more out of the limits (the default, as
    /// NHSRplotthedots does); off reproduces the Excel tools, which do not screen.
    public var screenOutliers = true
    /// Fix the centre and limits on the first N points of each group (N ≥ 12); nil: all points.
    public var fixAfter: Int?
    /// A target for the assurance icon (not with a neutral direction).
    public var target: Double?

    public init() {}
}

/// How a point is classed: the colours of a Making Data Count chart.
public enum SPCPointType: String, Sendable, CaseIterable {
    case commonCause = "common_cause"
    case specialCauseImprovement = "special_cause_improvement"
    case specialCauseConcern = "special_cause_concern"
    case specialCauseNeutralHigh = "special_cause_neutral_high"
    case specialCauseNeutralLow = "special_cause_neutral_low"
}

/// Whether the process will meet a target, judged from the last group's limits.
public enum SPCAssurance: String, Sendable {
    case consistentPass = "consistent_pass"
    case consistentFail = "consistent_fail"
    case inconsistent
}

/// One point of an XmR chart.
public struct SPCPoint: Sendable, Equatable {
    public let value: Double
    /// The group (0 for the first; a rebase starts a new one).
    public let group: Int
    /// Centre line and process limits of the point's group; nil limits when the group has no
    /// moving range (a single point).
    public let mean: Double
    public let lowerLimit: Double?
    public let upperLimit: Double?
    /// Strictly beyond a process limit.
    public let outsideLimits: Bool
    /// Not outside, but strictly beyond a near limit (two thirds of the way from the centre).
    public let closeToLimits: Bool
    /// NHSRplotthedots' label of the rule that flags it: "Above UCL", "Below LCL",
    /// "7 Point Trend (Increasing)", "7 Point Trend (Decreasing)", "2 in 3 Above CL", "2 in 3 Below CL",
    /// "7 Points Above CL", "7 Points Below CL", or "Common Cause".
    public let specialCause: String
    public let pointType: SPCPointType
}

/// An XmR chart computed exactly as NHSRplotthedots 0.2 computes it (docs/METHODS.md, "SPC").
///
/// Contract, per group (consecutive points between rebases, in the order given, which the caller
/// sorts by date): centre = mean of the group's first `fixAfter` points (all by default); moving ranges
/// `|y_i − y_{i−1}|` over the same points, their mean `amr`; with screening, moving ranges not strictly
/// below `3.267·amr` are dropped and `amr` recomputed; limits `centre ± 2.66·amr`, near limits
/// `centre ± (2/3)·2.66·amr`, not clipped at zero. Rules within a group, labelled with precedence
/// outside > trend > two in three > shift: (1) a point strictly outside the limits; (2) seven
/// consecutive points each strictly higher (or lower) than the one before, all seven flagged; (3) in
/// a window of three points all on one side of the centre, at least two close to the limits, those
/// close ones flagged; (4) seven or more consecutive points on one side of the centre (a point on the
/// centre breaks the run). The variation icon is the last point's type; assurance compares the target
/// with the last group's limits.
public struct SPCChart: Sendable {
    public let points: [SPCPoint]
    public let options: SPCOptions
    /// The last point's type (nil for an empty chart).
    public var variation: SPCPointType? { points.last?.pointType }
    /// Against the target (nil without a target, with a neutral direction, or without limits).
    public let assurance: SPCAssurance?
    /// Groups with fewer than 13 points (their limits are trial limits), and groups without limits.
    public let warnings: [Warning]

    /// What a chart's reader must be told about its limits (worded in ClinicReports).
    public enum Warning: Sendable, Equatable {
        /// Group `group` (from 1) has `points` points, fewer than 13: its limits are trial limits.
        case trialLimits(group: Int, points: Int)
        /// Group `group` (from 1) has a single point: no moving range, so no limits.
        case singlePoint(group: Int)
    }

    /// The chart of `values` (in date order), with a new group starting at each index in `rebases`.
    public init(values: [Double], rebases: Set<Int> = [], options: SPCOptions = SPCOptions()) {
        self.options = options
        var starts = [0]
        for i in rebases.sorted() where i > 0 && i < values.count { starts.append(i) }
        var points = [SPCPoint]()
        var warnings = [Warning]()
        for (g, start) in starts.enumerated() {
            let end = g + 1 < starts.count ? starts[g + 1] : values.count
            guard start < end else { continue }
            let group = Array(values[start..<end])
            if group.count < 13 {
                warnings.append(.trialLimits(group: g + 1, points: group.count))
            }
            if group.count < 2 { warnings.append(.singlePoint(group: g + 1)) }
            points += Self.chartGroup(group, index: g, options: options)
        }
        self.points = points
        self.warnings = warnings
        if let target = options.target, let last = points.last, let lower = last.lowerLimit, let upper = last.upperLimit {
            assurance = Self.assurance(target: target, lower: lower, upper: upper, direction: options.direction)
        } else {
            assurance = nil
        }
    }

    /// A target beyond the upper limit is always missed when higher is better (always met when lower
    /// is better), below the lower limit the opposite, between them sometimes; nil when neutral.
    public static func assurance(target: Double, lower: Double, upper: Double, direction: SPCOptions.Direction) -> SPCAssurance? {
        guard direction != .neutral else { return nil }
        let increasing = direction == .increase
        if target > upper { return increasing ? .consistentFail : .consistentPass }
        if target < lower { return increasing ? .consistentPass : .consistentFail }
        return .inconsistent
    }

    /// A group's centre line and limits (nil limits without a moving range), per the contract above.
    struct GroupLimits {
        let mean: Double
        let lower: Double?, upper: Double?, nearLower: Double?, nearUpper: Double?

        init(_ y: [Double], options: SPCOptions) {
            let fixed = Array(y.prefix(options.fixAfter ?? y.count))
            mean = fixed.reduce(0, +) / Double(fixed.count)
            var ranges = (1..<max(1, fixed.count)).map { abs(fixed[$0] - fixed[$0 - 1]) }
            var amr: Double? = ranges.isEmpty ? nil : ranges.reduce(0, +) / Double(ranges.count)
            if options.screenOutliers, let a = amr {
                ranges = ranges.filter { $0 < 3.267 * a }
                amr = ranges.isEmpty ? nil : ranges.reduce(0, +) / Double(ranges.count)
            }
            let limit = 2.66, near = 2 * (2.66 / 3), mean = mean
            lower = amr.map { mean - limit * $0 }; upper = amr.map { mean + limit * $0 }
            nearLower = amr.map { mean - near * $0 }; nearUpper = amr.map { mean + near * $0 }
        }

        /// Strictly beyond a process limit.
        func outside(_ v: Double) -> Bool { (upper.map { v > $0 } ?? false) || (lower.map { v < $0 } ?? false) }
    }

    /// The last point of the chart of `values` as one group (no rebases), when it is outside the limits;
    /// nil otherwise. The same point, bit for bit, as the last of ``points`` of
    /// `SPCChart(values: values, options: options)`: outside the limits, no other rule can label it, so
    /// the rules need not run (the exceptions ask this of every series).
    public static func lastPointOutsideLimits(_ values: [Double], options: SPCOptions = SPCOptions()) -> SPCPoint? {
        guard let v = values.last else { return nil }
        let limits = GroupLimits(values, options: options)
        guard limits.outside(v) else { return nil }
        let high = v > limits.mean
        return SPCPoint(value: v, group: 0, mean: limits.mean, lowerLimit: limits.lower, upperLimit: limits.upper, outsideLimits: true,
                        closeToLimits: false, specialCause: high ? "Above UCL" : "Below LCL",
                        pointType: pointType(side: high ? 1 : -1, options.direction))
    }

    static func chartGroup(_ y: [Double], index: Int, options: SPCOptions) -> [SPCPoint] {
        let n = y.count
        let limits = GroupLimits(y, options: options)
        let mean = limits.mean, lower = limits.lower, upper = limits.upper
        let nearLower = limits.nearLower, nearUpper = limits.nearUpper

        let outside = y.map { limits.outside($0) }
        let relative = y.map { v -> Int in v > mean ? 1 : (v < mean ? -1 : 0) }
        let close = y.indices.map { i in
            !outside[i] && ((nearLower.map { y[i] < $0 } ?? false) || (nearUpper.map { y[i] > $0 } ?? false))
        }
        let trend = SPCRules.partOfSeven(SPCRules.sevenPointTrend(y))
        let twoInThree = zip(SPCRules.twoInThree(close: close, relativeToMean: relative), close).map { $0 && $1 }
        let shift = SPCRules.partOfSeven(SPCRules.sevenOnOneSide(relative))

        return y.indices.map { i in
            // The rule's label and the side it marks (+1 high, −1 low, 0 common cause).
            let label: String, side: Int
            if outside[i] {
                (label, side) = relative[i] == 1 ? ("Above UCL", 1) : ("Below LCL", -1)
            } else if trend[i] {
                // The direction of the step to the next point when that point is in the trend too,
                // else of the step from the previous one (NHSRplotthedots' rule; no step reads "Decreasing").
                let step: Double
                if i + 1 < n && trend[i + 1] { step = y[i + 1] - y[i] } else { step = i > 0 ? y[i] - y[i - 1] : 0 }
                (label, side) = step > 0 ? ("7 Point Trend (Increasing)", 1) : ("7 Point Trend (Decreasing)", -1)
            } else if twoInThree[i] {
                (label, side) = relative[i] > 0 ? ("2 in 3 Above CL", 1) : ("2 in 3 Below CL", -1)
            } else if shift[i] {
                (label, side) = relative[i] > 0 ? ("7 Points Above CL", 1) : ("7 Points Below CL", -1)
            } else {
                (label, side) = ("Common Cause", 0)
            }
            return SPCPoint(value: y[i], group: index, mean: mean, lowerLimit: lower, upperLimit: upper, outsideLimits: outside[i],
                            closeToLimits: close[i], specialCause: label, pointType: pointType(side: side, options.direction))
        }
    }

    /// The point type from the side the rule marks: high (+1, "Above"/"Increasing"), low (−1,
    /// "Below"/"Decreasing") or none (0, common cause), read against the improvement direction.
    static func pointType(side: Int, _ direction: SPCOptions.Direction) -> SPCPointType {
        guard side != 0 else { return .commonCause }
        switch direction {
        case .neutral: return side > 0 ? .specialCauseNeutralHigh : .specialCauseNeutralLow
        case .increase: return side > 0 ? .specialCauseImprovement : .specialCauseConcern
        case .decrease: return side < 0 ? .specialCauseImprovement : .specialCauseConcern
        }
    }
}
