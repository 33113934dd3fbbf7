import ClinicData
import ClinicIngest
import ClinicStore
import Foundation

/// `clinic validate` and `clinic ingest`: extracts read and checked, optionally stored.
public enum ExtractJobs {
    /// The readings of FILES... (folders searched recursively; files that are not extracts skipped,
    /// each with a note to `log`).
    public static func read(_ files: [String], asOf: Month, log: (String) -> Void) throws -> [ExtractReading] {
        let reader = AggregateReader(asOf: asOf)
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
    /// quarantine files beside it. Record files and unreadable files are not stored: each gets a
    /// line to `log`. A database that cannot be opened or updated is a ``Diagnostic``; nothing is
    /// stored then.
    public static func store(_ readings: [ExtractReading], db: String, log: (String) -> Void) throws -> [Stored] {
        var extracts = [ClinicDatabase.Extract]()
        for reading in readings {
            switch reading.format {
            case nil:
                log("\(reading.file): not stored: the file could not be read as an extract")
            case .recordFile(let kind)?:
                log("\(reading.file): not stored: \(kind.rawValue) record files are not kept in the database; `clinic series` and `clinic fit` derive their monthly measures")
            default:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: reading.file), options: .alwaysMapped)
                let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
                extracts.append(.init(reading: reading, name: (reading.file as NSString).lastPathComponent, sha256: sha))
            }
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
}
