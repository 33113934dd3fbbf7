import ArgumentParser
import ClinicApp

/// `clinic simulate --out DIR [--seed N] [--months N] [--areas N] [--records]`
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a realistic fictional authority: child-level records, monthly aggregates, and the events injected.",
        discussion: """
        Simulates children coming into care (ages, legal status, police protection in a small share of \
        starts, short breaks), placement moves, missing incidents among older children, leaving care \
        (home, orders, adoption, at 18), unaccompanied asylum seekers among older entrants, and referrals \
        with winter peaks and a school-holiday dip. Four events are injected with known size — a level \
        shift in entries into care when an edge-of-care service starts (April 2022), a one-month spike in \
        referrals (March 2024), rising missing incidents from June 2019, and twice the share of \
        unaccompanied asylum seekers among 14 to 17 year olds coming into care from February 2022 (the \
        flow start:uasc) — and written to labels.csv as ground truth. The same --seed gives the same files.

        Writes DIR/aggregates/monthly.csv (the measures derived from the records, long format), \
        DIR/labels.csv, DIR/clinic.toml (the authority and its intervention) and, with --records, \
        DIR/records/<area>/ with the SSDA903 Header, one Episodes file per collection year (April to \
        March, episodes open across a year end appear in both, as in real returns), Missing, UASC, and the \
        CIN referrals table.

        Examples:
          clinic simulate --out sim --records
          clinic simulate --out national --areas 20 --seed 7
        """
    )

    @Option(help: ArgumentHelp("Folder to write (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 20151120

    @Option(help: "Months to simulate from --start.")
    var months = 180

    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM"))
    var start = "2012-01"

    @Option(help: "Number of authorities (codes E99990001, E99990002, …; one authority is E99999999).")
    var areas = 1

    @Flag(help: "Also write the child-level record files.")
    var records = false

    func run() throws {
        try Output.emit(SimulatePipeline.run(out: out, seed: seed, months: months, start: start, areas: areas, records: records))
    }
}
