import ArgumentParser
import ClinicApp

/// `clinic report INPUT... --out DIR [--format html,md,json,xlsx] [--area CODE] [--as-of YYYY-MM]`
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one authority's Performance Clinic pack: agenda, summary, a page per measure, data quality.",
        discussion: """
        The agenda lists the flags that need discussion (every red and amber flag, and information flags \
        from the last two years), each with its chart and sentence; the summary has a row per measure \
        (latest value, changes, recent direction, SPC variation and assurance, RAG against targets, \
        benchmark); each measure's page has its chart, sentences, flags and model. Settings \
        (authority, interventions, targets, RAG thresholds, polarity overrides) come from clinic.toml. \
        Formats: html (index.html, self-contained), md (pack.md with charts/*.svg), xlsx (pack.xlsx: \
        summary, agenda, a data sheet per measure with a native chart), json (pack.json, the source of \
        the others; docs/report.md has its schema). Files are written under --out only, \
        after everything has been computed; only files Clinic wrote there itself (listed in \
        .clinic-pack-manifest) are ever replaced or removed.

        With --records, the pack also says why the number of children looked after moved over the last \
        12 months the records cover (starts and exits by reason against the year before) and where it \
        is heading (a 24-month projection by simulation, beside the trend model's forecast).

        Examples:
          clinic report data/aggregates/ --config data/clinic.toml --records data/records/E99999999 --out out
          clinic report --db clinic.sqlite --area E99999999 --out pack --format html,json
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Option(help: ArgumentHelp("Folder to write the pack into (created if needed).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Comma-separated formats: html, md, json, xlsx.", valueName: "list"))
    var format = "html,md,json,xlsx"

    @Option(help: ArgumentHelp("The authority's area code (default: the settings' authority, or the only area in the input).", valueName: "code"))
    var area: String?

    @Option(parsing: .singleValue, help: ArgumentHelp("SSDA903 Header and Episodes files, or a folder of them: adds why the number looked after moved over the last 12 months and a 24-month projection (as clinic explain and clinic project).", valueName: "path"))
    var records: [String] = []

    func run() throws {
        try Output.emit(ReportPipeline.run(input.request, out: out, formats: format, area: area, records: records, log: Output.note))
    }
}
