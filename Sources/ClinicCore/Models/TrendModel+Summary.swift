import Foundation

/// Turns a fitted trend model into the quantities and the sentence the clinic reads.
enum TrendSummary {
    static func make(series: Series, definition: MetricDefinition, trend: TrendDesign, rows: [Int], y: [Double],
                     engine: TrendModel.Engine, options: TrendOptions, warnings: [String]) -> TrendFit {
        let logLinear = engine.kind.isLogLinear
        let q = engine.quantile
        func se(_ a: Int) -> Double { max(0, engine.covariance[a, a]).squareRoot() }
        func p(_ v: Double) -> Double { v.isFinite ? min(1, max(0, v)) : 1 }

        let coefficients = engine.terms.indices.map { a in
            TrendCoefficient(term: engine.terms[a], estimate: engine.estimates[a], standardError: se(a),
                             hacStandardError: engine.hacStandardErrors?[a], pValue: p(engine.pValues[a]))
        }

        /// An effect `b ± q·se` in the units of the report: as is, or as % change for log-linear models.
        func effect(_ b: Double, _ s: Double, _ pValue: Double, scale: Double = 1) -> Estimate {
            if logLinear {
                return Estimate(value: 100 * (exp(scale * b) - 1), lower: 100 * (exp(scale * (b - q * s)) - 1),
                                upper: 100 * (exp(scale * (b + q * s)) - 1), pValue: p(pValue))
            }
            return Estimate(value: scale * b, lower: scale * (b - q * s), upper: scale * (b + q * s), pValue: p(pValue))
        }
        func twoSidedP(_ b: Double, _ s: Double) -> Double {
            guard s > 0 else { return b == 0 ? 1 : 0 }
            let statistic = b / s
            if engine.kind == .ols || engine.kind == .quasiPoisson {
                // Same reference distribution as the coefficient tests.
                let df = max(1, Double(rows.count - engine.terms.count))
                return StudentT(degreesOfFreedom: df).twoSidedPValue(statistic)
            }
            return 2 * Normal.cdf(-abs(statistic))
        }

        var slope: Estimate?, slopeYear: Estimate?
        if let (b, a) = engine.estimate("trend") {
            slope = effect(b, se(a), engine.pValues[a])
            slopeYear = effect(b, se(a), engine.pValues[a], scale: 12)
        }

        // Change over the last 12 months of the fitted line.
        var change12: Double?
        if let last = rows.last, last >= 12 {
            let now = engine.linearPredictor(trend.row(at: last)).value
            let before = engine.linearPredictor(trend.row(at: last - 12)).value
            if logLinear { change12 = 100 * (exp(now - before) - 1) }
            else if before != 0 { change12 = 100 * (now - before) / abs(before) }
        }

        // Intervention effects.
        let effects = trend.interventions.map { i -> InterventionEffect in
            let level = engine.estimate("level:\(i.label)").map { effect($0.value, se($0.index), engine.pValues[$0.index]) }
            let slopeChange = engine.estimate("slope:\(i.label)").map { effect($0.value, se($0.index), engine.pValues[$0.index]) }
            var since: Estimate?
            if let (bt, at) = engine.estimate("trend"), let (bs, as_) = engine.estimate("slope:\(i.label)") {
                let v = engine.covariance[at, at] + engine.covariance[as_, as_] + 2 * engine.covariance[at, as_]
                let s = max(0, v).squareRoot()
                since = effect(bt + bs, s, twoSidedP(bt + bs, s))
            }
            return InterventionEffect(label: i.label, month: i.month, levelChange: level, slopeChange: slopeChange, slopeSince: since)
        }

        // Seasonal profile, January first, relative to the average month.
        var profile: [Double]?
        if trend.seasonality != .none {
            var e = [Double](repeating: 0, count: 12)
            for m in 1...12 {
                switch trend.seasonality {
                case .monthDummies:
                    if m > 1 { e[m - 1] = engine.estimate(String(format: "month_%02d", m))?.value ?? 0 }
                case let .fourier(harmonics):
                    for k in 1...max(1, harmonics) {
                        e[m - 1] += (engine.estimate("sin\(k)")?.value ?? 0) * sin(2 * Double.pi * Double(k * m) / 12)
                        e[m - 1] += (engine.estimate("cos\(k)")?.value ?? 0) * cos(2 * Double.pi * Double(k * m) / 12)
                    }
                case .none: break
                }
            }
            let mean = e.reduce(0, +) / 12
            profile = e.map { logLinear ? 100 * (exp($0 - mean) - 1) : $0 - mean }
        }

        // Forecast after the last month of the series.
        let span = series.values.count
        var lastPopulation: Double?
        if !options.population.isEmpty {
            lastPopulation = options.population.filter { $0.key <= series.start.advanced(by: span - 1) }.max { $0.key < $1.key }?.value
        }
        var forecast = [ForecastPoint]()
        let method: String
        switch engine.kind {
        case .ols, .none: method = "OLS prediction interval (Student t, \(rows.count - engine.terms.count) df)"
        case .robustHuber, .robustBisquare: method = "normal prediction interval from the robust scale and the H1 covariance"
        case .poisson, .quasiPoisson:
            method = "normal approximation on the count scale: variance φ·μ + μ²·Var(η̂) (delta method), φ = \(engine.kind == .poisson ? "1" : "the Pearson dispersion"); lower bound at least 0"
        }
        for h in 1...max(1, options.horizon) where options.horizon > 0 {
            let t = span - 1 + h
            let month = series.start.advanced(by: t)
            let (eta, variance) = engine.linearPredictor(trend.row(at: t))
            switch engine.kind {
            case .ols, .none, .robustHuber, .robustBisquare:
                let s = (engine.scale * engine.scale + variance).squareRoot()
                forecast.append(ForecastPoint(month: month, mean: eta, lower: eta - q * s, upper: eta + q * s))
            case .poisson, .quasiPoisson:
                let offset = (options.population[month] ?? lastPopulation).map { log($0) } ?? 0
                let mu = exp(eta + offset)
                let s = (engine.scale * mu + mu * mu * variance).squareRoot()
                forecast.append(ForecastPoint(month: month, mean: mu, lower: max(0, mu - q * s), upper: mu + q * s))
            }
        }

        let fit = TrendFit(
            key: series.key, model: engine.kind, observations: rows.count,
            firstMonth: rows.first.map { series.start.advanced(by: $0) }, lastMonth: rows.last.map { series.start.advanced(by: $0) },
            seasonality: trend.seasonality, coefficients: coefficients, slopePerMonth: slope, slopePerYear: slopeYear,
            percentChange12Months: change12.flatMap { $0.isFinite ? $0 : nil }, interventions: effects, seasonalProfile: profile,
            forecast: forecast, forecastMethod: method, confidenceLevel: options.confidenceLevel,
            scale: engine.scale.isFinite ? engine.scale : nil, durbinWatson: engine.durbinWatson.flatMap { $0.isFinite ? $0 : nil },
            summary: "", warnings: warnings)
        return fit.with(summary: sentence(fit, definition: definition))
    }

