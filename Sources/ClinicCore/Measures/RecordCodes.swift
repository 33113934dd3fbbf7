/// Valid codes of the record tables (seeds/record_codes.csv): which codes each field of SSDA903 and
/// CIN tables may hold. Code lists change by collection year; they live in the seed file, not in code.
public struct RecordCodes: Sendable {
    /// `table/field` → code → label.
    public let codes: [String: [String: String]]

    public static let standard: RecordCodes = {
        do { return try RecordCodes(csv: seedCSV, file: "seeds/record_codes.csv") }
        catch { preconditionFailure("the compiled record code list is invalid: \(error)") }
    }()

    public init(csv: String, file: String) throws {
        let table = try CSVTable(bytes: Array(csv.utf8), file: file)
        guard let t = table.columnIndex("table"), let f = table.columnIndex("field"), let c = table.columnIndex("code"),
              let l = table.columnIndex("label") else {
            throw Diagnostic(file: file, line: 1, code: "bad_seed", message: "expected columns table, field, code, label")
        }
        var codes = [String: [String: String]]()
        for row in table.records { codes["\(row[t])/\(row[f])", default: [:]][row[c].uppercased()] = row[l] }
        self.codes = codes
    }

    /// Whether `code` is valid for `field` of `table` (case-insensitive).
    public func isValid(_ code: String, table: String, field: String) -> Bool {
        codes["\(table)/\(field)"]?[code.uppercased()] != nil
    }

    /// The valid codes of a field, sorted, for messages.
    public func list(table: String, field: String) -> [String] {
        (codes["\(table)/\(field)"] ?? [:]).keys.sorted()
    }
}
