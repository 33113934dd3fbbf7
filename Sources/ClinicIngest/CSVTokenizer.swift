import ClinicData
import ClinicNumerics
import Foundation

/// A byte-level RFC 4180 tokenizer: the fast core under every CSV reader in Clinic.
///
/// It never allocates per field: ``nextRecord(into:)`` fills a reusable array of ``Field`` byte ranges,
/// and callers decode only what they need (numbers straight from bytes, text through ``text(_:)``).
/// Records end at CRLF, LF or CR outside quotes; a field that starts with `"` runs to the matching
/// quote and may hold commas, line breaks and `""` (an escaped quote). Strict: an unterminated quote
/// or text after a closing quote throws a ``Diagnostic`` with the line and column.
///
/// Line numbers are physical lines (a quoted field with a line break makes a record span two), and
/// columns count characters, so an error points where an editor shows it. Columns are computed only
/// when asked (``column(ofByte:)``), keeping the hot loop to one pass over the bytes.
public struct CSVTokenizer {
    /// One field: bytes `start..<end` of the buffer (inside the quotes for a quoted field).
    public struct Field: Sendable, Equatable {
        public var start: Int
        public var end: Int
        /// The field was quoted.
        public var quoted: Bool
        /// The field contains `""` escapes that ``text(_:)`` must unescape.
        public var escapedQuotes: Bool
        /// Byte offset where the field starts in the buffer (its opening quote, if quoted).
        public var origin: Int
    }

    /// Where a record starts.
    public struct Record: Sendable, Equatable {
        /// One-based physical line of the record's first byte.
        public let line: Int
        /// Byte offset of the record's first byte.
        public let offset: Int
    }

    public let bytes: UnsafeRawBufferPointer
    public let file: String
    /// Offset of the next unread byte.
    public private(set) var index: Int
    /// Physical line of the next unread byte.
    public private(set) var line = 1
    /// Offset where the current physical line starts.
    private var lineStart: Int
    /// The bytes of the UTF-8 byte order marks the buffer starts with (3 for one, 6 for two, …).
    private let bomLength: Int

    /// A tokenizer over `bytes`; the UTF-8 byte order marks it starts with are skipped (a file saved twice
    /// by a tool that adds one can have two, and the second must not become part of the first column's
    /// name) unless `skipByteOrderMark` is false (for a chunk that starts in the middle of a file).
    public init(bytes: UnsafeRawBufferPointer, file: String, skipByteOrderMark: Bool = true) {
        self.bytes = bytes
        self.file = file
        var bom = 0
        while skipByteOrderMark, bom + 3 <= bytes.count, bytes[bom] == 0xEF, bytes[bom + 1] == 0xBB, bytes[bom + 2] == 0xBF { bom += 3 }
        bomLength = bom
        index = bomLength
        lineStart = index
    }

    /// Reads the next record's fields into `fields` (replacing its contents). Returns nil at the end.
    public mutating func nextRecord(into fields: inout [Field]) throws -> Record? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        guard index < count else { return nil }
        let record = Record(line: line, offset: index)
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var i = index
        while true {
            var field = Field(start: i, end: i, quoted: false, escapedQuotes: false, origin: i)
            if i < count && base[i] == quote {
                field.quoted = true
                i += 1
                field.start = i
                while true {
                    guard i < count else {
                        index = i
                        throw Diagnostic(file: file, line: self.line(of: field.origin, in: record), column: column(ofByte: field.origin),
                                         code: "unterminated_quote",
                                         message: "a quoted field starts here but its closing quote is missing")
                    }
                    let b = base[i]
                    if b == quote {
                        if i + 1 < count && base[i + 1] == quote { field.escapedQuotes = true; i += 2; continue }
                        break
                    }
                    if b == lf || (b == cr && !(i + 1 < count && base[i + 1] == lf)) {
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                }
                field.end = i
                i += 1                                                     // closing quote
                if i < count, base[i] != comma, base[i] != cr, base[i] != lf {
                    index = i
                    throw Diagnostic(file: file, line: line, column: column(ofByte: i), code: "text_after_quote",
                                     message: "unexpected text after the closing quote of a quoted field")
                }
            } else {
                while i < count {
                    let b = base[i]
                    if b == comma || b == lf || b == cr { break }
                    i += 1
                }
                field.end = i
            }
            fields.append(field)
            if i >= count { index = i; return record }
            let b = base[i]
            i += 1
            if b == comma { continue }
            if b == cr && i < count && base[i] == lf { i += 1 }
            line += 1
            lineStart = i
            index = i
            return record
        }
    }

    /// The field's text, decoded as UTF-8 (the loader has already made the buffer valid UTF-8) with
    /// `""` unescaped.
    public func text(_ field: Field) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
        let raw = String(decoding: slice, as: UTF8.self)
        return field.escapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// The field's bytes (inside quotes; escapes not undone).
    public func rawBytes(_ field: Field) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    /// One-based physical line of byte `offset` inside (or at the start of) `record`: the record's line
    /// plus the line breaks between them (only a quoted field can hold one). Cost: the record's length.
    public func line(of offset: Int, in record: Record) -> Int {
        var n = record.line
        var i = record.offset
        while i < offset {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { n += 1 }
            i += 1
        }
        return n
    }

    /// One-based character column of byte `offset`: characters since the last line break before it.
    public func column(ofByte offset: Int) -> Int {
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        if start == 0 { start = min(bomLength, offset) }
        var column = 1
        for i in start..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
