import ClinicData
import ClinicDetection
import ClinicModels
import Foundation

/// The plain-English summary of a trend fit. Every slope names its period; every amount is in the
/// metric's unit (counts, percentage points for percentages, per 10,000 for rates; % for count models
/// fitted on the log scale); and the long-run sentence says so when the last 12 months of data moved
/// the other way.
extension TrendFit {
    /// Up to three sentences:
    /// 1. the latest value and its change on a year earlier, from the data;
    /// 2. the recent direction (local linear trend at the latest month);
    /// 3. the trend model's slope for its current period (since the latest intervention, or over the
    ///    whole span), with the step at the intervention and the slope before it.
    ///
    /// "Children looked after: 303 in October 2026, up 7 (2.4%) on October 2025. Recent direction (to
    /// October 2026): rising by about 1.1 a month (95% CI 0.2 to 2). Since the edge-of-care service began in April
    /// 2022: no clear trend (about −0.62 a month, 95% CI −1.7 to 0.49); before it, rising by about 0.84
    /// a month (95% CI 0.26 to 1.4)."
    public func sentence(definition: MetricDefinition) -> String {
        let label = definition.label
        if model == .none { return "\(label): \(warnings.last ?? "no model could be fitted")." }
        let unit = definition.unit
        let level = Int((confidenceLevel * 100).rounded())
        var sentences = [String]()

        // 1. The data.
        if let change = yearOnYear {
            let difference = change.difference
            var movement: String
            if difference == 0 {
                movement = "the same as in \(Wording.monthName(change.month.advanced(by: -12)))"
            } else {
                movement = "\(difference > 0 ? "up" : "down") \(Wording.amount(abs(difference), unit: unit))"
                // A percentage of a small count (1 to 2 is "100%") misleads; from 20 a year earlier it is told.
                if unit != .percent, abs(change.yearEarlier) >= 20, let percent = change.percent {
                    movement += " (\(Wording.number(abs(percent)))%)"
                }
                movement += " on \(Wording.monthName(change.month.advanced(by: -12)))"
            }
            sentences.append("\(label): \(Wording.value(change.value, unit: unit)) in \(Wording.monthName(change.month)), \(movement).")
        } else {
            sentences.append("\(label).")
        }

        // 2. Which way it is heading now.
        if let recent = recentDirection {
            let adjusted = recent.seasonallyAdjusted ? ", seasonally adjusted" : ""
            sentences.append("Recent direction (to \(Wording.monthName(recent.month))\(adjusted)): \(Self.direction(recent.slopePerMonth, unit: unit, percent: false, level: level)).")
        }

        // 2a. The last 12 months against the 12 before, when the difference is clear (its t test at 5%).
        if let c = yearComparison, c.pValue < 0.05, c.difference != 0 {
            let totals = c.recentTotal != nil && c.previousTotal != nil
            let words = Flag.yearWords(recent: c.recentMean, previous: c.previousMean, months: totals ? 24 : 0, definition: definition)
            sentences.append(words.prefix(1).uppercased() + words.dropFirst() + " (\(Wording.pValue(c.pValue)), allowing for autocorrelation).")
        }

        // 3. The trend model for its current period.
        let percent = model.isLogLinear
        let latest = interventions.last { $0.slopeSince != nil }
        if let slope = latest?.slopeSince ?? slopePerMonth {
            var text: String
            // A count model with a population offset describes the rate per child, not the count.
            let perChild = populationOffset ? "the rate per child " : ""
            if let i = latest {
                text = "Since \(i.label) began in \(Wording.monthName(i.month)): \(perChild)\(Self.direction(slope, unit: unit, percent: percent, level: level))"
                if let change = i.levelChange, change.pValue < 0.05 {
                    let down = change.value < 0
                    let (v, l, h) = down ? Wording.interval(-change.value, -change.upper, -change.lower)
                        : Wording.interval(change.value, change.lower, change.upper)
                    let suffix = percent ? "%" : ""
                    let amount = percent ? "\(v)%" : Wording.amount(abs(change.value), unit: unit, text: v)
                    text += ", after a \(down ? "fall" : "rise") of about \(amount) when it began (\(level)% CI \(l)\(suffix) to \(h)\(suffix))"
                }
                // Before it: since the intervention before (interventions are in date order), or the trend.
                let position = interventions.firstIndex { $0.label == i.label && $0.month == i.month } ?? 0
                let previous = interventions[..<position].last { $0.slopeSince != nil }
                if let before = previous?.slopeSince ?? slopePerMonth {
                    let period = previous.map { " (since \($0.label) began in \(Wording.monthName($0.month)))" } ?? ""
                    text += "; before it\(period), \(Self.direction(before, unit: unit, percent: percent, level: level))"
                }
            } else if let first = firstMonth, let last = lastMonth {
                text = "Trend from \(Wording.monthName(first)) to \(Wording.monthName(last)): \(perChild)\(Self.direction(slope, unit: unit, percent: percent, level: level))"
            } else {
                text = "Trend: \(Self.direction(slope, unit: unit, percent: percent, level: level))"
            }
            // Never contradict the last 12 months of data silently: their average against the 12 before
            // (two single months can say anything), else the latest month against a year earlier.
            if slope.lower > 0 || slope.upper < 0 {
                if let c = yearComparison {
                    if c.pValue < 0.05, c.difference != 0, (slope.value > 0) != (c.difference > 0) {
                        text += " — but the last 12 months averaged \(Wording.value(c.recentMean, unit: unit)) against \(Wording.value(c.previousMean, unit: unit)) in the 12 before"
                    }
                } else if let change = yearOnYear, change.difference != 0, (slope.value > 0) != (change.difference > 0) {
                    text += " — but over the last 12 months the data \(change.difference > 0 ? "rose" : "fell") (\(Wording.value(change.yearEarlier, unit: unit)) to \(Wording.value(change.value, unit: unit)))"
                }
            }
            sentences.append(text + ".")
        }
        return sentences.joined(separator: " ")
    }

