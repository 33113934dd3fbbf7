import Foundation

/// Text and numbers written into SVG: XML escaping, coordinates with at most 2 decimals, and
/// fixed-decimal labels for people. No Foundation formatting on the per-point paths.
enum SVGText {
    /// Appends `text` with `& < > " '` escaped and the characters XML 1.0 forbids (C0 controls other
    /// than tab, line feed and carriage return; U+FFFE; U+FFFF) dropped, so the output stays well-formed.
    static func appendEscaped(_ text: String, to out: inout String) {
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22
            || byte == 0x27 || byte == 0xEF {
            plain = false
            break
        }
        if plain {
            out.append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out.append("&amp;")
            case 0x3C: out.append("&lt;")
            case 0x3E: out.append("&gt;")
            case 0x22: out.append("&quot;")
            case 0x27: out.append("&#39;")
            case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return out
    }

    /// Keeps only `[A-Za-z0-9_-]`; "chart" when nothing is left.
    static func sanitisedID(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: out.unicodeScalars.append(scalar)
            default: continue
            }
        }
        return out.isEmpty ? "chart" : out
    }

    private static let digits: [String] = (0...9).map { String($0) }

    /// Appends `x` rounded to 2 decimals with trailing zeros dropped and an ASCII minus ("12", "3.5",
    /// "-0.25"): for attribute values. Non-finite values are written as 0; magnitudes are capped at 10⁹.
    static func appendNumber(_ x: Double, to out: inout String) {
        let clamped = x.isFinite ? min(max(x, -1e9), 1e9) : 0
        let scaled = Int((clamped * 100).rounded())
        if scaled < 0 { out.append("-") }
        let magnitude = scaled.magnitude
        out.append(String(magnitude / 100))
        let fraction = Int(magnitude % 100)
        if fraction != 0 {
            out.append(".")
            out.append(digits[fraction / 10])
            if fraction % 10 != 0 { out.append(digits[fraction % 10]) }
        }
    }

    static func number(_ x: Double) -> String {
        var out = ""
        appendNumber(x, to: &out)
        return out
    }

    /// `x` with exactly `decimals` decimals, thousands grouped with ",", minus sign "−" (U+2212):
    /// 1200 → "1,200", −20 → "−20", 2.5 with 1 decimal → "2.5". Never "−0".
    static func decimal(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        let places = min(max(decimals, 0), 340)
        let scaled = (x.magnitude * power10(places)).rounded()
        var digitText: String
        if scaled < 1e15 {
            digitText = String(Int64(scaled))
        } else if scaled.isFinite {
            digitText = String(format: "%.0f", scaled)
        } else {
            // |x| · 10^places overflows: let Foundation round (rare: huge values with fine steps).
            let text = String(format: "%.\(places)f", x.magnitude)
            return (x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : "") + grouped(text)
        }
        if places > 0 {
            if digitText.count <= places {
                digitText = String(repeating: "0", count: places + 1 - digitText.count) + digitText
            }
            digitText.insert(".", at: digitText.index(digitText.endIndex, offsetBy: -places))
        }
        return (x < 0 && scaled != 0 ? "−" : "") + grouped(digitText)
    }

    /// 10^n (exact for 0 ≤ n ≤ 22).
    static func power10(_ n: Int) -> Double {
        pow(10, Double(n))
    }

    /// Thousands separators in the whole part of a non-negative decimal string.
    static func grouped(_ text: String) -> String {
        let whole = text.firstIndex(of: ".") ?? text.endIndex
        let count = text.distance(from: text.startIndex, to: whole)
        if count <= 3 { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + count / 3)
        var position = 0
        for character in text[..<whole] {
            if position > 0 && (count - position) % 3 == 0 { out.append(",") }
            out.append(character)
            position += 1
        }
        out.append(contentsOf: text[whole...])
        return out
    }
}
