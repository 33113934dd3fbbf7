import ArgumentParser
import ClinicApp

/// `clinic flags INPUT... [--db PATH] [--metric ID] [--json]`
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what changed, most important first, each with a plain-English reason.",
        discussion: """
        Four methods, each on the model `clinic fit` uses for the series (interventions from clinic.toml): \
        the latest month against the one-step-ahead prediction interval of the model fitted without it \
        (outside 99% red, outside 95% amber); the latest month outside the limits of the XmR chart of \
        what the trend model does not explain (its residuals or one-step errors; least-squares fits \
        only); months whose studentised residuals are extreme, with Benjamini–Hochberg q-values \
        across every month tested; and changepoints in level or trend (PELT). Direction follows the \
        metric's polarity. docs/METHODS.md has the rules.

        Examples:
          clinic flags data/aggregates/ --config data/clinic.toml
          clinic flags --db clinic.sqlite --json
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() throws {
        try Output.emit(FlagsPipeline.run(input.request, json: json, log: Output.note))
    }
}
