import ClinicData
import ClinicIngest
import ClinicNumerics
import Foundation

/// One record file's rows, read straight from its bytes and checked, before they join a ``ChildRecords``
/// set. Reading is pure (nothing is shared between files), so several files are read at once, and a file
/// that cannot be read joins nothing.
///
/// No text is made per field: child identifiers are interned from their bytes (one `String` per distinct
/// child in the file), codes are matched from their bytes against the valid codes (the stored code is
/// the seed's own string), dates are parsed from their bytes. Any field the fast paths do not cover (a
/// quoted field with `""`, a code that is not valid, a date that is not `dd/mm/yyyy`) takes the text
/// path, so the result, every diagnostic included, is the same as reading each field as text.
struct RecordTable: Sendable {
    struct HeaderRow: Sendable { let child: Int32, dob: Day }
    /// Codes are held as their position in the field's valid codes (``codeNames``): two bytes, no text.
    struct EpisodeRow: Sendable {
        let child: Int32
        let start: Day
        /// DEC's day index, or `Int32.min` when DEC is blank (24 bytes a row, not 28 with an optional).
        private let endIndex: Int32
        let reasonNewEpisode: UInt16
        let legalStatus: UInt16
        let placement: UInt16
        /// ``CodeKeys/none`` when the episode has no reason ceased.
        let reasonCeased: UInt16
        /// The physical line where the row's DECOM starts (``RecordTable`` refuses a file of more lines
        /// than an `Int32` holds).
        let line: Int32

        init(child: Int32, start: Day, end: Day?, reasonNewEpisode: UInt16, legalStatus: UInt16, placement: UInt16,
             reasonCeased: UInt16, line: Int32) {
            self.child = child
            self.start = start
            self.endIndex = end?.index ?? Int32.min
            self.reasonNewEpisode = reasonNewEpisode
            self.legalStatus = legalStatus
            self.placement = placement
            self.reasonCeased = reasonCeased
            self.line = line
        }

        var end: Day? { endIndex == Int32.min ? nil : Day(index: endIndex) }
    }
    struct MissingRow: Sendable { let child: Int32, kind: UInt16, start: Day, end: Day? }
    struct UASCRow: Sendable { let child: Int32, ceased: Day? }
    struct ReferralRow: Sendable { let child: Int32, date: Day, source: UInt16, noFurtherAction: Bool }

    let file: String
    let kind: RecordFileKind
    /// The valid codes of each coded field the rows refer to by position (field name as in
    /// ``RecordFileKind/columns``).
    private(set) var codeNames: [String: [String]] = [:]
    /// The file's distinct child identifiers (trimmed), in the order first seen; rows refer to them by
    /// position.
    private(set) var children: [String] = []
    private(set) var header: [HeaderRow] = []
    private(set) var episodes: [EpisodeRow] = []
    private(set) var missing: [MissingRow] = []
    private(set) var uasc: [UASCRow] = []
    private(set) var referrals: [ReferralRow] = []
    /// The collection year the file's path names (``CollectionYears/year(ofFile:)``), if any.
    let namedYear: Int?
    /// The dates of the rows kept (episode starts and ends, referral dates), for the years the file covers;
    /// kept only when its path names no collection year (``namedYear`` is nil).
    private(set) var dates: [Day] = []
    private(set) var log: DiagnosticLog
    private(set) var rowsRead = 0
    private(set) var rowsRejected = 0

    /// Reads `source` as a table of `kind`. Throws a ``Diagnostic`` (file, line, column) when the file
    /// cannot be read as a table: an empty file, a header without a column this reading needs, a row
    /// whose field count differs from the header's, or a tokenizer error (an unterminated quote).
    /// Problems in a row's values are diagnostics in ``log`` and leave the row out (errors) or keep it
    /// as described (warnings).
    static func read(_ source: CSVSource, kind: RecordFileKind, codes: RecordCodes, asOf: Month?) throws -> RecordTable {
        var table = RecordTable(file: source.file, kind: kind, log: DiagnosticLog(file: source.file, quarantined: false))
        try source.withTokenizer { t in try table.readRows(&t, codes: codes, asOf: asOf) }
        return table
    }

    private init(file: String, kind: RecordFileKind, log: DiagnosticLog) {
        self.file = file
        self.kind = kind
        self.log = log
        namedYear = CollectionYears.year(ofFile: file)
    }

