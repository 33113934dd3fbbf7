import ClinicData
import ClinicNumerics
import Foundation

/// Rolling-origin evaluation of trend forecasts: refit on the data up to each origin, forecast 1 … H
/// months ahead, and score the forecasts against what happened.
///
/// Contract (docs/METHODS.md, "Forecast quality"): for every origin `o` (the number of months used to
/// fit) from `series.count − origins` to `series.count − 1` (the last `origins` months), and for
/// each horizon `h`, an observed month `o + h − 1` gives one absolute error `|y − ŷ|` scaled by the
/// in-sample seasonal naive MAE of the training months (`mean |y_t − y_{t−12}|`, Hyndman and Koehler's
/// MASE scale; the non-seasonal naive `|y_t − y_{t−1}|` when it has fewer than 24 months), and whether the
/// 80% and the 95% prediction intervals contain `y`. The seasonal naive forecast (`ŷ_{o+h} = y` of the
/// same month a year before the origin, or the last value before it) is scored the same way, as the
/// baseline. Origins need at least `minimumTraining` observed months.
public enum Backtest {
    public struct Options: Sendable {
        public var horizons = [1, 3, 6, 12]
        public var origins = 24
        public var minimumTraining = 36
        /// When set, an origin's scores are also filed under `"<method>|<label>"` for the label this gives
        /// the series and the origin (its number of training months), nil for none: for example, how
        /// old a known change is at the origin. The totals under each method's own name are unchanged.
        public var stratum: (@Sendable (SeriesKey, _ origin: Int) -> String?)? = nil
        public init() {}
    }

    /// The name of the baseline in the results (it has no intervals: its coverage counts are 0).
    public static let baseline = "seasonal_naive"
    /// The results' entry (horizon 0) whose `forecasts` counts the origins left out because a method
    /// could not forecast there.
    public static let skippedKey = "skipped_origins"

    /// Scores of one method at one horizon, summed over series and origins.
    public struct Score: Sendable, Equatable {
        public init() {}

        public var forecasts = 0
        public var scaledErrorSum = 0.0
        public var covered80 = 0
        public var covered95 = 0
        /// Mean absolute scaled error.
        public var mase: Double? { forecasts > 0 ? scaledErrorSum / Double(forecasts) : nil }
        public var coverage80: Double? { forecasts > 0 ? Double(covered80) / Double(forecasts) : nil }
        public var coverage95: Double? { forecasts > 0 ? Double(covered95) / Double(forecasts) : nil }

        public mutating func add(_ other: Score) {
            forecasts += other.forecasts
            scaledErrorSum += other.scaledErrorSum
            covered80 += other.covered80
            covered95 += other.covered95
        }
    }

    /// A forecasting method to evaluate: options for ``TrendModel``, under a name, and the function
    /// that fits it (``TrendModel/fit(_:definition:options:)`` unless another is given, for example one
    /// that refits with a change found in the data).
    public struct Method: Sendable {
        public typealias Fitter = @Sendable (Series, MetricDefinition, TrendOptions) -> TrendFit
        public let name: String
        public let options: TrendOptions
        public let fit: Fitter
        public init(name: String, options: TrendOptions, fit: @escaping Fitter = { TrendModel.fit($0, definition: $1, options: $2) }) {
            self.name = name
            self.options = options
            self.fit = fit
        }
    }

