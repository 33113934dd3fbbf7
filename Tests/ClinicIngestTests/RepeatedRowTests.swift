import Foundation
import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// Rows that repeat the row before them byte for byte are noted as runs while reading and settled with
/// the duplicates at the end. The reading must be exactly what reading every row one by one gives: the
/// reference here is the same file with each repeat spelled differently (`100` and `100.0` on
/// alternate lines), which no byte comparison can shortcut.
@Suite("Aggregate extracts: repeated rows")
struct RepeatedRowTests {
    let reader = AggregateReader(asOf: Month(year: 2026, month: 11)!)

    func read(_ text: String, parallelism: Int = 1) throws -> ExtractReading {
        var r = reader
        r.parallelism = parallelism
        r.parallelMinimumBytes = 64
        return r.read(try CSVSource(data: Data(text.utf8), file: "extract.csv"))
    }

    /// Everything a reading reports, compared field by field.
    func expectSame(_ a: ExtractReading, _ b: ExtractReading, _ context: String) {
        #expect(a.summary == b.summary && a.summary.balances, "\(context): \(a.summary) vs \(b.summary)")
        let qa = Array(a.quarantine), qb = Array(b.quarantine)
        let firstDifference = (0..<min(qa.count, qb.count)).first { qa[$0] != qb[$0] }
        #expect(qa.count == qb.count && firstDifference == nil,
                "\(context): quarantine differs at \(firstDifference.map { "\(qa[$0]) vs \(qb[$0])" } ?? "its length, \(qa.count) vs \(qb.count)")")
        #expect(a.diagnostics == b.diagnostics, "\(context): \(a.diagnostics.map(\.description)) vs \(b.diagnostics.map(\.description))")
        #expect(a.errorCount == b.errorCount && a.warningCount == b.warningCount, "\(context)")
        #expect(a.keys == b.keys && a.observations.line == b.observations.line, "\(context)")
        #expect(a.observations.value.elementsEqual(b.observations.value) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(context)")
    }

    /// Worked by hand: a repeat after a conflicting row joins the conflict; repeats of a lone row are
    /// duplicates of it.
    @Test func repeatsSettleLikeAnyOtherRow() throws {
        let r = try read("""
            area,metric,month,value
            E1,lac,2015-01,999
            E1,lac,2015-01,100
            E1,lac,2015-01,100
            E1,lac,2015-02,50
            E1,lac,2015-02,50
            E1,lac,2015-02,50

            """)
        #expect(r.summary == .init(rows: 6, values: 6, accepted: 1, suppressed: 0, quarantined: 5, blank: 0, records: 0))
        #expect(r.quarantine.map(\.line) == [2, 3, 4, 6, 7])
        #expect(r.quarantine.map(\.code) == ["conflicting_duplicate", "conflicting_duplicate", "conflicting_duplicate",
                                             "duplicate_row", "duplicate_row"])
        #expect(r.quarantine[0].reason.contains("different values on lines 2, 3, 4 (999 vs 100 vs 100)"), "\(r.quarantine[0].reason)")
        #expect(r.quarantine[3].reason == "exact repeat of line 5" && r.quarantine[4].reason == "exact repeat of line 5")
        #expect(r.diagnostics.map(\.line) == [6, 7, 2, 3, 4], "\(r.diagnostics.map(\.description))")
        #expect(r.errorCount == 3 && r.warningCount == 2)
    }

    /// Random long and wide files with runs of repeats, conflicts near and far, bad and suppressed cells:
    /// byte-for-byte repeats read exactly as respelled ones, in one piece and in parallel chunks.
    @Test func repeatsReadExactlyAsRowsReadOneByOne() throws {
        var random = LinearCongruential(seed: 2026)
        func pick(_ n: Int) -> Int { Int((random.step() >> 33) % UInt64(n)) }
        for trial in 0..<40 {
            let wide = trial % 2 == 1
            var rows = [[String]]()                         // fields; the value cells are respelled in `b`
            for _ in 0..<(20 + pick(60)) {
                let month = "2015-\(String(format: "%02d", 1 + pick(4)))", area = "E\(pick(2))"
                let cell: () -> String = {
                    switch pick(12) {
                    case 0: return "oops"
                    case 1: return "c"
                    default: return String(10 + pick(3))
                    }
                }
                let row = wide ? [area, month, cell(), cell()] : [area, ["lac", "ppo"][pick(2)], month, cell()]
                for _ in 0..<(1 + (pick(3) == 0 ? pick(6) : 0)) { rows.append(row) }
            }
            let header = wide ? "area,month,lac,ppo" : "area,metric,month,value"
            let values = wide ? [2, 3] : [3]
            var a = header + "\n", b = header + "\n"
            for (n, row) in rows.enumerated() {
                a += row.joined(separator: ",") + "\n"
                var respelled = row
                // A row with a bad cell is quarantined with its text, so only rows without one are respelled.
                for c in values where n % 2 == 1 && !row.contains("oops") && Double(row[c]) != nil { respelled[c] += ".0" }
                b += respelled.joined(separator: ",") + "\n"
            }
            let one = try read(a), reference = try read(b), chunked = try read(a, parallelism: 3)
            expectSame(one, reference, "trial \(trial)")
            expectSame(chunked, reference, "trial \(trial), in chunks")
        }
    }

    /// A million repeats of one row are one run in the quarantine, and every one is still counted,
    /// listed and written.
    @Test func aMillionRepeatsAreOneRun() throws {
        for (header, row, width) in [("area,metric,month,value", "E1,lac,2015-01,7", 1), ("area,month,lac,ppo", "E1,2015-01,7,3", 2)] {
            var text = header + "\n"
            text.reserveCapacity(20 * 1_000_001)
            for _ in 0...1_000_000 { text += row + "\n" }
            let r = try read(text)
            #expect(r.summary.quarantined == 1_000_000 * width && r.summary.balances)
            #expect(r.quarantine.count == 1_000_000 * width)
            var runs = 0
            r.quarantine.forEachRun { _, lines in runs += 1; #expect(lines == 1_000_000) }
            #expect(runs == 1)
            #expect(r.quarantine.last?.line == 1_000_002 && r.quarantine.last?.reason == "exact repeat of line 2")
            #expect(r.warningCount == 1_000_000 * width)
            #expect(r.diagnostics.last?.message.contains("\(1_000_000 * width - DiagnosticLog.limitPerCode) more duplicate_row") == true)
        }
    }
}
