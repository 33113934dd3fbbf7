import ClinicTestSupport
import Foundation
import Testing

/// Names from user files with control characters, escape sequences or extreme lengths: the workbook
/// stays valid and complete, and nothing reaches a terminal as a control sequence.
@Suite("hostile text in names")
struct HostileTextTests {
    static let bell = "lac\u{7}bell"
    static let escape = "ppo\u{1B}[31mred\u{1B}]0;title\u{7}"
    static let long = "m" + String(repeating: "x", count: 40_000)

    static func extract(in folder: URL) throws -> URL {
        var csv = "area,metric,month,value\n"
        // Each name its own values: a series equal to another in every month is shown once in the pack.
        for (k, name) in [bell, escape, long].enumerated() {
            for m in 0..<36 { csv += "E09000001,\"\(name)\",\(2023 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(50 + 10 * k + (m * 7) % 11)\n" }
        }
        let url = folder.appendingPathComponent("names.csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// BEL and ESC in a name made pack.xlsx corrupt (openpyxl could not open it), and a name over 32,767
    /// characters vanished from the Summary sheet: now openpyxl reads it, the control characters show as
    /// their pictures, and the long name is there, cut to a cell's limit and saying so.
    @Test func theWorkbookStaysValidAndComplete() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try Self.extract(in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try ClinicProcess.run(["report", input.path, "--as-of", "2026-01", "--out", out.path, "--format", "xlsx,json"], in: folder)
        #expect(result.status == 0, "\(result.stderr.prefix(2000))")
        let book = try ReportCommandTests.workbook(out.appendingPathComponent("pack.xlsx"))
        let summary = try #require((book["cells"] as? [String: [[[Any]]]])?["Summary"])
        let labels = summary.dropFirst().compactMap { $0[0][0] as? String }
        #expect(labels.contains("lac\u{2407}bell"), "\(labels.map { $0.prefix(40) })")
        #expect(labels.contains("ppo\u{241B}[31mred\u{241B}]0;title\u{2407}"), "\(labels.map { $0.prefix(40) })")
        let cut = try #require(labels.first { $0.hasPrefix("mxxxx") })
        #expect(cut.count == 32_767 && cut.hasSuffix(" … [cut: 40001 characters in all]"))
    }

    /// Escape sequences in a value or a name never reach stderr, and reach stdout only when it is not a
    /// terminal (a file or a pipe keeps the data's bytes).
    @Test func escapeSequencesNeverReachATerminal() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bad.csv")
        try "month,metric,value\n2015-01,\"lac\u{1B}]8;;http://x\u{7}\",\"\u{1B}[2J\u{9B}31m\"\n2015-02,\"lac\u{1B}]8;;http://x\u{7}\",4\n"
            .write(to: input, atomically: true, encoding: .utf8)
        let piped = try ClinicProcess.run(["series", input.path, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(piped.status == 1)
        #expect(!piped.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "\(piped.stderr)")
        #expect(piped.stderr.contains("\\u{1B}[2J\\u{9B}31m"), "\(piped.stderr)")
        #expect(piped.stdout.contains("lac\u{1B}]8;;http://x\u{7}"), "stdout to a pipe keeps the bytes")

        // The same command on a terminal (a pseudo-terminal from script(1)).
        let command = ([ClinicProcess.executable.path, "series", input.path, "--as-of", "2026-11", "--format", "csv"])
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let terminal = try ClinicProcess.run(["-qec", command + " 2>/dev/null", "/dev/null"], program: URL(fileURLWithPath: "/usr/bin/script"), in: folder)
        #expect(terminal.stdout.contains("lac\\u{1B}]8;;http://x\\u{7}"), "\(terminal.stdout)")
        #expect(!terminal.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(terminal.stdout)")
    }
}
