import Foundation
import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// The byte-level tokenizer checked against a deliberately simple reference implementation (one
/// character at a time over Unicode scalars, written from RFC 4180 independently of the fast one), on
/// random inputs from a seeded generator: thousands of cases per run, reproducible from the seed.
@Suite("CSV tokenizer properties")
struct CSVTokenizerPropertyTests {
    enum Outcome: Equatable {
        case records([[String]])
        case error(String)
    }

    /// RFC 4180 by the book: states outside / in unquoted field / in quoted field / after quote.
    static func reference(_ text: String) -> Outcome {
        var records = [[String]](), fields = [String](), field = ""
        enum State { case start, unquoted, quoted, quoteInQuoted }
        var state = State.start
        var scalars = Array(text.unicodeScalars)
        while scalars.first == "\u{FEFF}" { scalars.removeFirst() }              // every leading byte order mark
        var i = 0
        func endRecord() { fields.append(field); records.append(fields); fields = []; field = "" }
        while i < scalars.count {
            let c = scalars[i]
            switch state {
            case .start, .unquoted:
                if state == .start && c == "\"" { state = .quoted }
                else if c == "," { fields.append(field); field = ""; state = .start }
                else if c == "\r" || c == "\n" {
                    if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                    endRecord(); state = .start
                } else { field.unicodeScalars.append(c); state = .unquoted }
            case .quoted:
                if c == "\"" { state = .quoteInQuoted } else { field.unicodeScalars.append(c) }
            case .quoteInQuoted:
                if c == "\"" { field.append("\""); state = .quoted }
                else if c == "," { fields.append(field); field = ""; state = .start }
                else if c == "\r" || c == "\n" {
                    if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                    endRecord(); state = .start
                } else { return .error("text_after_quote") }
            }
            i += 1
        }
        if state == .quoted { return .error("unterminated_quote") }
        // A final record without a line break still counts; an empty input has none.
        if state != .start || !fields.isEmpty || !field.isEmpty || (i > 0 && !(scalars.last == "\n" || scalars.last == "\r")) {
            endRecord()
        }
        return .records(records)
    }

    static func tokenize(_ text: String) -> Outcome {
        do {
            let source = try CSVSource(data: Data(text.utf8), file: "p.csv")
            return try source.withTokenizer { t in
                var out = [[String]](), fields = [CSVTokenizer.Field]()
                while try t.nextRecord(into: &fields) != nil { out.append(fields.map { t.text($0) }) }
                return .records(out)
            }
        } catch let d as Diagnostic {
            return .error(d.code)
        } catch {
            return .error("\(error)")
        }
    }

    struct Generator {
        var random: LinearCongruential
        init(state: UInt64) { random = LinearCongruential(seed: state) }
        mutating func next(_ bound: Int) -> Int { Int((random.step() >> 33) % UInt64(bound)) }
    }

    @Test func agreesWithTheReferenceOnRandomText() {
        let alphabet: [String] = ["a", "b", "1", ",", ",", "\"", "\"", "\n", "\r", "\r\n", " ", "£", "é", "\u{FEFF}"]
        var g = Generator(state: 20151120)
        for case_ in 0..<5_000 {
            let length = g.next(24)
            let text = (0..<length).map { _ in alphabet[g.next(alphabet.count)] }.joined()
            let expected = Self.reference(text), got = Self.tokenize(text)
            #expect(got == expected, "case \(case_): \(text.debugDescription)")
            if got != expected { return }
        }
    }

    @Test func writtenRecordsReadBackExactly() {
        let pieces = ["x", "42", "", " ", ",", "\"", "\n", "\r\n", "£", "two words", "\"\""]
        var g = Generator(state: 7)
        for case_ in 0..<2_000 {
            let columns = 1 + g.next(4)
            let rows = (0..<(1 + g.next(5))).map { _ in
                (0..<columns).map { _ in (0..<g.next(3)).map { _ in pieces[g.next(pieces.count)] }.joined() }
            }
            func quote(_ s: String) -> String {
                s.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) || s.isEmpty ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            let text = rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: g.next(2) == 0 ? "\n" : "\r\n") + "\n"
            #expect(Self.tokenize(text) == .records(rows), "case \(case_): \(text.debugDescription)")
        }
    }
}
