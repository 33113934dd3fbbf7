import ClinicStore
import Foundation
import Testing

/// `clinic ingest` end to end: revisions, re-ingest, quarantine beside the database, and a kill in the
/// middle of the write transaction that leaves the database exactly as it was.
@Suite("clinic ingest")
struct IngestCommandTests {
    func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func revisionsAreReportedAndReingestIsANoOp() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let a = try write("month,metric,value\n2015-01,lac,10\n2015-02,lac,ten\n2015-03,lac,12\n", "a.csv", in: folder)
        let b = try write("month,metric,value\n2015-01,lac,10\n2015-02,lac,11\n2015-03,lac,13\n", "b.csv", in: folder)
        let first = try ClinicProcess.run(["ingest", a, "--db", db, "--as-of", "2026-11"])
        #expect(first.status == 1)                                        // "ten" is an error; the rest is stored
        #expect(first.stdout.contains("extract #1: 2 new, 0 revised, 0 unchanged; values 3 = accepted 2 + suppressed 0 + quarantined 1"))
        #expect(first.stderr.contains("a.csv:3:13: error:"))
        let quarantine = try String(contentsOfFile: folder.appendingPathComponent("quarantine/a.1.quarantine.csv").path, encoding: .utf8)
        #expect(quarantine.contains("\"2015-02,lac,ten\""))

