import ArgumentParser
import ClinicCore
import ClinicReports
import ClinicStore
import Foundation

/// `clinic ingest FILES... [--db PATH] [--as-of YYYY-MM]`
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store monthly extracts in the Clinic database, keeping every revision.",
        discussion: """
        Each file is read and checked as `clinic validate` does. Its accepted and suppressed values are \
        stored; rejected rows go to quarantine/<name>.quarantine.csv beside the database. A later extract \
        that changes a month's value is stored as a revision (old value, new value, which extract), and \
        the count of revisions is reported. Ingesting the same file again changes nothing.

        One run is one transaction: if it is interrupted, the database is as it was before. Files whose \
        header cannot be recognised are not stored. SSDA903 and CIN record files are not stored: \
        `clinic series` and `clinic fit` derive their monthly measures directly.

        Exit status: 0 no errors, 1 errors found (accepted values are still stored), 2 usage error.

        Examples:
          clinic ingest data/aggregates/
          clinic ingest november.csv --db performance.sqlite
        """
    )

    @OptionGroup var input: ExtractFiles

    @Option(help: ArgumentHelp("The database file (created if missing).", valueName: "path"))
    var db = "clinic.sqlite"

    func run() throws {
        let (paths, reader) = try input.expanded()

        var extracts = [ClinicDatabase.Extract]()
        var readings = [ExtractReading]()
        for path in paths {
            let reading = reader.read(path: path)
            readings.append(reading)
            for d in reading.diagnostics { ExitStatus.writeError(d.description) }
            switch reading.format {
            case nil:
                ExitStatus.writeError("\(path): not stored: the file could not be read as an extract")
            case .recordFile(let kind)?:
                ExitStatus.writeError("\(path): not stored: \(kind.rawValue) record files are not kept in the database; `clinic series` and `clinic fit` derive their monthly measures")
            default:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
                let sha = bytes.withUnsafeBytes { SHA256.hex($0) }
                extracts.append(.init(reading: reading, name: (path as NSString).lastPathComponent, sha256: sha))
            }
        }

        let database: ClinicDatabase
        let outcomes: [ClinicDatabase.Outcome]
        do {
            database = try ClinicDatabase(path: db)
            outcomes = try database.ingest(extracts)
        } catch {
            throw Diagnostic(file: db, code: "database_error", message: "the database could not be updated, so nothing was stored: \(error)")
        }

        // Quarantine files are written only after the transaction has committed.
        let quarantineFolder = ((db as NSString).deletingLastPathComponent as NSString).appendingPathComponent("quarantine")
        for (extract, outcome) in zip(extracts, outcomes) {
            let r = extract.reading
            if outcome.alreadyIngested {
                print("\(r.file): already ingested as extract #\(outcome.extractID); nothing changed")
                continue
            }
            var line = "\(r.file): extract #\(outcome.extractID): \(outcome.inserted) new, \(outcome.revised) revised, \(outcome.unchanged) unchanged"
            line += "; values \(r.summary.values) = accepted \(r.summary.accepted) + suppressed \(r.summary.suppressed) + quarantined \(r.summary.quarantined)"
            if !r.quarantine.isEmpty {
                line += " (rejected rows in \(try QuarantineFile.write(r, into: quarantineFolder)))"
            }
            print(line)
        }
        let revised = outcomes.reduce(0) { $0 + $1.revised }
        let stored = outcomes.filter { !$0.alreadyIngested }.count
        print("\(db): \(stored) extract\(stored == 1 ? "" : "s") stored, \(revised) revision\(revised == 1 ? "" : "s")")
        if readings.contains(where: \.hasErrors) { throw ExitCode(ExitStatus.problems) }
    }
}
