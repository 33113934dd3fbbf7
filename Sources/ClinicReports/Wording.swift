import ClinicData
import Foundation

/// Numbers and months written for people (not for machines: JSON keeps full precision).
package enum Wording {
    /// Two significant figures, no trailing zeros: 4.213 → "4.2", 0.04567 → "0.046", 123.4 → "123".
    package static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 10 { return String(Int(x.rounded())) }
        let decimals = max(0, 1 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text == "-0" ? "0" : text
    }

    package static func monthName(_ m: Month) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[m.month - 1]) \(m.year)"
    }
}
