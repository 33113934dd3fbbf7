import ClinicStore
import Foundation
import Testing

/// Rejected rows are never lost: `clinic ingest` writes them (flushed to the disk) before its transaction
/// commits, so a failure to write them stores nothing and says where and why; and no two inputs share a
/// quarantine file, in `ingest` or in `validate --quarantine`.
@Suite("quarantine files")
struct QuarantineTests {
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let bad = "month,metric,value\n2015-01,lac,10\n2015-02,lac,ten\n"

    /// A file called `quarantine` where the folder goes: the run exits 1 naming it, stores nothing, and
    /// once it is moved away the same command stores the extract and writes its rejected row (it used to
    /// commit first, fail with a raw NSCocoaErrorDomain error, and then say "already ingested").
    @Test func aQuarantineThatCannotBeWrittenStoresNothing() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let input = try Self.write(Self.bad, "a.csv", in: folder)
        let blocker = try Self.write("not a folder\n", "quarantine", in: folder)

        let failed = try ClinicProcess.run(["ingest", input, "--db", db, "--as-of", "2026-11"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(blocker): error: the rejected rows of \(input) could not be written (a file is in the way of a folder), so nothing was stored [quarantine_not_written]"),
                "\(failed.stderr)")
        #expect(!failed.stderr.contains("NSCocoaErrorDomain"))
        #expect(try ClinicDatabase(path: db).extracts().isEmpty)

        try FileManager.default.removeItem(atPath: blocker)
        let again = try ClinicProcess.run(["ingest", input, "--db", db, "--as-of", "2026-11"])
        #expect(again.status == 1 && again.stdout.contains("a.csv: extract #1: 1 new"), "\(again.stdout)\(again.stderr)")
        let rows = try String(contentsOfFile: folder.appendingPathComponent("quarantine/a.1.quarantine.csv").path, encoding: .utf8)
        #expect(rows.contains("\"2015-02,lac,ten\""))
    }

    /// A full disk (the quarantine file leads to /dev/full): exit 1 with the reason, nothing stored.
    @Test func aFullDiskStoresNothing() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let input = try Self.write(Self.bad, "a.csv", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("quarantine"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("quarantine/a.1.quarantine.csv").path,
                                                   withDestinationPath: "/dev/full")
        let failed = try ClinicProcess.run(["ingest", input, "--db", db, "--as-of", "2026-11"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("a.1.quarantine.csv: error: the rejected rows of \(input) could not be written (No space left on device), so nothing was stored"),
                "\(failed.stderr)")
        #expect(try ClinicDatabase(path: db).extracts().isEmpty)
    }

    /// `ingest x/extract.csv y/extract.csv`: each extract's rejected rows in a file of its own.
    @Test func ingestingTwoFilesOfOneNameKeepsBothQuarantines() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let x = try Self.write("month,metric,value\n2015-01,lac,x-bad\n", "x/extract.csv", in: folder)
        let y = try Self.write("month,metric,value\n2015-02,ppo,y-bad\n", "y/extract.csv", in: folder)
        let result = try ClinicProcess.run(["ingest", x, y, "--db", db, "--as-of", "2026-11"])
        #expect(result.status == 1)
        let first = try String(contentsOfFile: folder.appendingPathComponent("quarantine/extract.1.quarantine.csv").path, encoding: .utf8)
        let second = try String(contentsOfFile: folder.appendingPathComponent("quarantine/extract.2.quarantine.csv").path, encoding: .utf8)
        #expect(first.contains("x-bad") && second.contains("y-bad"))
        #expect(result.stdout.contains("(rejected rows in \(folder.path)/quarantine/extract.2.quarantine.csv)"), "\(result.stdout)")
    }

