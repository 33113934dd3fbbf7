import ArgumentParser
import ClinicApp

/// `clinic benchmark --area CODE [--year YYYY] [--json]`
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare an authority with England, its region and its statistical neighbours on DfE's published figures.",
        discussion: """
        From the Department for Education's published annual statistics (compiled into Clinic from seeds/): \
        children looked after on 31 March (count and rate per 10,000), starts and ceased in the year, \
        referrals (count and rate per 10,000), re-referrals within 12 months (%) and referrals with no \
        further action (%). For each: the authority's value, England, its region, the mean of its ten \
        statistical neighbours' values (the 2025 model, as LAIT shows it), its rank among authorities \
        (1 = the lowest) and its quartile (1 = the lowest quarter). Suppressed values are skipped and \
        said so. The year is the one ending 31 March (default: the latest published).

        Examples:
          clinic benchmark --area E08000001
          clinic benchmark --area 350 --year 2024 --json
        """
    )

    @Option(help: ArgumentHelp("The local authority: its code (E08000001 or 350) or name.", valueName: "code"))
    var area: String

    @Option(help: ArgumentHelp("The year ending 31 March (default: the latest published).", valueName: "yyyy"))
    var year: Int?

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() throws {
        try Output.emit(BenchmarkPipeline.run(area: area, year: year, json: json, log: Output.note))
    }
}
