import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

@Suite("CSV table")
struct CSVTableTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8), file: "t.csv") }

    @Test func quotedFieldsEscapesAndLineEndings() throws {
        let t = try table("\u{FEFF}name,value\r\n\"Smith, J\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",3\rlast,4\n\n")
        #expect(t.header == ["name", "value"])
        #expect(t.records == [["Smith, J", "say \"hi\""], ["two\nlines", "3"], ["last", "4"]])
        // The third record starts on physical line 5 (the quoted field spans lines 3 and 4).
        #expect(t.position(record: 1, field: 0) == .init(line: 3, column: 1))
        #expect(t.position(record: 1, field: 1) == .init(line: 4, column: 8))     // `lines",` is 7 characters
        #expect(t.position(record: 2, field: 1) == .init(line: 5, column: 6))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let t = try table("a,b\n£5,x\n")
        #expect(t.position(record: 0, field: 1).column == 4)
    }

    @Test func strictErrorsCarryLineAndColumn() throws {
        #expect(throws: Diagnostic(file: "t.csv", line: 2, column: 3, code: "unterminated_quote",
                                   message: "a quoted field starts here but its closing quote is missing")) {
            try table("a,b\n1,\"2\n")
        }
        #expect(throws: Diagnostic(file: "t.csv", line: 2, column: 4, code: "text_after_quote",
                                   message: "unexpected text after the closing quote of a quoted field")) {
            try table("a,b\n\"1\"x,2\n")
        }
        #expect(throws: Diagnostic(file: "t.csv", line: 3, column: nil, code: "ragged_row",
                                   message: "this row has 1 fields but the header has 2")) {
            try table("a,b\n1,2\n3\n")
        }
        #expect(throws: Diagnostic(file: "t.csv", code: "empty_file",
                                   message: "the file is empty; expected a header row and data rows")) {
            try table("")
        }
    }

    @Test func windows1252IsDecodedWithAWarningAndUTF16IsRefused() throws {
        // 0xA3 is £ and 0x93/0x94 are curly quotes in Windows-1252; none is valid UTF-8 here.
        let t = try CSVTable(bytes: Array("a,b\n".utf8) + [0xA3, 0x35, 0x2C, 0x93, 0x68, 0x94, 0x0A], file: "t.csv")
        #expect(t.records == [["£5", "\u{201C}h\u{201D}"]])
        #expect(t.warnings.map(\.code) == ["windows_1252"])
        #expect(t.warnings.first?.line == 2 && t.warnings.first?.column == 1)
        let valid = try table("a\n£5\n")
        #expect(valid.warnings.isEmpty)
        #expect(throws: Diagnostic.self) { try CSVTable(bytes: [0xFF, 0xFE, 0x61, 0x00], file: "u.csv") }
        #expect(throws: Diagnostic.self) { try CSVTable(bytes: [0x61, 0x00, 0x62], file: "z.csv") }
    }

    @Test func numericColumnsParseDecimalTextExactly() throws {
        let t = try table("x\n -6.860120914 \n1.5E-03\n+2\n.5\n")
        let values = try t.numericColumn(0)
        #expect(values == [ExtendedDouble("-6.860120914")!, ExtendedDouble("0.0015")!, 2, 0.5])
        // Parsed straight to extended precision: not the rounding of the Double.
        #expect(values[0] != ExtendedDouble(-6.860120914 as Double))
    }

    @Test func numericColumnsRejectWhatIsNotAPlainNumber() throws {
        for bad in ["abc", "nan", "inf", "0x1p3", "1,234", "1e", "-", ".", "1.2.3", "5%"] {
            let t = try table("x\n\"\(bad)\"\n")
            #expect(throws: Diagnostic.self) { try t.numericColumn(0) }
        }
    }
}

extension CSVTableTests {
    /// Column positions stay right on a very wide row (and are counted in one pass per line).
    @Test func wideRowsKeepColumnPositions() throws {
        let fields = (0..<5_000).map { "f\($0)" }
        let t = try table(fields.joined(separator: ",") + "\n" + fields.joined(separator: ",") + "\n")
        var expectedColumn = 1
        for f in fields.prefix(4_999) { expectedColumn += f.count + 1 }
        #expect(t.position(record: 0, field: 4_999).column == expectedColumn)
        #expect(t.position(record: 0, field: 4_999).line == 2)
    }
}
