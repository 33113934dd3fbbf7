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
        let year = year, month = month
        // "YYYY-MM" in a small string (no allocation): the JSON of a national run writes millions of them.
        if (0...9999).contains(year), (1...12).contains(month) {
            return String(unsafeUninitializedCapacity: 7) { text in
                let zero = UInt8(ascii: "0")
                text[0] = zero + UInt8(year / 1000); text[1] = zero + UInt8(year / 100 % 10)
                text[2] = zero + UInt8(year / 10 % 10); text[3] = zero + UInt8(year % 10)
                text[4] = UInt8(ascii: "-"); text[5] = zero + UInt8(month / 10); text[6] = zero + UInt8(month % 10)
                return 7
            }
        }
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" : "") + m
    }

    public static func < (a: Month, b: Month) -> Bool { a.index < b.index }

    /// The month `n` months later (earlier for negative `n`).
    public func advanced(by n: Int) -> Month { Month(index: index + Int32(n)) }

    /// Months from `self` to `other` (positive when `other` is later).
    public func distance(to other: Month) -> Int { Int(other.index - index) }
}
