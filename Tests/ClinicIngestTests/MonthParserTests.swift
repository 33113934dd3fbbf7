import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

@Suite("Month parsing")
struct MonthParserTests {
    static let accepted: [(String, Int, Int)] = [
        ("2015-01", 2015, 1), ("2015/01", 2015, 1), ("2015-1", 2015, 1), (" 2015-12 ", 2015, 12),
        ("2015-01-31", 2015, 1), ("2016-02-29", 2016, 2), ("2015-01-31 00:00:00", 2015, 1), ("2015-01-31T00:00:00Z", 2015, 1),
        ("31/01/2015", 2015, 1), ("1/2/2015", 2015, 2), ("01/02/2015 00:00", 2015, 2),
        ("01/2015", 2015, 1), ("1-2015", 2015, 1), ("12/2015", 2015, 12),
        ("Jan-15", 2015, 1), ("jan-15", 2015, 1), ("Dec-09", 2009, 12), ("Jan-2015", 2015, 1), ("Jan 2015", 2015, 1),
        ("JANUARY 2015", 2015, 1), ("Sept 2015", 2015, 9), ("Sep 2015", 2015, 9), ("September-2015", 2015, 9),
        ("31 Jan 2015", 2015, 1), ("31-Jan-2015", 2015, 1), ("1 January 2015", 2015, 1),
    ]

    @Test func acceptedForms() {
        for (text, year, month) in Self.accepted {
            #expect(MonthParser.parse(text) == .month(Month(year: year, month: month)!), "\(text)")
        }
    }

    static let refused: [(String, String, String)] = [
        ("01/02/15", "ambiguous_month", "two-digit year"),
        ("Jan 15", "ambiguous_month", "could be a day or a year"),
        ("2015", "bad_month", "is a year, not a month"),
        ("42035", "bad_month", "Excel date serial"),
        ("31/02/2015", "bad_month", "February 2015 has 28 days"),
        ("2015-13", "bad_month", "has no month 13"),
        ("1850-01", "bad_month", "outside 1900–2100"),
        ("", "bad_month", "blank"),
        ("Q1 2015", "bad_month", "is not a month Clinic can read"),
        ("2015-01-31 garbage:1", "bad_month", "is not a month Clinic can read"),
        ("Janvier 2015", "bad_month", "is not a month"),
        ("Ju 2015", "bad_month", "is not a month"),
        ("2015-01/31", "bad_month", "is not a month"),
        ("12/31/2015", "bad_month", "has no month 31"),
    ]

    @Test func refusedFormsSayWhy() {
        for (text, code, fragment) in Self.refused {
            guard case let .failure(gotCode, message) = MonthParser.parse(text) else {
                Issue.record("\(text.debugDescription) was accepted"); continue
            }
            #expect(gotCode == code, "\(text): \(message)")
            #expect(message.contains(fragment), "\(text): \(message)")
        }
    }

    @Test func monthArithmeticAndOrder() {
        let jan = Month(year: 2015, month: 1)!
        #expect(jan.description == "2015-01")
        #expect(jan.advanced(by: 13) == Month(year: 2016, month: 2)!)
        #expect(jan.advanced(by: -1).description == "2014-12")
        #expect(jan.distance(to: Month(year: 2016, month: 1)!) == 12)
        #expect(jan < jan.advanced(by: 1))
        #expect(Month(year: 2015, month: 0) == nil)
    }
}
