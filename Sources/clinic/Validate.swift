import ArgumentParser
import ClinicApp

/// `clinic validate FILES... [--json] [--quarantine DIR] [--as-of YYYY-MM]`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check monthly extracts and report every problem with its file, line and column.",
        discussion: """
        Reads each CSV file (or every .csv file in a folder), recognises its layout (long: month, metric, \
        value, optional area, target and dimension columns; wide: a month column and one column per \
        metric; SSDA903 and CIN record tables by their exact headers) and checks every value. Nothing \
        is changed and nothing is lost: each value is accepted, kept as suppressed (c, x, z, u, low, :, \
        *, [c], [x], [z]) or quarantined with its reason, and the summary shows the count balancing.

        Errors: unreadable months, non-numbers, negative counts, conflicting duplicates, ragged rows, \
        unterminated quotes, empty files, unrecognised headers. Warnings: unknown metrics, gaps, months \
        after --as-of, implausible jumps, exact duplicate rows, Windows-1252 files.

        Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.

        Examples:
          clinic validate data/aggregates/
          clinic validate extract.csv --json
          clinic validate extract.csv --quarantine rejected/
        """
    )

    @OptionGroup var input: ExtractFiles

    @Flag(help: "Print one JSON document: per file its format, summary and diagnostics.")
    var json = false

    @Option(help: ArgumentHelp("Write each file's rejected rows to DIR/<name>.quarantine.csv (<name>-2.quarantine.csv, … for files of the same name).", valueName: "dir"))
    var quarantine: String?

    func run() throws {
        try Output.emit(ValidatePipeline.run(files: input.files, asOf: input.asOf.asOf, json: json, quarantine: quarantine, log: Output.note))
    }
}
