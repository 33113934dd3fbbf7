import ArgumentParser
import ClinicApp

/// `clinic fit INPUT... [--db PATH] [--metric ID] [--errors E] [--no-recent] [--json]`
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a trend model to each monthly series: slope, change, intervention effects, forecast.",
        discussion: """
        For each series (optionally only --metric, --area): a trend with seasonal terms when the data \
        support them (a nested F test at 1% and AICc, from 24 months), level and slope changes at the \
        interventions in clinic.toml, a forecast with prediction intervals, and a plain-English sentence. \
        Small counts (a count metric with mean below 30) get a quasi-Poisson model, everything else a \
        regression whose errors may be autocorrelated: independent unless the residuals fail a \
        Ljung–Box test at 5%, then AR(1), AR(2) or ARMA(1,1), whichever has the lowest AICc, fitted by \
        REML (as R's nlme::gls); intervals and forecasts carry the error process. --model and --errors \
        override.

        Interventions come from clinic.toml in the current folder (or --config FILE):
          [[intervention]]
          label = "the new front door"
          month = "2021-04"
          effect = "both"          # level | slope | both
          metrics = ["referrals"]  # optional

        Examples:
          clinic fit data/aggregates/
          clinic fit data/aggregates/ --metric lac --json
          clinic fit --db clinic.sqlite --model robust_huber
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Option(help: ArgumentHelp("Only this area code.", valueName: "code"))
    var area: String?

    @Option(help: ArgumentHelp("auto, ols, robust_huber, robust_bisquare, poisson or quasi_poisson.", valueName: "model"))
    var model = "auto"

    @Option(help: ArgumentHelp("auto, none, month_dummies, fourier_1 or fourier_2.", valueName: "terms"))
    var seasonality = "auto"

    @Option(help: ArgumentHelp("Error model of OLS fits: auto, iid, ar1, ar2 or arma11.", valueName: "model"))
    var errors = "auto"

    @Option(help: ArgumentHelp("Months to forecast.", valueName: "n"))
    var horizon = 6

    @Option(help: ArgumentHelp("Newey–West lag (default floor(4 (n/100)^(2/9))).", valueName: "n"))
    var hacLag: Int?

    @Flag(name: .customLong("no-recent"),
          help: "Skip the recent direction (a local linear trend fitted by maximum likelihood, about 1 ms a series).")
    var noRecent = false

    @Flag(help: "Print one JSON document with every fit at full precision.")
    var json = false

    func run() throws {
        let options = try FitPipeline.options(model: model, seasonality: seasonality, errors: errors, horizon: horizon, hacLag: hacLag,
                                                 recentDirection: !noRecent)
        try Output.emit(FitPipeline.run(input.request, area: area, options: options, json: json, log: Output.note))
    }
}