    /// "rising by about 4 a month (95% CI 3 to 5)", "no clear trend (about 0.3 a month, 95% CI −0.5 to
    /// 1.1)"; a fall is told as a positive amount with its interval in the same terms.
    static func direction(_ slope: Estimate, unit: MetricDefinition.Unit?, percent: Bool, level: Int) -> String {
        let falling = slope.value < 0
        let clear = slope.lower > 0 || slope.upper < 0
        // A fall is told as a positive amount, with its interval in the same terms.
        let (value, low, high) = clear && falling ? (-slope.value, -slope.upper, -slope.lower) : (slope.value, slope.lower, slope.upper)
        let (v, l, h) = Wording.interval(value, low, high)
        let suffix = percent ? "%" : ""
        let amount = percent ? "\(v)%" : Wording.amount(value, unit: unit, text: v)
        let bounds = "\(level)% CI \(l)\(suffix) to \(h)\(suffix)"
        if !clear { return "no clear trend (about \(amount) a month, \(bounds))" }
        return "\(falling ? "falling" : "rising") by about \(amount) a month (\(bounds))"
    }
}

extension ForecastMethod {
    /// How the intervals were made, in words, for the report.
    public var description: String {
        switch self {
        case .none: return "none"
        case let .studentT(df): return "OLS prediction interval (Student t, \(df) df)"
        case let .armaErrors(process, df):
            return "regression with \(process.wording) errors: the trend plus the error predicted from the last months, Student t interval (\(df) df) from the error process's prediction variance and the coefficients' uncertainty"
        case .robustNormal: return "normal prediction interval from the robust scale and the H1 covariance"
        case let .countNormalApproximation(estimated):
            return "normal approximation on the count scale: variance φ·μ + μ²·Var(η̂) (delta method), φ = \(estimated ? "the Pearson dispersion" : "1"); lower bound at least 0"
        }
    }
}

extension ErrorProcess {
    /// "AR(1) (φ = 0.71)", "ARMA(1,1) (φ = 0.90, θ = −0.40)", "independent".
    public var wording: String {
        func f(_ x: Double) -> String { String(format: "%.2f", x).replacingOccurrences(of: "-", with: "−") }
        switch model {
        case .iid: return "independent"
        case .ar1: return "AR(1) (φ = \(f(phi[0])))"
        case .ar2: return "AR(2) (φ₁ = \(f(phi[0])), φ₂ = \(f(phi[1])))"
        case .arma11: return "ARMA(1,1) (φ = \(f(phi[0])), θ = \(f(theta[0])))"
        }
    }
}
