import Foundation
import Testing
import ClinicTestSupport

/// `clinic validate` end to end on a corpus of malformed files (Fixtures/malformed, one problem each,
/// named by the diagnostic code it must produce, with `+what` for a second file of one code) and on generated extremes: every one gives a located
/// diagnostic and exit status 1, none crashes.
@Suite("clinic validate")
struct ValidateCommandTests {
    static let fixtures = Fixtures.url("cli")

    static var corpus: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("malformed").path)) ?? []).sorted()
    }

    /// The parameterised test below runs once per file: an empty or unreadable folder must fail here,
    /// not pass with no cases.
    @Test func corpusHasEveryMalformedFile() { #expect(Self.corpus.count == 17) }

    @Test("each malformed file: its diagnostic, exit 1", arguments: corpus)
    func malformedFile(_ name: String) throws {
        let path = Self.fixtures.appendingPathComponent("malformed/\(name)").path
        let code = name == "bad_thousands.csv" ? "non_numeric" : String(name.dropLast(4).split(separator: "+")[0])
        let result = try ClinicProcess.run(["validate", path, "--json", "--as-of", "2026-11"])
        #expect(result.status == 1, "\(name): status \(result.status), stderr \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let diagnostics = try #require(file["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["code"] as? String == code && $0["severity"] as? String == "error" },
                "\(name): \(diagnostics)")
        let summary = try #require(file["summary"] as? [String: Any])
        #expect(summary["balances"] as? Bool == true)
    }

    @Test func cleanFileExitsZeroAndPrintsTheBalancingCount() throws {
        let result = try ClinicProcess.run(["validate", Self.fixtures.appendingPathComponent("good_long.csv").path, "--as-of", "2026-11"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("long format, 1 series from 2015-01 to 2015-03"))
        #expect(result.stdout.contains("values 3 = accepted 2 + suppressed 1 + quarantined 0"))
        #expect(result.stdout.hasSuffix("1 file: 0 errors, 0 warnings\n"))
    }

    @Test func quarantineFileListsEveryRejectedRow() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let input = folder.appendingPathComponent("extract.csv")
        try "month,metric,value\n2015-01,lac,10\n2015-02,lac,oops\n2015-03,lac,\"1,2\"\n".write(to: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("rejected")
        let result = try ClinicProcess.run(["validate", input.path, "--quarantine", out.path])
        #expect(result.status == 1)
        let quarantine = try String(contentsOf: out.appendingPathComponent("extract.quarantine.csv"), encoding: .utf8)
        let lines = quarantine.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "file,line,column,code,reason,values,row")
        #expect(lines[1].contains(",3,value,non_numeric,") && lines[1].hasSuffix(",1,\"2015-02,lac,oops\""))
        #expect(lines[2].contains(",4,value,non_numeric,"))
    }

    @Test func generatedExtremesGiveDiagnosticsNotCrashes() throws {
        let folder = try ClinicProcess.temporaryFolder()
        // 10,000 columns: a wide file with 9,999 metrics, one of them not a number.
        var wide = "month," + (1..<10_000).map { "m\($0)" }.joined(separator: ",") + "\n2015-01,"
        wide += (1..<10_000).map { $0 == 5_000 ? "bad" : "\($0)" }.joined(separator: ",") + "\n"
        try wide.write(to: folder.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        // One line of 10 MB: an unterminated quote that runs to the end of the file.
        let long = "month,metric,value\n2015-01,lac,\"" + String(repeating: "x", count: 10_000_000) + "\n"
        try long.write(to: folder.appendingPathComponent("longline.csv"), atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["validate", folder.path, "--json", "--as-of", "2026-11"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let codes = files.map { ($0["diagnostics"] as! [[String: Any]]).map { $0["code"] as! String } }
        #expect(codes[0] == ["unterminated_quote"])                     // longline.csv sorts first
        #expect(codes[1].contains("non_numeric"))
        let wideSummary = files[1]["summary"] as! [String: Any]
        #expect(wideSummary["values"] as? Int == 9_999 && wideSummary["quarantined"] as? Int == 1)
        let wideError = (files[1]["diagnostics"] as! [[String: Any]]).first { $0["code"] as? String == "non_numeric" }!
        #expect(wideError["line"] as? Int == 2)
        let widths: [Int] = (1..<5_000).map { String($0).count + 1 }
        let expectedColumn = 8 + widths.reduce(0, +) + 1          // "2015-01," then 4,999 numbers and commas
        #expect(wideError["column"] as? Int == expectedColumn)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try ClinicProcess.run(["validate"]).status == 2)
        #expect(try ClinicProcess.run(["validate", "/nonexistent.csv"]).status == 2)
        #expect(try ClinicProcess.run(["validate", Self.fixtures.appendingPathComponent("good_long.csv").path, "--as-of", "soon"]).status == 2)
    }
}

/// Plausibility against the area's population, end to end.
@Suite("clinic validate: plausibility")
struct PlausibilityTests {
    /// Bolton's 0–17 population is 74,266 (ONS mid-2023, in the seeds): 80,000 children looked after
    /// there in April 2024 cannot be right; the same number for an area without a population is kept.
    @Test func moreLookedAfterChildrenThanChildrenIsAnError() throws {
        let dir = try ClinicProcess.temporaryFolder()
        try "month,area,metric,value\n2024-03,E08000001,lac,590\n2024-04,E08000001,lac,80000\n2024-04,E99999999,lac,80000\n"
            .write(to: dir.appendingPathComponent("lac.csv"), atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["validate", "lac.csv", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("lac.csv:3:23: error: lac of 80000 in E08000001 for 2024-04 is more than the area's 0–17 population (mid-2023) (74266) [implausible_count]"),
                "\(result.stdout)")
        #expect(result.stdout.contains("values 3 = accepted 2 + suppressed 0 + quarantined 1"))
    }
}

/// Values no measure can take: 1e308 passed every check, and the fit of its series said it "fits every
/// month exactly", with zero-width intervals, p = 0 and 308-digit numbers.
@Suite("implausible values")
struct ImplausibleValueTests {
    @Test func hugeValuesAreQuarantinedAtTheirCell() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "month,metric,value\n"
        for m in 0..<36 { csv += "\(2020 + m / 12)-\(String(format: "%02d", m % 12 + 1)),widgets,\(m == 30 ? "1e308" : m == 31 ? "-9.1e15" : String(100 + m))\n" }
        let input = folder.appendingPathComponent("huge.csv")
        try csv.write(to: input, atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["validate", input.path, "--as-of", "2026-11"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(input.path):32:17: error: widgets of 1e+308 is larger than any measure can be"), "\(result.stdout)")
        #expect(result.stdout.contains("\(input.path):33:17: error: widgets of -9.1e+15 is larger than any measure can be"), "\(result.stdout)")
        #expect(result.stdout.contains("values 36 = accepted 34 + suppressed 0 + quarantined 2"), "\(result.stdout)")
        // The fit sees the two months as missing, not as numbers that overflow its sums.
        let fit = try ClinicProcess.run(["fit", input.path, "--as-of", "2026-11", "--json"], in: folder)
        #expect(fit.status == 1)
        #expect(!fit.stdout.contains("e+308") && !fit.stdout.contains("inf"), "\(fit.stdout.prefix(500))")
    }
}
