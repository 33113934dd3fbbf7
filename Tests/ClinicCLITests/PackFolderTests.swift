import ClinicTestSupport
import Foundation
import Testing

/// `clinic report --out DIR` into a folder that holds other files: Clinic replaces and removes only the
/// files it wrote there itself (its `.clinic-pack-manifest`), never anyone else's.
@Suite("clinic report: the output folder")
struct PackFolderTests {
    static func report(_ out: String, _ extra: [String] = [], in directory: URL? = nil) throws -> ClinicProcess.Result {
        try ClinicProcess.run(["report", Fixtures.repository.appendingPathComponent("data/aggregates").path,
                               "--config", Fixtures.repository.appendingPathComponent("data/clinic.toml").path,
                               "--as-of", "2026-11", "--out", out] + extra, in: directory)
    }

    static func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    /// The case: a `charts/` folder with a user's workbook in it was deleted with everything in it.
    @Test func filesClinicDidNotWriteAreKept() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try "b\n".write(to: out.appendingPathComponent("charts/budget.xlsx"), atomically: true, encoding: .utf8)
        try "mine\n".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let first = try Self.report(out.path, ["--format", "md,json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.read(out.appendingPathComponent("charts/budget.xlsx")) == "b\n")
        #expect(Self.read(out.appendingPathComponent("notes.txt")) == "mine\n")
        let charts = ReportCommandTests.listing(out).filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }
        #expect(charts.count == 2 * 13)     // each measure's last 36 months and its whole series
        let manifest = try #require(Self.read(out.appendingPathComponent(".clinic-pack-manifest")))
        #expect(Set(manifest.split(separator: "\n").map(String.init)) == Set(charts + ["pack.json", "pack.md"]))

        // A second pack of one measure: the first pack's other charts go (Clinic wrote them), the user's
        // files stay, and no staging folder is left behind.
        let second = try Self.report(out.path, ["--format", "md", "--metric", "lac"])
        #expect(second.status == 0, "\(second.stderr)")
        let left = ReportCommandTests.listing(out)
        #expect(left.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.count == 2, "\(left)")
        #expect(left.contains("charts/budget.xlsx") && left.contains("notes.txt") && left.contains("pack.md"))
        #expect(!left.contains("pack.json"), "the first pack's pack.json is Clinic's and no longer part of the pack")
        #expect(!left.contains { $0.hasPrefix(".clinic-staging") || $0.hasPrefix(".clinic-report") }, "\(left)")
    }

