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
        /// Errors in its input: the reading's, and for measures derived from record files, the records'.
        public var hadErrors: Bool = false
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
        var provenance = [(name: String, sha256: String)]()
        for reading in readings {
            switch reading.format {
            case nil:
                log("\(reading.file): not stored: the file could not be read as an extract")
            case .recordFile(let kind)?:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                provenance.append(((reading.file as NSString).lastPathComponent, bytes.withUnsafeBytes { SHA256.hex($0) }))
                records.add(try CSVTable(contentsOf: reading.file), kind: kind)
            default:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
                extracts.append(.init(reading: reading, name: (reading.file as NSString).lastPathComponent, sha256: sha))
            }
        }
        var recordErrors = false
        if !provenance.isEmpty {
            let derived = try derivedExtract(records, provenance: provenance.sorted { $0.name < $1.name }, asOf: asOf, area: area, log: log)
            extracts.append(derived.extract)
            recordErrors = derived.hadErrors
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
            var stored = Stored(reading: r, outcome: outcome, quarantineFile: file)
            stored.hadErrors = r.hasErrors || (extract.name.hasPrefix("measures from ") && recordErrors)
            return stored
        }
    }

    /// The version of the record-derived measures: part of the derived extract's key, so that files
    /// stored by an earlier derivation are derived again after it changes.
    static let derivationVersion = "measures-2"

    /// The monthly measures of a set of record files as an extract for the store: read back through the
    /// aggregate reader from their long CSV, named by the files, keyed (SHA-256) by the files' names and
    /// SHA-256s, the area, the as-of month and ``derivationVersion``. Returns whether the record files
    /// had errors.
    static func derivedExtract(_ records: ChildRecords, provenance: [(name: String, sha256: String)], asOf: Month, area: String,
                               log: (String) -> Void) throws -> (extract: ClinicDatabase.Extract, hadErrors: Bool) {
        let diagnostics = records.diagnostics + records.sequenceWarnings()
        for d in diagnostics { log(d.description) }
        if area.isEmpty {
            log("note: no [authority] code in ./clinic.toml, so the measures derived from the record files are stored with no area")
        }
        let (series, notes) = RecordMeasures.monthly(records, area: area, through: asOf)
        for note in notes { log("note: \(note)") }
        let names = provenance.map(\.name)
        let name = "measures from \(names.count) record file\(names.count == 1 ? "" : "s"): \(names.joined(separator: ", "))"
        var reader = AggregateReader(asOf: asOf)
        reader.upperBound = Self.populationBound
        let reading = reader.read(try CSVSource(data: Data(series.longCSV().utf8), file: name))
        for d in reading.diagnostics { log(d.description) }
        let key = (provenance.map { "\($0.name) \($0.sha256)" } + ["area \(area)", "as-of \(asOf)", derivationVersion]).joined(separator: "\n")
        let sha = Array(key.utf8).withUnsafeBytes { SHA256.hex($0) }
        return (ClinicDatabase.Extract(reading: reading, name: name, sha256: sha),
                diagnostics.contains { $0.severity == .error } || reading.hasErrors)
    }

    /// No more children can be looked after in an area than live there: `lac` is capped by the area's
    /// 0–17 population (the estimate its rate would use), for areas in the seeds.
    static let populationBound: @Sendable (String, String, Month) -> (bound: Double, what: String)? = { area, metric, month in
        guard metric == "lac", !area.isEmpty, let (population, year) = PopulationTable.standard.population(area, for: month) else { return nil }
        return (population, "the area's 0–17 population (mid-\(year))")
    }
}
