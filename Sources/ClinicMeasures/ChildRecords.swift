import ClinicData
import ClinicIngest
import ClinicSeeds
/// Child-level records from SSDA903 (Header, Episodes, Missing) and CIN referral tables, validated,
/// with episodes repeated across years' files merged. Feed several years' files to one set.
public struct ChildRecords: Sendable {
    public struct Episode: Sendable, Equatable {
        public let child: String
        public let start: Day
        public let reasonNewEpisode: String
        public let legalStatus: String
        public let end: Day?
        public let reasonCeased: String?
        /// The placement (PLACE) code, upper case; validated against seeds/record_codes.csv.
        public var placement: String = ""
        /// Where the kept row came from (for an episode repeated across years' files, the row kept: the
        /// one that has ended, else the later file's).
        public var file: String = ""
        public var line: Int = 0
    }

    public struct MissingEpisode: Sendable, Equatable {
        public let child: String
        /// `M` (missing) or `A` (away without authorisation).
        public let kind: String
        public let start: Day
        public let end: Day?
    }

    public struct Referral: Sendable, Equatable {
        public let child: String
        public let date: Day
        public let source: String
        public let noFurtherAction: Bool
    }

    public private(set) var episodes: [Episode] = []
    public private(set) var birthDates: [String: Day] = [:]
    public private(set) var missing: [MissingEpisode] = []
    public private(set) var referrals: [Referral] = []
    /// Unaccompanied asylum-seeking children (SSDA903 UASC table): each child's date the status ceased
    /// (DUC), nil while it lasts. Empty without a UASC table.
    public private(set) var uascCeased: [String: Day?] = [:]
    /// Whether any UASC table was read (so a child not in ``uascCeased`` is known not to be UASC).
    public private(set) var hasUASCTable = false
    /// The collection years the Episodes files cover (their Missing and Header tables share them).
    public private(set) var episodeYears = Set<Int>()
    /// The collection years the CIN referral files cover.
    public private(set) var referralYears = Set<Int>()
    /// How each file's years were worked out when its name did not say.
    public private(set) var coverageNotes = [String]()
    /// Problems found, each at its file, line and column: errors (the row is left out) and warnings (the
    /// row is kept as described), at most ``DiagnosticLog/limitPerCode`` of each code per table.
    public var diagnostics: [Diagnostic] { logs.flatMap { $0.finished() } }
    private var logs: [DiagnosticLog] = []
    /// Episodes repeated (same child and start) and merged: in another file, or within one file.
    public private(set) var mergedEpisodes = 0
    /// Of ``mergedEpisodes``, those repeated within the same file.
    public private(set) var mergedWithinFile = 0
    /// Rows read and rows left out because of an error, over all files.
    public private(set) var rowsRead = 0
    public private(set) var rowsRejected = 0

    private struct EpisodeKey: Hashable { let child: String; let start: Int32 }
    private var episodeIndex: [EpisodeKey: Int] = [:]
    let codes: RecordCodes

    /// The month the records are read as of: a date in a later month has not happened yet, so it is an
    /// error at its line and column (the row is left out), never a month that stretches or shortens the
    /// files' coverage. Nil: no such check.
    public let asOf: Month?

    public init(codes: RecordCodes = .standard, asOf: Month? = nil) {
        self.codes = codes
        self.asOf = asOf
    }

