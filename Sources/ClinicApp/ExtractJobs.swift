import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicReports
import ClinicStore
import Foundation

/// `clinic validate` and `clinic ingest`: extracts read and checked, optionally stored.
public enum ExtractJobs {
    /// The readings of FILES... (folders searched recursively; files that are not extracts skipped,
    /// each with a note to `log`).
    public static func read(_ files: [String], asOf: Month, log: (String) -> Void) throws -> [ExtractReading] {
        var reader = AggregateReader(asOf: asOf)
        reader.upperBound = Self.populationBound
        var readings = [ExtractReading]()
        for candidate in try InputFiles.expand(files) {
            let reading = reader.read(path: candidate.path)
            if InputFiles.isNotAnExtract(reading, candidate) { log(InputFiles.skippedNote(candidate.path)); continue }
            readings.append(reading)
        }
        return readings
    }

    /// Writes a reading's rejected rows to `FOLDER/<name>.quarantine.csv` (creating the folder) and
    /// returns the path.
    public static func writeQuarantine(_ reading: ExtractReading, into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = ((reading.file as NSString).lastPathComponent as NSString).deletingPathExtension + ".quarantine.csv"
        let path = (folder as NSString).appendingPathComponent(name)
        try reading.quarantineCSV.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What `clinic ingest` did with one file.
    public struct Stored: Sendable {
        public let reading: ExtractReading
        public let outcome: ClinicDatabase.Outcome
        /// Where its rejected rows were written, if it had any.
        public let quarantineFile: String?
    }

    /// Stores the extracts among `readings` in the database at `db` in one transaction, then writes
    /// quarantine files beside it. Record files (SSDA903, CIN) are stored as the monthly measures
    /// derived from them together (`RecordMeasures`, over the months they cover, for `area`), as one
    /// extract named by its files, whose SHA-256 is that of the files' names and SHA-256s: the same set
    /// of files is stored once, and a later set (another year's files added) revises the months it
    /// changes. Unreadable files are not stored: each gets a line to `log`. A database that cannot be
    /// opened or updated is a ``Diagnostic``; nothing is stored then.
    public static func store(_ readings: [ExtractReading], db: String, asOf: Month, area: String = "",
                             log: (String) -> Void) throws -> [Stored] {
        var extracts = [ClinicDatabase.Extract]()
        var records = ChildRecords()
        var provenance = [String]()
        for reading in readings {
            switch reading.format {
            case nil:
                log("\(reading.file): not stored: the file could not be read as an extract")
            case .recordFile(let kind)?:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                provenance.append("\((reading.file as NSString).lastPathComponent) sha256:\(bytes.withUnsafeBytes { SHA256.hex($0) })")
                records.add(try CSVTable(contentsOf: reading.file), kind: kind)
            default:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
                extracts.append(.init(reading: reading, name: (reading.file as NSString).lastPathComponent, sha256: sha))
            }
        }
        if !provenance.isEmpty {
            extracts.append(try derivedExtract(records, provenance: provenance.sorted(), asOf: asOf, area: area, log: log))
        }
        let outcomes: [ClinicDatabase.Outcome]
        do {
            outcomes = try ClinicDatabase(path: db).ingest(extracts)
        } catch {
            throw Diagnostic(file: db, code: "database_error", message: "the database could not be updated, so nothing was stored: \(error)")
        }
        // Quarantine files are written only after the transaction has committed.
        let quarantineFolder = ((db as NSString).deletingLastPathComponent as NSString).appendingPathComponent("quarantine")
        return try zip(extracts, outcomes).map { extract, outcome in
            let r = extract.reading
            let file = !outcome.alreadyIngested && !r.quarantine.isEmpty ? try writeQuarantine(r, into: quarantineFolder) : nil
            return Stored(reading: r, outcome: outcome, quarantineFile: file)
        }
    }

    /// The monthly measures of a set of record files as an extract for the store: read back through the
    /// aggregate reader from their long CSV, named by the files and hashed over their names and hashes.
    static func derivedExtract(_ records: ChildRecords, provenance: [String], asOf: Month, area: String,
                               log: (String) -> Void) throws -> ClinicDatabase.Extract {
        for d in records.diagnostics + records.sequenceWarnings() { log(d.description) }
        let (series, notes) = RecordMeasures.monthly(records, area: area, through: asOf)
        for note in notes { log("note: \(note)") }
        let names = provenance.map { String($0.split(separator: " ")[0]) }
        let name = "measures from \(names.count) record file\(names.count == 1 ? "" : "s"): \(names.joined(separator: ", "))"
        let reading = AggregateReader(asOf: asOf).read(try CSVSource(data: Data(series.longCSV().utf8), file: name))
        let sha = Array(provenance.joined(separator: "\n").utf8).withUnsafeBytes { SHA256.hex($0) }
        return ClinicDatabase.Extract(reading: reading, name: name, sha256: sha)
    }

    /// No more children can be looked after in an area than live there: `lac` is capped by the area's
    /// 0–17 population (the estimate its rate would use), for areas in the seeds.
    static let populationBound: @Sendable (String, String, Month) -> (bound: Double, what: String)? = { area, metric, month in
        guard metric == "lac", !area.isEmpty, let (population, year) = PopulationTable.standard.population(area, for: month) else { return nil }
        return (population, "the area's 0–17 population (mid-\(year))")
    }
}
