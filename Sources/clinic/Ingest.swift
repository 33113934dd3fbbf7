import ArgumentParser
import ClinicApp

/// `clinic ingest FILES... [--db PATH] [--as-of YYYY-MM]`
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store monthly extracts in the Clinic database, keeping every revision.",
        discussion: """
        Each file is read and checked as `clinic validate` does. Its accepted and suppressed values are \
        stored; rejected rows go to quarantine/<name>.<extract id>.quarantine.csv beside the database, \
        written to the disk before the extract is stored (if they cannot be written, nothing is). A later extract \
        that changes a month's value is stored as a revision (old value, new value, which extract), and \
        the count of revisions is reported. Ingesting the same file again changes nothing.

        One run is one transaction: if it is interrupted, the database is as it was before. Files whose \
        header cannot be recognised are not stored. SSDA903 and CIN record files given together are \
        stored as the monthly measures derived from them (for the authority in ./clinic.toml), as one \
        extract named by the files; their rows themselves are not stored.

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
        try Output.emit(IngestPipeline.run(files: input.files, asOf: input.asOf.asOf, db: db, log: Output.note))
    }
}
