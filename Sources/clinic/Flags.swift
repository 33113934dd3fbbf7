import ArgumentParser
import ClinicApp

/// `clinic flags INPUT... [--db PATH] [--metric ID] [--json]`
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what changed, most important first, each with a plain-English reason.",
        discussion: """
        Four methods, each on the model `clinic fit` uses for the series (interventions from clinic.toml): \
        the latest month against the one-step-ahead prediction interval of the model fitted without it \
        (outside 99.9% red, outside 99% amber); the latest month outside the limits of the XmR chart of \
        what the trend model does not explain (its residuals or one-step errors; least-squares fits \
        only); months whose studentised residuals are extreme, with Benjamini–Hochberg q-values \
        across every month tested; and changepoints in level or trend (PELT). Direction follows the \
        metric's polarity. docs/METHODS.md has the rules. A fifth, sustained change, compares the last \
        12 months' average with the 12 before.

        --replay FROM:TO runs the checks as of each month from FROM to TO on the data known then, as \
        the clinic would have seen them: each month's red and amber flags, and information flags the \
        first month they are found.

        Examples:
          clinic flags data/aggregates/ --config data/clinic.toml
          clinic flags --db clinic.sqlite --json
          clinic flags data/aggregates/ --config data/clinic.toml --replay 2024-01:2024-06
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Flag(help: "Print one JSON document.")
    var json = false

    @Option(help: ArgumentHelp("Run the checks as of each month from FROM to TO on the data known then.", valueName: "FROM:TO"))
    var replay: String?

    func run() throws {
        if let replay {
            try Output.emit(FlagsPipeline.replay(input.request, window: replay, json: json, log: Output.note))
            return
        }
        try Output.emit(FlagsPipeline.run(input.request, json: json, log: Output.note))
    }
}
