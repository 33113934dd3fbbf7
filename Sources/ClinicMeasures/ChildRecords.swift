import ClinicData
import ClinicIngest
import ClinicNumerics
import ClinicSeeds
/// Child-level records from SSDA903 (Header, Episodes, Missing) and CIN referral tables, validated,
/// with episodes repeated across years' files merged. Feed several years' files to one set.
public struct ChildRecords: Sendable {
    /// One episode of care, held in 64 bytes: codes as ``RecordCode``s, the child by its `childID` (its
    /// identifier is ``ChildRecords/children``[childID]) and the file by its position in
    /// ``ChildRecords/files``, so a million episodes take no text.
    public struct Episode: Sendable, Equatable {
        public let reasonNewEpisode: RecordCode
        public let legalStatus: RecordCode
        /// The placement (PLACE) code, upper case; validated against seeds/record_codes.csv.
        public let placement: RecordCode
        /// REC's bytes, 0 while the episode is open (so the code needs no optional's extra byte).
        private let ceased: UInt64
        /// Where the kept row came from: the physical line where its DECOM starts (for an episode
        /// repeated across years' files, the row kept: the one that has ended, else the later file's).
        public let line: Int
        /// The child's position in ``ChildRecords/children`` (the same child in every file read).
        public let childID: Int32
        public let start: Day
        /// The kept row's file: its position in ``ChildRecords/files``.
        public let fileID: Int32
        public let end: Day?

        init(childID: Int32, start: Day, reasonNewEpisode: RecordCode, legalStatus: RecordCode, placement: RecordCode,
             end: Day?, reasonCeased: RecordCode?, fileID: Int32, line: Int) {
            self.childID = childID
            self.start = start
            self.reasonNewEpisode = reasonNewEpisode
            self.legalStatus = legalStatus
            self.placement = placement
            self.end = end
            self.ceased = reasonCeased?.packed ?? 0
            self.fileID = fileID
            self.line = line
        }

        /// REC: why the episode ended (nil while it is open).
        public var reasonCeased: RecordCode? { ceased == 0 ? nil : RecordCode(packed: ceased) }

        /// The same episode still open (no end, no reason ceased).
        var reopened: Episode {
            Episode(childID: childID, start: start, reasonNewEpisode: reasonNewEpisode, legalStatus: legalStatus, placement: placement,
                    end: nil, reasonCeased: nil, fileID: fileID, line: line)
        }
    }

    public struct MissingEpisode: Sendable, Equatable {
        /// `M` (missing) or `A` (away without authorisation).
        public let kind: RecordCode
        /// The child's position in ``ChildRecords/children``.
        public let childID: Int32
        public let start: Day
        public let end: Day?
    }

    public struct Referral: Sendable, Equatable {
        public let child: String
        /// The child's position in ``ChildRecords/children``.
        public let childID: Int32
        public let date: Day
        public let source: String
        public let noFurtherAction: Bool
    }

    public private(set) var episodes: [Episode] = []
    /// The files read, in the order given (an episode's ``Episode/fileID`` is a position here).
    public private(set) var files: [String] = []
    /// The file an episode's kept row came from.
    public func file(of episode: Episode) -> String { files[Int(episode.fileID)] }
    /// Every child identifier read (trimmed, as the files spell it), in the order first seen; records
    /// refer to a child by its position here (`childID`), so counting children needs no text.
    public private(set) var children: [String] = []
    /// `childID` by identifier: the same interning a file's reader does (``ChildInterner``), over all files.
    private var childIndex = ChildInterner(capacity: 16)
    /// Each child's date of birth from a Header table (the last file's, if several), by `childID`.
    public private(set) var dateOfBirth: [Day?] = []
    /// Dates of birth from the Header tables by child identifier (built on each call: for inspection).
    public var birthDates: [String: Day] {
        var out = [String: Day]()
        for (id, dob) in dateOfBirth.enumerated() { if let dob { out[children[id]] = dob } }
        return out
    }
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

    /// Each episode's position in ``episodes`` by (`childID`, start day).
    private var episodeIndex = EpisodeIndex()
    let codes: RecordCodes

    /// The month the records are read as of: a date in a later month has not happened yet, so it is an
    /// error at its line and column (the row is left out), never a month that stretches or shortens the
    /// files' coverage. Nil: no such check.
    public let asOf: Month?

    public init(codes: RecordCodes = .standard, asOf: Month? = nil) {
        self.codes = codes
        self.asOf = asOf
    }