    /// `validate --quarantine DIR` on two files of one name: two quarantine files, each named on stderr.
    @Test func validatingTwoFilesOfOneNameKeepsBothQuarantines() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = try Self.write("month,metric,value\n2015-01,lac,x-bad\n", "x/extract.csv", in: folder)
        let y = try Self.write("month,metric,value\n2015-02,ppo,y-bad\n", "y/extract.csv", in: folder)
        let out = folder.appendingPathComponent("rejected")
        let result = try ClinicProcess.run(["validate", x, y, "--quarantine", out.path, "--as-of", "2026-11"])
        #expect(result.status == 1)
        let first = try String(contentsOf: out.appendingPathComponent("extract.quarantine.csv"), encoding: .utf8)
        let second = try String(contentsOf: out.appendingPathComponent("extract-2.quarantine.csv"), encoding: .utf8)
        #expect(first.contains("x-bad") && second.contains("y-bad"))
        #expect(result.stderr.contains("\(y): 1 rejected value written to \(out.path)/extract-2.quarantine.csv"), "\(result.stderr)")
    }

    /// Killed (SIGKILL) after the quarantine file is written and before the commit: the store has nothing,
    /// and running the command again stores the extract and writes the same quarantine file.
    @Test func killedAfterTheQuarantineIsWrittenStoresNothingAndCanBeRunAgain() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let input = try Self.write(Self.bad, "a.csv", in: folder)
        let process = Process()
        process.executableURL = ClinicProcess.executable
        process.arguments = ["ingest", input, "--db", db, "--as-of", "2026-11"]
        process.environment = ProcessInfo.processInfo.environment.merging(["CLINIC_CRASH_AT": "ingest-quarantine-written"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "not killed at its crash point")
        let quarantine = folder.appendingPathComponent("quarantine/a.1.quarantine.csv").path
        #expect(try String(contentsOfFile: quarantine, encoding: .utf8).contains("\"2015-02,lac,ten\""))
        #expect(try ClinicDatabase(path: db).extracts().isEmpty)

        let again = try ClinicProcess.run(["ingest", input, "--db", db, "--as-of", "2026-11"])
        #expect(again.status == 1 && again.stdout.contains("a.csv: extract #1: 1 new"), "\(again.stdout)\(again.stderr)")
        #expect(try String(contentsOfFile: quarantine, encoding: .utf8).contains("\"2015-02,lac,ten\""))
    }

    /// `validate --quarantine DIR` where DIR is a file: a located error naming it (it was a raw
    /// NSCocoaErrorDomain error 516).
    @Test func validateIntoAQuarantineThatCannotBeWrittenSaysWhere() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try Self.write(Self.bad, "a.csv", in: folder)
        let blocker = try Self.write("not a folder\n", "rejected", in: folder)
        let result = try ClinicProcess.run(["validate", input, "--quarantine", blocker, "--as-of", "2026-11"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(blocker): error: the rejected rows of \(input) could not be written (a file is in the way of a folder) [quarantine_not_written]"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
}

extension QuarantineTests {
    /// A file of one row repeated 200,000 times (the shape of a botched export): `validate` counts every
    /// repeat in its summary, not only the 20 it lists, and `ingest` writes every one to the quarantine,
    /// each with its own line, without holding them one by one (RepeatedRowTests checks the reading).
    @Test func aFileOfOneRepeatedRowIsCountedAndQuarantinedInFull() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = "E99999999,lac,2015-01,300\n"
        let input = try Self.write("area,metric,month,value\n" + String(repeating: row, count: 200_001), "big.csv", in: folder)

        let checked = try ClinicProcess.run(["validate", input, "--as-of", "2026-11"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("199980 more duplicate_row diagnostics not shown (200000 in all)"), "\(checked.stdout)")
        #expect(checked.stdout.contains("values 200001 = accepted 1 + suppressed 0 + quarantined 200000"))
        #expect(checked.stdout.hasSuffix("1 file: 0 errors, 200000 warnings\n"), "\(checked.stdout)")

        let db = folder.appendingPathComponent("store.sqlite").path
        let stored = try ClinicProcess.run(["ingest", input, "--db", db, "--as-of", "2026-11"])
        #expect(stored.status == 0, "\(stored.stderr)")
        let lines = try String(contentsOfFile: folder.appendingPathComponent("quarantine/big.1.quarantine.csv").path, encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 200_001)
        #expect(lines[1] == "\(input),3,,duplicate_row,exact repeat of line 2,1,\"E99999999/lac,2015-01,300\"", "\(lines[1])")
        #expect(lines.last == "\(input),200002,,duplicate_row,exact repeat of line 2,1,\"E99999999/lac,2015-01,300\"")
    }
}