    /// "Looked after children are falling by about 4 a month (95% CI 3 to 5) since the Improvement Board
    /// began in Feb 2015."
    static func sentence(_ fit: TrendFit, definition: MetricDefinition) -> String {
        let label = definition.label
        let words = label.split(separator: " ")
        let plural = label.hasPrefix("Children") || words.prefix(3).contains { $0.hasSuffix("s") } || words.last?.hasSuffix("s") == true
        let verb = plural ? "are" : "is"
        let latest = fit.interventions.last { $0.slopeSince != nil }
        guard let slope = latest?.slopeSince ?? fit.slopePerMonth else { return "\(label): no trend could be estimated." }
        let percent = fit.model.isLogLinear
        let unit: String
        switch (percent, definition.unit) {
        case (true, _): unit = "%"
        case (false, .percent?): unit = " percentage points"
        case (false, .rate?): unit = " per 10,000"
        default: unit = ""
        }
        let level = Int((fit.confidenceLevel * 100).rounded())
        let since = latest.map { " since \($0.label) began in \(monthName($0.month))" } ?? ""
        // A step at the intervention that the data support (p < 0.05) is told too.
        var step = ""
        if let i = latest, let change = i.levelChange, change.pValue < 0.05 {
            let down = change.value < 0
            let (low, high) = down ? (-change.upper, -change.lower) : (change.lower, change.upper)
            let stepUnit = percent ? "%" : unit
            step = ", after a \(down ? "fall" : "rise") of about \(number(abs(change.value)))\(stepUnit) when it began (\(level)% CI \(number(low)) to \(number(high))\(stepUnit))"
        }
        if slope.lower <= 0 && slope.upper >= 0 {
            return "\(label) \(verb) showing no clear trend\(since) (about \(number(slope.value))\(unit) a month, \(level)% CI \(number(slope.lower)) to \(number(slope.upper))\(unit))\(step)."
        }
        // A fall is told as a positive amount, with its interval in the same terms: "falling by about 4 (3 to 5)".
        let falling = slope.value < 0
        let (low, high) = falling ? (-slope.upper, -slope.lower) : (slope.lower, slope.upper)
        return "\(label) \(verb) \(falling ? "falling" : "rising") by about \(number(abs(slope.value)))\(unit) a month (\(level)% CI \(number(low)) to \(number(high))\(unit))\(since)\(step)."
    }

    /// Two significant figures, no trailing zeros: 4.213 → "4.2", 0.04567 → "0.046", 123.4 → "123".
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 10 { return String(Int(x.rounded())) }
        let decimals = max(0, 1 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text == "-0" ? "0" : text
    }

    static func monthName(_ m: Month) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[m.month - 1]) \(m.year)"
    }
}

extension TrendFit {
    func with(summary: String) -> TrendFit {
        TrendFit(key: key, model: model, observations: observations, firstMonth: firstMonth, lastMonth: lastMonth,
                 seasonality: seasonality, coefficients: coefficients, slopePerMonth: slopePerMonth, slopePerYear: slopePerYear,
                 percentChange12Months: percentChange12Months, interventions: interventions, seasonalProfile: seasonalProfile,
                 forecast: forecast, forecastMethod: forecastMethod, confidenceLevel: confidenceLevel, scale: scale,
                 durbinWatson: durbinWatson, summary: summary, warnings: warnings)
    }
}
