import ClinicData
import ClinicNumerics
import Foundation

/// Parsing of numeric cells into extended precision.
extension CSVTable {
    /// The values of column `index` as numbers, parsed straight from the decimal text into
    /// ``ExtendedDouble`` (no intermediate `Double` rounding).
    ///
    /// Accepts what a spreadsheet or a statistics package writes for a plain number: optional sign,
    /// digits with an optional decimal point, optional exponent (`1.5E-03`), surrounding spaces.
    /// A blank, a non-numeric or a non-finite cell is a ``Diagnostic`` at its line and column.
    public func numericColumn(_ index: Int) throws -> [ExtendedDouble] {
        try records.indices.map { r in
            let text = records[r][index].trimmingCharacters(in: .whitespaces)
            let p = position(record: r, field: index)
            guard !text.isEmpty else {
                throw Diagnostic(file: file, line: p.line, column: p.column, code: "missing_value",
                                 message: "column \"\(header[index])\" is blank; every row needs a number")
            }
            guard Self.isPlainNumber(text), let value = ExtendedDouble(text), value.isFinite else {
                throw Diagnostic(file: file, line: p.line, column: p.column, code: "non_numeric",
                                 message: "column \"\(header[index])\" has \"\(text)\", which is not a number")
            }
            return value
        }
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on at least one side of the point.
    /// Rejects what `strtold` would otherwise accept (`nan`, `inf`, hex floats, `1,234`).
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let n = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
