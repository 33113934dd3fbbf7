import ClinicData
import ClinicModels
import Foundation

/// Numbers and months written for people (not for machines: JSON keeps full precision).
package enum Wording {
    /// Two significant figures below 10, whole numbers from 10, thousands grouped, no trailing zeros:
    /// 4.213 → "4.2", 0.04567 → "0.046", 123.4 → "123", 1390.2 → "1,390", −0.62 → "−0.62".
    package static func number(_ x: Double) -> String {
        significant(x, figures: 2)
    }

    /// `figures` significant figures below 10^figures, whole numbers above, thousands grouped.
    package static func significant(_ x: Double, figures: Int) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        let decimals = max(0, figures - 1 - Int(floor(log10(magnitude))))
        var text = FixedPoint.text(magnitude, decimals: decimals)
        // Trailing zeros after the point dropped, and the point with them when nothing follows it (on the
        // bytes: `String.contains` with Foundation imported goes through NSString, a tenth of a national
        // `clinic fit --json`'s writing).
        if text.utf8.contains(UInt8(ascii: ".")) {
            var bytes = Array(text.utf8)
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            text = String(decoding: bytes, as: UTF8.self)
        }
        if text == "0" { return "0" }
        return (x < 0 ? "−" : "") + grouped(text)
    }

    /// Inserts thousands separators into the whole part of a non-negative decimal string.
    static func grouped(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        guard point > 3 else { return text }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + point / 3)
        for i in 0..<point {
            if i > 0 && (point - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(bytes[i])
        }
        out += bytes[point...]
        return String(decoding: out, as: UTF8.self)
    }

    /// An estimate and its interval bounds with enough figures (2 to 4 significant) that the three read
    /// differently: 3.01 (2.96 to 3.05) is "3.01 (2.96 to 3.05)", not "3 (3 to 3)".
    package static func interval(_ value: Double, _ low: Double, _ high: Double) -> (String, String, String) {
        var figures = 2
        while true {
            let texts = (significant(value, figures: figures), significant(low, figures: figures), significant(high, figures: figures))
            if figures >= 4 || (texts.1 != texts.2 && texts.0 != texts.1 && texts.0 != texts.2) || low == high { return texts }
            figures += 1
        }
    }

    /// An estimate and its interval rounded to what the interval supports: the half-width to one
    /// significant figure (two when it begins with 1), and the estimate and both bounds to that
    /// decimal place: 0.66 (0.21 to 1.1) is "0.7 (0.2 to 1.1)", 1.8 (−4.3 to 7.9) is "2 (−4 to 8)",
    /// 1.998 (1.974 to 2.022) is "2.00 (1.97 to 2.02)". A bound that would round to nothing keeps one
    /// significant figure, so the side of zero it is on (what makes a change clear) is never lost:
    /// 0.49 (0.0048 to 0.97) is "0.5 (0.005 to 1.0)".
    package static func supported(_ value: Double, _ low: Double, _ high: Double) -> (String, String, String) {
        let halfWidth = (high - low) / 2
        guard halfWidth > 0, halfWidth.isFinite, value.isFinite else { return interval(value, low, high) }
        let exponent = floor(log10(halfWidth))
        let leading = halfWidth / pow(10, exponent)
        let decimals = max(0, -Int(exponent) + (leading < 2 ? 1 : 0))
        func text(_ x: Double, bound: Bool) -> String {
            let fixed = FixedPoint.text(abs(x), decimals: decimals)
            guard fixed.contains(where: { $0 != "0" && $0 != "." }) else { return bound && x != 0 ? significant(x, figures: 1) : "0" }
            return (x < 0 ? "−" : "") + grouped(fixed)
        }
        return (text(value, bound: false), text(low, bound: true), text(high, bound: true))
    }

    /// A slope a month and its interval, or the same a year when the interval lies within ±0.1 a month
    /// (so a long flat trend reads "−0.07 a year (−0.17 to 0.03)", not "−0.0058 a month (−0.014 to
    /// 0.0022)"), with the period's words. `compounding`: the slope is a count model's % a month, whose
    /// year is `100·((1 + r/100)¹² − 1)`.
    package static func readablePeriod(_ slope: Estimate, compounding: Bool) -> (Estimate, String) {
        guard max(abs(slope.lower), abs(slope.upper)) < 0.1 else { return (slope, "a month") }
        func yearly(_ x: Double) -> Double { compounding ? 100 * (pow(1 + x / 100, 12) - 1) : 12 * x }
        return (Estimate(value: yearly(slope.value), lower: yearly(slope.lower), upper: yearly(slope.upper), pValue: slope.pValue), "a year")
    }

    /// "p < 0.001", "p = 0.047", "p = 0.27".
    package static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = \(significant(p, figures: 2))"
    }

    /// The calendar months' names, January first.
    package static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                     "October", "November", "December"]
    /// Their three-letter abbreviations, for charts and tables.
    package static let monthAbbreviations = monthNames.map { String($0.prefix(3)) }

    /// "April 2022".
    package static func monthName(_ m: Month) -> String {
        "\(monthNames[m.month - 1]) \(m.year)"
    }

    /// "Apr 2022".
    package static func shortMonthName(_ m: Month) -> String {
        "\(monthAbbreviations[m.month - 1]) \(m.year)"
    }

    /// A value of a metric in its unit: "303", "21.4%", "52.1 per 10,000".
    package static func value(_ x: Double, unit: MetricDefinition.Unit?) -> String {
        switch unit {
        case .percent?: return "\(significant(x, figures: 3))%"
        case .rate?: return "\(significant(x, figures: 3)) per 10,000"
        default: return abs(x) >= 100 ? significant(x.rounded(), figures: 1) : significant(x, figures: 3)
        }
    }

    /// A value and the range it lies outside, written so that the value never reads as one of the bounds:
    /// 163 against 163.43–219.56 is ("163", "163.4", "219.6"), not ("163", "163", "220"). The bounds
    /// (and a fractional value) get up to four decimals; a whole value keeps its own form.
    package static func outside(_ x: Double, range low: Double, _ high: Double, unit: MetricDefinition.Unit?) -> (String, String, String) {
        let plain = (value(x, unit: unit), value(low, unit: unit), value(high, unit: unit))
        if plain.0 != plain.1 && plain.0 != plain.2 { return plain }
        var texts = plain
        for decimals in 1...4 {
            func fixed(_ v: Double) -> String {
                let text = (v < 0 ? "−" : "") + grouped(FixedPoint.text(abs(v), decimals: decimals))
                switch unit {
                case .percent?: return text + "%"
                case .rate?: return text + " per 10,000"
                default: return text
                }
            }
            texts = (x == x.rounded() ? plain.0 : fixed(x), fixed(low), fixed(high))
            if texts.0 != texts.1 && texts.0 != texts.2 { break }
        }
        return texts
    }

    /// A difference or slope of a metric in its unit: "7", "0.5 percentage points", "3.1 per 10,000".
    /// `text` replaces the default formatting of `x` (to keep the figures of an interval).
    package static func amount(_ x: Double, unit: MetricDefinition.Unit?, text: String? = nil) -> String {
        let figure = text ?? number(x)
        switch unit {
        case .percent?: return "\(figure) percentage points"
        case .rate?: return "\(figure) per 10,000"
        default: return figure
        }
    }
}
