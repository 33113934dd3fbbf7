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

    /// Writes a reading's rejected rows to `FOLDER/<name>.quarantine.csv` (creating the folder), flushed
    /// to the disk, and returns the path. A failure is a ``Diagnostic`` naming the path and the reason.
    public static func writeQuarantine(_ reading: ExtractReading, into folder: String, name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        do {
            try DurableFile.makeFolder(folder)
            try DurableFile.write(to: path) { emit in
                try reading.writeQuarantineCSV { block in try block.withUnsafeBytes { try emit($0) } }
            }
            try DurableFile.syncFolder(folder)
        } catch let failure as DurableFile.Failure {
            throw Diagnostic(file: failure.path, code: "quarantine_not_written",
                             message: "the rejected rows of \(reading.file) could not be written (\(failure.reason))")
        }
        return path
    }

    /// `<name>.quarantine.csv` for each reading with rejected rows (its file name without the extension),
    /// numbered `<name>-2.quarantine.csv`, … where two inputs share a name, so that none overwrites another.
    static func quarantineNames(_ readings: [ExtractReading]) -> [String?] {
        var used = Set<String>()
        return readings.map { r in
            guard !r.quarantine.isEmpty else { return nil }
            let stem = ((r.file as NSString).lastPathComponent as NSString).deletingPathExtension
            var name = stem + ".quarantine.csv", n = 1
            while used.contains(name) { n += 1; name = "\(stem)-\(n).quarantine.csv" }
            used.insert(name)
            return name
        }
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

    /// Stores the extracts among `readings` in the database at `db` in one transaction, with their
    /// quarantine files beside it written before it commits. Record files (SSDA903, CIN) are stored as the monthly measures
    /// derived from them together (`RecordMeasures`, over the months they cover, for `area`, or when it is
    /// empty the area their folder is named by: ``RecordArea``), as one
    /// extract named by its files, whose SHA-256 is that of the files' names and SHA-256s: the same set
    /// of files is stored once, and a later set (another year's files added) revises the months it
    /// changes. Unreadable files are not stored: each gets a line to `log`. A database that cannot be
    /// opened or updated is a ``Diagnostic``; nothing is stored then.
    public static func store(_ readings: [ExtractReading], db: String, asOf: Month, area: String = "",
                             log: (String) -> Void) throws -> [Stored] {
        var extracts = [ClinicDatabase.Extract]()
        var records = ChildRecords(asOf: asOf)
        var provenance = [(name: String, sha256: String)]()
        var recordFiles = [String](), recordSources = [(source: CSVSource, kind: RecordFileKind)]()
        for reading in readings {
            switch reading.format {
            case nil:
                log("\(reading.file): not stored: the file could not be read as an extract")
            case .recordFile(let kind)?:
                let source = try CSVSource(contentsOf: reading.file)
                // The file's own bytes (a Windows-1252 file is held re-encoded, so it is mapped again).
                let bytes = source.encodingWarning == nil ? source.data
                    : try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                provenance.append(((reading.file as NSString).lastPathComponent, bytes.withUnsafeBytes { SHA256.hex($0) }))
                recordSources.append((source, kind))
                recordFiles.append(reading.file)
            default:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
                extracts.append(.init(reading: reading, name: (reading.file as NSString).lastPathComponent, sha256: sha))
            }
        }
        try records.add(consume recordSources)
        var recordErrors = false
        if !provenance.isEmpty {
            let derived = try derivedExtract(records, provenance: provenance.sorted { $0.name < $1.name }, asOf: asOf,
                                           area: RecordArea.code(configured: area, recordFiles: recordFiles), log: log)
            extracts.append(derived.extract)
            recordErrors = derived.hadErrors
        }
        // The rejected rows of each new extract are written to quarantine/<name>.<extract id>.quarantine.csv
        // beside the database, and flushed to the disk, inside the transaction before it commits: if they
        // cannot be written, nothing is stored (and a run again stores the extract and writes them).
        let quarantineFolder = ((db as NSString).deletingLastPathComponent as NSString).appendingPathComponent("quarantine")
        var quarantineFiles = [String?](repeating: nil, count: extracts.count)
        let outcomes: [ClinicDatabase.Outcome]
        do {
            outcomes = try ClinicDatabase(path: db, access: .write).ingest(extracts) { outcomes in
                for (i, (extract, outcome)) in zip(extracts, outcomes).enumerated() where !outcome.alreadyIngested && !extract.reading.quarantine.isEmpty {
                    let stem = ((extract.reading.file as NSString).lastPathComponent as NSString).deletingPathExtension
                    quarantineFiles[i] = try writeQuarantine(extract.reading, into: quarantineFolder,
                                                             name: "\(stem).\(outcome.extractID).quarantine.csv")
                }
            }
        } catch let failure as ClinicDatabase.OpenFailure {
            throw UsageError("--db \(failure.path): \(failure.reason)")
        } catch let diagnostic as Diagnostic {
            throw Diagnostic(file: diagnostic.file, code: diagnostic.code, message: diagnostic.message + ", so nothing was stored")
        } catch {
            throw Diagnostic(file: db, code: "database_error", message: "the database could not be updated, so nothing was stored: \(error)")
        }
        return zip(extracts, outcomes).enumerated().map { i, pair in
            let (extract, outcome) = pair
            let r = extract.reading
            var stored = Stored(reading: r, outcome: outcome, quarantineFile: quarantineFiles[i])
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

    /// No more children can be looked after in an area than live there: a measure whose catalogue cap is
    /// `population_0_17` (`lac`) is capped by the area's 0–17 population (the estimate its rate would
    /// use), for areas in the seeds.
    static let populationBound: @Sendable (String, String) -> AggregateReader.ValueCap? = { area, metric in
        guard MetricCatalogue.standard.metrics[metric]?.cap == .population0To17, !area.isEmpty else { return nil }
        let code = area.uppercased()
        return AggregateReader.ValueCap(bound: { PopulationTable.standard.population(code, for: $0)?.population },
                                        what: { month in
                                            let year = PopulationTable.standard.population(code, for: month)?.midYear
                                            return "the area's 0–17 population (mid-\(year.map(String.init) ?? "?"))"
                                        })
    }
}
