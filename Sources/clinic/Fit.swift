import ArgumentParser
import ClinicCore
import ClinicReports
import Foundation

/// `clinic fit INPUT... [--db PATH] [--metric ID] [--json]`
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a trend model to each monthly series: slope, change, intervention effects, forecast.",
        discussion: """
        For each series (optionally only --metric, --area): a trend with seasonal terms when the data \
        support them (a nested F test at 1% and AICc, from 24 months), level and slope changes at the \
        interventions in clinic.toml, a forecast with prediction intervals, and a plain-English sentence. \
        Small counts (a count metric with mean below 30) get a quasi-Poisson model, everything else OLS \
        with Newey–West standard errors alongside the classical ones; --model overrides.

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

    @Option(help: ArgumentHelp("Months to forecast.", valueName: "n"))
    var horizon = 6

    @Option(help: ArgumentHelp("Newey–West lag (default floor(4 (n/100)^(2/9))).", valueName: "n"))
    var hacLag: Int?

    @Flag(help: "Print one JSON document with every fit at full precision.")
    var json = false

    func validate() throws {
        guard model == "auto" || TrendModelKind(rawValue: model).map({ $0 != .none }) == true else {
            throw ValidationError("--model must be auto, ols, robust_huber, robust_bisquare, poisson or quasi_poisson (got \"\(model)\")")
        }
        guard Self.seasonality(seasonality) != nil else {
            throw ValidationError("--seasonality must be auto, none, month_dummies, fourier_1 or fourier_2 (got \"\(seasonality)\")")
        }
        guard (0...60).contains(horizon) else { throw ValidationError("--horizon must be between 0 and 60") }
        if let hacLag, hacLag < 0 { throw ValidationError("--hac-lag must not be negative") }
    }

    static func seasonality(_ text: String) -> TrendOptions.SeasonalityChoice? {
        switch text {
        case "auto": return .automatic
        case "none": return .fixed(.none)
        case "month_dummies": return .fixed(.monthDummies)
        case "fourier_1": return .fixed(.fourier(harmonics: 1))
        case "fourier_2": return .fixed(.fourier(harmonics: 2))
        default: return nil
        }
    }

    func run() throws {
        let (settings, loaded) = try input.load()
        let selected = loaded.series.filter { s in area.map { s.key.area == $0.uppercased() } ?? true }
        guard !selected.isEmpty else {
            throw UsageFailure(message: "no series to fit\(input.metric.map { " for metric \"\($0)\"" } ?? "")\(area.map { " in area \"\($0)\"" } ?? "")")
        }
        var options = TrendOptions()
        options.model = model == "auto" ? .automatic : .fixed(TrendModelKind(rawValue: model)!)
        options.seasonality = Self.seasonality(seasonality)!
        options.horizon = horizon
        options.hacLag = hacLag
        let catalogue = MetricCatalogue.standard
        let fits = TrendModel.fitAll(selected, options: options, catalogue: catalogue) { settings.interventions(for: $0.metric) }
        if json {
            print(JSONValue.object([
                ("series", .array(zip(selected, fits).map { $1.json(label: catalogue.definition($0.key.metric).label) })),
            ]).rendered())
        } else {
            for (s, f) in zip(selected, fits) { print(f.text(label: catalogue.definition(s.key.metric).label)) }
        }
        if loaded.hadErrors { throw ExitCode(ExitStatus.problems) }
    }
}
