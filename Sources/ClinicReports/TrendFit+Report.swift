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
        let interventionValues: [JSONValue] = interventions.map { i in
            let fields: [(String, JSONValue)] = [
                ("label", .string(i.label)), ("month", .string(i.month.description)),
                ("level_change", i.levelChange?.json ?? .null), ("slope_change", i.slopeChange?.json ?? .null),
                ("slope_since", i.slopeSince?.json ?? .null),
            ]
            return .object(fields)
        }
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
        members.append(("slope_unit", .string(model.isLogLinear ? "percent_per_month" : "units_per_month")))
        members.append(("slope_per_year", slopePerYear?.json ?? .null))
        members.append(("percent_change_12_months", optional(percentChange12Months)))
        members.append(("first_month", firstMonth.map { JSONValue.string($0.description) } ?? .null))
        members.append(("last_month", lastMonth.map { JSONValue.string($0.description) } ?? .null))
        members.append(("seasonality", .string(seasonality.name)))
        members.append(("seasonal_profile", seasonalProfile.map { JSONValue.array($0.map { .number($0) }) } ?? .null))
        members.append(("interventions", .array(interventionValues)))
        members.append(("confidence_level", .number(confidenceLevel)))
        members.append(("forecast_method", .string(forecastMethod.description)))
        members.append(("scale", optional(scale)))
        members.append(("durbin_watson", optional(durbinWatson)))
        members.append(("warnings", .array(warnings.map { JSONValue.string($0) })))
        return .object(members)
    }

    /// A short block for a person reading a terminal.
    public func text(definition: MetricDefinition) -> String {
        let label = definition.label
        let unit = model.isLogLinear ? "%" : ""
        let level = Int((confidenceLevel * 100).rounded())
        func n(_ x: Double) -> String { String(format: "%.3g", x) }
        func ci(_ e: Estimate) -> String { "\(n(e.value))\(unit) (\(level)% CI \(n(e.lower))\(unit) to \(n(e.upper))\(unit), p \(String(format: "%.2g", e.pValue)))" }
        var lines = [String]()
        let span = firstMonth.map { f in lastMonth.map { " \(f) to \($0)" } ?? "" } ?? ""
        lines.append("\(key)  \(label)  [\(model.rawValue), \(observations) months\(span), seasonality \(seasonality.name)]")
        lines.append("  \(sentence(definition: definition))")
        if let s = slopePerMonth, let y = slopePerYear {
            lines.append("  change per month: \(ci(s)); per year: \(ci(y))")
        }
        if let c = percentChange12Months { lines.append("  fitted change over the last 12 months: \(n(c))%") }
        for i in interventions {
            var parts = [String]()
            if let l = i.levelChange { parts.append("level change \(ci(l))") }
            if let s = i.slopeChange { parts.append("slope change \(ci(s))") }
            lines.append("  \(i.label) (\(i.month)): " + parts.joined(separator: "; "))
        }
        if !forecast.isEmpty {
            lines.append("  forecast: " + forecast.map { "\($0.month) \(n($0.mean)) [\(n($0.lower)), \(n($0.upper))]" }.joined(separator: "; "))
        }
        for w in warnings { lines.append("  warning: \(w)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
