import Foundation

/// A CSV file read whole into fields, with the position of every field kept for diagnostics.
///
/// Follows RFC 4180: fields separated by commas, records by CRLF, LF or CR; a field that starts with a
/// double quote runs to the matching quote, may contain commas and line breaks, and writes a quote as
/// `""`. A UTF-8 byte order mark is skipped. The tokenizer works on bytes (commas, quotes and line
/// breaks are ASCII, so UTF-8 text passes through untouched) and decodes each field as UTF-8.
///
/// Strict: an unterminated quote, text after a closing quote, invalid UTF-8, or a record whose field
/// count differs from the header's is a ``Diagnostic`` naming the line and column. Empty lines
/// between records are skipped (spreadsheets write them at the end of files).
public struct CSVTable: Sendable {
    /// Where a field starts: one-based physical line and character column.
    public struct Position: Sendable, Equatable {
        public let line: Int
        public let column: Int
    }

    /// The name used in diagnostics (usually the path as the user typed it).
    public let file: String
    /// The header row's fields.
    public let header: [String]
    /// Data records; every one has `header.count` fields.
    public let records: [[String]]
    /// Positions of the fields of each record, parallel to `records`.
    public let positions: [[Position]]
    /// Positions of the header fields.
    public let headerPositions: [Position]

    /// Reads and tokenizes the file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw Diagnostic(file: path, code: exists ? "unreadable_file" : "file_not_found",
                             message: exists ? (isDirectory.boolValue ? "is a folder, not a CSV file" : "cannot be read")
                                             : "no such file")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Tokenizes CSV `bytes`; `file` names them in diagnostics.
    public init(bytes: [UInt8], file: String) throws {
        var tokenizer = Tokenizer(bytes: bytes, file: file)
        var rows = [[String]](), rowPositions = [[Position]]()
        while let (fields, positions) = try tokenizer.nextRecord() {
            if fields.count == 1 && fields[0].isEmpty { continue }          // blank line
            rows.append(fields)
            rowPositions.append(positions)
        }
        guard let header = rows.first else {
            throw Diagnostic(file: file, code: "empty_file", message: "the file is empty; expected a header row and data rows")
        }
        for (index, row) in rows.enumerated().dropFirst() where row.count != header.count {
            let p = rowPositions[index]
            throw Diagnostic(file: file, line: p[0].line, column: row.count > header.count ? p[header.count].column : nil,
                             code: "ragged_row",
                             message: "this row has \(row.count) fields but the header has \(header.count)")
        }
        self.file = file
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.headerPositions = rowPositions[0]
        self.records = Array(rows.dropFirst())
        self.positions = Array(rowPositions.dropFirst())
    }

    /// Index of the column whose header equals `name`, ignoring case and surrounding spaces.
    public func columnIndex(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return header.firstIndex { $0.lowercased() == wanted }
    }

    /// A byte-level RFC 4180 tokenizer that tracks line and column.
    struct Tokenizer {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        }

        /// Character column counted so far on the line starting at `countedLine`, at byte `countedOffset`.
        var countedLine = -1
        var countedOffset = 0
        var countedColumn = 1

        /// One-based character column of byte offset `offset` (at or after the last one asked for) on the
        /// current line. Counts UTF-8 lead bytes, so a multi-byte character is one column; counting resumes
        /// where the previous call stopped, so a line costs O(its length) however many fields it has.
        mutating func column(of offset: Int) -> Int {
            if countedLine != lineStart { countedLine = lineStart; countedOffset = lineStart; countedColumn = 1 }
            while countedOffset < offset {
                if bytes[countedOffset] & 0xC0 != 0x80 { countedColumn += 1 }
                countedOffset += 1
            }
            return countedColumn
        }

        mutating func nextRecord() throws -> ([String], [Position])? {
            if index >= bytes.count { return nil }
            var fields = [String](), positions = [Position]()
            while true {
                let position = Position(line: line, column: column(of: index))
                let (field, ended) = try nextField(at: position)
                fields.append(field)
                positions.append(position)
                if ended { return (fields, positions) }
            }
        }

        /// Reads one field; `ended` is true when it closed its record (line break or end of input).
        mutating func nextField(at position: Position) throws -> (String, ended: Bool) {
            let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            var value = [UInt8]()
            if index < bytes.count && bytes[index] == quote {
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw Diagnostic(file: file, line: position.line, column: position.column, code: "unterminated_quote",
                                         message: "a quoted field starts here but its closing quote is missing")
                    }
                    let b = bytes[index]
                    if b == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote { value.append(quote); index += 2; continue }
                        index += 1
                        break
                    }
                    if b == lf || (b == cr && !(index + 1 < bytes.count && bytes[index + 1] == lf)) {
                        value.append(b); index += 1; line += 1; lineStart = index; continue
                    }
                    value.append(b)
                    index += 1
                }
                if index < bytes.count && ![comma, cr, lf].contains(bytes[index]) {
                    throw Diagnostic(file: file, line: line, column: column(of: index), code: "text_after_quote",
                                     message: "unexpected text after the closing quote of a quoted field")
                }
            } else {
                while index < bytes.count, ![comma, cr, lf].contains(bytes[index]) {
                    value.append(bytes[index])
                    index += 1
                }
            }
            guard let text = String(validating: value, as: UTF8.self) else {
                throw Diagnostic(file: file, line: position.line, column: position.column, code: "invalid_utf8",
                                 message: "this field is not valid UTF-8 text")
            }
            if index >= bytes.count { return (text, true) }
            let b = bytes[index]
            index += 1
            if b == comma { return (text, false) }
            if b == cr && index < bytes.count && bytes[index] == lf { index += 1 }
            line += 1
            lineStart = index
            return (text, true)
        }
    }
}
