import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicReports

/// `clinic validate FILES... [--json] [--quarantine DIR]`.
public enum ValidatePipeline {
    public static func run(files: [String], asOf: String?, json: Bool, quarantine: String?,
                           log: (String) -> Void) throws -> CommandOutput {
        let month = try asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        let readings = try ExtractJobs.read(files, asOf: month, log: log)
        if let quarantine {
            for (r, name) in zip(readings, ExtractJobs.quarantineNames(readings)) {
                guard let name else { continue }
                let path = try ExtractJobs.writeQuarantine(r, into: quarantine, name: name)
                log("note: \(r.file): \(r.quarantine.count) rejected value\(r.quarantine.count == 1 ? "" : "s") written to \(path)")
            }
        }
        // Record files get the checks `clinic series` makes of their rows (codes, dates, sequences), so that
        // the two never disagree about whether a file has errors.
        var records = ChildRecords(asOf: month)
        let recordSources = try readings.compactMap { r -> (source: CSVSource, kind: RecordFileKind)? in
            guard case let .recordFile(kind)? = r.format else { return nil }
            return (try CSVSource(contentsOf: r.file), kind)
        }
        let sawRecords = !recordSources.isEmpty
        try records.add(consume recordSources)
        let recordDiagnostics = sawRecords ? records.diagnostics + records.sequenceWarnings() : []
        // Counted in full, not as listed: a file's list stops at 20 of each kind.
        let errors = readings.reduce(0) { $0 + $1.errorCount } + recordDiagnostics.filter { $0.severity == .error }.count
        let warnings = readings.reduce(0) { $0 + $1.warningCount } + recordDiagnostics.filter { $0.severity == .warning }.count
        let text: String
        if json {
            text = JSONValue.object([
                ("files", .array(readings.map(\.json))), ("record_diagnostics", .array(recordDiagnostics.map(\.json))),
                ("errors", .integer(errors)), ("warnings", .integer(warnings)),
            ]).rendered() + "\n"
        } else {
            text = readings.map(\.summaryText).joined()
                + (recordDiagnostics.isEmpty ? "" : "the record files' rows, as `clinic series` reads them:\n" + recordDiagnostics.map { "  \($0)\n" }.joined())
                + "\(readings.count) file\(readings.count == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        }
        return CommandOutput(stdout: text, hadProblems: errors > 0)
    }
}

/// `clinic ingest FILES... [--db PATH]`.
public enum IngestPipeline {
    public static func run(files: [String], asOf: String?, db: String, log: (String) -> Void) throws -> CommandOutput {
        let month = try asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        let readings = try ExtractJobs.read(files, asOf: month, log: log)
        for r in readings { for d in r.diagnostics { log(d.description) } }
        // The authority's code, for measures derived from record files (./clinic.toml; read only then).
        let hasRecords = readings.contains { if case .recordFile? = $0.format { return true }; return false }
        let area = hasRecords ? (try ClinicConfiguration.load(nil).authorityCode ?? "") : ""
        let stored = try ExtractJobs.store(readings, db: db, asOf: month, area: area, log: log)
        var text = ""
        for s in stored {
            text += s.reading.storedLine(extractID: s.outcome.extractID, inserted: s.outcome.inserted, revised: s.outcome.revised,
                                         unchanged: s.outcome.unchanged, alreadyIngested: s.outcome.alreadyIngested,
                                         quarantineFile: s.quarantineFile) + "\n"
        }
        let revised = stored.reduce(0) { $0 + $1.outcome.revised }
        let count = stored.filter { !$0.outcome.alreadyIngested }.count
        text += "\(db): \(count) extract\(count == 1 ? "" : "s") stored, \(revised) revision\(revised == 1 ? "" : "s")\n"
        return CommandOutput(stdout: text, hadProblems: readings.contains(where: \.hasErrors) || stored.contains(where: \.hadErrors))
    }
}
