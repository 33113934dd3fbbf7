import ArgumentParser
import ClinicApp

/// `clinic benchmark --area CODE [--year YYYY | --years YYYY:YYYY] [--json]`
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
        said so. The year is the one ending 31 March (default: the latest published); --years FROM:TO \
        gives every published year in the range, as LAIT shows them, with the neighbours' lowest and \
        highest. An authority that replaced another with the same area (North Yorkshire, Somerset in \
        2023) takes its predecessor's figures for the years before, and a note says so; Cumbria's \
        successors have none before 2024 (DfE publishes Cumbria as a whole).

        Examples:
          clinic benchmark --area E08000001
          clinic benchmark --area 350 --year 2024 --json
          clinic benchmark --area E08000003 --years 2021:2025
        """
    )

    @Option(help: ArgumentHelp("The local authority: its code (E08000001 or 350) or name.", valueName: "code"))
    var area: String

    @Option(help: ArgumentHelp("The year ending 31 March (default: the latest published).", valueName: "yyyy"))
    var year: Int?

    @Option(help: ArgumentHelp("Every published year from FROM to TO (years ending 31 March), e.g. 2021:2025.", valueName: "from:to"))
    var years: String?

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
        if years != nil && year != nil { throw ValidationError("give --year or --years, not both") }
        if let years, Self.range(years) == nil { throw ValidationError("--years must be FROM:TO with FROM <= TO, e.g. 2021:2025") }
    }

    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), from <= to, from >= 1900, to <= 2100 else { return nil }
        return from...to
    }

    func run() throws {
        try Output.emit(BenchmarkPipeline.run(area: area, year: year, years: years.flatMap(Self.range), json: json, log: Output.note))
    }
}
