/// Text from user files made safe for a workbook cell or title: a control character (which XML 1.0
/// cannot hold, so a raw one made Excel offer to repair `pack.xlsx` and openpyxl refuse it) becomes its
/// visible picture (BEL → ␇, ESC → ␛; tab, line feed and carriage return stay), and a text longer than
/// a cell holds (32,767 characters; libxlsxwriter dropped such a cell silently) is cut, saying so.
enum SpreadsheetText {
    static let cellLimit = 32_767

    static func cell(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            out.append(visible(scalar))
            count += 1
        }
        guard count > cellLimit else { return String(out) }
        let note = " … [cut: \(count) characters in all]"
        return String(String(out).unicodeScalars.prefix(cellLimit - note.unicodeScalars.count)) + note
    }

    /// Control Pictures (U+2400…) for C0 controls and DEL; U+FFFD for the two non-characters XML refuses.
    static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return scalar
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: return "\u{2421}"
        case 0xFFFE, 0xFFFF: return "\u{FFFD}"
        default: return scalar
        }
    }
}
