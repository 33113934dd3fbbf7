import Foundation
import Testing
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicNumerics
import ClinicTestSupport

/// Reading aggregate extracts: every value accepted, suppressed or quarantined, each problem a located
/// diagnostic. Expected counts are worked out by hand from the small files below.
@Suite("Aggregate extracts")
struct AggregateReaderTests {
    let reader = AggregateReader(asOf: Month(year: 2026, month: 11)!)

    func read(_ text: String, file: String = "extract.csv") throws -> ExtractReading {
        reader.read(try CSVSource(data: Data(text.utf8), file: file))
    }

    func codes(_ r: ExtractReading) -> [String] { r.diagnostics.map(\.code) }

    @Test func longFileWithAreasDimensionsTargetsAndMarkers() throws {
        let r = try read("""
            Period,LA Code,Measure,Age Band,Value,Target
            2015-01,E08000025,lac,0-9,"1,234",1200
            Jan 2015,E08000025,lac,10-15,56,
            2015-02,E08000025,lac,0-9,1240,1200
            2015-02,E08000025,lac,10-15,c,
            2015-01,E08000025,re_referrals_pct,all,23.5%,
            2015-02,E08000025,re_referrals_pct,all,,

            """)
        guard case let .long(layout)? = r.format else { Issue.record("not long: \(String(describing: r.format))"); return }
        #expect(layout.dimensions.map(\.name) == ["age_band"])
        #expect(r.summary == .init(rows: 6, values: 6, accepted: 5, suppressed: 1, quarantined: 0, blank: 1, records: 0))
        #expect(r.summary.balances)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let series = r.series()
        #expect(series.map(\.key.description) == ["E08000025/lac[age_band=0-9]", "E08000025/lac[age_band=10-15]",
                                                  "E08000025/re_referrals_pct[age_band=all]"])
        #expect(series[0].values == [1234, 1240])
        #expect(series[1].status == [.observed, .suppressed])
        #expect(series[1].markers == [1: "c"])
        #expect(series[2].values[0] == 23.5 && series[2].status == [.observed, .missing])
        #expect(r.observations.targets == [0: 1200, 2: 1200])
        let panel = r.panel()
        #expect(panel.months == 2 && panel.keys.count == 3)
        #expect(panel.values[0, 0] == 1234 && panel.values[1, 1].isNaN)
    }

    @Test func wideFileOneColumnPerMetric() throws {
        let r = try read("month,LAC,Referrals,Mystery measure\n2015-01,100,50,1\n2015-02,101,x,2\n")
        guard case let .wide(layout)? = r.format else { Issue.record("not wide"); return }
        #expect(layout.metrics.map(\.name) == ["lac", "referrals", "mystery_measure"])
        #expect(r.summary == .init(rows: 2, values: 6, accepted: 5, suppressed: 1, quarantined: 0, blank: 0, records: 0))
        #expect(codes(r) == ["unknown_metric"])
        #expect(r.diagnostics[0].severity == .warning)
    }

    /// Percentages outside 0–100 and rates per 10,000 outside 0–10,000 cannot be right: errors at their
    /// line and column, quarantined, nothing lost; a ratio or an unknown metric is not held to them.
    @Test func implausiblePercentagesAndRatesAreQuarantined() throws {
        let r = try read("""
            month,metric,value
            2015-01,re_referrals_pct,22.5
            2015-02,re_referrals_pct,120
            2015-03,re_referrals_pct,-1
            2015-01,lac_rate_per_10k,65.2
            2015-02,lac_rate_per_10k,12000
            2015-01,my_own_score,250
            """)
        let located = r.diagnostics.filter { $0.severity == .error }.map { "\($0.line!):\($0.column!) \($0.code)" }
        #expect(located == ["3:26 implausible_percent", "4:26 implausible_percent", "6:26 implausible_rate"])
        #expect(r.summary.values == 6 && r.summary.accepted == 3 && r.summary.quarantined == 3 && r.summary.balances)
        #expect(r.quarantine.map(\.line) == [3, 4, 6])
    }

    @Test func valueErrorsAreQuarantinedWithTheirPosition() throws {
        let r = try read("""
            month,metric,value
            2015-01,lac,10
            2015-13,lac,11
            01/02/15,lac,12
            2015-04,lac,twelve
            2015-05,lac,-3
            2015-06,,4
            2015-07,lac,5,extra
            2015-08,sw_caseload,-1.5

            """)
        #expect(r.summary.values == 8 && r.summary.accepted == 2 && r.summary.quarantined == 6 && r.summary.balances)
        let located = r.diagnostics.filter { $0.severity == .error }.map { "\($0.line!):\($0.column.map(String.init) ?? "-") \($0.code)" }
        #expect(located == ["3:1 bad_month", "4:1 ambiguous_month", "5:13 non_numeric", "6:13 negative_count",
                            "7:9 missing_metric", "8:15 ragged_row"])
        #expect(r.quarantine.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(r.quarantine[2].row == "2015-04,lac,twelve")
        #expect(r.quarantine[2].column == "value")
        // A ratio may be negative in principle; only counts are held to ≥ 0.
        #expect(r.series().first { $0.key.metric == "sw_caseload" }?.values == [-1.5])
    }

    @Test func duplicatesRepeatsAreSetAsideAndConflictsQuarantinedWhole() throws {
        let r = try read("month,metric,value\n2015-01,lac,10\n2015-01,lac,10\n2015-02,lac,11\n2015-02,lac,12\n2015-03,lac,13\n")
        #expect(codes(r).sorted() == ["conflicting_duplicate", "conflicting_duplicate", "duplicate_row", "gap"])
        #expect(r.summary == .init(rows: 5, values: 5, accepted: 2, suppressed: 0, quarantined: 3, blank: 0, records: 0))
        #expect(r.series()[0].status == [.observed, .missing, .observed])
        let conflict = try #require(r.diagnostics.first { $0.code == "conflicting_duplicate" })
        #expect(conflict.message.contains("lines 4, 5 (11 vs 12)"))
    }

    @Test func unterminatedQuoteQuarantinesTheRestOfTheFile() throws {
        let r = try read("month,metric,value\n2015-01,lac,10\n2015-02,\"lac,11\n2015-03,lac,12\n2015-04,lac,13\n")
        #expect(codes(r).contains("unterminated_quote"))
        #expect(r.summary.accepted == 1 && r.summary.quarantined == 3 && r.summary.values == 4 && r.summary.balances)
        #expect(r.quarantine.first?.line == 3)
    }

    @Test func fileLevelProblems() throws {
        #expect(codes(try read("")) == ["empty_file"])
        #expect(codes(try read("month,metric,value\n")) == ["header_only"])
        let unrecognised = try read("when,what,how much\n2015-01,lac,3\n2015-02,lac,4\n")
        #expect(codes(unrecognised) == ["unrecognised_format"])
        #expect(unrecognised.summary.quarantined == 2 && unrecognised.summary.balances)
        #expect(codes(try read("month,metric\n2015-01,lac\n")) == ["unrecognised_format"])
        #expect(codes(try read("month,lac,LAC\n2015-01,1,2\n")) == ["duplicate_column"])
        let strict = try read("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,NICKNAME\n1,1,01/01/2010,WBRI,,,,Al\n")
        #expect(codes(strict) == ["unknown_column"])
        let episodes = try read("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/01/2016,S,C2,N1,U1,PR1,,,,,,\n")
        #expect(episodes.format == .recordFile(.ssda903Episodes))
        #expect(episodes.summary.records == 1 && episodes.diagnostics.isEmpty)
    }

    @Test func seriesWarningsGapsFutureMonthsAndJumps() throws {
        var text = "month,metric,value\n"
        let values = [100, 102, 101, 103, 102, 104, 900, 105]
        for (i, v) in values.enumerated() { text += "2015-\(String(format: "%02d", i + 1)),lac,\(v)\n" }
        text += "2015-11,lac,106\n2027-01,lac,107\n"
        let r = try read(text)
        #expect(Set(codes(r)) == ["implausible_jump", "gap", "future_month"])
        let jumps = r.diagnostics.filter { $0.code == "implausible_jump" }
        #expect(jumps.map(\.line) == [8, 9])                      // up to 900, and back down
        #expect(r.diagnostics.first { $0.code == "future_month" }?.line == 11)
        #expect(r.diagnostics.first { $0.code == "gap" }?.message.contains("from 2015-09") == true)
    }

    /// A rare count (police protection: mostly 0, sometimes 1 or 2) has a median monthly change of 0;
    /// its moves of 1 or 2 are not implausible, but a jump to 15 is.
    @Test func rareCountsAreNotJumpsUnlessTheyReallyJump() throws {
        var text = "month,metric,value\n"
        let values = [0, 0, 1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 15, 0]
        for (i, v) in values.enumerated() { text += String(format: "%04d-%02d,ppo,%d\n", 2015 + i / 12, i % 12 + 1, v) }
        let jumps = try read(text).diagnostics.filter { $0.code == "implausible_jump" }
        #expect(jumps.map(\.line) == [14, 15], "\(jumps.map(\.description))")   // up to 15 and back down
    }

    @Test func diagnosticFloodsAreCappedButNothingIsLost() throws {
        var text = "month,metric,value\n"
        for i in 0..<100 { text += "2015-01,m\(i),oops\n" }
        let r = try read(text)
        let errors = r.diagnostics.filter { $0.code == "non_numeric" }
        #expect(errors.count == DiagnosticLog.limitPerCode + 1)
        #expect(errors.last?.message.contains("80 more non_numeric") == true)
        #expect(r.quarantine.count == 100 && r.summary.balances)
    }
}