    /// A file where the pack would go that Clinic did not write is not replaced: the run stops before
    /// writing anything, names the file and exits 2.
    @Test func aFileInThePacksPlaceIsNeverReplaced() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "my own notes\n".write(to: out.appendingPathComponent("pack.md"), atomically: true, encoding: .utf8)
        let result = try Self.report(out.path, ["--format", "md,json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pack.md: already there and not written by Clinic"), "\(result.stderr)")
        #expect(Self.read(out.appendingPathComponent("pack.md")) == "my own notes\n")
        #expect(ReportCommandTests.listing(out) == ["pack.md"])
    }

    /// `--out ""` wrote the pack into the current folder; it is a usage error, and nothing is written.
    @Test func anEmptyOutIsAUsageError() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.report("", in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--out needs a folder"), "\(result.stderr)")
        #expect(ReportCommandTests.listing(folder).isEmpty)
    }

    /// `--out` naming a file is a usage error that says so (it was "NSCocoaErrorDomain error 512").
    @Test func anOutThatIsAFileIsAUsageError() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pack")
        try "x\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.report(file.path, ["--format", "json"])
        #expect(result.status == 2 && result.stderr.contains("not a folder"), "\(result.stderr)")
        #expect(Self.read(file) == "x\n")
    }

    /// Every regular file under `folder` (hidden ones too) with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files = [String: Data]()
        for path in ReportCommandTests.listing(folder) { files[path] = try? Data(contentsOf: folder.appendingPathComponent(path)) }
        return files
    }

    /// Runs `clinic report` on the bundled data with `CLINIC_CRASH_AT=point` and checks that it was killed there.
    static func reportKilled(at point: String, _ out: String, _ extra: [String]) throws {
        let process = Process()
        process.executableURL = ClinicProcess.executable
        process.arguments = ["report", Fixtures.repository.appendingPathComponent("data/aggregates").path,
                             "--config", Fixtures.repository.appendingPathComponent("data/clinic.toml").path,
                             "--as-of", "2026-11", "--out", out] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(["CLINIC_CRASH_AT": point]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "not killed at \(point)")
    }

    /// Killed (SIGKILL) with every file of the new pack staged but the staging not yet marked complete:
    /// the old pack is there byte for byte, and the next run removes the staging and writes its pack.
    @Test func killedWhileStagingLeavesTheOldPackWhole() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        #expect(try Self.report(out.path, ["--format", "md,json"]).status == 0)
        try "mine\n".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let old = Self.snapshot(out)

        try Self.reportKilled(at: "report-staged", out.path, ["--format", "md,json", "--metric", "lac"])
        let after = Self.snapshot(out)
        #expect(after.filter { !$0.key.hasPrefix(".clinic-staging-") } == old)
        #expect(after.keys.contains { $0.hasPrefix(".clinic-staging-") }, "the staged files are gone")

        let again = try Self.report(out.path, ["--format", "md,json", "--metric", "lac"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("removed the unfinished files of an interrupted run"), "\(again.stderr)")
        #expect(ReportCommandTests.listing(out) == [".clinic-pack-manifest", "charts/m-lac-history.svg", "charts/m-lac.svg", "notes.txt", "pack.json", "pack.md"])
    }

    /// Killed after the staging was marked complete and the first file was renamed into place: the whole
    /// new pack is on disk (each file in place or staged, none lost), and the next run into the folder
    /// finishes putting it in place before anything else.
    @Test func killedWhileRenamingIsFinishedByTheNextRun() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        #expect(try Self.report(out.path, ["--format", "md,json"]).status == 0)
        let old = Self.snapshot(out)

        try Self.reportKilled(at: "report-first-rename", out.path, ["--format", "md,json", "--metric", "lac"])
        let after = Self.snapshot(out)
        let staged = try #require(after.keys.first { $0.hasPrefix(".clinic-staging-") && $0.hasSuffix("/.clinic-pack-manifest") })
        let prefix = String(staged.dropLast(".clinic-pack-manifest".count))
        let newPack = String(decoding: after[staged]!, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(newPack == ["charts/m-lac-history.svg", "charts/m-lac.svg", "pack.json", "pack.md"])
        // The first file is in place and the others are still staged: the whole new pack is on disk.
        #expect(after[prefix + newPack[0]] == nil && after[newPack[0]] != nil)
        for path in newPack.dropFirst() { #expect(after[prefix + path] != nil, "\(path) is not staged") }
        // The old pack's other files are all still there until the new pack is in place.
        for (path, bytes) in old where !newPack.contains(path) && path != ".clinic-pack-manifest" { #expect(after[path] == bytes, "\(path)") }

        let next = try Self.report(out.path, ["--format", "json", "--metric", "lac"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("finished putting in place the pack an interrupted run had written"), "\(next.stderr)")
        #expect(ReportCommandTests.listing(out) == [".clinic-pack-manifest", "pack.json"])
    }

    /// Killed with the new pack in place and the old pack's other files removed, but the old manifest still
    /// in place: the new files are not in it, so without finishing the interrupted run first the next run
    /// would refuse them as not Clinic's. It finishes it, then writes its own pack.
    @Test func killedBeforeTheManifestIsFinishedByTheNextRun() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        #expect(try Self.report(out.path, ["--format", "json", "--metric", "lac"]).status == 0)
        try Self.reportKilled(at: "report-before-manifest", out.path, ["--format", "md,json"])
        let after = ReportCommandTests.listing(out)
        #expect(after.contains("pack.md") && after.filter { $0.hasPrefix("charts/") }.count == 2 * 13, "\(after)")
        #expect(Self.read(out.appendingPathComponent(".clinic-pack-manifest")) == "pack.json\n")

        let next = try Self.report(out.path, ["--format", "md,json"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("finished putting in place the pack an interrupted run had written"), "\(next.stderr)")
        #expect(!ReportCommandTests.listing(out).contains { $0.hasPrefix(".clinic-staging") })
        #expect(Self.read(out.appendingPathComponent(".clinic-pack-manifest"))?.split(separator: "\n").count == 2 * 13 + 2)
    }

    /// A write that fails part-way (here a file-size limit, `ulimit -f`, with SIGXFSZ ignored, as a full
    /// disk would fail it): exit 1, not 2 (that is for usage), the file and the reason named, the old pack
    /// as it was and no staging left.
    @Test func aFailedWriteLeavesTheOldPackAndExits1() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        #expect(try Self.report(out.path, ["--format", "json", "--metric", "lac"]).status == 0)
        let old = Self.snapshot(out)
        let command = [ClinicProcess.executable.path, "report", Fixtures.repository.appendingPathComponent("data/aggregates").path,
                       "--config", Fixtures.repository.appendingPathComponent("data/clinic.toml").path, "--as-of", "2026-11",
                       "--out", out.path, "--format", "md,json"]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let result = try ClinicProcess.run(["-c", "trap '' XFSZ; ulimit -f 200; exec " + command], program: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 1, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("error: the pack cannot be written: File too large [pack_not_written]"), "\(result.stderr)")
        #expect(Self.snapshot(out) == old)
    }

    /// An immutable `pack.md` (`chattr +i`, the case) cannot be replaced: the run says so with
    /// the file's name, exits 1, and has changed nothing (it used to have replaced half the pack).
    @Test(.enabled(if: getuid() == 0, "chattr +i needs root")) func anUnwritablePackFileChangesNothing() throws {
        let folder = try ClinicProcess.temporaryFolder()
        let out = folder.appendingPathComponent("x")
        let locked = out.appendingPathComponent("pack.md")
        defer {
            _ = try? Self.chattr("-i", locked.path)
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(try Self.report(out.path, ["--format", "md,json"]).status == 0)
        let old = Self.snapshot(out)
        guard try Self.chattr("+i", locked.path) else { return }         // a file system without the flag
        let result = try Self.report(out.path, ["--format", "md,json", "--metric", "lac"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(locked.path): error: the pack cannot be written: cannot be replaced"), "\(result.stderr)")
        #expect(Self.snapshot(out) == old)
    }

    static func chattr(_ flag: String, _ path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chattr", flag, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Four `clinic report` runs into one folder at once, two packs of all measures and two of one: they
    /// take turns (a lock on the folder), every run succeeds, and the folder holds one whole pack — its
    /// manifest lists exactly the pack files there — with the user's file kept and no staging left. (With
    /// the lock taken out this still passes nearly always: the runs spend their time rendering and rarely
    /// write at the same moment. It checks the outcome; it does not prove the lock.)
    @Test func concurrentReportsIntoOneFolderLeaveOneWholePack() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "mine\n".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let runs = try [["--format", "md,json"], ["--format", "md", "--metric", "lac"], ["--format", "md,json"], ["--format", "json", "--metric", "ppo"]]
            .map { extra -> Process in
                let p = Process()
                p.executableURL = ClinicProcess.executable
                p.arguments = ["report", Fixtures.repository.appendingPathComponent("data/aggregates").path,
                               "--config", Fixtures.repository.appendingPathComponent("data/clinic.toml").path,
                               "--as-of", "2026-11", "--out", out.path] + extra
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                return p
            }
        for p in runs { p.waitUntilExit() }
        #expect(runs.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 }, "\(runs.map(\.terminationStatus))")
        let manifest = try #require(Self.read(out.appendingPathComponent(".clinic-pack-manifest")))
        let listed = Set(manifest.split(separator: "\n").map(String.init))
        let present = Set(ReportCommandTests.listing(out)).subtracting([".clinic-pack-manifest", "notes.txt"])
        #expect(listed == present, "listed \(listed.sorted()), present \(present.sorted())")
        #expect(Self.read(out.appendingPathComponent("notes.txt")) == "mine\n")
        #expect(!ReportCommandTests.listing(out).contains { $0.hasPrefix(".clinic-staging") })
    }
}
