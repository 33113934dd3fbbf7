import ArgumentParser
import ClinicApp

/// `clinic series INPUT... [--format csv|json]`
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print the monthly series Clinic holds, derived measures included, to check them by hand.",
        discussion: """
        From aggregate extracts the series are as read; from SSDA903 (Header, Episodes, Missing, UASC) and \
        CIN referral files — several years' files together — Clinic derives lac, lac_uasc (with a UASC \
        table), lac_starts, lac_ceased, \
        lac_ceased_18, ppo, ppo_children, missing_incidents, away_incidents, missing_children, referrals, \
        referrals_police, re_referrals_pct and referrals_nfa_pct (definitions in docs/DOMAIN.md). The CSV is \
        long: area,metric,<dimensions...>,month,value,status, ready for a spreadsheet.

        Examples:
          clinic series data/records/ > measures.csv
          clinic series --db clinic.sqlite --format json
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Flag(help: "Print one JSON document (the same as --format json).")
    var json = false

    @Option(help: ArgumentHelp("csv (long form) or json.", valueName: "format"))
    var format = "csv"

    func validate() throws {
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json (got \"\(format)\")") }
    }

    func run() throws {
        try Output.emit(SeriesPipeline.run(input.request, json: json || format == "json", log: Output.note))
    }
}
