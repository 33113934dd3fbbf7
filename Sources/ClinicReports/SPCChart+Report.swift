import ClinicData
import ClinicDetection
import Foundation

extension SPCChart {
    /// `clinic spc --json`: NHSRplotthedots' field names, one point per input row in date order;
    /// limits of a group without moving ranges are null.
    public func json(dates: [Day?]) -> JSONValue {
        func optional(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }
        let values: [JSONValue] = points.indices.map { i in
            let p = points[i]
            let fields: [(String, JSONValue)] = [
                ("date", dates[i].map { JSONValue.string($0.iso) } ?? .null), ("value", .number(p.value)),
                ("mean", .number(p.mean)), ("lpl", optional(p.lowerLimit)), ("upl", optional(p.upperLimit)),
                ("outside_limits", .bool(p.outsideLimits)), ("close_to_limits", .bool(p.closeToLimits)),
                ("special_cause", .string(p.specialCause)), ("point_type", .string(p.pointType.rawValue)), ("group", .integer(p.group + 1)),
            ]
            return .object(fields)
        }
        return .object([
            ("points", .array(values)), ("variation", variation.map { .string($0.rawValue) } ?? .null),
            ("assurance", assurance.map { .string($0.rawValue) } ?? .null),
            ("direction", .string(options.direction.rawValue)), ("screened", .bool(options.screenOutliers)),
            ("warnings", .array(warnings.map { .string($0.text) })),
        ])
    }

    /// A table for a terminal: one line per point, then the icons and warnings.
    public func text(dates: [Day?]) -> String {
        func n(_ x: Double?) -> String { x.map { Wording.significant($0, figures: 4) } ?? "–" }
        var lines = ["date        value      mean       lpl        upl        point_type                   rule"]
        for (i, p) in points.enumerated() {
            let date = dates[i]?.iso ?? "row \(i + 1)"
            lines.append([date.padding(toLength: 11, withPad: " ", startingAt: 0), n(p.value).padding(toLength: 10, withPad: " ", startingAt: 0),
                          n(p.mean).padding(toLength: 10, withPad: " ", startingAt: 0), n(p.lowerLimit).padding(toLength: 10, withPad: " ", startingAt: 0),
                          n(p.upperLimit).padding(toLength: 10, withPad: " ", startingAt: 0),
                          p.pointType.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0), p.specialCause].joined(separator: " "))
        }
        lines.append("variation: \(variation?.rawValue ?? "–")   assurance: \(assurance?.rawValue ?? "– (needs --target and a direction)")")
        for w in warnings { lines.append("warning: \(w.text)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SPCChart.Warning {
    /// The warning as `clinic spc` and its JSON print it.
    public var text: String {
        switch self {
        case let .trialLimits(group, points):
            return "group \(group) has \(points) point\(points == 1 ? "" : "s") (fewer than 13): its limits are trial limits, to be revised as points are added"
        case let .singlePoint(group):
            return "group \(group) has a single point: no moving range, so no limits"
        }
    }
}