    /// Adds the rows of one record file (its kind recognised from the header by ``ExtractFormat``).
    /// Throws a ``Diagnostic`` when the file cannot be read as a table; nothing of it is added then.
    public mutating func add(_ source: CSVSource, kind: RecordFileKind) throws {
        try add([(source, kind)])
    }

    /// Adds the rows of several record files, read at once (one file per core), joined in the order
    /// given: where an episode is repeated, the later file's row counts as the later one. Throws the
    /// first file's ``Diagnostic`` (in that order) when a file cannot be read as a table; nothing is
    /// added then. Each file is let go as soon as it has been read (pass them with `consume`), so the
    /// mappings of the files read already are not part of the memory the others and the join need.
    public mutating func add(_ sources: consuming [(source: CSVSource, kind: RecordFileKind)]) throws {
        let codes = self.codes, asOf = self.asOf
        let kinds = sources.map(\.kind)
        let pending = sources.map { ReadOnce($0.source) }
        sources = []
        let read = Parallel.map(pending.count) { i in
            Result { try RecordTable.read(pending[i].take(), kind: kinds[i], codes: codes, asOf: asOf) }
        }
        join(try read.map { try $0.get() })
    }

    /// The global identifier of `child`, added when new.
    private mutating func identifier(of child: String) -> Int32 {
        var text = child
        let id = text.withUTF8 { childIndex.id(UnsafeRawBufferPointer($0), &children, text: child) }
        if Int(id) == dateOfBirth.count { dateOfBirth.append(nil) }
        return id
    }

    /// Joins files' rows to the set, in order. Episodes repeated (same child and start) are merged as
    /// they come; the episodes new to the set are built once, at the end, from the rows kept.
    private mutating func join(_ tables: [RecordTable]) {
        let base = episodes.count
        /// The row behind each new episode (table, row), replaced when a later row is kept instead.
        var kept = [(table: Int32, row: Int32)]()
        var ids = [[Int32]]()
        let fileIDs = tables.map { table in
            Int32(files.firstIndex(of: table.file) ?? { files.append(table.file); return files.count - 1 }())
        }
        for (k, table) in tables.enumerated() {
            logs.append(table.log)
            rowsRead += table.rowsRead
            rowsRejected += table.rowsRejected
            ids.append(table.children.map { identifier(of: $0) })
            let ids = ids[k]
            switch table.kind {
            case .ssda903Header:
                for row in table.header { dateOfBirth[Int(ids[Int(row.child)])] = row.dob }
            case .ssda903Episodes:
                episodeIndex.reserve(children: children.count, episodes: base + kept.count + table.episodes.count)
                let names = EpisodeCodes(table)
                for (r, row) in table.episodes.enumerated() {
                    let id = ids[Int(row.child)]
                    guard let existing = episodeIndex.find(child: id, start: row.start.index) else {
                        episodeIndex.insert(child: id, start: row.start.index, position: base + kept.count)
                        kept.append((Int32(k), Int32(r)))
                        continue
                    }
                    // The same episode in another year's file: keep the fuller record (one that has ended).
                    mergedEpisodes += 1
                    if existing < base {
                        if episodes[existing].fileID == fileIDs[k] { mergedWithinFile += 1 }
                        if episodes[existing].end == nil || row.end != nil {
                            episodes[existing] = episode(row, file: fileIDs[k], codes: names, child: id)
                        }
                    } else {
                        let (t, i) = kept[existing - base]
                        if fileIDs[Int(t)] == fileIDs[k] { mergedWithinFile += 1 }
                        if tables[Int(t)].episodes[Int(i)].end == nil || row.end != nil { kept[existing - base] = (Int32(k), Int32(r)) }
                    }
                }
            case .ssda903Missing:
                missing.reserveCapacity(missing.count + table.missing.count)
                let kinds = (table.codeNames["MISSING"] ?? []).map { RecordCode($0)! }
                for row in table.missing {
                    missing.append(MissingEpisode(kind: kinds[Int(row.kind)], childID: ids[Int(row.child)], start: row.start, end: row.end))
                }
            case .ssda903UASC:
                if table.rowsRead > 0 { hasUASCTable = true }
                for row in table.uasc {
                    let child = children[Int(ids[Int(row.child)])]
                    // A child in several years' files: a blank DUC only says the status had not ceased by
                    // that year's end, so a date in another year's file wins (the latest, if several).
                    if let known = uascCeased[child] {
                        uascCeased[child] = [known, row.ceased].compactMap { $0 }.max()
                    } else {
                        uascCeased[child] = row.ceased
                    }
                }
            case .cinReferrals:
                let sources = table.codeNames["ReferralSource"] ?? []
                for row in table.referrals {
                    let id = ids[Int(row.child)]
                    referrals.append(Referral(child: children[Int(id)], childID: id, date: row.date, source: sources[Int(row.source)],
                                              noFurtherAction: row.noFurtherAction))
                }
            }
            recordCoverage(of: table)
        }
        episodes.reserveCapacity(base + kept.count)
        let names = tables.map(EpisodeCodes.init)
        for (t, r) in kept {
            let row = tables[Int(t)].episodes[Int(r)]
            episodes.append(episode(row, file: fileIDs[Int(t)], codes: names[Int(t)], child: ids[Int(t)][Int(row.child)]))
        }
    }

