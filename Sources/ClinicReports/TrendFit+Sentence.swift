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
        if model == .none { return "\(label): \(warnings.last?.text ?? "no model could be fitted")." }
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
            if let i = interventions.last, i.label == ChangeFollowingFit.label, i.slopeChange == nil,
               let now = i.effectNow, let month = i.effectMonth {
                // A followed change that is a step alone (its change of slope was not clear): where the
                // series stands against the trend before it, which carries on through it.
                text = "Since \(i.label) in \(Wording.monthName(i.month)): \(perChild)\(Self.gap(now, month: month, unit: unit, percent: percent, level: level))"
                text += "; a step, \(Wording.pValue(now.pValue)), with no clear change of trend)"
                let period = latest.map { " (since \($0.label) began in \(Wording.monthName($0.month)))" } ?? ""
                text += "; the trend before and after it\(period), \(Self.direction(slope, unit: unit, percent: percent, level: level))"
            } else if let i = latest, i.label == ChangeFollowingFit.label, let now = i.effectNow, let month = i.effectMonth {
                // A change the model follows because its step and change of slope are clear together:
                // told by where the series now stands against the trend before it (one figure, and the
                // figure the agenda's "rising since" and the forecast rest on), not by the two terms,
                // each of which is often unclear alone.
                text = "Since \(i.label) in \(Wording.monthName(i.month)): \(perChild)\(Self.gap(now, month: month, unit: unit, percent: percent, level: level))"
                text += i.jointPValue.map { "; the step and the change of slope together \(Wording.pValue($0)))" } ?? ")"
                if slope.lower > 0 || slope.upper < 0 { text += "; since then \(Self.direction(slope, unit: unit, percent: percent, level: level))" }
                text += before(i, percent: percent, level: level)
            } else if let i = latest {
                text = "Since \(i.label) began in \(Wording.monthName(i.month)): \(perChild)\(Self.direction(slope, unit: unit, percent: percent, level: level))"
                if let change = i.levelChange, change.pValue < 0.05 {
                    let down = change.value < 0
                    let (v, l, h) = down ? Wording.supported(-change.value, -change.upper, -change.lower)
                        : Wording.supported(change.value, change.lower, change.upper)
                    let suffix = percent ? "%" : ""
                    let amount = percent ? "\(v)%" : Wording.amount(abs(change.value), unit: unit, text: v)
                    text += ", after a \(down ? "fall" : "rise") of about \(amount) when it began (\(level)% CI \(l)\(suffix) to \(h)\(suffix))"
                }
                text += before(i, percent: percent, level: level)
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

        /// "; before it, rising by …": the slope since the intervention before `i` (interventions are in
        /// date order), or the trend.
        func before(_ i: InterventionEffect, percent: Bool, level: Int) -> String {
            let position = interventions.firstIndex { $0.label == i.label && $0.month == i.month } ?? 0
            let previous = interventions[..<position].last { $0.slopeSince != nil }
            guard let slope = previous?.slopeSince ?? slopePerMonth else { return "" }
            let period = previous.map { " (since \($0.label) began in \(Wording.monthName($0.month)))" } ?? ""
            return "; before it\(period), \(Self.direction(slope, unit: unit, percent: percent, level: level))"
        }
    }

    /// "rising by about 4 a month (95% CI 3 to 5)", "no clear trend (about 0.3 a month, 95% CI −0.5 to
    /// 1.1)"; a fall is told as a positive amount with its interval in the same terms. Figures are
    /// rounded to what the interval supports (``Wording/supported(_:_:_:)``), and a slope whose
    /// interval lies within ±0.1 a month is told a year ("no clear trend (about −0.07 percentage points
    /// a year, 95% CI −0.17 to 0.03)", not "−0.0058 … a month, 95% CI −0.014 to 0.0022"); a year of a
    /// count model's % a month compounds, `100·((1 + r/100)¹² − 1)`.
    static func direction(_ slope: Estimate, unit: MetricDefinition.Unit?, percent: Bool, level: Int) -> String {
        let (s, period) = Wording.readablePeriod(slope, compounding: percent)
        let falling = s.value < 0
        let clear = s.lower > 0 || s.upper < 0
        // A fall is told as a positive amount, with its interval in the same terms.
        let (value, low, high) = clear && falling ? (-s.value, -s.upper, -s.lower) : (s.value, s.lower, s.upper)
        let (v, l, h) = Wording.supported(value, low, high)
        let suffix = percent ? "%" : ""
        let amount = percent ? "\(v)%" : Wording.amount(value, unit: unit, text: v)
        let bounds = "\(level)% CI \(l)\(suffix) to \(h)\(suffix)"
        if !clear { return "no clear trend (about \(amount) \(period), \(bounds))" }
        return "\(falling ? "falling" : "rising") by about \(amount) \(period) (\(bounds))"
    }

    /// "by October 2026 about 62% above the trend before it (95% CI 25% to 111%": an intervention's
    /// ``InterventionEffect/effectNow`` in words, a fall as a positive amount (the caller closes the
    /// parenthesis, after what it adds).
    static func gap(_ e: Estimate, month: Month, unit: MetricDefinition.Unit?, percent: Bool, level: Int) -> String {
        let below = e.value < 0
        let (value, low, high) = below ? (-e.value, -e.upper, -e.lower) : (e.value, e.lower, e.upper)
        let (v, l, h) = Wording.supported(value, low, high)
        let suffix = percent ? "%" : ""
        let amount = percent ? "\(v)%" : Wording.amount(value, unit: unit, text: v)
        let clear = e.lower > 0 || e.upper < 0
        let side = clear ? (below ? "below" : "above") : (below ? "below (not clearly)" : "above (not clearly)")
        return "by \(Wording.monthName(month)) about \(amount) \(side) the trend before it (\(level)% CI \(l)\(suffix) to \(h)\(suffix)"
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
        func f(_ x: Double) -> String { (x.sign == .minus ? "−" : "") + FixedPoint.text(abs(x), decimals: 2) }
        switch model {
        case .iid: return "independent"
        case .ar1: return "AR(1) (φ = \(f(phi[0])))"
        case .ar2: return "AR(2) (φ₁ = \(f(phi[0])), φ₂ = \(f(phi[1])))"
        case .arma11: return "ARMA(1,1) (φ = \(f(phi[0])), θ = \(f(theta[0])))"
        }
    }
}
