import ArgumentParser
import ClinicApp

/// The MEASURE and INPUT... of `explain` and `project`, with the settings and the as-of month.
struct CareInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The measure: lac (children looked after).", valueName: "measure"))
    var measure: String

    @Argument(help: ArgumentHelp("SSDA903 Header and Episodes files, or folders of them (several years' files together).", valueName: "input"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Settings file (default ./clinic.toml when present): the authority code that labels the output.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Read the records as they stood at the end of this month: later starts and ends have not happened yet (default: this month).", valueName: "YYYY-MM"))
    var asOf: String?

    func validate() throws {
        guard measure.lowercased() == "lac" else {
            throw ValidationError("the stock and its flows are worked out for lac (children looked after) only (got \"\(measure)\")")
        }
        guard !inputs.isEmpty else { throw ValidationError("give the SSDA903 files or a folder of them") }
    }

    var request: CareRequest { CareRequest(inputs: inputs, config: config, asOf: asOf) }
}

/// `clinic explain lac INPUT... [--from YYYY-MM --to YYYY-MM] [--json | --monthly]`
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say why the number of children looked after moved: starts, exits by reason, age bands and placements.",
        discussion: """
        Episodes are linked into periods of care (short breaks removed); the change in the number looked \
        after between the end of the month before --from and the end of --to is split into the periods \
        that started and ended, each exit by its reason (leaving at 18 first, then adoption, special \
        guardianship, child arrangements, return home, independent living, other), each against the same \
        months a year earlier; with the children by age band and placement at both ends, and how many now \
        in care turn 18 in the next 12 months. The identity end = start + starts − ends is checked for \
        every month and what it fails by is printed as the residual. docs/METHODS.md §13 has the rules.

        Examples:
          clinic explain lac data/records/E99999999 --from 2023-04 --to 2024-03
          clinic explain lac data/records/E99999999 --json
          clinic explain lac data/records/E99999999 --monthly > flows.csv
        """
    )

    @OptionGroup var input: CareInputOptions

    @Option(help: ArgumentHelp("First month of the window (default: 11 months before --to).", valueName: "YYYY-MM"))
    var from: String?

    @Option(help: ArgumentHelp("Last month of the window (default: the last month the files cover).", valueName: "YYYY-MM"))
    var to: String?

    @Flag(help: "Print one JSON document.")
    var json = false

    @Flag(help: "Print the monthly account as CSV: stock, starts, ends by reason, residual, stock by age, placement and time in care.")
    var monthly = false

    func validate() throws {
        if json && monthly { throw ValidationError("give --json or --monthly, not both") }
    }

    func run() throws {
        try Output.emit(ExplainPipeline.run(input.request, from: from, to: to, json: json, monthly: monthly, log: Output.note))
    }
}

/// `clinic project lac INPUT... [--horizon N] [--as-of YYYY-MM] [--json]`
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project the number of children looked after by age band and placement, with 80% and 95% intervals.",
        discussion: """
        A stock-and-flow model from the end of the as-of month (or the last month the files cover): \
        children age on their own dates of birth and leave at 18; other exits at the rates of the last \
        36 months by age band, time in care and placement (each shrunk toward the broader cells rate); \
        placement moves at the observed monthly rates; new children at the last 24 months' rate by age \
        band, or at the rate since a shift in their level, in proportion to how likely the data make one; the entry and exit rates wandering after the origin as much as the authority's years have, \
        and at least as much as English authorities' have. Intervals come from simulated paths, each \
        drawing its rates from their uncertainty first. \
        docs/METHODS.md §14 has the model and its backtest.

        Examples:
          clinic project lac data/records/E99999999 --horizon 12
          clinic project lac data/records/E99999999 --as-of 2024-03 --horizon 24 --json
        """
    )

    @OptionGroup var input: CareInputOptions

    @Option(help: ArgumentHelp("Months to project (1 to 120).", valueName: "months"))
    var horizon = 12

    @Option(help: ArgumentHelp("Simulated paths (at least 20; more paths, steadier interval ends).", valueName: "n"))
    var paths = 2000

    @Option(help: ArgumentHelp("Seed of the simulation (the same seed gives the same numbers).", valueName: "n"))
    var seed: UInt64 = 20_261_203

    @Option(name: .customLong("exit-months"), help: ArgumentHelp("Months before the origin the exit and placement-move rates are estimated from.", valueName: "n"))
    var exitMonths = 36

    @Option(name: .customLong("entry-months"), help: ArgumentHelp("Months before the origin the entry rates and entrants' ages come from.", valueName: "n"))
    var entryMonths = 24

    @Flag(help: "Print one JSON document.")
    var json = false

    func validate() throws {
        guard (1...120).contains(exitMonths), (1...120).contains(entryMonths) else {
            throw ValidationError("--exit-months and --entry-months must be 1 to 120")
        }
        guard (1...120).contains(horizon) else { throw ValidationError("--horizon must be 1 to 120 months") }
        guard paths >= 20 else { throw ValidationError("--paths must be at least 20") }
    }

    func run() throws {
        try Output.emit(ProjectPipeline.run(input.request, horizon: horizon, paths: paths, seed: seed, exitMonths: exitMonths, entryMonths: entryMonths,
                                            json: json, log: Output.note))
    }
}