extension AggregateReaderTests {
    @Test func medianBySelectionMatchesSorting() {
        var random = LinearCongruential(seed: 5)
        for n in 1...40 {
            var xs = (0..<n).map { _ -> Double in
                Double((random.step() >> 40) % 7)                           // many ties
            }
            let sorted = xs.sorted()
            let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            #expect(Median.inPlace(&xs) == expected, "n = \(n)")
        }
    }
}

extension AggregateReaderTests {
    /// `text` read in one piece and in `chunks` parallel chunks (files from `chunkedFrom` bytes).
    func readInOneAndInChunks(_ text: String, chunks: Int, chunkedFrom bytes: Int) throws -> (ExtractReading, ExtractReading) {
        var sequential = reader
        sequential.parallelism = 1
        var parallel = reader
        parallel.parallelism = chunks
        parallel.parallelMinimumBytes = bytes
        return (sequential.read(try CSVSource(data: Data(text.utf8), file: "big.csv")),
                parallel.read(try CSVSource(data: Data(text.utf8), file: "big.csv")))
    }

    /// A large file is read in parallel chunks; the result must be identical to reading it in one piece,
    /// line numbers, series order, duplicates across chunk boundaries and diagnostics included.
    @Test func parallelChunksGiveTheSameReadingAsOnePiece() throws {
        var text = "month,area,metric,breakdown,value\n"
        var row = 0
        for area in 0..<40 {
            for metric in ["lac", "ppo", "mystery"] {
                for breakdown in ["all", "girls", "boys"] {
                    for m in 0..<120 {
                        row += 1
                        let value: String
                        switch row % 997 {
                        case 0: value = "n/a"                                          // non_numeric
                        case 1: value = metric == "mystery" ? "-4" : "c"
                        default: value = String(100 + (row * 7919) % 50)
                        }
                        text += "\(2015 + m / 12)-\(String(format: "%02d", m % 12 + 1)),E0\(area),\(metric),\(breakdown),\(value)\n"
                    }
                }
            }
        }
        text += "2015-01,E00,lac,all,100\n2015-01,E00,lac,all,999\n"             // conflicts with line 2, far away
        let (a, b) = try readInOneAndInChunks(text, chunks: 4, chunkedFrom: 100_000)
        #expect(a.summary == b.summary && a.summary.balances)
        #expect(a.keys == b.keys)
        #expect(a.observations.series == b.observations.series && a.observations.line == b.observations.line)
        #expect(a.observations.value.elementsEqual(b.observations.value) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(a.observations.month == b.observations.month && a.observations.status == b.observations.status)
        #expect(a.observations.markers == b.observations.markers)
        #expect(a.quarantine == b.quarantine)
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.diagnostics.contains { $0.code == "conflicting_duplicate" && $0.line == 2 })
        #expect(a.diagnostics.filter { $0.code == "unknown_metric" }.count == 1)
        #expect(a.summary.quarantined > 10)
    }

    /// `panel()` builds the panel straight from the observations; it must be the panel of `series()`:
    /// keys sorted although the file lists them out of order (breakdowns all, girls, boys; metrics lac,
    /// ppo, mystery), series starting and ending in different months, a gap, suppressed values with their
    /// markers (one of them on a repeated row), blanks, and a series with nothing accepted.
    @Test func panelIsThePanelOfTheSeries() throws {
        var text = "month,area,metric,breakdown,value\n"
        for area in ["E09", "E01"] {
            for metric in ["lac", "ppo", "mystery"] {
                for breakdown in ["all", "girls", "boys"] {
                    let first = breakdown == "girls" ? 3 : 0, last = metric == "ppo" ? 20 : 30
                    for m in first..<last where !(metric == "lac" && breakdown == "boys" && (10..<13).contains(m)) {
                        let value: String
                        switch (m * 7 + breakdown.count) % 11 {
                        case 0: value = "c"
                        case 1: value = "[x]"
                        case 2: value = ""
                        default: value = String(50 + (m * 37) % 13)
                        }
                        text += "\(2015 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(area),\(metric),\(breakdown),\(value)\n"
                    }
                }
            }
        }
        text += "2015-02,E09,lac,all,c\n2015-02,E09,lac,all,c\n"                     // a repeated marker
        text += "2016-01,E05,lac,all,n/a\n"                                             // nothing accepted
        let r = try read(text)
        let direct = r.panel(), viaSeries = Panel(r.series())
        #expect(direct.keys == viaSeries.keys && direct.keys.count == 18)
        #expect(direct.keys != r.keys.filter { $0.area != "E05" })                     // the file's order was not the panel's
        #expect(direct.start == viaSeries.start && direct.months == viaSeries.months && direct.months == 30)
        #expect(direct.values.storage.elementsEqual(viaSeries.values.storage) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(direct.status == viaSeries.status)
        #expect(direct.markers == viaSeries.markers)
        #expect(direct.markers.contains { !$0.isEmpty } && direct.status.joined().contains(.missing))
        #expect(direct.status.joined().contains(.suppressed))
    }

    /// Chunks joined when the first has no series at all (every row quarantined there), and targets
    /// carried from later chunks at their place in the whole.
    @Test func chunksWithoutSeriesFirstAndTargetsLaterJoinAsOnePiece() throws {
        var text = "month,area,metric,breakdown,value,target\n"
        for k in 0..<4_000 { text += "2015-01,E0\(k % 7),,all,1,\n" }                    // missing_metric
        for area in 0..<30 {
            for m in 0..<120 {
                let target = m % 5 == 0 ? String(90 + area) : ""
                text += "\(2015 + m / 12)-\(String(format: "%02d", m % 12 + 1)),E1\(area),lac,all,\(100 + (m * 31 + area) % 17),\(target)\n"
            }
        }
        let (a, b) = try readInOneAndInChunks(text, chunks: 3, chunkedFrom: 50_000)
        #expect(a.summary == b.summary && a.summary.quarantined == 4_000 && a.summary.accepted == 3_600)
        #expect(a.keys == b.keys && a.keys.count == 30)
        #expect(a.observations.series == b.observations.series && a.observations.line == b.observations.line)
        #expect(a.observations.month == b.observations.month && a.observations.value == b.observations.value)
        #expect(a.observations.targets == b.observations.targets && a.observations.targets.count == 30 * 24)
        #expect(a.quarantine == b.quarantine && a.diagnostics == b.diagnostics)
    }
}