    /// The episode a row describes (`codes`: its table's ``EpisodeCodes``; `file`: a position in ``files``).
    private func episode(_ row: RecordTable.EpisodeRow, file: Int32, codes: EpisodeCodes, child id: Int32) -> Episode {
        Episode(childID: id, start: row.start, reasonNewEpisode: codes.rne[Int(row.reasonNewEpisode)], legalStatus: codes.ls[Int(row.legalStatus)],
                placement: codes.place[Int(row.placement)], end: row.end,
                reasonCeased: row.reasonCeased == CodeKeys.none ? nil : codes.rec[Int(row.reasonCeased)], fileID: file, line: Int(row.line))
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
        let groups = ChildGroups(count: children.count, episodes.map { $0.childID })
        for id in children.indices.sorted(by: { children[$0] < children[$1] }) where groups.start[id] < groups.start[id + 1] {
            let child = children[id]
            let sorted = groups[id].map { episodes[Int($0)] }.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            // The episode that reaches furthest so far (open ones reach forever).
            var reach: Episode?
            for e in sorted {
                if let dob = dateOfBirth[Int(e.childID)], e.start < dob {
                    log.add(Diagnostic(file: file(of: e), line: e.line, code: "episode_before_birth", severity: .warning,
                                       message: "child \(child)'s episode starts on \(e.start), before their date of birth \(dob)"))
                }
                defer {
                    if let r = reach, let rEnd = r.end { if e.end.map({ $0 > rEnd }) ?? true { reach = e } } else if reach == nil { reach = e }
                }
                guard let before = reach else { continue }
                if before.end.map({ $0 > e.start }) ?? true {
                    let until = before.end.map { "until \($0)" } ?? "with no end date"
                    log.add(Diagnostic(file: file(of: e), line: e.line, code: "overlapping_episodes", severity: .warning,
                                       message: "child \(child)'s episode from \(e.start) starts while the one from \(before.start) (\(file(of: before)):\(before.line)) is open \(until); the child is counted once"))
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
            return e.reopened
        }
        cut.episodeIndex = EpisodeIndex()
        cut.episodeIndex.reserve(children: children.count, episodes: cut.episodes.count)
        for (p, e) in cut.episodes.enumerated() { cut.episodeIndex.insert(child: e.childID, start: e.start.index, position: p) }
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

    /// Records the collection years a table's file covers (``CollectionYears``): the year its path names
    /// (``RecordTable/namedYear``), else the years its dates cover.
    private mutating func recordCoverage(of table: RecordTable) {
        let kind = table.kind, file = table.file, dates = table.dates
        guard kind == .ssda903Episodes || kind == .cinReferrals else { return }
        var years = Set<Int>()
        if let named = table.namedYear {
            years = [named]
        } else if let latest = dates.max() {
            let name = (file as NSString).lastPathComponent
            let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
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

/// The valid codes an Episodes table's rows refer to by position.
struct EpisodeCodes {
    let rne: [RecordCode], ls: [RecordCode], place: [RecordCode], rec: [RecordCode]
    init(_ table: RecordTable) {
        // ``RecordCodes`` admits only codes a ``RecordCode`` holds.
        func codes(_ field: String) -> [RecordCode] { (table.codeNames[field] ?? []).map { RecordCode($0)! } }
        rne = codes("RNE")
        ls = codes("LS")
        place = codes("PLACE")
        rec = codes("REC")
    }
}

/// A file handed to one reader: ``take()`` gives it up, so the reader holds the only reference and the
/// mapping goes when the reader is done with it.
private final class ReadOnce: @unchecked Sendable {
    // Safe to share: ``ChildRecords/add(_:)`` calls `take` once per box, from the one iteration that
    // owns its index.
    private var source: CSVSource?
    init(_ source: CSVSource) { self.source = source }
    func take() -> CSVSource {
        defer { source = nil }
        return source!
    }
}
