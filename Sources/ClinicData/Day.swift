import ClinicNumerics
import ClinicSeeds
/// A calendar date, stored as days since 1 January 1970 (proleptic Gregorian), for the day-level
/// logic of record files: episode starts and ends, birthdays, "within 12 months".
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32

    /// The day `index` days after 1 January 1970.
    public init(index: Int32) { self.index = index }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1900...2100).contains(year), (1...Self.length(year, month)).contains(day) else { return nil }
        // Days from civil (H. Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        index = Int32(era * 146_097 + doe - 719_468)
    }

    /// Year, month, day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(index) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var month: Month { let c = components; return Month(year: c.year, month: c.month)! }

    /// The last day of `month`.
    public static func last(of month: Month) -> Day {
        Day(year: month.year, month: month.month, day: length(month.year, month.month))!
    }

    public static func length(_ year: Int, _ month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// The same calendar day `years` later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> Day {
        let c = components
        return Day(year: c.year + years, month: c.month, day: min(c.day, Self.length(c.year + years, c.month)))!
    }

    /// Whole years from `self` (a birth date) to `day`: the age on that day.
    public func age(on day: Day) -> Int {
        let b = components, d = day.components
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day) ? 1 : 0)
    }

    public static func < (a: Day, b: Day) -> Bool { a.index < b.index }

    /// `dd/mm/yyyy`.
    public var description: String {
        let c = components
        return (c.day < 10 ? "0" : "") + String(c.day) + "/" + (c.month < 10 ? "0" : "") + String(c.month) + "/" + String(c.year)
    }

    /// ISO `yyyy-mm-dd`.
    public var iso: String {
        let c = components
        return String(c.year) + "-" + (c.month < 10 ? "0" : "") + String(c.month) + "-" + (c.day < 10 ? "0" : "") + String(c.day)
    }

    /// Reads `dd/mm/yyyy` (as SSDA903 writes dates) or ISO `yyyy-mm-dd`; nil for anything else.
    public static func parse(_ text: String) -> Day? {
        // Fast path: exactly dd/mm/yyyy, as SSDA903 writes every date (no allocation).
        let u = text.utf8
        if u.count == 10 {
            var value = 0, ok = true
            var parts = (0, 0, 0)
            for (i, b) in u.enumerated() {
                if i == 2 || i == 5 {
                    ok = ok && b == 0x2F
                    if i == 2 { parts.0 = value } else { parts.1 = value }
                    value = 0
                    continue
                }
                guard b >= 0x30 && b <= 0x39 else { ok = false; break }
                value = value * 10 + Int(b - 0x30)
            }
            if ok { return Day(year: value, month: parts.1, day: parts.0) }
        }
        let t = SeriesKey.trimmed(text)
        let slash = t.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 3, slash[2].count == 4, let d = Int(slash[0]), let m = Int(slash[1]), let y = Int(slash[2]),
           slash[0].count <= 2, slash[1].count <= 2 {
            return Day(year: y, month: m, day: d)
        }
        let dash = t.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 3, dash[0].count == 4, let y = Int(dash[0]), let m = Int(dash[1]), let d = Int(dash[2]),
           t.count == 10 || t.dropFirst(10).first == "T" || t.dropFirst(10).first == " " {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }
}

import Foundation
