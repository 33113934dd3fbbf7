import ArgumentParser
import ClinicCore
import ClinicReports
import Foundation

/// `clinic series INPUT... [--format csv|json]`
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print the monthly series Clinic holds, derived measures included, to check them by hand.",
        discussion: """
        From aggregate extracts the series are as read; from SSDA903 (Header, Episodes, Missing) and CIN \
        referral files — several years' files together — Clinic derives lac, lac_starts, lac_ceased, \
        lac_ceased_18, ppo, ppo_children, missing_incidents, away_incidents, missing_children, referrals, \
        referrals_police, re_referrals_pct and referrals_nfa_pct (definitions in DOMAIN.md). The CSV is \
        long: area,metric,<dimensions...>,month,value,status, ready for a spreadsheet.

        Examples:
          clinic series data/records/ > measures.csv
          clinic series --db clinic.sqlite --format json
        """
    )

    @Argument(help: ArgumentHelp("CSV files or folders of CSV files (or use --db).", valueName: "input"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Read the series from this Clinic database instead of files.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("csv (long form) or json.", valueName: "format"))
    var format = "csv"

    @Option(help: ArgumentHelp("Only this metric id.", valueName: "id"))
    var metric: String?

    @Option(help: ArgumentHelp("Settings file (default ./clinic.toml when present): the authority code labels derived series.", valueName: "file"))
    var config: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("First month of measures derived from record files: the first month they fully cover (episodes that ended before the earliest file's year are not in it).", valueName: "YYYY-MM"))
    var from: String?

    func validate() throws {
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json (got \"\(format)\")") }
    }

    func run() throws {
        let settings = try ClinicConfiguration.load(config)
        let loaded = try SeriesInput.load(files: inputs, db: db, asOf: try asOf.month(), area: settings.authorityCode ?? "",
                                            from: try from.map { try InputFiles.month($0, option: "--from") })
        let selected = loaded.series.filter { s in metric.map { s.key.metric == $0.lowercased() } ?? true }
        print(format == "json" ? selected.json().rendered() : selected.longCSV(), terminator: format == "json" ? "\n" : "")
        if loaded.hadErrors { throw ExitCode(ExitStatus.problems) }
    }
}
