import ClinicData
import ClinicIngest
import Foundation
import GRDB

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
/// - The schema is created and evolved by GRDB's migrator (see ``migrator``).
public final class ClinicDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(60)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    /// The schema, one migration per version. Never edit a shipped migration; add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: extracts, series, observations, revisions") { db in
            try db.execute(sql: """
                CREATE TABLE extract (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    ingested_at TEXT NOT NULL,
                    format TEXT,
                    rows INTEGER NOT NULL,
                    "values" INTEGER NOT NULL,
                    accepted INTEGER NOT NULL,
                    suppressed INTEGER NOT NULL,
                    quarantined INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    revised INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    diagnostics TEXT NOT NULL
                );
                CREATE TABLE series (
                    id INTEGER PRIMARY KEY,
                    area TEXT NOT NULL,
                    metric TEXT NOT NULL,
                    dimensions TEXT NOT NULL,
                    UNIQUE (area, metric, dimensions)
                );
                CREATE TABLE observation (
                    series_id INTEGER NOT NULL REFERENCES series(id),
                    month INTEGER NOT NULL,
                    value REAL,
                    status TEXT NOT NULL CHECK (status IN ('observed', 'suppressed', 'missing')),
                    marker TEXT,
                    target REAL,
                    extract_id INTEGER NOT NULL REFERENCES extract(id),
                    line INTEGER NOT NULL,
                    PRIMARY KEY (series_id, month)
                ) WITHOUT ROWID;
                CREATE TABLE revision (
                    id INTEGER PRIMARY KEY,
                    series_id INTEGER NOT NULL REFERENCES series(id),
                    month INTEGER NOT NULL,
                    old_value REAL, old_status TEXT NOT NULL, old_marker TEXT, old_extract_id INTEGER NOT NULL REFERENCES extract(id),
                    new_value REAL, new_status TEXT NOT NULL, new_marker TEXT, new_extract_id INTEGER NOT NULL REFERENCES extract(id)
                );
                CREATE INDEX revision_by_new_extract ON revision(new_extract_id);
                CREATE TRIGGER observation_revised AFTER UPDATE ON observation
                BEGIN
                    INSERT INTO revision (series_id, month, old_value, old_status, old_marker, old_extract_id,
                                          new_value, new_status, new_marker, new_extract_id)
                    VALUES (old.series_id, old.month, old.value, old.status, old.marker, old.extract_id,
                            new.value, new.status, new.marker, new.extract_id);
                END;
                """)
        }
        m.registerMigration("v2: series dimensions as canonical JSON") { db in
            // `name=value;name=value` could not hold a value with `;` or `=`: each series' dimensions, read as
            // version 1 read them, are written again as a JSON array of [name, value] pairs.
            var seen = [SeriesIdentity: Int64]()
            for row in try Row.fetchAll(db, sql: "SELECT id, area, metric, dimensions FROM series ORDER BY id") {
                let id: Int64 = row["id"]
                let key = SeriesKey(area: row["area"], metric: row["metric"], dimensions: DimensionKey.decodeVersion1(row["dimensions"]))
                let identity = SeriesIdentity(key)
                if let other = seen[identity] {
                    throw DatabaseError(message: "series \(other) and \(id) both read as \(key); the store cannot be migrated without merging them")
                }
                seen[identity] = id
                try db.execute(sql: "UPDATE series SET dimensions = ? WHERE id = ?", arguments: [identity.dimensions, id])
            }
        }
        return m
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
    /// Later extracts revise earlier ones month by month. Quarantined values are not stored: the caller
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
            for extract in extracts {
                if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM extract WHERE sha256 = ?", arguments: [extract.sha256]) {
                    outcomes.append(Outcome(name: extract.name, sha256: extract.sha256, extractID: existing,
                                            alreadyIngested: true, inserted: 0, revised: 0, unchanged: 0))
                    continue
                }
                outcomes.append(try store(extract, db, &seriesIDs, time))
                CrashPoint.reach(CrashPoint.ingestBeforeCommit)
            }
            try beforeCommit(outcomes)
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
        for i in 0..<o.count {
            let value: Double? = o.value[i].isNaN ? nil : o.value[i]
            try upsert.execute(arguments: [idOf[Int(o.series[i])], Int(o.month[i].index), value, o.status[i].rawValue,
                                           o.markers[i], o.targets[i], extractID, Int(o.line[i])])
        }
        let revised = (try Int.fetchOne(db, sql: "SELECT count(*) FROM revision") ?? 0) - revisionsBefore
        // Each upsert that wrote counts one change, and each revision also wrote one revision row.
        let written = db.totalChangesCount - changesBefore - revised
        let inserted = written - revised
        let unchanged = o.count - written
        try db.execute(sql: "UPDATE extract SET inserted = ?, revised = ?, unchanged = ? WHERE id = ?",
                       arguments: [inserted, revised, unchanged, extractID])
        return Outcome(name: extract.name, sha256: extract.sha256, extractID: extractID, alreadyIngested: false,
                       inserted: inserted, revised: revised, unchanged: unchanged)
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
