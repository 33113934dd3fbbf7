import Foundation
import Testing

/// Byte-level oddities located where they are: a doubled byte order mark is skipped (it used to blank the
/// area and give the series CSV two `area` columns), a NUL byte is reported at its line and column (it
/// was always 1:1, "binary"), and UTF-16 behind a UTF-8 byte order mark is called UTF-16.
@Suite("encodings")
struct EncodingTests {
    static func file(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func aDoubledByteOrderMarkIsSkipped() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.file([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("area,metric,month,value\nE1,lac,2015-01,3\n".utf8), "bom.csv", in: folder)
        let result = try ClinicProcess.run(["series", path, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "area,metric,month,value,status\nE1,lac,2015-01,3,observed\n")
    }

    @Test func aNULByteIsReportedWhereItIs() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.file(Array("month,metric,value\n2015-01,lac,3\n2015-02,l".utf8) + [0] + Array("c,4\n".utf8), "nul.csv", in: folder)
        let result = try ClinicProcess.run(["validate", path, "--as-of", "2026-11"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):3:10: error: the file has a NUL byte here"), "\(result.stdout)\(result.stderr)")
    }

    @Test func utf16BehindAUTF8ByteOrderMarkIsCalledUTF16() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0xFF, 0xFE]
        for unit in "month,metric,value\n2015-01,lac,3\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = try Self.file(bytes, "utf16.csv", in: folder)
        let result = try ClinicProcess.run(["validate", path, "--as-of", "2026-11"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(path):1:1: error: the file is UTF-16 text; save it as \"CSV UTF-8\" and try again [utf16_file]"),
                "\(result.stdout)\(result.stderr)")
    }
}
