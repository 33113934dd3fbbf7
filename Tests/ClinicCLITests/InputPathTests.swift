import Foundation
import Testing

/// Paths that are not what a command needs are refused saying what they are: a FIFO or a device as an
/// input was "You don't have permission", a file as `simulate --out` a raw NSCocoaErrorDomain error.
@Suite("input and output paths")
struct InputPathTests {
    @Test func aFIFOOrADeviceIsNotARegularFile() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/null"] {
            let result = try ClinicProcess.run(["validate", path, "--as-of", "2026-11"], in: folder)
            #expect(result.status == 1)
            #expect(result.stdout.contains("\(path): error: is not a regular file (a pipe, a FIFO or a device); save the CSV to a file and give that [unreadable_file]"),
                    "\(result.stdout)\(result.stderr)")
            #expect(!result.stdout.contains("permission"))
        }
        // A symbolic link to a file is read as the file.
        let real = folder.appendingPathComponent("real.csv")
        try "month,metric,value\n2015-01,lac,3\n".write(to: real, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real.path)
        #expect(try ClinicProcess.run(["validate", link, "--as-of", "2026-11"], in: folder).status == 0)
    }

    @Test func simulateIntoAFileIsAUsageError() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("f")
        try "x\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["simulate", "--out", file.path, "--months", "12"], in: folder)
        #expect(result.status == 2 && result.stderr.contains("--out \(file.path): not a folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
}
