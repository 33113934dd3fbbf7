import ClinicData
import ClinicIngest
import GRDB

extension ClinicDatabase {
    /// One stored extract.
    public struct ExtractRecord: Sendable, Equatable {
        public let id: Int64
        public let name: String
        public let sha256: String
        public let ingestedAt: String
        public let format: String?
        public let values: Int
        public let accepted: Int
        public let suppressed: Int
        public let quarantined: Int
        public let inserted: Int
        public let revised: Int
        public let unchanged: Int
    }

    /// One revision: a month's value changed by a later extract.
    public struct Revision: Sendable, Equatable {
        public let key: SeriesKey
        public let month: Month
        public let oldValue: Double?
        public let oldStatus: String
        public let oldExtract: Int64
        public let newValue: Double?
        public let newStatus: String
        public let newExtract: Int64
    }

    /// Every extract, in the order ingested.
    public func extracts() throws -> [ExtractRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM extract ORDER BY id").map { row in
                ExtractRecord(id: row["id"], name: row["name"], sha256: row["sha256"], ingestedAt: row["ingested_at"],
                              format: row["format"], values: row["values"], accepted: row["accepted"],
                              suppressed: row["suppressed"], quarantined: row["quarantined"], inserted: row["inserted"],
                              revised: row["revised"], unchanged: row["unchanged"])
            }
        }
    }

    /// Every revision, oldest first.
    public func revisions() throws -> [Revision] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.area, s.metric, s.dimensions, r.* FROM revision r JOIN series s ON s.id = r.series_id ORDER BY r.id
                """).map { row in
                Revision(key: try self.key(row), month: Month(index: Int32(row["month"] as Int)),
                         oldValue: row["old_value"], oldStatus: row["old_status"], oldExtract: row["old_extract_id"],
                         newValue: row["new_value"], newStatus: row["new_status"], newExtract: row["new_extract_id"])
            }
        }
    }

    /// The current value of every series and month, as a ``Panel``.
    public func panel() throws -> Panel {
        try queue.read { db in
            var series = [Series]()
            var current: (key: SeriesKey, start: Month, values: [Double], status: [ObservationStatus], markers: [Int: String])?
            func flush() {
                if let c = current { series.append(Series(key: c.key, start: c.start, values: c.values, status: c.status, markers: c.markers)) }
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.id, s.area, s.metric, s.dimensions, o.month, o.value, o.status, o.marker
                FROM observation o JOIN series s ON s.id = o.series_id ORDER BY s.id, o.month
                """)
            var currentID: Int64 = -1
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                let month = Month(index: Int32(row["month"] as Int))
                if id != currentID {
                    flush()
                    currentID = id
                    current = (try self.key(row), month, [], [], [:])
                }
                // Months between stored rows are missing.
                while current!.start.advanced(by: current!.values.count) < month {
                    current!.values.append(.nan); current!.status.append(.missing)
                }
                let status = ObservationStatus(rawValue: row["status"]) ?? .missing
                if let marker: String = row["marker"] { current!.markers[current!.values.count] = marker }
                current!.values.append((row["value"] as Double?) ?? .nan)
                current!.status.append(status)
            }
            flush()
            return Panel(series)
        }
    }

    func key(_ row: Row) throws -> SeriesKey {
        let text: String = row["dimensions"]
        let dimensions = dimensionsVersion1 ? DimensionKey.decodeVersion1(text) : try DimensionKey.decode(text)
        return SeriesKey(area: row["area"], metric: row["metric"], dimensions: dimensions)
    }
}
