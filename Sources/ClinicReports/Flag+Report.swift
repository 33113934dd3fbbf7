import ClinicData
import ClinicDetection
import Foundation

extension Flag {
    /// A level change in the words the summary and the agenda both use: "a step up in October 2025,
    /// from about 15.3 to 22.3"; nil unless the flag is a level change that moved.
    public func stepWords(unit: MetricDefinition.Unit?) -> String? {
        guard let change, change.kind == .level, change.after != change.before else { return nil }
        return "a step \(change.after > change.before ? "up" : "down") in \(Wording.monthName(month)), from about "
            + "\(Wording.value(change.before, unit: unit)) to \(Wording.value(change.after, unit: unit))"
    }

    /// One sentence a head of service can read out:
    /// "Police protection periods rose to 19 in March 2026, above the 99.9% range 4–14 expected from the
    /// last 3 years."
    public func sentence(definition: MetricDefinition) -> String {
        let label = definition.label
        let unit = definition.unit
        func value(_ x: Double?) -> String { x.map { Wording.value($0, unit: unit) } ?? "–" }
        let when = Wording.monthName(month)
        switch method {
        case .forecast:
            let above = (observed ?? 0) > (expected ?? 0)
            let years = history.map { $0 >= 24 && $0 % 12 == 0 ? "the \($0 / 12) years before" : "the \($0) months before" } ?? "the months before"
            let percent = Wording.significant((level ?? 0.95) * 100, figures: 3)
            let (y, low, high) = Wording.outside(observed ?? 0, range: lower ?? 0, upper ?? 0, unit: unit)
            return "\(label): \(y) in \(when), \(above ? "above" : "below") the \(percent)% range \(low)–\(high) expected from \(years)."
        case .spc:
            let chartName = chart == "innovations"
                ? "the XmR chart of the trend model's one-step errors (limits shown around its prediction)"
                : "the XmR chart of what the trend model does not explain (limits shown around its fitted value)"
            let side = (observed ?? 0) > (expected ?? 0) ? "above" : "below"
            let (y, low, high) = Wording.outside(observed ?? 0, range: lower ?? 0, upper ?? 0, unit: unit)
            return "\(label): \(y) in \(when), \(side) the limits \(low)–\(high) of \(chartName)."
        case .outlier:
            let q = qValue.map { $0 < 0.001 ? "q < 0.001" : "q = \(Wording.significant($0, figures: 2))" } ?? ""
            let higher = (observed ?? 0) > (expected ?? 0)
            let basis = chart == "months_before" ? "the months before predicted" : "the rest of the series implies"
            return "\(label): \(value(observed)) in \(when), \(higher ? "well above" : "well below") the \(value(expected)) \(basis) (\(q) across every month tested)."
        case .sustained:
            return "\(label): \(Flag.yearWords(recent: observed ?? 0, previous: expected ?? 0, months: history ?? 0, definition: definition))."
        case .changepoint:
            guard let change else { return "\(label) changed in \(when)." }
            var beside = ""
            if let known = change.nearIntervention {
                let gap = month.distance(to: known.month)
                let began = "\(known.label) began"
                switch gap {
                case 0: beside = ", the month \(began)"
                case 1: beside = ", the month before \(began) (\(Wording.monthName(known.month)))"
                case 2...: beside = ", \(gap) months before \(began) (\(Wording.monthName(known.month)))"
                case -1: beside = ", the month after \(began) (\(Wording.monthName(known.month)))"
                default: beside = ", \(-gap) months after \(began) (\(Wording.monthName(known.month)))"
                }
            }
            switch change.kind {
            case .level:
                return "\(label): the level changed in \(when) from about \(value(change.before)) to \(value(change.after))\(beside)."
            case .trend:
                func slope(_ x: Double) -> String { (x >= 0 ? "+" : "−") + Wording.amount(abs(x), unit: unit) }
                return "\(label): the trend changed in \(when) from about \(slope(change.before)) to \(slope(change.after)) a month\(beside)."
            }
        }
    }

    /// The last 12 months against the 12 before, in the measure's terms: totals for a count of events
    /// when both years are complete ("278 in the last 12 months against 183 in the 12 before, up
    /// 52%"), averages otherwise ("averaged 315 over the last 12 months against 292 in the 12 before, up
    /// 7.9%"); percentages change in points.
    /// Whether a measure's year is told as a total (a count of events) rather than an average (a stock,
    /// a percentage, a rate): the agenda's sentences and the summary's column share this rule.
    static func yearIsTotalled(_ definition: MetricDefinition) -> Bool {
        definition.unit == .count && definition.kind != .stock
    }

    static func yearWords(recent: Double, previous: Double, months: Int, definition: MetricDefinition) -> String {
        let unit = definition.unit
        let totals = yearIsTotalled(definition) && months == 24
        let (a, b) = totals ? ((recent * 12).rounded(), (previous * 12).rounded()) : (recent, previous)
        let difference = a - b
        var change: String
        if unit == .percent {
            change = difference == 0 ? "no change" : "\(difference > 0 ? "up" : "down") \(Wording.amount(abs(difference), unit: unit))"
        } else if b != 0 {
            change = difference == 0 ? "no change" : "\(difference > 0 ? "up" : "down") \(Wording.number(abs(100 * difference / b)))%"
        } else {
            change = difference > 0 ? "up from none" : "no change"
        }
        if totals {
            return "\(Wording.value(a, unit: unit)) in the last 12 months against \(Wording.value(b, unit: unit)) in the 12 before, \(change)"
        }
        return "averaged \(Wording.value(a, unit: unit)) over the last 12 months against \(Wording.value(b, unit: unit)) in the 12 before, \(change)"
    }

    /// One flag of `clinic flags --json` (the CLI contract's fields, then the chart and change details).
    public func json(definition: MetricDefinition) -> JSONValue {
        func optional(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }
        var fields: [(String, JSONValue)] = [
            ("area", .string(key.area)), ("metric", .string(key.metric)),
            ("dimensions", .object(key.dimensions.map { ($0.name, JSONValue.string($0.value)) })),
            ("month", .string(month.description)), ("method", .string(method.rawValue)), ("rule", .string(rule)),
            ("observed", optional(observed)), ("expected", optional(expected)), ("lower", optional(lower)), ("upper", optional(upper)),
            ("direction", .string(direction.rawValue)), ("severity", .string(severity.rawValue)), ("q_value", optional(qValue)),
            ("sentence", .string(sentence(definition: definition))), ("size", .number(size)),
        ]
        if let level { fields.append(("level", .number(level))) }
        if let chart { fields.append(("chart", .string(chart))) }
        if let change {
            var described: [(String, JSONValue)] = [("kind", .string(change.kind.rawValue)), ("before", .number(change.before)),
                                                    ("after", .number(change.after))]
            if let known = change.nearIntervention {
                described.append(("near_intervention", .object([("label", .string(known.label)), ("month", .string(known.month.description))])))
            }
            fields.append(("change", .object(described)))
        }
        return .object(fields)
    }
}
