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
        #expect(charts.count == 13)
        let manifest = try #require(Self.read(out.appendingPathComponent(".clinic-pack-manifest")))
        #expect(Set(manifest.split(separator: "\n").map(String.init)) == Set(charts + ["pack.json", "pack.md"]))

        // A second pack of one measure: the first pack's other charts go (Clinic wrote them), the user's
        // files stay, and no staging folder is left behind.
        let second = try Self.report(out.path, ["--format", "md", "--metric", "lac"])
        #expect(second.status == 0, "\(second.stderr)")
        let left = ReportCommandTests.listing(out)
        #expect(left.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.count == 1, "\(left)")
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
}
