import ClinicData
import ClinicNumerics
/// What one value cell of an extract holds.
public enum CellValue: Equatable, Sendable {
    /// A number (thousands separators removed).
    case number(Double)
    /// A percentage written with `%`: the number before the sign (`45%` → 45).
    case percent(Double)
    /// An empty cell: the value is missing.
    case blank
    /// A published suppression marker (`c`, `x`, `z`, `u`, `low`, `:`, `*`, `[c]`, `[x]`, `[z]`),
    /// kept as written.
    case suppressed(marker: String)
    /// Anything else; the cell is quarantined with a non-numeric error.
    case invalid(String)

    /// The suppression markers of DfE and ONS publications, compared case-insensitively.
    public static let suppressionMarkers: Set<String> = ["c", "x", "z", "u", "low", ":", "*", "[c]", "[x]", "[z]"]

    /// Reads a cell's text.
    public static func parse(_ text: String) -> CellValue {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Reads a cell's bytes (UTF-8, quotes already removed by the tokenizer).
    ///
    /// Numbers: optional sign, digits with optional thousands separators in groups of three (`1,234,567`),
    /// optional decimals and exponent, optional trailing `%`. The common case (at most 19 significant
    /// digits and a decimal exponent within ±22 with a mantissa below 2⁵³) is converted exactly by one
    /// multiplication or division by an exact power of ten (Clinger's fast path), so the result is the
    /// correctly rounded `Double`; everything else goes through the standard library's correctly
    /// rounded parser.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> CellValue {
        var i = 0, end = bytes.count
        while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        while end > i && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if i == end { return .blank }
        var percent = false
        if bytes[end - 1] == 0x25 {                                  // %
            percent = true
            end -= 1
            while end > i && bytes[end - 1] == 0x20 { end -= 1 }
        }
        if let value = number(bytes, i, end) { return percent ? .percent(value) : .number(value) }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<bytes.count]), as: UTF8.self)
            .trimmingTrailingSpace()
        if !percent && suppressionMarkers.contains(text.lowercased()) { return .suppressed(marker: text) }
        return .invalid(text)
    }

    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

    /// A number from bytes `start..<end`, or nil if they are not one.
    private static func number(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0, exponent = 0, digits = 0, truncated = false
        var groupLength = -1                                          // digits since the last comma; -1 = no comma seen
        var intDigits = 0
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                accumulate(c, &mantissa, &significant, &exponent, &truncated, fraction: false)
                digits += 1; intDigits += 1
                if groupLength >= 0 { groupLength += 1; if groupLength > 3 { return nil } }
            } else if c == 0x2C {                                     // thousands separator
                if intDigits == 0 || (groupLength >= 0 && groupLength != 3) || (groupLength < 0 && intDigits > 3) { return nil }
                groupLength = 0
            } else { break }
            i += 1
        }
        if groupLength >= 0 && groupLength != 3 { return nil }
        if i < end && b[i] == 0x2E {                                  // decimal point
            i += 1
            while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                accumulate(b[i], &mantissa, &significant, &exponent, &truncated, fraction: true)
                digits += 1; i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (b[i] | 0x20) == 0x65 {                         // exponent
            i += 1
            var expNegative = false
            if i < end && (b[i] == 0x2D || b[i] == 0x2B) { expNegative = b[i] == 0x2D; i += 1 }
            var e = 0, expDigits = 0
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { e = min(e * 10 + Int(b[i] - 0x30), 100_000); expDigits += 1; i += 1 }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        var value: Double
        if !truncated && mantissa < (1 << 53) && abs(exponent) <= 22 {
            value = Double(mantissa)
            value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
        } else {
            // Slow path: the standard library's correctly rounded parser on the text without commas.
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<end]).filter { $0 != 0x2C }, as: UTF8.self)
            guard let parsed = Double(text) else { return nil }
            return parsed.isFinite ? parsed : nil
        }
        return negative ? -value : value
    }

    /// Adds one digit to the mantissa, keeping at most 19 significant digits.
    private static func accumulate(_ c: UInt8, _ mantissa: inout UInt64, _ significant: inout Int,
                                   _ exponent: inout Int, _ truncated: inout Bool, fraction: Bool) {
        let d = UInt64(c - 0x30)
        if significant == 0 && d == 0 {                               // leading zero
            if fraction { exponent -= 1 }
            return
        }
        if significant < 19 {
            mantissa = mantissa * 10 + d
            significant += 1
            if fraction { exponent -= 1 }
        } else {
            if d != 0 { truncated = true }
            if !fraction { exponent += 1 }
        }
    }
}

private extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