    /// Adds the rows of a record table (its kind recognised from the header by ``ExtractFormat``).
    public mutating func add(_ table: CSVTable, kind: RecordFileKind) {
        var log = DiagnosticLog(file: table.file, quarantined: false)
        defer { logs.append(log) }
        // Column positions, looked up once per table (names as the header spells them, any case).
        let byName = Dictionary(table.header.enumerated().map { ($1.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var column = [String: Int]()
        for name in kind.columns { column[name] = byName[name.uppercased()] }
        // The valid codes of each coded field of this table, looked up once.
        let tableName: String
        switch kind {
        case .ssda903Header: tableName = "ssda903_header"
        case .ssda903Episodes: tableName = "ssda903_episodes"
        case .ssda903Missing: tableName = "ssda903_missing"
        case .ssda903UASC: tableName = "ssda903_uasc"
        case .cinReferrals: tableName = "cin_referrals"
        }
        var dates = [Day]()                         // this table's dates, for its collection years
        defer { recordCoverage(of: table.file, kind: kind, dates: dates) }
        var validCodes = [String: Set<String>]()
        for name in kind.columns { validCodes[name] = Set(codes.list(table: tableName, field: name)) }
        for (r, row) in table.records.enumerated() {
            rowsRead += 1
            var problem: Diagnostic?
            func field(_ name: String) -> String { SeriesKey.trimmed(row[column[name]!]) }
            func fail(_ name: String, _ code: String, _ message: String) {
                if problem == nil {
                    let p = table.position(record: r, field: column[name]!)
                    problem = Diagnostic(file: table.file, line: p.line, column: p.column, code: code, message: message)
                }
            }
            func date(_ name: String, required: Bool) -> Day? {
                let text = field(name)
                if text.isEmpty { if required { fail(name, "missing_date", "\(name) is blank") }; return nil }
                guard let d = Day.parse(text) else {
                    fail(name, "bad_date", "\(name) \"\(text)\" is not a date (dd/mm/yyyy) from 01/01/1900 to 31/12/2100")
                    return nil
                }
                if let asOf, d.month > asOf {
                    fail(name, "date_after_as_of", "\(name) \(text) is after the as-of month (\(asOf)): a return cannot hold what has not happened yet")
                    return nil
                }
                return d
            }
            func code(_ name: String, table t: String) -> String {
                let raw = field(name)
                let value = raw.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? raw.uppercased() : raw
                if validCodes[name]?.contains(value) != true {
                    fail(name, "bad_code", "\(name) \"\(field(name))\" is not a valid code (valid: \(codes.list(table: t, field: name).joined(separator: ", ")))")
                }
                return value
            }
            func child(_ name: String) -> String {
                let id = field(name)
                if id.isEmpty { fail(name, "missing_child", "\(name) is blank") }
                return id
            }

            switch kind {
            case .ssda903Header:
                let id = child("CHILD")
                if let dob = date("DOB", required: true), problem == nil { birthDates[id] = dob }
            case .ssda903Episodes:
                let id = child("CHILD")
                let start = date("DECOM", required: true)
                let rne = code("RNE", table: "ssda903_episodes")
                let ls = code("LS", table: "ssda903_episodes")
                let place = code("PLACE", table: "ssda903_episodes")
                let end = date("DEC", required: false)
                let recText = field("REC")
                var rec = recText.isEmpty ? nil : code("REC", table: "ssda903_episodes")
                if end != nil && rec == nil {
                    fail("REC", "dec_rec_mismatch", "the episode has an end date (DEC) but no reason it ended (REC)")
                }
                if end == nil, rec != nil, problem == nil {
                    // An open episode with a reason for ending: the episode is kept as open.
                    let p = table.position(record: r, field: column["REC"]!)
                    log.add(Diagnostic(file: table.file, line: p.line, column: p.column, code: "rec_without_dec", severity: .warning,
                                       message: "REC \"\(recText)\" is given but DEC is blank; the episode is treated as still open"))
                    rec = nil
                }
                if let start, let end, end < start { fail("DEC", "end_before_start", "DEC \(end) is before DECOM \(start)") }
                if problem == nil, let start {
                    dates.append(start)
                    if let end { dates.append(end) }
                    var episode = Episode(child: id, start: start, reasonNewEpisode: rne, legalStatus: ls, end: end, reasonCeased: rec)
                    episode.placement = place
                    episode.file = table.file
                    episode.line = table.position(record: r, field: column["DECOM"]!).line
                    let key = EpisodeKey(child: id, start: start.index)
                    if let existing = episodeIndex[key] {
                        // The same episode in another year's file: keep the fuller record (one that has ended).
                        mergedEpisodes += 1
                        if episodes[existing].file == table.file { mergedWithinFile += 1 }
                        if episodes[existing].end == nil || episode.end != nil { episodes[existing] = episode }
                    } else {
                        episodeIndex[key] = episodes.count
                        episodes.append(episode)
                    }
                }
            case .ssda903Missing:
                let id = child("CHILD")
                let kindCode = code("MISSING", table: "ssda903_missing")
                let start = date("MIS_START", required: true)
                let end = date("MIS_END", required: false)
                if problem == nil, let start { missing.append(MissingEpisode(child: id, kind: kindCode, start: start, end: end)) }
            case .ssda903UASC:
                hasUASCTable = true
                let id = child("CHILD")
                let dob = date("DOB", required: true)
                let ceased = date("DUC", required: false)
                if let dob, let ceased, ceased < dob { fail("DUC", "end_before_start", "DUC \(ceased) is before DOB \(dob)") }
                // The status ends at 18 at the latest (DfE's rule 304).
                if let dob, let ceased, ceased > dob.adding(years: 18) {
                    fail("DUC", "duc_after_18", "DUC \(ceased) is after the child's 18th birthday (\(dob.adding(years: 18))): UASC status ends at 18 at the latest")
                }
                if problem == nil {
                    // A child in several years' files: a blank DUC only says the status had not ceased by
                    // that year's end, so a date in another year's file wins (the latest, if several).
                    if let known = uascCeased[id] {
                        uascCeased[id] = [known, ceased].compactMap { $0 }.max()
                    } else {
                        uascCeased[id] = ceased
                    }
                }
            case .cinReferrals:
                let id = child("LAchildID")
                let day = date("CINreferralDate", required: true)
                let source = code("ReferralSource", table: "cin_referrals")
                let nfaText = field("ReferralNFA").lowercased()
                let nfa: Bool
                switch nfaText {
                case "true", "1", "yes": nfa = true
                case "false", "0", "no", "": nfa = false
                default:
                    nfa = false
                    fail("ReferralNFA", "bad_code", "ReferralNFA \"\(field("ReferralNFA"))\" must be true/false/TRUE/FALSE/0/1")
                }
                if problem == nil, let day { dates.append(day) }
                if problem == nil, let day { referrals.append(Referral(child: id, date: day, source: source, noFurtherAction: nfa)) }
            }
            if let problem {
                log.add(problem)
                rowsRejected += 1
            }
        }
    }

    /// Impossible sequences in the episodes of all the files read, as the SSDA903 validators report them
    /// (warnings, located at the later episode's row; at most ``DiagnosticLog/limitPerCode`` per code):
    /// - `overlapping_episodes`: a child's episode starts while an earlier one (by DECOM) is still open —
    ///   not ended, or ending after the new one starts (back to back, DEC = the next DECOM, is
    ///   fine). `lac` still counts the child once a month; for police protection the episode with the
    ///   earlier DECOM is the "previous" one.
    /// - `episode_before_birth`: an episode starting before the child's date of birth in the Header.
    public func sequenceWarnings() -> [Diagnostic] {
        var log = DiagnosticLog(file: "the record files", quarantined: false)
        for (child, list) in Dictionary(grouping: episodes, by: \.child).sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            // The episode that reaches furthest so far (open ones reach forever).
            var reach: Episode?
            for e in sorted {
                if let dob = birthDates[child], e.start < dob {
                    log.add(Diagnostic(file: e.file, line: e.line, code: "episode_before_birth", severity: .warning,
                                       message: "child \(child)'s episode starts on \(e.start), before their date of birth \(dob)"))
                }
                defer {
                    if let r = reach, let rEnd = r.end { if e.end.map({ $0 > rEnd }) ?? true { reach = e } } else if reach == nil { reach = e }
                }
                guard let before = reach else { continue }
                if before.end.map({ $0 > e.start }) ?? true {
                    let until = before.end.map { "until \($0)" } ?? "with no end date"
                    log.add(Diagnostic(file: e.file, line: e.line, code: "overlapping_episodes", severity: .warning,
                                       message: "child \(child)'s episode from \(e.start) starts while the one from \(before.start) (\(before.file):\(before.line)) is open \(until); the child is counted once"))
                }
            }
        }
        return log.finished()
    }

    /// The records as they stood at the end of `month`: episodes starting later are left out, and an end
    /// (with its reason) after it is erased, so the episode is open; Header dates of birth are kept.
    /// (Missing and referral rows are left as they are: the stock and its flows do not use them.) This is
    /// how a projection is backtested on data cut at a past month.
    public func known(atEndOf month: Month) -> ChildRecords {
        var cut = self
        let lastDay = Day.last(of: month)
        cut.episodes = episodes.compactMap { e in
            guard e.start <= lastDay else { return nil }
            guard let end = e.end, end > lastDay else { return e }
            var open = Episode(child: e.child, start: e.start, reasonNewEpisode: e.reasonNewEpisode, legalStatus: e.legalStatus,
                               end: nil, reasonCeased: nil)
            open.placement = e.placement
            open.file = e.file
            open.line = e.line
            return open
        }
        cut.episodeIndex = [:]
        cut.uascCeased = uascCeased.mapValues { ceased in ceased.flatMap { $0 > lastDay ? nil : $0 } }
        cut.episodeYears = episodeYears.filter { CollectionYears.months(of: $0).lowerBound <= month }
        return cut
    }

    /// Whether `child` was an unaccompanied asylum-seeking child on `day`: listed in a UASC table, and
    /// the status had not ceased (DUC blank, or after `day`).
    public func isUASC(_ child: String, on day: Day) -> Bool {
        guard let entry = uascCeased[child] else { return false }
        return entry.map { day < $0 } ?? true
    }

    /// Records the collection years `file` covers (``CollectionYears``).
    private mutating func recordCoverage(of file: String, kind: RecordFileKind, dates: [Day]) {
        guard kind == .ssda903Episodes || kind == .cinReferrals else { return }
        let name = (file as NSString).lastPathComponent
        let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        var years = Set<Int>()
        if let named = CollectionYears.year(fromName: name) ?? CollectionYears.year(fromName: folder) {
            years = [named]
        } else if let latest = dates.max() {
            // A return also holds the starts of episodes (or referrals) open from earlier years, so a
            // year counts only when the file has events in most of its months; the year of the latest
            // date counts too (it may be in progress).
            years = CollectionYears.years(ofEvents: dates.map(\.month), latest: latest.month)
            let list = years.sorted().map(String.init).joined(separator: ", ")
            coverageNotes.append("\(name) has no collection year in its name\(folder.isEmpty ? "" : " or its folder's"); read from its dates as covering \(years.count == 1 ? "the year" : "the years") \(list) (years with events in at least 9 of their 12 months, and the year of its latest date)")
        }
        if kind == .ssda903Episodes { episodeYears.formUnion(years) } else { referralYears.formUnion(years) }
    }

}

import Foundation
