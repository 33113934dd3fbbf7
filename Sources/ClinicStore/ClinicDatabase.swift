import ClinicData
import ClinicIngest
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The embedded store: every ingested extract, the current value of every series and month, and the
/// full history of revisions (SQLite through GRDB).
///
/// - Each extract is recorded once, by the SHA-256 of its bytes: re-ingesting the same file changes
///   nothing and says so.
/// - Observations keep history: when a later extract gives a month a different value (or status or
///   suppression marker), the change is stored as a revision — old and new value, and which extract
///   each came from — by a trigger in the database itself, so no code path can skip it.
/// - ``ingest(_:)`` is one transaction: killed or failed midway, the database is as it was before.
/// - Several people (processes) can use one store at once: the journal is SQLite's write-ahead log, so
///   readers never block and are never blocked, and a writer waits its turn (up to a minute) instead
///   of failing with "database is locked"; each ingest takes the write lock at its start (an
///   immediate transaction), so two writers never deadlock upgrading a read.
/// - Readers open the store read-only and never change it; the schema is created and evolved by writers
///   only, one at a time (``StoreSchema``).
public final class ClinicDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// How a process uses the store.
    public enum Access: Sendable {
        /// Reading only: the file is opened read-only and never changed (no schema migration, no journal
        /// mode switch), so a store on read-only storage, or that someone else is writing, can be read.
        case read
        /// Reading and writing (`clinic ingest`): the file is created if needed and its schema brought
        /// up to date.
        case write
    }

    /// A path that cannot be a store: it names the path and says why.
    public struct OpenFailure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Whether the store's dimensions are still in the version-1 text (a store that only readers have
    /// opened since an upgrade: readers never migrate).
    let dimensionsVersion1: Bool

    /// Opens the database at `path`: for `.read` an existing store, read-only; for `.write` creating it if
    /// needed and bringing its schema up to date (``StoreSchema``: serialised, so that several writers
    /// opening a new store at once create it once).
    public init(path: String, access: Access = .read) throws {
        self.path = path
        var status = stat()                                        // following a symbolic link to the store
        if stat(path, &status) == 0 {
            if status.st_mode & S_IFMT != S_IFREG {
                throw OpenFailure(path: path, reason: "not a regular file, so not a Clinic store")
            }
            if access == .read, status.st_size == 0 {
                throw OpenFailure(path: path, reason: "an empty file, not a Clinic store")
            }
        } else if access == .read {
            throw OpenFailure(path: path, reason: "no such store")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(60)
        switch access {
        case .read:
            configuration.readonly = true
            // In a folder this process cannot write, and with no write-ahead log (no writer has it open),
            // SQLite cannot make the shared-memory file a WAL reader needs: read the file as unchanging.
            let folder = (path as NSString).deletingLastPathComponent
            let immutable = Glibc.access(folder.isEmpty ? "." : folder, W_OK) != 0 && !FileManager.default.fileExists(atPath: path + "-wal")
            let reader = try DatabaseQueue(path: immutable ? Self.immutableURI(path) : path, configuration: configuration)
            let applied = try reader.read { db -> Set<String> in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("series") else {
                    throw OpenFailure(path: path, reason: "not a Clinic store (it has no Clinic tables)")
                }
                return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            }
            queue = reader
            dimensionsVersion1 = !applied.contains(StoreSchema.dimensionsAsJSON)
        case .write:
            let writer = try DatabaseQueue(path: path, configuration: configuration)
            try writer.writeWithoutTransaction { db in
                try StoreSchema.useWriteAheadLog(db)
                try StoreSchema.migrate(db)
            }
            queue = writer
            dimensionsVersion1 = false
        }
    }

    /// A `file:` URI for `path` with `immutable=1` (SQLite reads it without locks or shared memory).
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// A series' identity in the store: area, metric and its dimensions as ``DimensionKey`` writes them.
    struct SeriesIdentity: Hashable {
        let area: String
        let metric: String
        let dimensions: String

        init(_ key: SeriesKey) {
            area = key.area
            metric = key.metric
            dimensions = DimensionKey.encode(key.dimensions.map { ($0.name, $0.value) })
        }

        init(area: String, metric: String, dimensions: String) {
            self.area = area
            self.metric = metric
            self.dimensions = dimensions
        }
    }

    /// What ingesting one extract did.
    public struct Outcome: Sendable, Equatable {
        public let name: String
        public let sha256: String
        /// The extract's id; for a file seen before, the id it was first stored under.
        public let extractID: Int64
        /// True when the same bytes had been ingested before: nothing was written.
        public let alreadyIngested: Bool
        /// Series-months stored for the first time.
        public let inserted: Int
        /// Series-months whose value, status or marker changed (each stored as a revision).
        public let revised: Int
        /// Series-months the extract repeats unchanged.
        public let unchanged: Int
    }

    /// One file to ingest: its reading, its name, and the SHA-256 of its bytes.
    public struct Extract: Sendable {
        public let reading: ExtractReading
        public let name: String
        public let sha256: String

        public init(reading: ExtractReading, name: String, sha256: String) {
            self.reading = reading
            self.name = name
            self.sha256 = sha256
        }
    }

    /// Stores the accepted and suppressed observations of `extracts`, in order, in one transaction.
    /// Later extracts revise earlier ones month by month. An extract whose bytes were stored before is
    /// not stored again, but its months revert what extracts of earlier runs revised since (each a
    /// revision), except months another extract of this run gives. Quarantined values are not stored: the caller
    /// writes them to quarantine files in `beforeCommit`, which runs inside the transaction with the
    /// outcomes (and so the extract ids) once every extract is written; if it throws, nothing is stored
    /// and its error is rethrown. Measures derived from record files arrive as extracts like any other.
    public func ingest(_ extracts: [Extract], at time: Date = Date(),
                       beforeCommit: ([Outcome]) throws -> Void = { _ in }) throws -> [Outcome] {
        var result = [Outcome]()
        try queue.writeWithoutTransaction { db in try db.inTransaction(.immediate) {
            var seriesIDs = [SeriesIdentity: Int64]()
            for row in try Row.fetchAll(db, sql: "SELECT id, area, metric, dimensions FROM series") {
                seriesIDs[SeriesIdentity(area: row["area"], metric: row["metric"], dimensions: row["dimensions"])] = row["id"]
            }
            var outcomes = [Outcome]()
            for (index, extract) in extracts.enumerated() {
                if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM extract WHERE sha256 = ?", arguments: [extract.sha256]) {
                    // The same bytes again: stored once, but sent again its word stands again, so a month
                    // that an extract of an earlier run had revised reverts to it (a revision by this
                    // extract). Months that another extract of this run gives — a new one, or any after it —
                    // are left to that extract, so re-ingesting a whole folder changes nothing.
                    let newEarlier = extracts[..<index].indices.filter { !outcomes[$0].alreadyIngested }.map { extracts[$0] }
                    let others = Self.cells(of: ArraySlice(newEarlier)).union(Self.cells(of: extracts[(index + 1)...]))
                    let (inserted, revised, unchanged) = try apply(extract.reading, extractID: existing, db, &seriesIDs, skipping: others)
                    outcomes.append(Outcome(name: extract.name, sha256: extract.sha256, extractID: existing,
                                            alreadyIngested: true, inserted: inserted, revised: revised, unchanged: unchanged))
                    continue
                }
                outcomes.append(try store(extract, db, &seriesIDs, time))
                CrashPoint.reach(CrashPoint.ingestBeforeCommit)
            }
            try beforeCommit(outcomes)
            CrashPoint.reach(CrashPoint.ingestQuarantineWritten)
            result = outcomes
            return .commit
        } }
        return result
    }

    private func store(_ extract: Extract, _ db: Database, _ seriesIDs: inout [SeriesIdentity: Int64], _ time: Date) throws -> Outcome {
        let r = extract.reading
        let diagnostics = r.diagnostics.map { d in
            ["file": d.file, "line": d.line.map(String.init) ?? "", "column": d.column.map(String.init) ?? "",
             "code": d.code, "severity": d.severity.rawValue, "message": d.message]
        }
        let diagnosticsJSON = String(decoding: try JSONSerialization.data(withJSONObject: diagnostics, options: [.sortedKeys]), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO extract (name, sha256, ingested_at, format, rows, "values", accepted, suppressed, quarantined,
                                 inserted, revised, unchanged, diagnostics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)
            """, arguments: [extract.name, extract.sha256, ISO8601DateFormatter().string(from: time), Self.formatName(r.format),
                             r.summary.rows, r.summary.values, r.summary.accepted, r.summary.suppressed, r.summary.quarantined,
                             diagnosticsJSON])
        let extractID = db.lastInsertedRowID
        let (inserted, revised, unchanged) = try apply(r, extractID: extractID, db, &seriesIDs)
        try db.execute(sql: "UPDATE extract SET inserted = ?, revised = ?, unchanged = ? WHERE id = ?",
                       arguments: [inserted, revised, unchanged, extractID])
        return Outcome(name: extract.name, sha256: extract.sha256, extractID: extractID, alreadyIngested: false,
                       inserted: inserted, revised: revised, unchanged: unchanged)
    }

    /// One series-month: its series and month index.
    struct Cell: Hashable {
        let series: SeriesIdentity
        let month: Int
    }

    /// Every series-month the extracts give.
    static func cells(of extracts: ArraySlice<Extract>) -> Set<Cell> {
        var cells = Set<Cell>()
        for extract in extracts {
            let r = extract.reading
            let identities = r.keys.map(SeriesIdentity.init)
            for i in 0..<r.observations.count {
                cells.insert(Cell(series: identities[Int(r.observations.series[i])], month: Int(r.observations.month[i].index)))
            }
        }
        return cells
    }

    /// Writes the observations of `r` under `extractID` (upserts; the trigger records every real change
    /// as a revision), leaving out the series-months in `skipping`; returns how many were new, revised
    /// and unchanged.
    private func apply(_ r: ExtractReading, extractID: Int64, _ db: Database, _ seriesIDs: inout [SeriesIdentity: Int64],
                       skipping: Set<Cell> = []) throws -> (inserted: Int, revised: Int, unchanged: Int) {
        // Series ids for this extract's keys.
        let insertSeries = try db.makeStatement(sql: "INSERT INTO series (area, metric, dimensions) VALUES (?, ?, ?)")
        var idOf = [Int64](repeating: 0, count: r.keys.count)
        for (s, key) in r.keys.enumerated() {
            let identity = SeriesIdentity(key)
            if let id = seriesIDs[identity] { idOf[s] = id; continue }
            try insertSeries.execute(arguments: [key.area, key.metric, identity.dimensions])
            seriesIDs[identity] = db.lastInsertedRowID
            idOf[s] = db.lastInsertedRowID
        }

        // Upsert; the trigger records every real change as a revision.
        let changesBefore = db.totalChangesCount
        let revisionsBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM revision") ?? 0
        let upsert = try db.makeStatement(sql: """
            INSERT INTO observation (series_id, month, value, status, marker, target, extract_id, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (series_id, month) DO UPDATE SET
                value = excluded.value, status = excluded.status, marker = excluded.marker, target = excluded.target,
                extract_id = excluded.extract_id, line = excluded.line
            WHERE observation.value IS NOT excluded.value OR observation.status IS NOT excluded.status
               OR observation.marker IS NOT excluded.marker
            """)
        let o = r.observations
        let identities = skipping.isEmpty ? [] : r.keys.map(SeriesIdentity.init)
        var skipped = 0
        for i in 0..<o.count {
            if !skipping.isEmpty && skipping.contains(Cell(series: identities[Int(o.series[i])], month: Int(o.month[i].index))) {
                skipped += 1
                continue
            }
            let value: Double? = o.value[i].isNaN ? nil : o.value[i]
            try upsert.execute(arguments: [idOf[Int(o.series[i])], Int(o.month[i].index), value, o.status[i].rawValue,
                                           o.markers[i], o.targets[i], extractID, Int(o.line[i])])
        }
        let revised = (try Int.fetchOne(db, sql: "SELECT count(*) FROM revision") ?? 0) - revisionsBefore
        // Each upsert that wrote counts one change, and each revision also wrote one revision row.
        let written = db.totalChangesCount - changesBefore - revised
        let inserted = written - revised
        let unchanged = o.count - skipped - written
        return (inserted, revised, unchanged)
    }

    static func formatName(_ format: ExtractFormat?) -> String? {
        switch format {
        case .long?: return "long"
        case .wide?: return "wide"
        case let .recordFile(kind)?: return kind.rawValue
        case nil: return nil
        }
    }
}