    private mutating func readRows(_ t: inout CSVTokenizer, codes: RecordCodes, asOf: Month?) throws {
        var fields = [CSVTokenizer.Field]()
        var headerNames: [String]?
        while headerNames == nil, try t.nextRecord(into: &fields) != nil {
            if Self.isBlank(fields) { continue }
            headerNames = fields.map { t.text($0).trimmingCharacters(in: .whitespaces) }
        }
        guard let headerNames else {
            throw Diagnostic(file: file, code: "empty_file", message: "the file is empty; expected a header row and data rows")
        }
        // Column positions (names as the header spells them, any case), and each coded field's valid codes.
        let byName = Dictionary(headerNames.enumerated().map { ($1.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var column = [String: Int]()
        for name in kind.columns {
            guard let c = byName[name.uppercased()] else {
                throw Diagnostic(file: file, line: 1, code: "missing_column", message: "the \(kind.rawValue) table needs the column \(name)")
            }
            column[name] = c
        }
        let tableName = kind.codeTable
        var lists = [[String]](repeating: [], count: headerNames.count)
        for name in kind.columns {
            let list = codes.list(table: tableName, field: name)
            if !list.isEmpty {
                lists[column[name]!] = list
                codeNames[name] = list
            }
        }
        // The columns each kind reads, by position (-1 where the kind has no such column).
        func at(_ name: String) -> Int { column[name] ?? -1 }
        let cChild = kind == .cinReferrals ? at("LAchildID") : at("CHILD")
        let cDOB = at("DOB"), cDECOM = at("DECOM"), cRNE = at("RNE"), cLS = at("LS"), cPLACE = at("PLACE"), cDEC = at("DEC"), cREC = at("REC")
        let cMISSING = at("MISSING"), cMisStart = at("MIS_START"), cMisEnd = at("MIS_END"), cDUC = at("DUC")
        let cReferralDate = at("CINreferralDate"), cReferralSource = at("ReferralSource"), cNFA = at("ReferralNFA")
        // Sized for a child per 32 bytes of file (rows are longer), at most 2^20 before it grows.
        var interner = ChildInterner(capacity: min(t.bytes.count / 32, 1 << 20))
        // One reader for every row: it reads the fields the tokenizer fills in place.
        var row = RowReader(t: t, file: file, asOf: asOf, valid: CodeKeys(lists))
        row.fields = fields

        while let record = try t.nextRecord(into: &row.fields) {
            let fields = row.fields.count
            if Self.isBlank(row.fields) { continue }
            guard fields == headerNames.count else {
                throw Diagnostic(file: file, line: record.line,
                                 column: fields > headerNames.count ? t.column(ofByte: row.fields[headerNames.count].origin) : nil,
                                 code: "ragged_row", message: "this row has \(fields) fields but the header has \(headerNames.count)")
            }
            guard t.line <= Int(Int32.max) else {
                throw Diagnostic(file: file, line: record.line, code: "file_too_long",
                                 message: "the file has more than \(Int32.max) lines, more than a record file can hold; split it by collection year")
            }
            rowsRead += 1
            row.start(record, oneLine: t.line - record.line <= 1)

            // The row reader is used in place (no local functions capture it: a captured reader was copied,
            // with a reference count for each of its arrays, at every call).
            switch kind {
            case .ssda903Header:
                let id = row.child(cChild, kind: kind, &interner, &children)
                if let dob = row.date(cDOB, name: "DOB", required: true), row.problem == nil { header.append(HeaderRow(child: id, dob: dob)) }
            case .ssda903Episodes:
                let id = row.child(cChild, kind: kind, &interner, &children)
                let start = row.date(cDECOM, name: "DECOM", required: true)
                let rne = row.code(cRNE, name: "RNE", codes: codes, table: tableName)
                let ls = row.code(cLS, name: "LS", codes: codes, table: tableName)
                let place = row.code(cPLACE, name: "PLACE", codes: codes, table: tableName)
                let end = row.date(cDEC, name: "DEC", required: false)
                let recColumn = cREC
                var rec: UInt16? = row.isBlank(recColumn) ? nil : row.code(cREC, name: "REC", codes: codes, table: tableName)
                if end != nil && rec == nil {
                    row.fail(recColumn, "dec_rec_mismatch", "the episode has an end date (DEC) but no reason it ended (REC)")
                }
                if end == nil, rec != nil, row.problem == nil {
                    // An open episode with a reason for ending: the episode is kept as open.
                    let p = row.position(recColumn)
                    log.add(Diagnostic(file: file, line: p.line, column: p.column, code: "rec_without_dec", severity: .warning,
                                       message: "REC \"\(row.text(recColumn))\" is given but DEC is blank; the episode is treated as still open"))
                    rec = nil
                }
                if let start, let end, end < start { row.fail(cDEC, "end_before_start", "DEC \(end) is before DECOM \(start)") }
                if row.problem == nil, let start {
                    if namedYear == nil {
                        dates.append(start)
                        if let end { dates.append(end) }
                    }
                    episodes.append(EpisodeRow(child: id, start: start, end: end, reasonNewEpisode: rne, legalStatus: ls, placement: place,
                                               reasonCeased: rec ?? CodeKeys.none, line: Int32(row.position(cDECOM, columnToo: false).line)))
                }
            case .ssda903Missing:
                let id = row.child(cChild, kind: kind, &interner, &children)
                let kindCode = row.code(cMISSING, name: "MISSING", codes: codes, table: tableName)
                let start = row.date(cMisStart, name: "MIS_START", required: true)
                let end = row.date(cMisEnd, name: "MIS_END", required: false)
                if row.problem == nil, let start { missing.append(MissingRow(child: id, kind: kindCode, start: start, end: end)) }
            case .ssda903UASC:
                let id = row.child(cChild, kind: kind, &interner, &children)
                let dob = row.date(cDOB, name: "DOB", required: true)
                let ceased = row.date(cDUC, name: "DUC", required: false)
                if let dob, let ceased, ceased < dob { row.fail(cDUC, "end_before_start", "DUC \(ceased) is before DOB \(dob)") }
                // The status ends at 18 at the latest (DfE's rule 304).
                if let dob, let ceased, ceased > dob.adding(years: 18) {
                    row.fail(cDUC, "duc_after_18", "DUC \(ceased) is after the child's 18th birthday (\(dob.adding(years: 18))): UASC status ends at 18 at the latest")
                }
                if row.problem == nil { uasc.append(UASCRow(child: id, ceased: ceased)) }
            case .cinReferrals:
                let id = row.child(cChild, kind: kind, &interner, &children)
                let day = row.date(cReferralDate, name: "CINreferralDate", required: true)
                let source = row.code(cReferralSource, name: "ReferralSource", codes: codes, table: tableName)
                let nfaColumn = cNFA
                let nfa: Bool
                switch row.text(nfaColumn).lowercased() {
                case "true", "1", "yes": nfa = true
                case "false", "0", "no", "": nfa = false
                default:
                    nfa = false
                    let text = row.text(nfaColumn)
                    row.fail(nfaColumn, "bad_code", "ReferralNFA \"\(text)\" must be true/false/TRUE/FALSE/0/1")
                }
                if row.problem == nil, let day {
                    if namedYear == nil { dates.append(day) }
                    referrals.append(ReferralRow(child: id, date: day, source: source, noFurtherAction: nfa))
                }
            }
            if let problem = row.problem {
                log.add(problem)
                rowsRejected += 1
            }
        }
    }

    static func isBlank(_ fields: [CSVTokenizer.Field]) -> Bool {
        fields.count == 1 && fields[0].start == fields[0].end && !fields[0].quoted
    }
}

/// The fields of one row, read from the tokenizer's bytes; the first problem found is the row's.
private struct RowReader {
    /// A copy of the tokenizer, for the text, line and column of a field (which depend only on the bytes).
    let t: CSVTokenizer
    /// The current row's fields.
    var fields: [CSVTokenizer.Field] = []
    private(set) var record: CSVTokenizer.Record?
    /// The record is one physical line (no quoted line break), so every field is on the record's line.
    private(set) var oneLine = true
    let file: String
    let asOf: Month?
    /// The last day of the as-of month: a later date has not happened yet.
    let lastDayKnown: Day?
    private(set) var problem: Diagnostic?

    /// The valid codes of every coded column, in one table read in place (an array of per-column sets
    /// was copied, its references counted, for every field).
    let valid: CodeKeys

    init(t: CSVTokenizer, file: String, asOf: Month?, valid: CodeKeys) {
        self.t = t
        self.valid = valid
        self.file = file
        self.asOf = asOf
        lastDayKnown = asOf.map { Day.last(of: $0) }
    }

    /// Starts reading the row `fields` now holds.
    mutating func start(_ record: CSVTokenizer.Record, oneLine: Bool) {
        self.record = record
        self.oneLine = oneLine
        problem = nil
    }

    /// Field `c`'s bytes without the spaces and tabs around them (inside the quotes of a quoted field).
    func trimmed(_ c: Int) -> (start: Int, end: Int) {
        let f = fields[c], b = t.bytes
        var s = f.start, e = f.end
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return (s, e)
    }

    /// Field `c` as text, trimmed of spaces and tabs (`""` unescaped).
    func text(_ c: Int) -> String { SeriesKey.trimmed(t.text(fields[c])) }

    func isBlank(_ c: Int) -> Bool {
        if fields[c].escapedQuotes { return false }
        let r = trimmed(c)
        return r.start == r.end
    }

    /// Line and column where field `c` starts (the column only when `columnToo`: it costs a scan of
    /// the line so far).
    func position(_ c: Int, columnToo: Bool = true) -> (line: Int, column: Int) {
        let offset = fields[c].origin
        let line = oneLine ? record!.line : t.line(of: offset, in: record!)
        return (line, columnToo ? t.column(ofByte: offset) : 0)
    }

    mutating func fail(_ c: Int, _ code: String, _ message: String) {
        guard problem == nil else { return }
        let p = position(c)
        problem = Diagnostic(file: file, line: p.line, column: p.column, code: code, message: message)
    }

    /// The child identifier in field `c`, as its position in `children` (added when new); -1 when blank.
    func intern(_ c: Int, _ interner: inout ChildInterner, _ children: inout [String]) -> Int32 {
        if !fields[c].escapedQuotes {
            let r = trimmed(c)
            guard r.start < r.end else { return -1 }
            return interner.id(UnsafeRawBufferPointer(rebasing: t.bytes[r.start..<r.end]), &children)
        }
        let id = text(c)
        guard !id.isEmpty else { return -1 }
        var copy = id
        return copy.withUTF8 { interner.id(UnsafeRawBufferPointer($0), &children) }
    }

    /// The child identifier in field `c` (``intern(_:_:_:)``); a `missing_child` problem when blank.
    mutating func child(_ c: Int, kind: RecordFileKind, _ interner: inout ChildInterner, _ children: inout [String]) -> Int32 {
        let id = intern(c, &interner, &children)
        if id < 0 { fail(c, "missing_child", "\(kind == .cinReferrals ? "LAchildID" : "CHILD") is blank") }
        return id
    }

    /// The code in field `c`, upper case, when `valid` holds it; otherwise a `bad_code` problem (the
    /// message lists `name`'s valid codes in `table` of `codes`) and ``CodeKeys/none``.
    mutating func code(_ c: Int, name: String, codes: RecordCodes, table: String) -> UInt16 {
        if !fields[c].escapedQuotes {
            let r = trimmed(c)
            if let code = valid.position(UnsafeRawBufferPointer(rebasing: t.bytes[r.start..<r.end]), column: c) { return code }
        }
        let raw = text(c)
        var value = raw.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? raw.uppercased() : raw
        if let code = value.withUTF8({ valid.position(UnsafeRawBufferPointer($0), column: c) }) { return code }
        fail(c, "bad_code", "\(name) \"\(raw)\" is not a valid code (valid: \(codes.list(table: table, field: name).joined(separator: ", ")))")
        return CodeKeys.none
    }

    /// The date in field `c` (`dd/mm/yyyy` or ISO `yyyy-mm-dd`, ``Day/parse(_:)``); nil when blank (a
    /// problem if `required`), not a date, or after the as-of month (problems both).
    mutating func date(_ c: Int, name: String, required: Bool) -> Day? {
        var day: Day?
        let r = trimmed(c)
        if fields[c].escapedQuotes || r.end - r.start != 10 || !Self.isDayMonthYear(t.bytes, r.start) {
            let text = text(c)
            if text.isEmpty { if required { fail(c, "missing_date", "\(name) is blank") }; return nil }
            day = Day.parse(text)
        } else {
            let b = t.bytes, s = r.start
            func digits(_ i: Int, _ n: Int) -> Int { (i..<(i + n)).reduce(0) { $0 * 10 + Int(b[$1] &- 0x30) } }
            day = Day(year: digits(s + 6, 4), month: digits(s + 3, 2), day: digits(s, 2))
        }
        guard let d = day else {
            let text = text(c)
            fail(c, "bad_date", "\(name) \"\(text)\" is not a date (dd/mm/yyyy) from 01/01/1900 to 31/12/2100")
            return nil
        }
        if let asOf, let lastDayKnown, d > lastDayKnown {
            let text = text(c)
            fail(c, "date_after_as_of", "\(name) \(text) is after the as-of month (\(asOf)): a return cannot hold what has not happened yet")
            return nil
        }
        return d
    }

    /// Whether the 10 bytes at `s` are `dd/mm/yyyy` (digits and slashes; the values are checked by `Day`).
    static func isDayMonthYear(_ b: UnsafeRawBufferPointer, _ s: Int) -> Bool {
        for i in 0..<10 {
            let x = b[s + i]
            if i == 2 || i == 5 { if x != 0x2F { return false } } else if x < 0x30 || x > 0x39 { return false }
        }
        return true
    }
}

/// The valid codes of a table's coded columns, each known by its position in its column's list, in one
/// hash table keyed by (packed code, column). Every valid code is 1 to 8 ASCII bytes (``RecordCodes``
/// refuses any other), so a field is matched from its bytes, or from its text when it had to be
/// unescaped first, by the same key.
struct CodeKeys: Sendable {
    /// No code (an episode that has not ended has no reason ceased).
    static let none = UInt16.max
    private var keys = KeyTable()

    /// `lists[c]`: the valid codes of column `c`, upper case (empty where the column has none).
    init(_ lists: [[String]]) {
        for (c, list) in lists.enumerated() {
            precondition(list.count < Int(Self.none), "a code list longer than \(Self.none - 1) codes")
            for (i, code) in list.enumerated() {
                var text = code
                if let key = text.withUTF8({ Self.pack(UnsafeRawBufferPointer($0)) }) { _ = keys.value(key, UInt64(c), orInsert: Int32(i)) }
            }
        }
    }

    /// The position in column `c`'s list of the code these bytes spell (any case), or nil.
    @inline(__always)
    func position(_ bytes: UnsafeRawBufferPointer, column c: Int) -> UInt16? {
        guard let key = Self.pack(bytes), let i = keys.value(key, UInt64(c)) else { return nil }
        return UInt16(i)
    }

    /// 1 to 8 ASCII bytes, a–z folded to A–Z, packed little-endian (no code holds a NUL, so the
    /// zero padding is unambiguous); nil for anything else.
    @inline(__always)
    static func pack(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for i in 0..<bytes.count {
            var b = bytes[i]
            guard b < 0x80, b != 0 else { return nil }
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            key |= UInt64(b) << (8 * UInt64(i))
        }
        return key
    }
}

/// Child identifiers of one file, interned from their bytes: identifiers of up to 16 bytes (every
/// SSDA903 and CIN identifier seen in practice) are keyed by their packed bytes, longer ones by their
/// text.
struct ChildInterner {
    private var short: KeyTable
    private var long: [String: Int32] = [:]
    /// The last short identifier seen: files list a child's rows together, so most rows repeat it.
    private var last: (a: UInt64, b: UInt64, id: Int32) = (0, 0, -1)

    init(capacity: Int) { short = KeyTable(capacity: capacity) }

    /// The position of the identifier `bytes` spell in `children`, appended when new (as `text`, when the
    /// caller has it already, else decoded from the bytes).
    @inline(__always)
    mutating func id(_ bytes: UnsafeRawBufferPointer, _ children: inout [String], text known: String? = nil) -> Int32 {
        if let (a, b) = KeyTable.pack(bytes) {
            if last.id >= 0 && last.a == a && last.b == b { return last.id }
            let id = short.value(a, b, orInsert: Int32(children.count))
            last = (a, b, id)
            if id == Int32(children.count) { children.append(known ?? String(decoding: bytes, as: UTF8.self)) }
            return id
        }
        let text = known ?? String(decoding: bytes, as: UTF8.self)
        if let id = long[text] { return id }
        let id = Int32(children.count)
        children.append(text)
        long[text] = id
        return id
    }
}

extension RecordFileKind {
    /// The table's name in seeds/record_codes.csv.
    var codeTable: String {
        switch self {
        case .ssda903Header: return "ssda903_header"
        case .ssda903Episodes: return "ssda903_episodes"
        case .ssda903Missing: return "ssda903_missing"
        case .ssda903UASC: return "ssda903_uasc"
        case .cinReferrals: return "cin_referrals"
        }
    }
}
