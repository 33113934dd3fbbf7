import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

@Suite("Cell values")
struct CellValueTests {
    @Test func numbersAndTheirWrappings() {
        let cases: [(String, CellValue)] = [
            ("42", .number(42)), (" -3.5 ", .number(-3.5)), ("+7", .number(7)), ("1,234", .number(1234)),
            ("1,234,567.25", .number(1_234_567.25)), ("0.1", .number(0.1)), (".5", .number(0.5)), ("5.", .number(5)),
            ("1.5E-03", .number(0.0015)), ("45%", .percent(45)), ("12.5 %", .percent(12.5)), ("007", .number(7)),
            ("", .blank), ("   ", .blank),
            ("c", .suppressed(marker: "c")), ("[x]", .suppressed(marker: "[x]")), ("LOW", .suppressed(marker: "LOW")),
            (":", .suppressed(marker: ":")), ("*", .suppressed(marker: "*")),
            ("abc", .invalid("abc")), ("1,23", .invalid("1,23")), ("12,34,567", .invalid("12,34,567")),
            ("1234,567", .invalid("1234,567")), (",123", .invalid(",123")), ("1e", .invalid("1e")), ("nan", .invalid("nan")),
            ("inf", .invalid("inf")), ("1 000", .invalid("1 000")), ("--1", .invalid("--1")), ("c%", .invalid("c%")),
        ]
        for (text, expected) in cases { #expect(CellValue.parse(text) == expected, "\(text.debugDescription)") }
    }

    /// The fast path must give the correctly rounded Double, the same as the standard library's parser.
    @Test func fastPathIsCorrectlyRounded() {
        var random = LinearCongruential(seed: 99)
        func next() -> UInt64 { random.next() }
        for _ in 0..<20_000 {
            let digits = String(next() % 10_000_000_000_000)
            let point = Int(next() % UInt64(digits.count + 1))
            var text = digits
            text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            if next() % 3 == 0 { text += "e\(Int(next() % 40) - 20)" }
            guard case let .number(v) = CellValue.parse(text) else { Issue.record("\(text) not parsed"); return }
            #expect(v == Double(text)!, "\(text)")
        }
        // Long mantissas and large exponents take the slow path.
        for text in ["0.30000000000000004441", "123456789012345678901234", "1e300", "2.2250738585072014e-308"] {
            #expect(CellValue.parse(text) == .number(Double(text)!), "\(text)")
        }
        #expect(CellValue.parse("1e400") == .invalid("1e400"))
    }
}
