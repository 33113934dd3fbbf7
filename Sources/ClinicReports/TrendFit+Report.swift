import ClinicData
import ClinicIngest
import ClinicModels
import Foundation

extension Seasonality {
    /// `none`, `month_dummies`, `fourier_1`, `fourier_2`, …
    public var name: String {
        switch self {
        case .none: return "none"
        case .monthDummies: return "month_dummies"
        case let .fourier(k): return "fourier_\(k)"
        }
    }
}

extension Estimate {
    var json: JSONValue {
        .object([("value", .number(value)), ("lower", .number(lower)), ("upper", .number(upper)), ("p", .number(pValue))])
    }
}

extension TrendFit {
    /// One series of `clinic fit --json`: the fields and term names of the CLI contract (area, metric,
    /// dimensions, model, n, coefficients with term/estimate/std_error/hac_std_error/p, slope_per_month,
    /// slope_ci, forecast, summary), then the rest of the fit. Absent quantities are null, never NaN.
    public func json(definition: MetricDefinition) -> JSONValue {
        let label = definition.label
        func optional(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }
        let coefficientValues: [JSONValue] = coefficients.map { c in
            let fields: [(String, JSONValue)] = [
                ("term", .string(c.term)), ("estimate", .number(c.estimate)), ("std_error", .number(c.standardError)),
                ("hac_std_error", optional(c.hacStandardError)), ("p", .number(c.pValue)),
            ]
            return .object(fields)
        }
        let forecastValues: [JSONValue] = forecast.map { f in
            let fields: [(String, JSONValue)] = [
                ("month", .string(f.month.description)), ("mean", .number(f.mean)),
                ("lower", .number(f.lower)), ("upper", .number(f.upper)),
            ]
            return .object(fields)
        }
        // Effects of log-linear models are percentages: their field names say so.
        let percent = model.isLogLinear
        let interventionValues: [JSONValue] = interventions.map { i in
            let fields: [(String, JSONValue)] = [
                ("label", .string(i.label)), ("month", .string(i.month.description)),
                (percent ? "level_change_percent" : "level_change", i.levelChange?.json ?? .null),
                (percent ? "slope_change_percent_per_month" : "slope_change_per_month", i.slopeChange?.json ?? .null),
                (percent ? "slope_since_percent_per_month" : "slope_since_per_month", i.slopeSince?.json ?? .null),
                (percent ? "effect_now_percent" : "effect_now", i.effectNow?.json ?? .null),
                ("effect_month", i.effectMonth.map { .string($0.description) } ?? .null),
                ("joint_p_value", i.jointPValue.map { .number($0) } ?? .null),
                ("forecast_damping", i.forecastDamping.map { .number($0) } ?? .null),
            ]
            return .object(fields)
        }
        let errorsValue: JSONValue = errorProcess.map { process in
            .object([
                ("model", .string(process.model.rawValue)), ("ar", .array(process.phi.map { .number($0) })),
                ("ma", .array(process.theta.map { .number($0) })), ("sigma", optional(scale)),
                ("ljung_box_p", optional(ljungBoxPValue)),
            ])
        } ?? .null
        let recentValue: JSONValue = recentDirection.map { r in
            .object([
                ("month", .string(r.month.description)), ("method", .string("local_linear_trend")),
                ("seasonally_adjusted", .bool(r.seasonallyAdjusted)), ("level", r.level.json),
                ("slope_per_month", r.slopePerMonth.json),
                ("variances", .object([("irregular", .number(r.variances.irregular)), ("level", .number(r.variances.level)),
                                       ("slope", .number(r.variances.slope))])),
            ])
        } ?? .null
        let yearOnYearValue: JSONValue = yearOnYear.map { c in
            .object([
                ("month", .string(c.month.description)), ("value", .number(c.value)), ("year_earlier", .number(c.yearEarlier)),
                ("difference", .number(c.difference)), ("percent", optional(c.percent)),
            ])
        } ?? .null
        let yearValue: JSONValue = yearComparison.map { c in
            .object([
                ("month", .string(c.month.description)), ("recent_mean", .number(c.recentMean)), ("previous_mean", .number(c.previousMean)),
                ("recent_months", .integer(c.recentMonths)), ("previous_months", .integer(c.previousMonths)),
                ("recent_total", optional(c.recentTotal)), ("previous_total", optional(c.previousTotal)),
                ("difference", .number(c.difference)), ("percent", optional(c.percent)), ("standard_error", .number(c.standardError)),
                ("autocorrelation", .number(c.autocorrelation)), ("degrees_of_freedom", optional(c.degreesOfFreedom)), ("p", .number(c.pValue)),
            ])
        } ?? .null
        var members: [(String, JSONValue)] = []
        members.append(("area", .string(key.area)))
        members.append(("metric", .string(key.metric)))
        members.append(("dimensions", .object(key.dimensions.map { ($0.name, JSONValue.string($0.value)) })))
        members.append(("model", .string(model.rawValue)))
        members.append(("n", .integer(observations)))
        members.append(("coefficients", .array(coefficientValues)))
        members.append(("slope_per_month", optional(slopePerMonth?.value)))
        members.append(("slope_ci", slopePerMonth.map { JSONValue.array([.number($0.lower), .number($0.upper)]) } ?? .null))
        members.append(("forecast", .array(forecastValues)))
        members.append(("summary", .string(sentence(definition: definition))))
        members.append(("label", .string(label)))
        members.append(("population_offset", .bool(populationOffset)))
        members.append(("slope_unit", .string(model.isLogLinear ? "percent_per_month" : "units_per_month")))
        members.append(("slope_per_year", slopePerYear?.json ?? .null))
        members.append(("fitted_change_12_months_percent", optional(percentChange12Months)))
        members.append(("change_12_months", yearOnYearValue))
        members.append(("year_comparison", yearValue))
        members.append(("recent_direction", recentValue))
        members.append(("errors", errorsValue))
        members.append(("first_month", firstMonth.map { JSONValue.string($0.description) } ?? .null))
        members.append(("last_month", lastMonth.map { JSONValue.string($0.description) } ?? .null))
        members.append(("seasonality", .string(seasonality.name)))
        members.append(("seasonal_profile", seasonalProfile.map { JSONValue.array($0.map { .number($0) }) } ?? .null))
        members.append(("interventions", .array(interventionValues)))
        members.append(("confidence_level", .number(confidenceLevel)))
        members.append(("forecast_method", .string(forecastMethod.description)))
        members.append(("forecast_averaged_over", .array(forecastPlacements.map {
            JSONValue.object([("month", .string($0.month.description)), ("effect", .string($0.effect.rawValue)), ("weight", .number($0.weight))])
        })))
        members.append(("forecast_allows_for", forecastAllowance.map {
            JSONValue.object([("month", .string($0.month.description)), ("weight", .number($0.weight))])
        } ?? .null))
        members.append(("scale", optional(scale)))
        members.append(("durbin_watson", optional(durbinWatson)))
        members.append(("warnings", .array(warnings.map { JSONValue.string($0.text) })))
        return .object(members)
    }

