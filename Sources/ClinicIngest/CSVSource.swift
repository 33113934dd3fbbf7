import ClinicData
import ClinicNumerics
import Foundation

/// The bytes of one CSV file, ready for ``CSVTokenizer``: memory-mapped, and guaranteed valid UTF-8.
///
/// Exports with `£` or smart quotes from older systems are often Windows-1252, not UTF-8. A file that
/// is not valid UTF-8 is decoded as Windows-1252 instead (every byte maps to a character, so nothing is
/// lost) and ``encodingWarning`` says so, pointing at the first byte that was not UTF-8. A file that
/// looks like UTF-16 (byte order mark, or NUL bytes) is refused: it needs re-saving as CSV UTF-8.
public final class CSVSource: @unchecked Sendable {
    /// The name used in diagnostics (the path as the user gave it).
    public let file: String
    /// The bytes, UTF-8 (transcoded when the file was Windows-1252).
    public let data: Data
    /// Set when the file was decoded as Windows-1252.
    public let encodingWarning: Diagnostic?

    /// Maps and checks the file at `path`.
    public convenience init(contentsOf path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(file: path, code: "file_not_found", message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(file: path, code: "unreadable_file", message: "is a folder, not a CSV file")
        }
        // A pipe, a FIFO or a device (/dev/null, /dev/stdin) can be read only once and not mapped, while a
        // command may read a file twice (its SHA-256 for the store): it is refused, saying what it is.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw Diagnostic(file: path, code: "unreadable_file",
                             message: "is not a regular file (a pipe, a FIFO or a device); save the CSV to a file and give that")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw Diagnostic(file: path, code: "unreadable_file", message: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(data: data, file: path)
    }

    /// Checks `data` (the contents of `file`).
    public init(data: Data, file: String) throws {
        self.file = file
        // UTF-16, also behind UTF-8 byte order marks (a file converted twice).
        var text = data[data.startIndex...]
        while text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        if text.starts(with: [0xFF, 0xFE]) || text.starts(with: [0xFE, 0xFF]) {
            throw Diagnostic(file: file, line: 1, column: 1, code: "utf16_file",
                             message: "the file is UTF-16 text; save it as \"CSV UTF-8\" and try again")
        }
        let (firstNUL, firstInvalidUTF8) = Self.scan(data)
        if let nul = firstNUL {
            let (line, column) = data.withUnsafeBytes { raw in
                let t = CSVTokenizer(bytes: raw, file: file)
                return (t.line(of: nul, in: CSVTokenizer.Record(line: 1, offset: 0)), t.column(ofByte: nul))
            }
            throw Diagnostic(file: file, line: line, column: column, code: "binary_file",
                             message: "the file has a NUL byte here: it is not a text CSV file (UTF-16 text without a byte order mark looks like this; save it as \"CSV UTF-8\")")
        }
        if let bad = firstInvalidUTF8 {
            // Located the way every other diagnostic is: physical line, character column.
            let (line, column) = data.withUnsafeBytes { raw in
                let t = CSVTokenizer(bytes: raw, file: file)
                return (t.line(of: bad, in: CSVTokenizer.Record(line: 1, offset: 0)), t.column(ofByte: bad))
            }
            self.data = Self.windows1252ToUTF8(data)
            self.encodingWarning = Diagnostic(
                file: file, line: line, column: column, code: "windows_1252", severity: .warning,
                message: "the file is not UTF-8; read it as Windows-1252 (the first non-UTF-8 byte is here). Check characters such as £ and quotes, or save it as \"CSV UTF-8\"")
        } else {
            self.data = data
            self.encodingWarning = nil
        }
    }

    /// Runs `body` with a tokenizer over the bytes.
    public func withTokenizer<R>(_ body: (inout CSVTokenizer) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { raw in
            var tokenizer = CSVTokenizer(bytes: raw, file: file)
            return try body(&tokenizer)
        }
    }

    /// Files at least this large are checked in two halves at once.
    static let parallelMinimumBytes = 4 << 20

    /// Offsets of the first NUL byte and of the first byte that breaks UTF-8 (nil: none). A large file is
    /// checked in two halves on two cores, split where no character straddles the split (at a byte that
    /// is not a continuation byte), so each half's answer is the one the whole would give for it; the
    /// first half's answer wins.
    /// `inHalves` (tests) overrides the choice by size and cores.
    static func scan(_ data: Data, inHalves: Bool? = nil) -> (nul: Int?, invalidUTF8: Int?) {
        data.withUnsafeBytes { raw in
            let bytes = SharedBytes(raw: raw)
            guard inHalves ?? (raw.count >= parallelMinimumBytes && ProcessInfo.processInfo.activeProcessorCount > 1) else {
                return (firstNUL(raw, in: 0..<raw.count), firstInvalidUTF8(raw, in: 0..<raw.count))
            }
            var middle = raw.count / 2
            while middle < raw.count && raw[middle] & 0xC0 == 0x80 { middle += 1 }
            let split = middle, end = raw.count
            let found = Parallel.map(2) { k in
                let half = k == 0 ? 0..<split : split..<end
                return (nul: firstNUL(bytes.raw, in: half), invalid: firstInvalidUTF8(bytes.raw, in: half))
            }
            return (found[0].nul ?? found[1].nul, found[0].invalid ?? found[1].invalid)
        }
    }

    /// Read-only bytes shared by the two halves of ``scan(_:)``.
    private struct SharedBytes: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
    }

    /// Offset of the first NUL byte in `range`, or nil (`memchr`: at memory speed).
    static func firstNUL(_ raw: UnsafeRawBufferPointer, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = raw.baseAddress, let hit = memchr(base + range.lowerBound, 0, range.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Offset of the first byte in `range` that breaks UTF-8, or nil; `range` starts at a character. A
    /// character that starts in `range` but does not end in it is broken unless the bytes after the range
    /// finish it (the caller splits only before a byte that starts a character, so then it is broken in
    /// the whole file too). Pure ASCII is skipped 64 bytes at a time (eight words OR-ed: about memory
    /// speed), then a word at a time up to the first byte that is not ASCII.
    static func firstInvalidUTF8(_ raw: UnsafeRawBufferPointer, in range: Range<Int>) -> Int? {
        let count = range.upperBound
        var i = range.lowerBound
        while i + 64 <= count {
            var any: UInt64 = 0
            for k in stride(from: 0, to: 64, by: 8) { any |= raw.loadUnaligned(fromByteOffset: i + k, as: UInt64.self) }
            if any & 0x8080_8080_8080_8080 != 0 { break }
            i += 64
        }
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < count {
            let b = raw[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= count else { return i }
            for k in 1..<length {
                let c = raw[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Windows-1252 → UTF-8. Bytes 0x80–0x9F map to the characters Windows assigns them (€, ‘, ’, “, ”,
    /// …); the five it leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control character
    /// with the same code, so no byte is lost.
    static func windows1252ToUTF8(_ data: Data) -> Data {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
                              0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        var out = [UInt8]()
        out.reserveCapacity(data.count + data.count / 8)
        for b in data {
            let scalar: UInt32 = b < 0x80 ? UInt32(b) : (b < 0xA0 ? high[Int(b) - 0x80] : UInt32(b))
            if scalar < 0x80 {
                out.append(UInt8(scalar))
            } else if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return Data(out)
    }
}
