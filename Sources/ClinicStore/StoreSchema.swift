import ClinicData
import Foundation
import GRDB

/// The store's schema, one migration per version, applied by writers only and one writer at a time.
///
/// Applied migrations are listed in the table `grdb_migrations` (the name GRDB's migrator used, so
/// stores it made are read as they are). ``migrate(_:)`` reads that list and applies what is missing
/// inside one immediate transaction: it holds the write lock, so several processes opening a new store
/// at once wait their turn (the busy timeout) and the first creates the tables, instead of two
/// creating them and one failing with "table extract already exists". Never edit a shipped
/// migration; add a new one.
enum StoreSchema {
    static let tables = "v1: extracts, series, observations, revisions"
    static let dimensionsAsJSON = "v2: series dimensions as canonical JSON"

    static func migrate(_ db: Database) throws {
        try db.inTransaction(.immediate) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            for (identifier, migration) in migrations where !applied.contains(identifier) {
                try migration(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
            }
            return .commit
        }
    }

    /// Switches the store to SQLite's write-ahead log (readers never wait; a writer waits its turn). The
    /// switch needs the file to itself for a moment, and SQLite reports "database is locked" at once
    /// rather than wait when another process opened the new store at the same moment: it is tried
    /// again, every 10 ms for up to a minute (the busy timeout). Once switched, the mode is kept in the
    /// file.
    static func useWriteAheadLog(_ db: Database) throws {
        var attempts = 0
        while true {
            do {
                if try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() == "wal" { return }
                if try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")?.lowercased() == "wal" { return }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            }
            attempts += 1
            if attempts >= 6000 { throw DatabaseError(resultCode: .SQLITE_BUSY, message: "could not switch the store to write-ahead logging: another process kept it busy for a minute") }
            usleep(10_000)
        }
    }

    static let migrations: [(String, @Sendable (Database) throws -> Void)] = [
        (tables, { db in
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
        }),
        (dimensionsAsJSON, { db in
            // `name=value;name=value` could not hold a value with `;` or `=`: each series' dimensions, read as
            // version 1 read them, are written again as a JSON array of [name, value] pairs.
            var seen = [ClinicDatabase.SeriesIdentity: Int64]()
            for row in try Row.fetchAll(db, sql: "SELECT id, area, metric, dimensions FROM series ORDER BY id") {
                let id: Int64 = row["id"]
                let key = SeriesKey(area: row["area"], metric: row["metric"], dimensions: DimensionKey.decodeVersion1(row["dimensions"]))
                let identity = ClinicDatabase.SeriesIdentity(key)
                if let other = seen[identity] {
                    throw DatabaseError(message: "series \(other) and \(id) both read as \(key); the store cannot be migrated without merging them")
                }
                seen[identity] = id
                try db.execute(sql: "UPDATE series SET dimensions = ? WHERE id = ?", arguments: [identity.dimensions, id])
            }
        }),
    ]
}