    /// A short block for a person reading a terminal: the sentences, then each estimate with its period,
    /// the error model and why, and the forecast with its method.
    public func text(definition: MetricDefinition) -> String {
        let label = definition.label
        let percent = model.isLogLinear
        let unit = percent ? "%" : ""
        let level = Int((confidenceLevel * 100).rounded())
        func n(_ x: Double) -> String { Wording.significant(x, figures: 3) }
        func ci(_ e: Estimate, _ per: String = "") -> String {
            "\(n(e.value))\(unit)\(per) (\(level)% CI \(n(e.lower))\(unit) to \(n(e.upper))\(unit), \(Wording.pValue(e.pValue)))"
        }
        var lines = [String]()
        let span = firstMonth.map { f in lastMonth.map { " \(f) to \($0)" } ?? "" } ?? ""
        var modelName = model.rawValue
        if let process = errorProcess, process.model != .iid { modelName += " with \(process.wording) errors" }
        if populationOffset { modelName += " per child (log population offset)" }
        lines.append("\(key)  \(label)  [\(modelName), \(observations) months\(span), seasonality \(seasonality.name)]")
        lines.append("  \(sentence(definition: definition))")
        if let s = slopePerMonth {
            let period = interventions.first.map { "trend before \($0.label)" } ?? "trend"
            lines.append("  \(period): \(ci(s, " a month"))")
        }
        for i in interventions {
            var parts = [String]()
            if let l = i.levelChange { parts.append("level change \(ci(l))") }
            if let s = i.slopeChange { parts.append("slope change \(ci(s, " a month"))") }
            if let s = i.slopeSince { parts.append("trend since \(ci(s, " a month"))") }
            if let e = i.effectNow, let m = i.effectMonth, i.levelChange != nil && i.slopeChange != nil {
                parts.append("\(Wording.monthName(m)) against the trend before it: \(ci(e))")
            }
            if let p = i.jointPValue { parts.append("step and slope change together \(Wording.pValue(p))") }
            lines.append("  \(i.label) (\(Wording.monthName(i.month))): " + parts.joined(separator: "; "))
        }
        if let r = recentDirection {
            let adjusted = r.seasonallyAdjusted ? ", seasonally adjusted" : ""
            lines.append("  recent direction (local linear trend at \(Wording.monthName(r.month))\(adjusted)): level \(n(r.level.value)), "
                + "slope \(n(r.slopePerMonth.value)) a month (\(level)% CI \(n(r.slopePerMonth.lower)) to \(n(r.slopePerMonth.upper)))")
        }
        if let c = yearOnYear {
            let relative = c.percent.map { " (\(n($0))%)" } ?? ""
            lines.append("  change on a year earlier (data): \(c.difference >= 0 ? "+" : "")\(n(c.difference))\(relative), \(n(c.yearEarlier)) to \(n(c.value))")
        }
        if let process = errorProcess {
            var why = ljungBoxPValue.map { "Ljung–Box on the OLS residuals \(Wording.pValue($0))" } ?? ""
            if let dw = durbinWatson { why += (why.isEmpty ? "" : ", ") + "Durbin–Watson \(n(dw))" }
            lines.append("  errors: \(process.wording)\(why.isEmpty ? "" : " (\(why))")")
        }
        if !forecast.isEmpty {
            var averaged = placementsWording.map { "; \($0)" } ?? ""
            if let rho = forecastSlopeDamping {
                averaged += "; a change of slope found in the data carried on damped by \(n(rho)) a month"
            }
            if let allowance = forecastAllowance {
                averaged += "; ranges widened for a change in \(allowance.month) not clear enough to follow (weight \(n(allowance.weight)))"
            }
            lines.append("  forecast (\(forecastMethod.description)\(averaged)):")
            lines.append("    " + forecast.map { "\($0.month) \(n($0.mean)) [\(n($0.lower)), \(n($0.upper))]" }.joined(separator: "; "))
        }
        for w in warnings { lines.append("  warning: \(w.text)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TrendFit {
    /// How the forecast was averaged over the months and forms of a change (``forecastPlacements``), or
    /// nil: "averaged over the change placed in each month from June 2025 to February 2026, as a step
    /// alone (55% of the weight) and as a step with a change of slope (45%), each weighted by how well it
    /// fits the data for its number of terms (a step in October 2025 carries 18%)"; when the step alone
    /// was also placed at months too near the end for a change of slope, "… from June 2025 to February
    /// 2026 as a step alone or as a step with a change of slope, and from June to August 2026 as a step
    /// alone (too near the end for a change of slope): the step alone carries 57% of the weight …".
    package var placementsWording: String? {
        guard let first = forecastPlacements.first, let last = forecastPlacements.last,
              let heaviest = forecastPlacements.max(by: { $0.weight < $1.weight }) else { return nil }
        func percent(_ w: Double) -> Int { Int((100 * w).rounded()) }
        let stepAlone = forecastPlacements.filter { $0.effect == .level }.reduce(0) { $0 + $1.weight }
        let bothForms = Set(forecastPlacements.map(\.effect)).count > 1
        let forms = bothForms
            ? ", as a step alone (\(percent(stepAlone))% of the weight) and as a step with a change of slope (\(percent(1 - stepAlone))%),"
            : ","
        let what = bothForms ? (heaviest.effect == .level ? "a step in " : "a step and a change of slope in ") : ""
        // A step alone is also placed at the last months, where a change of slope cannot be (it needs
        // more months after it): then those months are told apart.
        let slopeMonths = forecastPlacements.filter { $0.effect == .both }.map(\.month)
        if bothForms, let c = slopeMonths.min(), let d = slopeMonths.max(),
           case let lateSteps = forecastPlacements.filter({ $0.effect == .level && $0.month > d }).map(\.month),
           let e = lateSteps.min(), let f = lateSteps.max() {
            return "averaged over the change placed in each month from \(Wording.monthName(c)) to \(Wording.monthName(d)) as a step alone or as a "
                + "step with a change of slope, and \(e == f ? "in \(Wording.monthName(e))" : "from \(Wording.monthName(e)) to \(Wording.monthName(f))") as a step alone (too near the end for "
                + "a change of slope): the step alone carries \(percent(stepAlone))% of the weight and the step with a change of slope "
                + "\(percent(1 - stepAlone))%, each weighted by how well it fits the data for its number of terms "
                + "(\(what)\(Wording.monthName(heaviest.month)) carries \(percent(heaviest.weight))%)"
        }
        return "averaged over the change placed in each month from \(Wording.monthName(first.month)) to \(Wording.monthName(last.month))\(forms) "
            + "each weighted by how well it fits the data\(bothForms ? " for its number of terms" : "") (\(what)\(Wording.monthName(heaviest.month)) carries \(percent(heaviest.weight))%\(bothForms ? "" : " of the weight"))"
    }
}
