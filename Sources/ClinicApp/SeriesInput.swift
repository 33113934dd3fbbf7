import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicReports
import ClinicStore
import Foundation

/// The monthly series a command works on, as one ``Panel``: read from CSV files and folders (INPUT...),
/// or from the store (`--db PATH`).
///
/// Files are combined in the order given, each laid over the ones before (``Panel/merging(_:)``): where
/// two give the same series and month, the later one wins, as a later extract revises an earlier one in
/// the store. SSDA903 and CIN record files are read together (several years' files at once) and turned
/// into the derived monthly measures under the area code `area`, or when it is empty under the code
/// their folder is named by (``RecordArea``). Rates per 10,000 children are added for
/// `lac` and `referrals` where the area's 0–17 population is in the seeds and the input lacks them.
public enum SeriesInput {
    public struct Loaded: Sendable {
        public var panel: Panel
        /// Whether any input had errors (their diagnostics went to `log`).
        public var hadErrors: Bool
        /// Each input file read and what became of its values, with its SHA-256 (only when asked for with
        /// `summarise`; empty with `--db`).
        public var files: [Pack.InputFile] = []
    }

    /// Reads the inputs. `log` receives each diagnostic and note, one line at a time, for stderr.
    /// `summarise` adds each file's summary and SHA-256 (``Loaded/files``, for the pack's provenance), at
    /// the cost of hashing every input.
    public static func load(files: [String], db: String?, asOf: Month, area: String = "", from: Month? = nil,
                            summarise: Bool = false, log: (String) -> Void) throws -> Loaded {
        if files.isEmpty {
            guard let db else { throw UsageError("give CSV files or folders, or --db PATH") }
            guard FileManager.default.fileExists(atPath: db) else { throw UsageError("\(db): no such database") }
            let panel: Panel
            do { panel = try ClinicDatabase(path: db).panel() } catch let failure as ClinicDatabase.OpenFailure {
                throw UsageError("--db \(failure.path): \(failure.reason)")
            } catch {
                throw Diagnostic(file: db, code: "database_error", message: "cannot be read: \(error)")
            }
            return Loaded(panel: withRates(panel), hadErrors: false)
        }
        if db != nil { throw UsageError("give either input files or --db, not both") }
        var hadErrors = false
        var panel = Panel([])
        var records = ChildRecords(asOf: asOf)
        var recordFiles = [String](), recordSources = [(source: CSVSource, kind: RecordFileKind)]()
        var summaries = [Pack.InputFile]()
        for reading in try ExtractJobs.read(files, asOf: asOf, log: log) {
            for d in reading.diagnostics { log(d.description) }
            hadErrors = hadErrors || reading.hasErrors
            if summarise { summaries.append(fileSummary(reading)) }
            if case let .recordFile(kind)? = reading.format {
                recordSources.append((try CSVSource(contentsOf: reading.file), kind))
                recordFiles.append(reading.file)
                continue
            }
            panel = panel.merging(reading.panel())
        }
        if !recordFiles.isEmpty {
            try records.add(consume recordSources)
            for d in records.diagnostics { log(d.description) }
            for d in records.sequenceWarnings() { log(d.description) }
            hadErrors = hadErrors || records.diagnostics.contains { $0.severity == .error }
            let across = records.mergedEpisodes - records.mergedWithinFile, within = records.mergedWithinFile
            if across > 0 {
                log("note: \(across) episode\(across == 1 ? "" : "s") appeared in more than one file and \(across == 1 ? "was" : "were") merged")
            }
            if within > 0 {
                log("note: \(within) episode\(within == 1 ? "" : "s") appeared more than once in the same file (same CHILD and DECOM) and \(within == 1 ? "was" : "were") merged")
            }
            let (measures, notes) = RecordMeasures.monthly(records, area: RecordArea.code(configured: area, recordFiles: recordFiles), from: from, through: asOf)
            for note in notes { log("note: \(note)") }
            panel = panel.merging(Panel(measures))
        }
        return Loaded(panel: withRates(panel), hadErrors: hadErrors, files: summaries)
    }

    /// A file's counts and SHA-256 (of its bytes as they are now on disk).
    static func fileSummary(_ reading: ExtractReading) -> Pack.InputFile {
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: reading.file))) ?? Data()
        let digest = bytes.withUnsafeBytes { SHA256.hex($0) }
        let s = reading.summary
        return Pack.InputFile(path: reading.file, sha256: digest, format: reading.format?.name ?? "unrecognised", rows: s.rows,
                              values: s.values, accepted: s.accepted, suppressed: s.suppressed, quarantined: s.quarantined,
                              errors: reading.errorCount, warnings: reading.warningCount)
    }

    /// Adds `lac_rate_per_10k` and `referrals_rate_per_10k` for areas whose 0–17 population is in the
    /// seeds, unless the panel already has them.
    static func withRates(_ panel: Panel) -> Panel {
        // Only counts with a published rate can give one: the others are not cut out of the panel at all.
        let counts = panel.keys.indices.filter { PopulationTable.rateMetrics[panel.keys[$0].metric] != nil }
        guard !counts.isEmpty else { return panel }
        let present = Set(panel.keys)
        let rates = counts.compactMap { panel.trimmedSeries($0).flatMap(PopulationTable.standard.ratePerTenThousand) }
            .filter { !present.contains($0.key) }
        return panel.merging(Panel(rates))
    }
}
