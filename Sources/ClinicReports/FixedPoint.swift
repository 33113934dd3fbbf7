import Foundation

/// Fixed-point decimal text of a double, as C's `printf("%.Nf")` writes it, without a format string.
///
/// Contract: for finite `x ≥ 0` (not −0) and `decimals` in 0…19, ``text(_:decimals:)`` is the text of
/// `x · 10^decimals` rounded to the nearest integer, ties to even (glibc's rounding under the default
/// rounding mode), with a point before the last `decimals` digits: the same characters as
/// `String(format: "%.\(decimals)f", x)`. The rounding is made on the exact binary value of `x`
/// (`m · 2^e`, with `m · 10^decimals` formed in 128 bits), so 2.675, stored as 2.67499999999999982236431605997495353221893310546875,
/// gives "2.67", and 0.125 (exact) gives "0.12". Anything else (negative or −0, not finite, more decimals, or a
/// scaled value of 2^62 or more) is passed to Foundation's formatter. Foundation's formatter goes through
/// CoreFoundation, a variadic argument list and dynamic casts: a third of the time `clinic fit` spent
/// writing its sentences.
package enum FixedPoint {
    /// 10^0 … 10^19.
    private static let powersOfTen: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 1...19 { powers.append(powers.last! * 10) }
        return powers
    }()

    package static func text(_ x: Double, decimals: Int) -> String {
        guard (0...19).contains(decimals), let units = roundedUnits(x, decimals: decimals) else {
            return String(format: "%.\(decimals)f", x)
        }
        let digits = String(units)
        guard decimals > 0 else { return digits }
        let padded = digits.utf8.count <= decimals ? String(repeating: "0", count: decimals + 1 - digits.utf8.count) + digits : digits
        let point = padded.utf8.index(padded.utf8.endIndex, offsetBy: -decimals)
        return String(padded[..<point]) + "." + String(padded[point...])
    }

    /// `x · 10^decimals` rounded to the nearest integer, ties to even, from the exact binary value of `x`;
    /// nil when `x` is negative or not finite, or the result would reach 2^62.
    static func roundedUnits(_ x: Double, decimals: Int) -> UInt64? {
        guard x.isFinite, x.sign == .plus else { return nil }   // −0 too: printf writes its sign
        if x == 0 { return 0 }
        let power = powersOfTen[decimals]
        guard x * Double(power) < 0x1p62 else { return nil }
        // x = m · 2^e exactly.
        let m: UInt64 = x.isNormal ? x.significandBitPattern | 1 << 52 : x.significandBitPattern
        let e = x.isNormal ? Int(x.exponent) - 52 : -1074
        // m · 10^decimals < 2^53 · 2^64: two words.
        let (high, low) = m.multipliedFullWidth(by: power)
        if e >= 0 { return low << e }   // an integer below 2^62 (so `high` is 0)
        let s = -e
        // Quotient of the 128-bit product by 2^s, and the remainder against half of 2^s.
        let quotient: UInt64
        let above: Bool, tie: Bool
        switch s {
        case 1..<64:
            quotient = (high << (64 - s)) | (low >> s)
            let remainder = low & ((1 << s) - 1), half: UInt64 = 1 << (s - 1)
            (above, tie) = (remainder > half, remainder == half)
        case 64:
            quotient = high
            (above, tie) = (low > 1 << 63, low == 1 << 63)
        case 65..<128:
            quotient = high >> (s - 64)
            let remainderHigh = high & ((1 << (s - 64)) - 1), halfHigh: UInt64 = 1 << (s - 65)
            (above, tie) = (remainderHigh > halfHigh || (remainderHigh == halfHigh && low > 0), remainderHigh == halfHigh && low == 0)
        default:
            // The product is below 2^117 and half of 2^s at least 2^127.
            return 0
        }
        return above || (tie && quotient & 1 == 1) ? quotient + 1 : quotient
    }
}