/// The reader's small tools: comparing bytes in place, and guessing how many rows are left.
@Suite("Aggregate reader helpers")
struct AggregateReaderHelperTests {
    @Test func sameBytesIsMemcmpAtEveryLengthAndPlace() {
        let a: [UInt8] = (0..<40).map { UInt8($0 * 7 % 251) }
        for length in 0...17 {
            for place in 0..<max(length, 1) {
                var b = a
                if length > 0 { b[place] ^= 0x10 }
                a.withUnsafeBytes { pa in
                    b.withUnsafeBytes { pb in
                        let same = AggregateReader.sameBytes(pa.baseAddress!, pb.baseAddress!, length)
                        #expect(same == (memcmp(pa.baseAddress!, pb.baseAddress!, length) == 0), "length \(length), place \(place)")
                        #expect(AggregateReader.sameBytes(pa.baseAddress!, pa.baseAddress!, length))
                    }
                }
            }
        }
    }

    @Test func estimatedRowsFromTheNextLines() {
        func estimate(_ text: String, fields: Int = 5) -> Int {
            Data(text.utf8).withUnsafeBytes { AggregateReader.estimatedRows(CSVTokenizer(bytes: $0, file: "t.csv"), fields: fields) }
        }
        #expect(estimate("") == 0)
        #expect(estimate("no line break at all") == 0)
        let rows = String(repeating: "2015-01,E1,lac,all,123\n", count: 10_000)                // 23 bytes a row
        #expect((10_000...10_300).contains(estimate(rows)))
        #expect(estimate(rows, fields: 0) > 0)
        #expect(estimate(String(repeating: "\n", count: 1_000), fields: 5) <= 1_000 / 10 + 1)   // capped
    }
}
