import ClinicData
import ClinicIngest
import ClinicSeeds
/// Valid codes of the record tables (seeds/record_codes.csv): which codes each field of SSDA903 and
/// CIN tables may hold. Code lists change by collection year; they live in the seed file, not in code.
public struct RecordCodes: Sendable {
    /// `table/field` → code → label.
    public let codes: [String: [String: String]]
    /// `table/field` → code → the group it belongs to, where the seed gives one (the `group` column:
    /// a REC code's exit group, a PLACE code's placement group; blank elsewhere).
    public let groups: [String: [String: String]]

    public static let standard: RecordCodes = {
        do { return try RecordCodes(SeedTable.recordCodes) }
        catch { preconditionFailure("the compiled record code list is invalid: \(error)") }
    }()

    /// Reads a code table with columns table, field, code, label and, optionally, group.
    package init(_ table: SeedTable) throws {
        guard let t = table.columnIndex("table"), let f = table.columnIndex("field"), let c = table.columnIndex("code"),
              let l = table.columnIndex("label") else {
            throw Diagnostic(file: table.file, line: 1, code: "bad_seed", message: "expected columns table, field, code, label")
        }
        let g = table.columnIndex("group")
        var codes = [String: [String: String]](), groups = [String: [String: String]]()
        for row in table.rows {
            let field = { (k: Int) in row[row.startIndex + k] }
            guard RecordCode(field(c).uppercased()) != nil else {
                throw Diagnostic(file: table.file, code: "bad_seed",
                                 message: "the code \"\(field(c))\" of \(field(t))/\(field(f)) is not 1 to 8 ASCII characters, which every record code must be")
            }
            codes["\(field(t))/\(field(f))", default: [:]][field(c).uppercased()] = field(l)
            if let g, !field(g).isEmpty { groups["\(field(t))/\(field(f))", default: [:]][field(c).uppercased()] = field(g) }
        }
        self.codes = codes
        self.groups = groups
    }

    /// Whether `code` is valid for `field` of `table` (case-insensitive).
    public func isValid(_ code: String, table: String, field: String) -> Bool {
        codes["\(table)/\(field)"]?[code.uppercased()] != nil
    }

    /// The group of a valid code (`table`/`field` as in the seed), if the seed gives one.
    public func group(of code: String, table: String, field: String) -> String? {
        groups["\(table)/\(field)"]?[code.uppercased()]
    }

    /// The valid codes of a field, sorted, for messages.
    public func list(table: String, field: String) -> [String] {
        (codes["\(table)/\(field)"] ?? [:]).keys.sorted()
    }
}