        let second = try ClinicProcess.run(["ingest", b, a, "--db", db, "--as-of", "2026-11"])
        #expect(second.stdout.contains("b.csv: extract #2: 1 new, 1 revised, 1 unchanged"))
        #expect(second.stdout.contains("a.csv: already ingested as extract #1; nothing changed"))
        let store = try ClinicDatabase(path: db)
        #expect(try store.extracts().map(\.name) == ["a.csv", "b.csv"])
        let revisions = try store.revisions()
        #expect(revisions.count == 1 && revisions[0].oldValue == 12 && revisions[0].newValue == 13)
        #expect(try store.panel().series(0).values == [10, 11, 13])
    }

    /// A file sent again after a later extract revised it is its word again: the months it gives revert
    /// (each a revision by it); within one run each month goes to the last file that gives it, so
    /// re-ingesting the same folder twice changes nothing (issue 20: the store kept 12 where the re-sent
    /// file said 10).
    @Test func aFileSentAgainRevertsWhatALaterExtractRevised() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let a = try write("month,metric,value\n2015-01,lac,10\n2015-02,lac,20\n", "a.csv", in: folder)
        let b = try write("month,metric,value\n2015-01,lac,12\n", "b.csv", in: folder)
        #expect(try ClinicProcess.run(["ingest", a, "--db", db, "--as-of", "2026-11"]).status == 0)
        #expect(try ClinicProcess.run(["ingest", b, "--db", db, "--as-of", "2026-11"]).status == 0)
        #expect(try ClinicDatabase(path: db).panel().series(0).values == [12, 20])
        let again = try ClinicProcess.run(["ingest", a, "--db", db, "--as-of", "2026-11"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("a.csv: already ingested as extract #1; sent again, it reverts 1 series-month"), "\(again.stdout)")
        let store = try ClinicDatabase(path: db)
        #expect(try store.panel().series(0).values == [10, 20])
        let revisions = try store.revisions()
        #expect(revisions.count == 2 && revisions[1].oldValue == 12 && revisions[1].newValue == 10)
        #expect(try store.extracts().map(\.name) == ["a.csv", "b.csv"])
        // Both files again, in that order: each month goes to the last file of the run that gives it, so
        // b's January stands again (a's is left to b), and a second run of the same two changes nothing.
        let both = try ClinicProcess.run(["ingest", a, b, "--db", db, "--as-of", "2026-11"])
        #expect(both.stdout.contains("a.csv: already ingested as extract #1; nothing changed"), "\(both.stdout)")
        #expect(both.stdout.contains("b.csv: already ingested as extract #2; sent again, it reverts 1 series-month"), "\(both.stdout)")
        #expect(try ClinicDatabase(path: db).panel().series(0).values == [12, 20])
        let twice = try ClinicProcess.run(["ingest", a, b, "--db", db, "--as-of", "2026-11"])
        #expect(twice.stdout.contains("a.csv: already ingested as extract #1; nothing changed")
                && twice.stdout.contains("b.csv: already ingested as extract #2; nothing changed"), "\(twice.stdout)")
        #expect(try ClinicDatabase(path: db).revisions().count == 3)
    }

    @Test func killedMidTransactionLeavesTheDatabaseAsItWas() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let small = try write("month,metric,value\n2015-01,lac,10\n2015-02,lac,11\n", "small.csv", in: folder)
        #expect(try ClinicProcess.run(["ingest", small, "--db", db, "--as-of", "2026-11"]).status == 0)

        // A second extract, killed (SIGKILL, by the process itself at a named point) after its rows are
        // written inside the transaction and before the commit.
        let second = try write("month,area,metric,value\n2015-01,A1,lac,10\n2015-02,A1,ppo,3\n2015-03,A2,cin,40\n", "second.csv", in: folder)
        let process = Process()
        process.executableURL = ClinicProcess.executable
        process.arguments = ["ingest", second, "--db", db, "--as-of", "2026-11"]
        process.environment = ProcessInfo.processInfo.environment.merging(["CLINIC_CRASH_AT": "ingest-before-commit"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                "the ingest was not killed at its crash point")
        #expect(FileManager.default.fileExists(atPath: db + "-wal"), "the store is not in write-ahead-log mode")

        let store = try ClinicDatabase(path: db)                          // the uncommitted frames are never read
        #expect(try store.extracts().map(\.name) == ["small.csv"])
        let panel = try store.panel()
        #expect(panel.keys.count == 1 && panel.series(0).values == [10, 11])
        // And the interrupted ingest can simply be run again.
        let retry = try ClinicProcess.run(["ingest", second, "--db", db, "--as-of", "2026-11"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try ClinicDatabase(path: db).extracts().count == 2)
    }

    /// The case: a dimension value with `;` and `=` made the stored key of one series that of
    /// another (`a=x;b=y`), so two files with 4 series-months kept 2 and logged 2 "revisions".
    @Test func dimensionValuesWithSeparatorsAreTheirOwnSeries() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let one = try write("month,metric,a,value\n2015-01,lac,x;b=y,1\n2015-02,lac,x;b=y,2\n", "one.csv", in: folder)
        let two = try write("month,metric,a,b,value\n2015-01,lac,x,y,3\n2015-02,lac,x,y,4\n", "two.csv", in: folder)
        let ingest = try ClinicProcess.run(["ingest", one, two, "--db", db, "--as-of", "2026-11"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("2 extracts stored, 0 revisions"), "\(ingest.stdout)")
        let series = try ClinicProcess.run(["series", "--db", db, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(series.status == 0, "\(series.stderr)")
        let rows = series.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "area,metric,a,b,month,value,status")
        #expect(Set(rows.dropFirst()) == [",lac,x;b=y,,2015-01,1,observed", ",lac,x;b=y,,2015-02,2,observed",
                                          ",lac,x,y,2015-01,3,observed", ",lac,x,y,2015-02,4,observed"], "\(rows)")
    }

    /// Six `clinic ingest` processes into one new store at the same time, and a reader (`clinic series
    /// --db`) running throughout: every writer waits its turn and succeeds, every reader run succeeds,
    /// and every value of every file is stored.
    @Test func concurrentWritersAndAReaderLoseNothing() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let db = folder.appendingPathComponent("shared.sqlite").path
        var files = [String]()
        for w in 0..<6 {
            var text = "month,area,metric,value\n"
            for m in 1...12 { text += String(format: "2020-%02d,A%d,lac,%d\n", m, w, 100 * w + m) }
            files.append(try write(text, "writer\(w).csv", in: folder))
        }
        // Create the store first so that the reader has something to read from the start.
        #expect(try ClinicProcess.run(["ingest", files[0], "--db", db, "--as-of", "2026-11"]).status == 0)
        let writers = try files.dropFirst().map { try ClinicProcess.start(["ingest", $0, "--db", db, "--as-of", "2026-11"]) }
        var readerStatuses = [Int32]()
        while writers.contains(where: \.isRunning) || readerStatuses.count < 3 {
            let reader = try ClinicProcess.start(["series", "--db", db, "--as-of", "2026-11"])
            reader.waitUntilExit()
            readerStatuses.append(reader.terminationStatus)
        }
        for w in writers { w.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 }, "\(writers.map(\.terminationStatus))")
        #expect(readerStatuses.allSatisfy { $0 == 0 }, "\(readerStatuses)")
        let store = try ClinicDatabase(path: db)
        #expect(try store.extracts().count == 6)
        let panel = try store.panel()
        #expect(panel.keys.count == 6)
        for (j, key) in panel.keys.enumerated() {
            let w = Int(key.area.dropFirst())!
            #expect(panel.series(j).values == (1...12).map { Double(100 * w + $0) }, "\(key)")
        }
    }

    /// Record files go into the store as the measures derived from them, with their files named: the
    /// 2021-22 return first; then that return with the 2022-23 one, which adds a child who started in
    /// February 2022 but was missing from the first return. By hand: lac is 1 from May 2021 to March
    /// 2022 after the first run; the second run revises February and March 2022 to 2 (and lac_starts
    /// for February 2022 to 1) and adds the months of 2022-23; running it again changes nothing.
    @Test func recordFilesAreStoredAsMeasuresWithTheirFilesAndRevisions() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        let header = try write("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/01/2010,WBRI,,,\n2,2,01/01/2011,WBRI,,,\n", "header.csv", in: folder)
        let y2022 = try write(head + "1,01/05/2021,S,C2,N1,U1,PR1,,,,,,\n", "episodes_2022.csv", in: folder)
        let y2023 = try write(head + "1,01/05/2021,S,C2,N1,U1,PR1,10/06/2022,E11,,,,\n2,15/02/2022,S,C2,N1,U1,PR1,,,,,,\n",
                              "episodes_2023.csv", in: folder)
        let first = try ClinicProcess.run(["ingest", header, y2022, "--db", db, "--as-of", "2023-04"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("measures from 2 record files: episodes_2022.csv, header.csv"), "\(first.stdout)")
        var store = try ClinicDatabase(path: db)
        var panel = try store.panel()
        let lac = try #require(panel.keys.firstIndex { $0.metric == "lac" })
        #expect(panel.series(lac).values.prefix(12) == [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])       // April 2021 – March 2022

        let second = try ClinicProcess.run(["ingest", header, y2022, y2023, "--db", db, "--as-of", "2023-04"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        store = try ClinicDatabase(path: db)
        let revised = try store.revisions().filter { $0.key.metric == "lac" || $0.key.metric == "lac_starts" }
            .map { "\($0.key.metric) \($0.month) \($0.oldValue.map { Int($0) } ?? -1)→\($0.newValue.map { Int($0) } ?? -1)" }
        #expect(revised == ["lac 2022-02 1→2", "lac 2022-03 1→2", "lac_starts 2022-02 0→1"], "\(revised)")
        panel = try store.panel()
        let months = panel.axis.map(\.description)
        #expect(months.first == "2021-04" && months.last == "2023-03")
        #expect(try store.extracts().count == 2)
        let again = try ClinicProcess.run(["ingest", y2023, header, y2022, "--db", db, "--as-of", "2023-04"], in: folder)
        #expect(again.stdout.contains("already ingested"), "\(again.stdout)")
        // series --db reads them back.
        let series = try ClinicProcess.run(["series", "--db", db, "--metric", "lac", "--as-of", "2023-04"], in: folder)
        #expect(series.status == 0 && series.stdout.contains(",lac,2022-02,2,observed"), "\(series.stdout)")
    }
}
