import ClinicData
import ClinicIngest
import Testing

/// Header checking is one pass over the columns: it used to look each name up from the first column
/// again (`firstIndex` in the loop), so 128k columns took 22 s and 256k 119 s, and a 2 MB header stalled
/// the tool. A quarter of a million columns are read here, and a name repeated at the very end is still
/// found with both of its columns. (No time limit: the check is that the answer is complete and right.)
@Suite("Very wide headers")
struct WideHeaderTests {
    static let columns = 262_144

    @Test func aQuarterOfAMillionColumnsAreOneWideLayout() throws {
        let header = ["month"] + (1..<Self.columns).map { "m\($0)" }
        guard case let .wide(layout) = try ExtractFormat.detect(header: header, file: "wide.csv") else {
            Issue.record("not read as a wide extract")
            return
        }
        #expect(layout.month == 0 && layout.metrics.count == Self.columns - 1)
        #expect(layout.metrics.last?.name == "m\(Self.columns - 1)" && layout.metrics.last?.column == Self.columns - 1)
    }

    @Test func aNameRepeatedInTheLastColumnIsFound() {
        let header = ["month"] + (1..<Self.columns - 1).map { "m\($0)" } + ["M7"]
        #expect {
            try ExtractFormat.detect(header: header, file: "wide.csv")
        } throws: { error in
            (error as? Diagnostic)?.message == "the header names \"M7\" twice (columns 8 and \(Self.columns))"
        }
    }

    @Test func aRecordTableWithAColumnTwiceSaysSo() {
        let header = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"] + [String](repeating: "child", count: Self.columns)
        #expect {
            try ExtractFormat.detect(header: header, file: "header.csv")
        } throws: { error in
            (error as? Diagnostic)?.code == "duplicate_column" && (error as? Diagnostic)?.message == "the header names \"child\" twice"
        }
    }
}
