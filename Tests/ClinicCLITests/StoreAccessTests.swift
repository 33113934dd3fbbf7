import ClinicStore
import ClinicTestSupport
import Foundation
import Testing

/// Many processes on one store: writers into a new store take turns (one creates the schema), readers
/// open it read-only and never change it, and a path that is not a store is refused as such.
@Suite("the store: concurrent and read-only use")
struct StoreAccessTests {
    /// 20 rounds of 8 `clinic ingest` processes started together into a new store, with 4 readers
    /// (`clinic series --db`) running over and over from the moment the first writer is done until the
    /// last is: every process succeeds and every value of every file is stored (the issue saw "database
    /// is locked — PRAGMA journal_mode = WAL" and "table extract already exists").
    @Test func eightWritersAndFourReadersIntoANewStore() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = [String]()
        for w in 0..<8 {
            var text = "month,area,metric,value\n"
            for m in 1...12 { text += String(format: "2020-%02d,A%d,lac,%d\n", m, w, 100 * w + m) }
            let url = folder.appendingPathComponent("writer\(w).csv")
            try text.write(to: url, atomically: true, encoding: .utf8)
            files.append(url.path)
        }
        for round in 0..<20 {
            let db = folder.appendingPathComponent("round\(round).sqlite").path
            let writers = try files.map { try ClinicProcess.start(["ingest", $0, "--db", db, "--as-of", "2026-11"]) }
            while writers.allSatisfy(\.isRunning) { usleep(1000) }
            var readerStatuses = [Int32]()
            repeat {
                let readers = try (0..<4).map { _ in try ClinicProcess.start(["series", "--db", db, "--as-of", "2026-11"]) }
                for r in readers { r.waitUntilExit(); readerStatuses.append(r.terminationStatus) }
            } while writers.contains(where: \.isRunning)
            for w in writers { w.waitUntilExit() }
            #expect(writers.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 }, "round \(round): \(writers.map(\.terminationStatus))")
            #expect(readerStatuses.allSatisfy { $0 == 0 }, "round \(round): \(readerStatuses)")
            let store = try ClinicDatabase(path: db)
            #expect(try store.extracts().count == 8, "round \(round)")
            let panel = try store.panel()
            #expect(panel.keys.count == 8, "round \(round)")
            for (j, key) in panel.keys.enumerated() {
                let w = Int(key.area.dropFirst())!
                #expect(panel.series(j).values == (1...12).map { Double(100 * w + $0) }, "round \(round): \(key)")
            }
        }
    }

    /// A reader of a store written by the previous version does not migrate it: the file is byte for byte
    /// the same afterwards, and the series read back as that version printed them.
    @Test func readersNeverChangeTheStore() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("v1.sqlite")
        try FileManager.default.copyItem(at: Fixtures.url("store/v1.sqlite"), to: db)
        let before = try Data(contentsOf: db)
        let result = try ClinicProcess.run(["series", "--db", db.path, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            area,metric,age,band,sex,month,value,status
            E1,cin,,,,2015-01,40,observed
            E1,cin,,,,2015-02,41,observed
            E1,lac,0-4,,F,2015-01,3,observed
            E1,lac,0-4,,F,2015-02,6,observed
            E1,lac,10 to 15,,M,2015-01,5,observed
            E1,ppo,,a=b,,2015-01,7,observed
            E1,ppo,,a=b,,2015-02,8,observed

            """)
        #expect(try Data(contentsOf: db) == before)
    }

    /// A store its reader may not write (file and folder), as the issue found it: `series --db` used to
    /// fail with "attempt to write a readonly database". Run as another user when the tests run as root
    /// (root may write anything).
    @Test func aStoreThatCannotBeWrittenCanBeRead() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let store = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: store.path)
            try? FileManager.default.removeItem(at: folder)
        }
        let db = store.appendingPathComponent("store.sqlite").path
        let input = folder.appendingPathComponent("a.csv")
        try "month,metric,value\n2015-01,lac,10\n2015-02,lac,11\n".write(to: input, atomically: true, encoding: .utf8)
        #expect(try ClinicProcess.run(["ingest", input.path, "--db", db, "--as-of", "2026-11"]).status == 0)

        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: store.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let arguments = ["series", "--db", db, "--as-of", "2026-11", "--format", "csv"]
        let result: ClinicProcess.Result
        if getuid() == 0 {
            result = try ClinicProcess.run(["--reuid=65534", "--regid=65534", "--clear-groups", ClinicProcess.executable.path] + arguments,
                                           program: URL(fileURLWithPath: "/usr/bin/setpriv"), in: store)
        } else {
            result = try ClinicProcess.run(arguments, in: store)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "area,metric,month,value,status\n,lac,2015-01,10,observed\n,lac,2015-02,11,observed\n")
    }

    /// An empty file is not a store to read (it used to become one silently), and neither is a device:
    /// `--db /dev/null` created `/dev/null-journal`. Both are usage errors that say what the path is.
    @Test func anEmptyFileOrADeviceIsNotAStore() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let read = try ClinicProcess.run(["series", "--db", empty.path, "--as-of", "2026-11"], in: folder)
        #expect(read.status == 2 && read.stderr.contains("\(empty.path): an empty file, not a Clinic store"), "\(read.stderr)")
        #expect(try Data(contentsOf: empty).isEmpty)

        let device = try ClinicProcess.run(["series", "--db", "/dev/null", "--as-of", "2026-11"], in: folder)
        #expect(device.status == 2 && device.stderr.contains("/dev/null: not a regular file, so not a Clinic store"), "\(device.stderr)")
        let input = folder.appendingPathComponent("a.csv")
        try "month,metric,value\n2015-01,lac,10\n".write(to: input, atomically: true, encoding: .utf8)
        let ingest = try ClinicProcess.run(["ingest", input.path, "--db", "/dev/null", "--as-of", "2026-11"], in: folder)
        #expect(ingest.status == 2 && ingest.stderr.contains("/dev/null: not a regular file, so not a Clinic store"), "\(ingest.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
    }
}