    /// Scores per method name (plus `seasonal_naive`) and horizon. Each series gets the interventions
    /// `interventions(key)` returns and the population `population(training)` returns (for count models'
    /// offsets), as ``TrendModel/fitAll(_:options:catalogue:interventions:population:)`` gives them.
    /// An origin where any method could not forecast is left out for every method and the baseline, so
    /// all are scored on the same forecasts; ``skippedOrigins`` counts them.
    public static func run(_ series: [Series], methods: [Method], catalogue: MetricCatalogue = .standard,
                           options: Options = Options(),
                           interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                           population: @Sendable (Series, Int) -> [Month: Double] = { _, _ in [:] }) -> [String: [Int: Score]] {
        let maxHorizon = options.horizons.max() ?? 1
        let perSeries = Parallel.map(series.count) { index -> [String: [Int: Score]] in
            let s = series[index]
            var scores = [String: [Int: Score]]()
            let definition = catalogue.definition(s.key.metric)
            let n = s.values.count
            let first = max(options.minimumTraining, n - options.origins)
            guard first < n else { return scores }
            for origin in first..<n {
                let training = Series(key: s.key, start: s.start, values: Array(s.values.prefix(origin)),
                                      status: Array(s.status.prefix(origin)), markers: s.markers.filter { $0.key < origin })
                let observed = (0..<origin).filter { training.status[$0] == .observed || training.status[$0] == .imputed }
                guard observed.count >= options.minimumTraining, let scale = scale(training, observed: observed), scale > 0 else { continue }
                let actual: [Int: Double] = Dictionary(uniqueKeysWithValues: options.horizons.compactMap { h in
                    let t = origin + h - 1
                    return t < n && s.status[t] == .observed ? (h, s.values[t]) : nil
                })
                guard !actual.isEmpty else { continue }
                var forecasts = [(name: String, f80: [ForecastPoint], f95: [ForecastPoint])]()
                for method in methods {
                    // One fit per method; its 95% intervals are re-read at 80%.
                    var fitOptions = method.options
                    fitOptions.horizon = maxHorizon; fitOptions.recentDirection = false
                    fitOptions.interventions = method.options.interventions + interventions(s.key)
                    if fitOptions.population.isEmpty { fitOptions.population = population(training, maxHorizon) }
                    fitOptions.confidenceLevel = 0.95
                    let f95 = method.fit(training, definition, fitOptions).forecast
                    let f80 = f95.map { $0.interval(level: 0.8) }
                    guard f80.count == maxHorizon, f95.count == maxHorizon else { break }
                    forecasts.append((method.name, f80, f95))
                }
                guard forecasts.count == methods.count else {
                    scores[skippedKey, default: [:]][0, default: Score()].forecasts += 1
                    continue
                }
                let label = options.stratum?(s.key, origin)
                for (name, f80, f95) in forecasts {
                    for (h, y) in actual {
                        var score = Score()
                        score.forecasts = 1
                        score.scaledErrorSum = abs(y - f95[h - 1].mean) / scale
                        score.covered80 = f80[h - 1].lower <= y && y <= f80[h - 1].upper ? 1 : 0
                        score.covered95 = f95[h - 1].lower <= y && y <= f95[h - 1].upper ? 1 : 0
                        scores[name, default: [:]][h, default: Score()].add(score)
                        if let label { scores[name + "|" + label, default: [:]][h, default: Score()].add(score) }
                    }
                }
                // The baseline: the same month a year before (or the last observed value).
                for (h, y) in actual {
                    let target = origin + h - 1
                    var source = target - 12
                    while source >= origin { source -= 12 }
                    let base: Double?
                    if source >= 0, training.status[source] == .observed { base = training.values[source] }
                    else { base = observed.last { training.status[$0] == .observed }.map { training.values[$0] } }
                    guard let base else { continue }
                    var score = Score()
                    score.forecasts = 1
                    score.scaledErrorSum = abs(y - base) / scale
                    scores[baseline, default: [:]][h, default: Score()].add(score)
                }
            }
            return scores
        }
        var total = [String: [Int: Score]]()
        for scores in perSeries {
            for (name, byHorizon) in scores { for (h, score) in byHorizon { total[name, default: [:]][h, default: Score()].add(score) } }
        }
        return total
    }

    /// The in-sample MAE of the seasonal naive forecast (lag 12; lag 1 with fewer than 24 months),
    /// over pairs of observed months.
    static func scale(_ s: Series, observed: [Int]) -> Double? {
        let lag = observed.count >= 24 ? 12 : 1
        var sum = 0.0, count = 0
        for t in observed where t >= lag && (s.status[t - lag] == .observed || s.status[t - lag] == .imputed) {
            sum += abs(s.values[t] - s.values[t - lag])
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }
}
