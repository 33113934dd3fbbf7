import ArgumentParser
import ClinicCore
import ClinicReports
import Foundation

/// `--as-of YYYY-MM`, shared by every command that reads extracts.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Months after this one are flagged as future (default: this month).", valueName: "YYYY-MM"))
    var asOf: String?

    /// The as-of month (the current month when not given).
    func month() throws -> Month {
        try asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
    }
}

/// The FILES... of `validate` and `ingest`, with `--as-of`.
struct ExtractFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("CSV files or folders of CSV files.", valueName: "file"))
    var files: [String]

    @OptionGroup var asOf: AsOfOption

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one CSV file or folder") }
    }

    /// The CSV files named (folders expanded) and a reader for them.
    func expanded() throws -> (paths: [String], reader: AggregateReader) {
        (try InputFiles.expand(files), AggregateReader(asOf: try asOf.month()))
    }
}

/// Writing a reading's rejected rows to `FOLDER/<name>.quarantine.csv`.
enum QuarantineFile {
    /// Writes the file (creating the folder) and returns its path.
    static func write(_ reading: ExtractReading, into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = ((reading.file as NSString).lastPathComponent as NSString).deletingPathExtension + ".quarantine.csv"
        let path = (folder as NSString).appendingPathComponent(name)
        try reading.quarantineCSV.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// INPUT... or `--db`, with the settings, as-of month and record-file start that every command reading
/// monthly series (`series`, `fit`) takes, and the loading they share.
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

    @Option(help: ArgumentHelp("First month of measures derived from record files: the first month they fully cover (episodes that ended before the earliest file's year are not in it).", valueName: "YYYY-MM"))
    var from: String?

    /// The settings and the series (only `--metric`'s when given).
    func load() throws -> (settings: ClinicConfiguration, loaded: SeriesInput.Loaded) {
        let settings = try ClinicConfiguration.load(config)
        var loaded = try SeriesInput.load(files: inputs, db: db, asOf: try asOf.month(), area: settings.authorityCode ?? "",
                                          from: try from.map { try InputFiles.month($0, option: "--from") })
        if let metric { loaded.series = loaded.series.filter { $0.key.metric == metric.lowercased() } }
        return (settings, loaded)
    }
}
