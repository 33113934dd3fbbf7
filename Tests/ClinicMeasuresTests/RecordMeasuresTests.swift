import Foundation
import Testing
@testable import ClinicMeasures
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicSeeds
import ClinicTestSupport

/// Record files → monthly measures, on small hand-built tables whose every count is worked out in the
/// comments, and on the synthetic SSDA903 tables of the reference set (Fixtures/records).
@Suite("Measures from child records")
struct RecordMeasuresTests {
    func table(_ text: String, _ file: String = "t.csv") throws -> CSVSource { try CSVSource(data: Data(text.utf8), file: file) }

    func records(header: String = "", episodes: String = "", missing: String = "", referrals: String = "") throws -> ChildRecords {
        var r = ChildRecords()
        if !header.isEmpty { try r.add(table("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + header, "header.csv"), kind: .ssda903Header) }
        if !episodes.isEmpty {
            try r.add(table("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" + episodes, "episodes.csv"),
                  kind: .ssda903Episodes)
        }
        if !missing.isEmpty { try r.add(table("CHILD,DOB,MISSING,MIS_START,MIS_END\n" + missing, "missing.csv"), kind: .ssda903Missing) }
        if !referrals.isEmpty {
            try r.add(table("LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,DateOfInitialCPC,ReferralNFA\n" + referrals, "cin.csv"),
                  kind: .cinReferrals)
        }
        return r
    }

    /// The measures over every month from the first event on (`from` = that month): these tests are about
    /// counting rules, not about which months the files cover (`coverage…` tests are).
    func monthly(_ r: ChildRecords) -> (series: [Series], notes: [String]) {
        let months = r.episodes.map(\.start.month) + r.missing.map(\.start.month) + r.referrals.map(\.date.month)
        return RecordMeasures.monthly(r, from: months.min())
    }

    func values(_ series: [Series], _ metric: String) -> [String: Double] {
        guard let s = series.first(where: { $0.key.metric == metric }) else { return [:] }
        var out = [String: Double]()
        for (i, v) in s.values.enumerated() where s.status[i] == .observed { out[s.start.advanced(by: i).description] = v }
        return out
    }

    /// `lac_uasc`, worked by hand. A (born 1 June 2007) is looked after from 15 March 2023 and UASC
    /// throughout (DUC blank); B (born 10 January 2006) from 1 February to 20 May 2023, UASC until
    /// 10 April 2023. Month ends: February B (1); March A and B (2); April A only, B's status having
    /// ceased (1); May A (1). A DUC before the DOB, or after the 18th birthday, is an error at its cell.
    @Test func unaccompaniedAsylumSeekersLookedAfter() throws {
        var r = try records(header: "A,1,01/06/2007,WBRI,,,\nB,1,10/01/2006,WBRI,,,\n",
                            episodes: "A,15/03/2023,S,C2,N1,U1,PR1,,,,,,\nB,01/02/2023,S,C2,N1,U1,PR1,20/05/2023,E13,,,,\n")
        #expect(!r.hasUASCTable && !monthly(r).series.contains { $0.key.metric == "lac_uasc" })
        try r.add(table("CHILD,SEX,DOB,DUC\nA,1,01/06/2007,\nB,1,10/01/2006,10/04/2023\nC,1,01/01/2010,01/01/2009\nD,1,01/01/2005,02/01/2023\n", "uasc.csv"),
              kind: .ssda903UASC)
        #expect(values(monthly(r).series, "lac_uasc") == ["2023-02": 1, "2023-03": 2, "2023-04": 1, "2023-05": 1])
        #expect(values(monthly(r).series, "lac") == ["2023-02": 1, "2023-03": 2, "2023-04": 2, "2023-05": 1])
        let problems = r.diagnostics.filter { $0.file == "uasc.csv" }.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.code)" }
        #expect(problems == ["4:16 end_before_start", "5:16 duc_after_18"])
        #expect(r.isUASC("B", on: Day(year: 2023, month: 4, day: 9)!) && !r.isUASC("B", on: Day(year: 2023, month: 4, day: 10)!))
        // Cut at March 2023, B's status had not yet ceased: as the records stood then.
        #expect(r.known(atEndOf: Month(year: 2023, month: 3)!).isUASC("B", on: Day(year: 2023, month: 6, day: 1)!))
    }

    @Test func lookedAfterCountsOnBoundaryDays() throws {
        let r = try records(
            header: """
            1,1,15/03/2000,WBRI,,,
            2,2,10/02/2008,WBRI,,,
            3,1,01/01/2010,WBRI,,,
            """,
            episodes: """
            1,01/01/2018,S,C2,N1,U1,PR1,31/01/2018,X1,,,,
            1,31/01/2018,P,C2,N1,U1,PR1,14/03/2018,E17,,,,
            2,01/02/2018,S,V2,N1,U1,PR1,28/02/2018,E13,,,,
            3,15/01/2018,S,V3,N1,U1,PR1,,,,,,
            3,01/03/2018,S,C1,N1,U1,PR1,,,,,,
            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let (series, _) = monthly(r)
        // Jan: child 1 (episode ends 31 Jan but the next begins that day) → 1; child 3 is on short breaks.
        // Feb: child 1; child 2 started 1 Feb and ended on 28 Feb, the last day, so not looked after at month end → 1.
        // Mar: child 1 left on 14 Mar; child 3 started a care order on 1 Mar → 1.
        #expect(values(series, "lac") == ["2018-01": 1, "2018-02": 1, "2018-03": 1])
        // RNE = S, children; child 3's short break in January is not a start.
        #expect(values(series, "lac_starts") == ["2018-01": 1, "2018-02": 1, "2018-03": 1])
        // Ceased: child 2 in Feb (E13); child 1 in Mar (E17, aged 18 on 14/03/2018: born 15/03/2000 → 17!).
        #expect(values(series, "lac_ceased") == ["2018-01": 0, "2018-02": 1, "2018-03": 1])
        #expect(values(series, "lac_ceased_18") == ["2018-01": 0, "2018-02": 0, "2018-03": 0])
    }

    /// Child 1 has two short breaks (V3, each S and ending with E8), then a care order from 10 March
    /// 2020 to 15 June 2020 (E11); child 2 only ever has short breaks (V4). By hand: one start (March),
    /// one ceased (June), looked after at the ends of March, April and May only; child 2 counts nowhere.
    @Test func shortBreaksAreLeftOutOfEveryLookedAfterMeasure() throws {
        let r = try records(
            header: """
            1,1,01/06/2008,WBRI,,,
            2,2,01/06/2009,WBRI,,,
            """,
            episodes: """
            1,03/01/2020,S,V3,N1,U1,PR1,05/01/2020,E8,,,,
            1,07/02/2020,S,V3,N1,U1,PR1,09/02/2020,E8,,,,
            1,10/03/2020,S,C2,N1,U1,PR1,15/06/2020,E11,,,,
            2,10/01/2020,S,V4,N1,U1,PR1,12/01/2020,E8,,,,
            2,20/02/2020,S,V4,N1,U1,PR1,,,,,,
            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let (series, _) = monthly(r)
        #expect(values(series, "lac") == ["2020-01": 0, "2020-02": 0, "2020-03": 1, "2020-04": 1, "2020-05": 1, "2020-06": 0])
        #expect(values(series, "lac_starts") == ["2020-01": 0, "2020-02": 0, "2020-03": 1, "2020-04": 0, "2020-05": 0, "2020-06": 0])
        #expect(values(series, "lac_ceased") == ["2020-01": 0, "2020-02": 0, "2020-03": 0, "2020-04": 0, "2020-05": 0, "2020-06": 1])
        #expect(values(series, "lac_ceased_18").values.allSatisfy { $0 == 0 })
    }

    @Test func turningEighteenOnTheDayCounts() throws {
        let r = try records(header: "1,1,14/03/2000,WBRI,,,\n", episodes: "1,01/01/2018,S,C2,N1,U1,PR1,14/03/2018,E17,,,,\n")
        #expect(values(monthly(r).series, "lac_ceased_18")["2018-03"] == 1)
    }

    @Test func policeProtectionPeriodsJoinBackToBackEpisodes() throws {
        let r = try records(episodes: """
            1,01/05/2019,S,L1,N1,U1,PR1,02/05/2019,X1,,,,
            1,02/05/2019,P,L1,N1,U1,PR1,03/05/2019,X1,,,,
            1,03/05/2019,L,C1,N1,U1,PR1,,,,,,
            2,10/05/2019,S,L1,N1,U1,PR1,12/05/2019,E13,,,,
            2,20/05/2019,S,L1,N1,U1,PR1,21/05/2019,E13,,,,
            3,30/05/2019,S,L1,N1,U1,PR1,02/06/2019,X1,,,,
            3,02/06/2019,P,L1,N1,U1,PR1,04/06/2019,E13,,,,
            """)
        let series = monthly(r).series
        // May: child 1 one period (two back-to-back L1 episodes); child 2 two separate periods; child 3 one
        // period starting 30 May (its June continuation is the same period) → 4 periods, 3 children.
        #expect(values(series, "ppo") == ["2019-05": 4, "2019-06": 0])
        #expect(values(series, "ppo_children") == ["2019-05": 3, "2019-06": 0])
    }

    /// Record rows with errors are left out, not quarantined: the note for the diagnostics not shown said
    /// "the quarantine file lists every rejected row", and no such file is written.
    @Test func theNoteForDiagnosticsNotShownPromisesNoQuarantineFile() throws {
        var r = ChildRecords()
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        let rows = (1...25).map { "\($0),10/02/2017,S,ZZ,N1,U1,PR1,,,,,,\n" }.joined()
        try r.add(table(head + rows, "2017.csv"), kind: .ssda903Episodes)
        let note = try #require(r.diagnostics.last)
        #expect(note.message == "5 more bad_code diagnostics not shown (25 in all; those rows are left out)")
        #expect(!r.diagnostics.contains { $0.message.contains("quarantine") })
    }

    /// An episode repeated within one file is merged too, and counted as such (it was reported as having
    /// "appeared in more than one file").
    @Test func episodesRepeatedWithinOneFileAreCountedApart() throws {
        var r = ChildRecords()
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        try r.add(table(head + "7,10/02/2017,S,C2,N1,U1,PR1,,,,,,\n7,10/02/2017,S,C2,N1,U1,PR1,,,,,,\n", "2017.csv"), kind: .ssda903Episodes)
        try r.add(table(head + "7,10/02/2017,S,C2,N1,U1,PR1,05/06/2017,E13,,,,\n", "2018.csv"), kind: .ssda903Episodes)
        #expect(r.mergedEpisodes == 2 && r.mergedWithinFile == 1 && r.episodes.count == 1)
    }

    @Test func repeatedEpisodesAcrossYearsAreMergedKeepingTheEndedOne() throws {
        var r = ChildRecords()
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        try r.add(table(head + "7,10/02/2017,S,C2,N1,U1,PR1,,,,,,\n", "2017.csv"), kind: .ssda903Episodes)
        try r.add(table(head + "7,10/02/2017,S,C2,N1,U1,PR1,05/06/2017,E13,,,,\n", "2018.csv"), kind: .ssda903Episodes)
        #expect(r.mergedEpisodes == 1 && r.episodes.count == 1 && r.episodes[0].end == Day(year: 2017, month: 6, day: 5))
        #expect(r.mergedWithinFile == 0)
        let series = monthly(r).series
        #expect(values(series, "lac") == ["2017-02": 1, "2017-03": 1, "2017-04": 1, "2017-05": 1, "2017-06": 0])
    }

    @Test func missingAndAwayIncidents() throws {
        let r = try records(missing: """
            1,01/01/2005,M,03/04/2020,04/04/2020
            1,01/01/2005,M,20/04/2020,
            2,01/01/2006,A,30/04/2020,01/05/2020
            2,01/01/2006,M,01/05/2020,02/05/2020
            """)
        let series = monthly(r).series
        #expect(values(series, "missing_incidents") == ["2020-04": 2, "2020-05": 1])
        #expect(values(series, "away_incidents") == ["2020-04": 1, "2020-05": 0])
        #expect(values(series, "missing_children") == ["2020-04": 1, "2020-05": 1])
    }

    @Test func referralsRereferralsAndNoFurtherAction() throws {
        let r = try records(referrals: """
            A,1,15/01/2019,6,N1,,,,false
            A,2,15/01/2020,1A,N1,,,,TRUE
            A,3,16/01/2021,2A,N1,,,,0
            B,4,20/01/2020,6,N1,,,,1
            C,5,2020-01-31,3A,N1,,,,FALSE
            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let series = monthly(r).series
        // Jan 2020: A (previous 15/01/2019, exactly 12 months → re-referral), B, C → 3 referrals, 1 re-referral,
        // 2 NFA, 1 police. Jan 2021: A again, previous 15/01/2020 is more than a year before 16/01/2021 → not.
        let referrals = values(series, "referrals")
        #expect(referrals["2019-01"] == 1 && referrals["2020-01"] == 3 && referrals["2021-01"] == 1 && referrals["2020-06"] == 0)
        let re = values(series, "re_referrals_pct")
        #expect(abs(re["2020-01"]! - 100.0 / 3) < 1e-12 && re["2021-01"] == 0 && re["2019-01"] == 0)
        #expect(re["2020-06"] == nil)                                       // no referrals: no percentage
        #expect(abs(values(series, "referrals_nfa_pct")["2020-01"]! - 200.0 / 3) < 1e-12)
        #expect(values(series, "referrals_police")["2020-01"] == 1 && values(series, "referrals_police")["2019-01"] == 1)
    }

    @Test func invalidCodesAndDatesAreLocatedDiagnostics() throws {
        let r = try records(episodes: """
            1,31/02/2018,S,C2,N1,U1,PR1,,,,,,
            2,01/02/2018,Q,C2,N1,U1,PR1,,,,,,
            3,01/02/2018,S,C2,N1,U1,PR1,05/02/2018,,,,,
            4,01/02/2018,S,C2,N1,U1,PR1,,,,,,
            5,01/02/2018,S,C2,N1,U1,PR1,,X1,,,,
            """)
        let located = r.diagnostics.map { "\($0.line!):\($0.column!) \($0.code)" }
        #expect(located == ["2:3 bad_date", "3:14 bad_code", "4:40 dec_rec_mismatch", "6:30 rec_without_dec"])   // the blank REC
        #expect(r.diagnostics.last?.severity == .warning)
        #expect(r.rowsRead == 5 && r.rowsRejected == 3 && r.episodes.count == 2 && r.episodes[1].reasonCeased == nil)
    }

    @Test func syntheticReferenceTables() throws {
        let folder = Fixtures.url("records")
        var r = ChildRecords()
        for (name, kind) in [("header", RecordFileKind.ssda903Header), ("episodes", .ssda903Episodes), ("missing", .ssda903Missing)] {
            try r.add(CSVSource(contentsOf: folder.appendingPathComponent("\(name).csv").path), kind: kind)
        }
        #expect(r.rowsRead == 2675 + 5050 + 43)
        // The synthetic file leaves REC filled on 1,413 open episodes: warnings, the episodes kept open.
        #expect(r.rowsRejected == 0)
        #expect(r.diagnostics.allSatisfy { $0.severity == .warning && $0.code == "rec_without_dec" })
        #expect(r.diagnostics.last?.message.contains("1393 more rec_without_dec") == true)
        let (series, _) = monthly(r)
        let metrics = Set(series.map(\.key.metric))
        #expect(metrics.isSuperset(of: ["lac", "lac_starts", "lac_ceased", "ppo", "missing_incidents", "away_incidents"]))
        // Totals that can be counted straight from the files: Missing rows by type (19 M, 24 A).
        let total = { (metric: String) in series.first { $0.key.metric == metric }!.values.reduce(0, +) }
        #expect(total("missing_incidents") == 19 && total("away_incidents") == 24)
        // Every start is an episode with RNE = S (381 of them) unless a child started twice in one month.
        #expect(total("lac_starts") <= 381 && total("lac_starts") > 300)
        #expect(series.allSatisfy { $0.values.allSatisfy { !$0.isNaN } || $0.key.metric.hasSuffix("_pct") })
    }

    /// File names state their collection year in the forms analysts use.
    @Test func collectionYearsFromFileNames() {
        #expect(CollectionYears.year(fromName: "records/episodes_2022.csv") == 2022)
        #expect(CollectionYears.year(fromName: "ssda903_2021-22_episodes.csv") == 2022)
        #expect(CollectionYears.year(fromName: "CIN 2021_22.csv") == 2022)
        #expect(CollectionYears.year(fromName: "episodes202122.csv") == 2022)
        #expect(CollectionYears.year(fromName: "episodes.csv") == nil)
        #expect(CollectionYears.year(of: Month(year: 2021, month: 4)!) == 2022 && CollectionYears.year(of: Month(year: 2022, month: 3)!) == 2022)
    }

    /// Episodes files for 2020 and 2022 (April 2019 – March 2020, April 2021 – March 2022), none for
    /// 2021; one child looked after from May 2019 to 10 January 2022. By hand: months run from April 2019
    /// (the first covered month) to March 2022 when the run is as of March 2022 (to January 2022, the
    /// files' latest date, when the last year may still be in progress); April 2020 – March 2021 have no file, so they are missing, not 0; covered months with no
    /// start are 0; a note names the missing year.
    @Test func coveredMonthsOnly() throws {
        var r = ChildRecords()
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        try r.add(table(head + "1,15/05/2019,S,C2,N1,U1,PR1,,,,,,\n", "episodes_2020.csv"), kind: .ssda903Episodes)
        try r.add(table(head + "1,15/05/2019,S,C2,N1,U1,PR1,10/01/2022,E11,,,,\n", "episodes_2022.csv"), kind: .ssda903Episodes)
        // Without `through` (or with one before March 2022) the last year may be in progress: to January
        // 2022, the files' latest date. With `through` at its March it is complete: to March 2022.
        #expect(RecordMeasures.monthly(r).series.first { $0.key.metric == "lac" }?.values.count == 34)
        #expect(RecordMeasures.monthly(r, through: Month(year: 2022, month: 2)!).series.first { $0.key.metric == "lac" }?.values.count == 34)
        let (series, notes) = RecordMeasures.monthly(r, through: Month(year: 2022, month: 3)!)
        let lac = try #require(series.first { $0.key.metric == "lac" })
        #expect(lac.start == Month(year: 2019, month: 4)! && lac.values.count == 36)
        let status = Dictionary(uniqueKeysWithValues: lac.values.indices.map { (lac.start.advanced(by: $0).description, lac.status[$0]) })
        #expect(status["2020-04"] == .missing && status["2021-03"] == .missing && status["2020-03"] == .observed && status["2021-04"] == .observed)
        let v = values(series, "lac")
        #expect(v["2019-04"] == 0 && v["2019-05"] == 1 && v["2021-12"] == 1 && v["2022-01"] == 0 && v["2022-03"] == 0)
        #expect(values(series, "lac_starts")["2019-05"] == 1 && values(series, "lac_starts")["2019-06"] == 0)
        #expect(notes.contains { $0.contains("no Episodes file for the collection year 2021") })
    }

    /// Child 1: an episode from 1 March 2019 to 30 June 2019 and another from 1 June 2019 (overlap);
    /// child 2: back to back (DEC = the next DECOM, not an overlap), then an episode starting while the
    /// second is still open (overlap); child 3: an episode before the date of birth. By hand: three
    /// warnings, each at the later episode's line of episodes.csv.
    @Test func overlappingAndImpossibleEpisodesAreReported() throws {
        let r = try records(
            header: """
            1,1,01/01/2010,WBRI,,,
            2,1,01/01/2010,WBRI,,,
            3,2,01/01/2019,WBRI,,,
            """,
            episodes: """
            1,01/03/2019,S,C2,N1,U1,PR1,30/06/2019,E11,,,,
            1,01/06/2019,S,C2,N1,U1,PR1,,,,,,
            2,01/03/2019,S,C2,N1,U1,PR1,01/04/2019,X1,,,,
            2,01/04/2019,P,C2,N1,U1,PR1,,,,,,
            2,01/05/2019,S,C1,N1,U1,PR1,,,,,,
            3,01/12/2018,S,V2,N1,U1,PR1,,,,,,
            4,01/01/2019,S,C2,N1,U1,PR1,,,,,,
            4,01/02/2019,S,C2,N1,U1,PR1,01/03/2019,E11,,,,
            4,01/04/2019,S,C2,N1,U1,PR1,01/05/2019,E11,,,,
            """)
        let warnings = r.sequenceWarnings()
        // Child 4: both short episodes fall inside the first, still open: two overlaps, not one.
        #expect(warnings.map { "\($0.line!) \($0.code)" }.sorted() == ["10 overlapping_episodes", "3 overlapping_episodes", "6 overlapping_episodes",
                                                                      "7 episode_before_birth", "9 overlapping_episodes"],
                "\(warnings.map(\.description))")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.file == "episodes.csv" })
        // The child is still counted once at each month end.
        #expect(values(monthly(r).series, "lac")["2019-06"] == 4)
    }

    /// An independent pandas computation of the DfE definitions on the synthetic SSDA903 tables
    /// (Tests/Fixtures/records/reference, made by make_reference.py without reading Clinic's code; a
    /// plain-Python recount agreed with it) equals Clinic on every month of lac, lac_starts, lac_ceased,
    /// ppo and missing_incidents (and Clinic's missing incidents are 0 in the months the reference
    /// does not list).
    @Test func independentPandasComputationAgreesOnEveryMonth() throws {
        let folder = Fixtures.url("records")
        var r = ChildRecords()
        for (name, kind) in [("header", RecordFileKind.ssda903Header), ("episodes", .ssda903Episodes), ("missing", .ssda903Missing)] {
            try r.add(CSVSource(contentsOf: folder.appendingPathComponent("\(name).csv").path), kind: kind)
        }
        let series = monthly(r).series
        let text = try String(contentsOf: folder.appendingPathComponent("reference/monthly_reference.csv"), encoding: .utf8)
        var expected = [String: [String: Double]]()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            expected[f[0], default: [:]][f[1]] = Double(f[2])!
        }
        #expect(Set(expected.keys) == ["lac", "lac_starts", "lac_ceased", "ppo", "missing_incidents"])
        for (metric, months) in expected {
            let mine = values(series, metric)
            for (month, value) in months { #expect(mine[month] == value, "\(metric) \(month): \(mine[month] ?? -1) vs \(value)") }
            if metric == "missing_incidents" {
                #expect(mine.filter { months[$0.key] == nil }.allSatisfy { $0.value == 0 })
            } else {
                #expect(Set(mine.keys) == Set(months.keys), "\(metric) months")
            }
        }
    }

    /// Years from names and folders, and from dates when neither says: a 2021–22 return named
    /// episodes.csv (one child in care since 2015, still open, and starts in every month of the year)
    /// covers 2022 only — the old start does not make 2016–2021 look covered.
    @Test func yearsFromNamesFoldersAndDates() throws {
        #expect(CollectionYears.year(fromName: "episodes_2021-22_v2023.csv") == nil)          // two candidates
        #expect(CollectionYears.year(fromName: "extract_2023-07-15.csv") == 2024)             // July 2023
        var r = ChildRecords()
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        var rows = "1,01/06/2015,S,C2,N1,U1,PR1,,,,,,\n"
        for (k, m) in [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].enumerated() {
            rows += String(format: "%d,10/%02d/%d,S,C2,N1,U1,PR1,,,,,,\n", 10 + k, m, m >= 4 ? 2021 : 2022)
        }
        try r.add(table(head + rows, "returns/episodes.csv"), kind: .ssda903Episodes)
        #expect(r.episodeYears == [2022])
        var named = ChildRecords()
        try named.add(table(head + rows, "2021-22/episodes.csv"), kind: .ssda903Episodes)
        #expect(named.episodeYears == [2022] && named.coverageNotes.isEmpty)
    }
}
