import ClinicData
import ClinicNumerics
/// Reads the month of a row from the forms analysts' exports use, and refuses to guess.
///
/// Accepted (case-insensitive, surrounding spaces ignored):
/// - `2015-01`, `2015/01`, `2015-1`; `2015-01-31` (any valid day means that month), optionally followed
///   by a time (`2015-01-31 00:00:00`, `2015-01-31T00:00:00Z`);
/// - `31/01/2015`, `1/1/2015` (UK day/month/year), optionally followed by a time;
/// - `01/2015`, `1-2015` (month/year);
/// - `Jan-15`, `Jan-2015`, `Jan 2015`, `January 2015`, `Sept 2015` (two-digit years only with a hyphen, as
///   Excel writes `mmm-yy`; they mean 20yy);
/// - `31 Jan 2015`, `31-Jan-2015`, `1 January 2015`.
///
/// Ambiguous forms are errors, not guesses: `01/02/15` (a two-digit year could be US or UK order),
/// `Jan 15` (15 January, or January 2015?). Other problems get their own message: a year alone, an
/// Excel date serial (`42035`), an impossible date (`31/02/2015`), a year outside 1900–2100.
public enum MonthParser {
    /// The result of reading one cell.
    public enum Result: Equatable, Sendable {
        case month(Month)
        /// `code` is `bad_month` or `ambiguous_month`; `message` explains, for a person.
        case failure(code: String, message: String)
    }

    public static func parse(_ text: String) -> Result {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(UInt8)
    }

    /// Parses a cell's bytes (UTF-8).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result {
        // Lex into numbers, words and single separators; stop at a time part.
        var tokens = [Token]()
        var i = 0
        let n = bytes.count
        while i < n && bytes[i] == 0x20 { i += 1 }
        var end = n
        while end > i && bytes[end - 1] == 0x20 { end -= 1 }
        let whole = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
        // A time of day after the date ("2015-01-31 00:00:00", "2015-01-31T00:00:00Z") is dropped.
        if let colon = (i..<end).first(where: { bytes[$0] == 0x3A }) {
            guard let cut = (i..<colon).last(where: { bytes[$0] == 0x20 || bytes[$0] | 0x20 == 0x74 }),
                  cut + 1 < end, bytes[cut + 1] >= 0x30, bytes[cut + 1] <= 0x39,
                  (cut + 1..<end).allSatisfy({ "0123456789:.Z+-".utf8.contains(bytes[$0]) }) else {
                return unrecognised(whole)
            }
            end = cut
            while end > i && bytes[end - 1] == 0x20 { end -= 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
        if i == end { return .failure(code: "bad_month", message: "the month is blank") }
        while i < end {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                var value = 0, digits = 0
                while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 9 {
                    value = value * 10 + Int(bytes[i] - 0x30); digits += 1; i += 1
                }
                if i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { return unrecognised(text) }
                tokens.append(.number(value, digits: digits))
            } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                var word = ""
                while i < end, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A {
                    word.unicodeScalars.append(Unicode.Scalar(bytes[i] | 0x20)); i += 1
                }
                tokens.append(.word(word))
            } else if b == 0x2D || b == 0x2F || b == 0x20 || b == 0x2E {
                tokens.append(.separator(b)); i += 1
                while i < end && bytes[i] == 0x20 && b == 0x20 { i += 1 }
            } else {
                return unrecognised(whole)
            }
        }

        switch tokens.count {
        case 1:
            if case let .number(v, digits) = tokens[0] {
                if digits == 4 { return .failure(code: "bad_month", message: "\"\(text)\" is a year, not a month") }
                if digits == 5 && v >= 20_000 && v <= 80_000 {
                    return .failure(code: "bad_month", message: "\"\(text)\" looks like an Excel date serial number; format the column as a date (for example 2015-01) and export again")
                }
            }
            return unrecognised(text)
        case 3:
            switch (tokens[0], tokens[1], tokens[2]) {
            case let (.number(y, 4), .separator(s), .number(m, 1...2)) where s == 0x2D || s == 0x2F:
                return make(year: y, month: m, text)
            case let (.number(m, 1...2), .separator(s), .number(y, 4)) where s == 0x2D || s == 0x2F:
                return make(year: y, month: m, text)
            case let (.word(w), .separator(s), .number(y, digits)):
                guard let m = monthNumber(w) else { return unrecognised(text) }
                if digits == 4 { return make(year: y, month: m, text) }
                if digits == 2 && s == 0x2D { return make(year: 2000 + y, month: m, text) }
                if digits <= 2 && s == 0x20 {
                    return .failure(code: "ambiguous_month", message: "\"\(text)\" is ambiguous: \(y) could be a day or a year; write \(w.prefix(3).capitalized) 20\(y < 10 ? "0" : "")\(y) or \(w.prefix(3).capitalized)-\(y < 10 ? "0" : "")\(y)")
                }
                return unrecognised(text)
            default:
                return unrecognised(text)
            }
        case 5:
            switch (tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]) {
            case let (.number(y, 4), .separator(s1), .number(m, 1...2), .separator(s2), .number(d, 1...2))
                where s1 == s2 && (s1 == 0x2D || s1 == 0x2F):
                return make(year: y, month: m, day: d, text)
            case let (.number(d, 1...2), .separator(0x2F), .number(m, 1...2), .separator(0x2F), .number(y, digits)):
                if digits == 4 { return make(year: y, month: m, day: d, text) }
                if digits == 2 {
                    return .failure(code: "ambiguous_month", message: "\"\(text)\" is ambiguous: with a two-digit year it could be day/month or month/day; use four digits (dd/mm/yyyy) or yyyy-mm")
                }
                return unrecognised(text)
            case let (.number(d, 1...2), .separator(s1), .word(w), .separator(s2), .number(y, 4)) where s1 == s2:
                guard let m = monthNumber(w) else { return unrecognised(text) }
                return make(year: y, month: m, day: d, text)
            default:
                return unrecognised(text)
            }
        default:
            return unrecognised(text)
        }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]

    /// 1–12 for a month name or its abbreviation (three letters, or `sept`).
    static func monthNumber(_ word: String) -> Int? {
        if word == "sept" { return 9 }
        guard word.count >= 3 else { return nil }
        return monthNames.firstIndex { $0 == word || ($0.hasPrefix(word) && word.count == 3) }.map { $0 + 1 }
    }

    private static func make(year: Int, month: Int, day: Int? = nil, _ text: String) -> Result {
        guard (1900...2100).contains(year) else {
            return .failure(code: "bad_month", message: "\"\(text)\" has the year \(year), outside 1900–2100")
        }
        guard let m = Month(year: year, month: month) else {
            return .failure(code: "bad_month", message: "\"\(text)\" has no month \(month); months run from 1 to 12")
        }
        if let day {
            let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let length = month == 2 && leap ? 29 : lengths[month - 1]
            guard (1...length).contains(day) else {
                return .failure(code: "bad_month", message: "\"\(text)\" is not a date: \(monthNames[month - 1].capitalized) \(year) has \(length) days")
            }
        }
        return .month(m)
    }

    private static func unrecognised(_ text: String) -> Result {
        .failure(code: "bad_month", message: "\"\(text)\" is not a month Clinic can read; use a form such as 2015-01, 31/01/2015 or Jan 2015")
    }
}
