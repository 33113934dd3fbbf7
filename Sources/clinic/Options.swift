import ArgumentParser
import ClinicApp

/// `--as-of YYYY-MM`, shared by every command that reads extracts.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Months after this one are flagged as future (default: this month).", valueName: "YYYY-MM"))
    var asOf: String?
}

/// The FILES... of `validate` and `ingest`, with `--as-of`.
struct ExtractFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("CSV files or folders (searched recursively; files that are not extracts are skipped with a note).", valueName: "file"))
    var files: [String]

    @OptionGroup var asOf: AsOfOption

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one CSV file or folder") }
    }
}

/// INPUT... or `--db`, with the settings, metric, as-of month and record-file start that every command
/// reading monthly series (`series`, `fit`) takes.
struct SeriesInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("CSV files or folders of CSV files (or use --db).", valueName: "input"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Read the series from this Clinic database instead of files.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Only this metric id (for example lac).", valueName: "id"))
    var metric: String?

    @Option(help: ArgumentHelp("Settings file (default ./clinic.toml when present): interventions, and the authority code that labels series derived from record files.", valueName: "file"))
    var config: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("First month of measures derived from record files (default: the first month of the collection years they cover).", valueName: "YYYY-MM"))
    var from: String?

    var request: SeriesRequest {
        SeriesRequest(inputs: inputs, db: db, metric: metric, config: config, months: MonthOptions(asOf: asOf.asOf, from: from))
    }
}
