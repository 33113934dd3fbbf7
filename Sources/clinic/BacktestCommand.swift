import ArgumentParser
import ClinicApp

/// `clinic backtest INPUT... [--metric ID] [--origins N] [--json]`
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Measure forecast quality: refit at past months and score 1, 3, 6 and 12 months ahead.",
        discussion: """
        For each series and each of the last --origins months (with at least 36 observed months before \
        it), the trend model is fitted to the data up to that month and its forecasts are compared with \
        what happened: the mean absolute scaled error (MASE: errors divided by the in-sample mean \
        absolute change on the same month a year before) and how often the 80% and 95% prediction \
        intervals held the outcome. Four methods: the default model (error model chosen automatically, \
        following a supported recent change as `clinic fit` does), the long-run model (the same without \
        following), that model with independent errors, and the seasonal naive forecast (the same month a \
        year before) as the baseline. Interventions come from clinic.toml as for `clinic fit`.

        Examples:
          clinic backtest data/aggregates/ --config data/clinic.toml
          clinic backtest simulated/aggregates/ --origins 36 --json
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Option(help: ArgumentHelp("Forecast origins per series (the last N months).", valueName: "n"))
    var origins = 24

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() throws {
        try Output.emit(BacktestPipeline.run(input.request, origins: origins, json: json, log: Output.note))
    }
}
