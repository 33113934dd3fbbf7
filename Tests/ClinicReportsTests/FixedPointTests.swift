import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicReports

/// `FixedPoint.text` against the C library's `printf("%.Nf")` (through Foundation's `String(format:)`):
/// the same characters for every value and number of decimals, ties and near-ties included.
@Suite("Fixed-point text")
struct FixedPointTests {
    static func printf(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

    @Test func tiesGoToEvenOnTheExactBinaryValue() {
        // Exact ties round to even; 2.675 and 1.005 are stored just below their ties, 0.285 just above.
        let cases: [(Double, Int, String)] = [
            (0.5, 0, "0"), (1.5, 0, "2"), (2.5, 0, "2"), (0.25, 1, "0.2"), (0.35, 1, "0.3"), (0.125, 2, "0.12"),
            (0.375, 2, "0.38"), (2.675, 2, "2.67"), (1.005, 2, "1.00"), (0.285, 2, "0.28"), (1e-5, 3, "0.000"),
            (0, 3, "0.000"), (0, 0, "0"), (-0.0, 2, "-0.00"), (9.995, 2, "9.99"), (99.5, 0, "100"), (0.0625, 3, "0.062"), (1234567.891, 1, "1234567.9"),
        ]
        for (x, decimals, expected) in cases {
            #expect(FixedPoint.text(x, decimals: decimals) == expected, "\(x) to \(decimals)")
            #expect(Self.printf(x, decimals) == expected, "the C library: \(x) to \(decimals)")
        }
    }

    @Test func agreesWithTheCLibraryEverywhere() {
        var random = LinearCongruential(seed: 20_261_205)
        var compared = 0
        func check(_ x: Double, _ decimals: Int) {
            let ours = FixedPoint.text(x, decimals: decimals), theirs = Self.printf(x, decimals)
            if ours != theirs { Issue.record("\(x) (\(x.bitPattern)) to \(decimals): \(ours) against \(theirs)") }
            compared += 1
        }
        for _ in 0..<60_000 {
            // Magnitudes from 1e-25 to 1e20, every number of decimals (beyond 19, and beyond 2^62 once
            // scaled, Foundation's own text).
            let x = pow(10, -25 + 45 * random.uniform()) * (1 + random.uniform())
            check(x, Int(random.next() % 22))
        }
        for _ in 0..<40_000 {
            // Halves and near-halves of the last decimal kept: k.5 / 10^d and its neighbouring doubles.
            let decimals = Int(random.next() % 7)
            let k = Double(random.next() % 2_000_000)
            let tie = (k + 0.5) / pow(10, Double(decimals))
            for x in [tie, tie.nextDown, tie.nextUp] { check(x, decimals) }
        }
        // Subnormals, the smallest and largest handled, integers near 2^52 and 2^53.
        for x in [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 3, Double.leastNormalMagnitude, 0x1p52, 0x1p52 + 1, 0x1p53 - 1, 0x1p53, 4.6e18, 1e300] {
            for decimals in 0...19 { check(x, decimals) }
        }
        #expect(compared == 60_000 + 120_000 + 9 * 20)
    }

    @Test func groupsThousandsInTheWholePartOnly() {
        #expect(Wording.grouped("1234567.891") == "1,234,567.891")
        #expect(Wording.grouped("123456") == "123,456")
        #expect(Wording.grouped("1000") == "1,000")
        #expect(Wording.grouped("999.12345") == "999.12345")
        #expect(Wording.grouped("0.0001") == "0.0001")
        #expect(Wording.significant(-1390.2, figures: 2) == "−1,390")
        #expect(Wording.significant(0.04567, figures: 2) == "0.046")
    }
}
