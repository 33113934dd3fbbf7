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
        let quarantine = try String(contentsOfFile: folder.appendingPathComponent("quarantine/a.quarantine.csv").path, encoding: .utf8)
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

    @Test func killedMidTransactionLeavesTheDatabaseAsItWas() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let small = try write("month,metric,value\n2015-01,lac,10\n2015-02,lac,11\n", "small.csv", in: folder)
        #expect(try ClinicProcess.run(["ingest", small, "--db", db, "--as-of", "2026-11"]).status == 0)

        // A large extract (600 areas × 4 metrics × 120 months = 288,000 rows) keeps the write busy long enough.
        var big = "month,area,metric,value\n"
        for area in 0..<600 {
            for metric in ["lac", "ppo", "referrals", "cin"] {
                for m in 0..<120 { big += "\(2010 + m / 12)-\(String(format: "%02d", m % 12 + 1)),A\(area),\(metric),\(m + area)\n" }
            }
        }
        let bigPath = try write(big, "big.csv", in: folder)

        let process = Process()
        process.executableURL = ClinicProcess.executable
        process.arguments = ["ingest", bigPath, "--db", db, "--as-of", "2026-11"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SQLite creates the rollback journal when the write transaction first changes a page.
        let journal = db + "-journal"
        var sawJournal = false
        for _ in 0..<3_000 where process.isRunning {
            if FileManager.default.fileExists(atPath: journal) { sawJournal = true; break }
            usleep(2_000)
        }
        if sawJournal { usleep(30_000) }
        let killedMidWrite = sawJournal && process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedMidWrite, "the ingest finished before it could be killed mid-transaction; make the file larger")

        let store = try ClinicDatabase(path: db)                          // opening rolls the hot journal back
        #expect(try store.extracts().map(\.name) == ["small.csv"])
        let panel = try store.panel()
        #expect(panel.keys.count == 1 && panel.series(0).values == [10, 11])
        // And the interrupted ingest can simply be run again.
        let retry = try ClinicProcess.run(["ingest", bigPath, "--db", db, "--as-of", "2026-11"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try ClinicDatabase(path: db).extracts().count == 2)
    }
}
