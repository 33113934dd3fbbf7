import ClinicData
import ClinicNumerics
import Foundation

/// A small CSV file read whole into text fields (for `clinic regress` and tests), on top of
/// ``CSVSource`` and ``CSVTokenizer``. Large extracts are read by streaming readers instead.
///
/// Strict: besides the tokenizer's errors, a record whose field count differs from the header's is a
/// ``Diagnostic``. Blank lines are skipped. Field positions are kept as byte offsets and turned into
/// line and column only when a diagnostic needs them.
public struct CSVTable: Sendable {
    /// Where a field starts: one-based physical line and character column.
    public struct Position: Sendable, Equatable {
        public let line: Int
        public let column: Int
    }

    /// The name used in diagnostics (usually the path as the user typed it).
    public var file: String { source.file }
    /// The header row's fields, trimmed.
    public let header: [String]
    /// Data records; every one has `header.count` fields.
    public let records: [[String]]
    /// Warnings from reading (a Windows-1252 file).
    public var warnings: [Diagnostic] { source.encodingWarning.map { [$0] } ?? [] }

    private let source: CSVSource
    /// Where each record starts, parallel to `records`.
    private let recordStarts: [CSVTokenizer.Record]
    /// Byte offsets of each record's fields.
    private let fieldOffsets: [[Int]]

    /// Reads and tokenizes the file at `path`.
    public init(contentsOf path: String) throws {
        try self.init(source: CSVSource(contentsOf: path))
    }

    /// Tokenizes CSV `bytes`; `file` names them in diagnostics.
    public init(bytes: [UInt8], file: String) throws {
        try self.init(source: CSVSource(data: Data(bytes), file: file))
    }

    public init(source: CSVSource) throws {
        self.source = source
        var rows = [[String]](), starts = [CSVTokenizer.Record](), offsets = [[Int]]()
        try source.withTokenizer { tokenizer in
            var fields = [CSVTokenizer.Field]()
            while let record = try tokenizer.nextRecord(into: &fields) {
                if fields.count == 1 && fields[0].start == fields[0].end && !fields[0].quoted { continue }   // blank line
                rows.append(fields.map { tokenizer.text($0) })
                starts.append(record)
                offsets.append(fields.map(\.origin))
            }
        }
        guard let header = rows.first else {
            throw Diagnostic(file: source.file, code: "empty_file", message: "the file is empty; expected a header row and data rows")
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.records = Array(rows.dropFirst())
        self.recordStarts = Array(starts.dropFirst())
        self.fieldOffsets = Array(offsets.dropFirst())
        for (r, row) in records.enumerated() where row.count != header.count {
            throw Diagnostic(file: source.file, line: recordStarts[r].line,
                             column: row.count > header.count ? position(record: r, field: header.count).column : nil,
                             code: "ragged_row", message: "this row has \(row.count) fields but the header has \(header.count)")
        }
    }

    /// Line and column where field `field` of record `record` starts.
    public func position(record: Int, field: Int) -> Position {
        source.withTokenizer { t in
            let offset = fieldOffsets[record][field]
            return Position(line: t.line(of: offset, in: recordStarts[record]), column: t.column(ofByte: offset))
        }
    }

    /// Index of the column whose header equals `name`, ignoring case and surrounding spaces.
    public func columnIndex(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return header.firstIndex { $0.lowercased() == wanted }
    }
}
