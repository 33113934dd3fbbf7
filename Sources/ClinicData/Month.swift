import ClinicNumerics
import ClinicSeeds
/// A calendar month, stored as the number of months since January of year 0 (`year · 12 + month − 1`).
///
/// Totally ordered, hashable and four bytes wide, so month axes are plain integer ranges.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since January of year 0.
    public let index: Int32

    public init(index: Int32) { self.index = index }

    /// The month `month` (1–12) of `year`; nil when `month` is out of range.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (0...9999).contains(year) else { return nil }
        index = Int32(year * 12 + month - 1)
    }

    public var year: Int { Int(index) / 12 }
    /// 1–12.
    public var month: Int { Int(index) % 12 + 1 }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" : "") + m
    }

    public static func < (a: Month, b: Month) -> Bool { a.index < b.index }

    /// The month `n` months later (earlier for negative `n`).
    public func advanced(by n: Int) -> Month { Month(index: index + Int32(n)) }

    /// Months from `self` to `other` (positive when `other` is later).
    public func distance(to other: Month) -> Int { Int(other.index - index) }
}
