import ClinicData
import ClinicNumerics
import Foundation

/// Turns a fitted trend model into the quantities the clinic reads (the sentence about them is
/// written by ClinicReports).
enum TrendSummary {
    static func make(series: Series, definition: MetricDefinition, trend: TrendDesign, rows: [Int], y: [Double],
                     engine: TrendModel.Engine, options: TrendOptions, warnings: [TrendWarning], designs: DesignCache? = nil) -> TrendFit {
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

        // Intervention effects (the design holds them in date order). The slope since one began is the
        // trend plus the slope changes of every intervention up to it, with their covariances.
        var sinceTerms = [Int]()
        if let (_, trendIndex) = engine.estimate("trend") { sinceTerms.append(trendIndex) }
        let effects = trend.interventions.map { i -> InterventionEffect in
            let levelTerm = engine.estimate("level:\(i.label)"), slopeTerm = engine.estimate("slope:\(i.label)")
            let level = levelTerm.map { effect($0.value, se($0.index), engine.pValues[$0.index]) }
            let slopeChange = slopeTerm.map { effect($0.value, se($0.index), engine.pValues[$0.index]) }
            var since: Estimate?
            if let (_, index) = slopeTerm, !sinceTerms.isEmpty {
                sinceTerms.append(index)
                let value = sinceTerms.reduce(0.0) { $0 + engine.estimates[$1] }
                var variance = 0.0
                for a in sinceTerms { for b in sinceTerms { variance += engine.covariance[a, b] } }
                let s = max(0, variance).squareRoot()
                since = effect(value, s, twoSidedP(value, s))
            }
            // The step plus the slope change's months since, at the last observed month.
            var now: (Estimate, Month)?
            if let last = rows.last, levelTerm != nil || slopeTerm != nil {
                let k = Double(max(0, last - trend.start.distance(to: i.month)))
                var value = 0.0, variance = 0.0
                if let (b, a) = levelTerm { value += b; variance += engine.covariance[a, a] }
                if let (b, c) = slopeTerm {
                    value += k * b
                    variance += k * k * engine.covariance[c, c]
                    if let (_, a) = levelTerm { variance += 2 * k * engine.covariance[a, c] }
                }
                let s = max(0, variance).squareRoot()
                now = (effect(value, s, twoSidedP(value, s)), trend.start.advanced(by: last))
            }
            var effect = InterventionEffect(label: i.label, month: i.month, levelChange: level, slopeChange: slopeChange, slopeSince: since)
            effect.effectNow = now?.0
            effect.effectMonth = now?.1
            effect.forecastDamping = slopeTerm == nil ? nil : i.forecastDamping
            if let (bl, a) = levelTerm, let (bs, b) = slopeTerm {
                let caa = engine.covariance[a, a], cbb = engine.covariance[b, b], cab = engine.covariance[a, b]
                let determinant = caa * cbb - cab * cab
                if determinant > 0 && determinant.isFinite {
                    let w = (bl * bl * cbb - 2 * bl * bs * cab + bs * bs * caa) / determinant
                    if engine.kind == .ols || engine.kind == .quasiPoisson {
                        effect.jointPValue = p(FisherF(numerator: 2, denominator: Double(max(1, rows.count - engine.terms.count))).survival(w / 2))
                    } else {
                        effect.jointPValue = p(ChiSquared(degreesOfFreedom: 2).survival(w))
                    }
                }
            }
            return effect
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
        let method: ForecastMethod
        switch engine.kind {
        case .ols, .none:
            if let arma = engine.armaFit { method = .armaErrors(arma.process, degreesOfFreedom: arma.degreesOfFreedom) }
            else { method = .studentT(degreesOfFreedom: rows.count - engine.terms.count) }
        case .robustHuber, .robustBisquare: method = .robustNormal
        case .poisson, .quasiPoisson: method = .countNormalApproximation(estimatedDispersion: engine.kind == .quasiPoisson)
        }
        let futureTimes = options.horizon > 0 ? Array(span...(span - 1 + options.horizon)) : []
        // With ARMA errors: the GLS predictor (trend + predicted error, its variance from the error
        // process and the part of the coefficients' uncertainty the recent data do not pin down).
        let armaForecast = engine.armaFit.map { arma in
            arma.forecast(x: trend.design.matrix.selectingRows(rows).selectingColumns(engine.columns),
                          futureRows: futureTimes.map { t in let row = trend.row(at: t); return engine.columns.map { row[$0] } },
                          futureTimes: futureTimes)
        }
        // The degrees of freedom of the interval quantile `q` (nil: the normal), so the forecast can be
        // re-read at any level (``ForecastPoint/interval(level:)``).
        let degreesOfFreedom: Int?
        switch engine.kind {
        case .ols, .none: degreesOfFreedom = engine.armaFit?.degreesOfFreedom ?? (rows.count - engine.columns.count)
        case .quasiPoisson: degreesOfFreedom = rows.count - engine.columns.count
        case .robustHuber, .robustBisquare, .poisson: degreesOfFreedom = nil
        }
        for (h, t) in futureTimes.enumerated() {
            let month = series.start.advanced(by: t)
            var (eta, variance) = engine.linearPredictor(trend.row(at: t))
            switch engine.kind {
            case .ols, .none, .robustHuber, .robustBisquare:
                var total = engine.scale * engine.scale + variance
                if let p = armaForecast?[h] { eta = p.mean; total = p.variance }
                // A count cannot be negative: neither its forecast nor the interval's lower end.
                forecast.append(ForecastPoint(month: month, centre: eta, standardError: total.squareRoot(), degreesOfFreedom: degreesOfFreedom,
                                              floor: definition.isCount ? 0 : -.infinity, quantile: q))
            case .poisson, .quasiPoisson:
                let offset = (options.population[month] ?? lastPopulation).map { log($0) } ?? 0
                let mu = exp(eta + offset)
                forecast.append(ForecastPoint(month: month, centre: mu, standardError: (engine.scale * mu + mu * mu * variance).squareRoot(),
                                              degreesOfFreedom: degreesOfFreedom, floor: 0, quantile: q))
            }
        }

        /// `xᵀβ̂` for every month of the span (`exp(xᵀβ̂ + offset)` for count models).
        func fittedValues() -> [Double] {
            (0..<span).map { t in
                let eta = engine.linearPredictor(trend.row(at: t)).value
                guard logLinear else { return eta }
                let offset = (options.population[series.start.advanced(by: t)] ?? lastPopulation).map { log($0) } ?? 0
                return exp(eta + offset)
            }
        }

        let recent = options.recentDirection
            ? recentDirection(series: series, rows: rows, y: y, profile: profile, logLinear: logLinear, level: options.confidenceLevel,
                              withPath: options.fittedValues)
            : nil

        var fit = TrendFit(
            key: series.key, model: engine.kind, observations: rows.count,
            firstMonth: rows.first.map { series.start.advanced(by: $0) }, lastMonth: rows.last.map { series.start.advanced(by: $0) },
            seasonality: trend.seasonality, coefficients: coefficients, slopePerMonth: slope, slopePerYear: slopeYear,
            percentChange12Months: change12.flatMap { $0.isFinite ? $0 : nil }, yearOnYear: yearOnYear(series),
            yearComparison: YearComparison.make(series, noise: yearNoise(engine: engine, rows: rows)) { value, month in
                profile.map { TrendFit.removingSeasonalEffect(value, calendarMonth: month.month, profile: $0, logLinear: logLinear) } ?? value
            },
            recentDirection: recent,
            diagnostics: options.diagnostics ? TrendDiagnostics.make(series: series, trend: trend, rows: rows, y: y, engine: engine, designs: designs) : nil,
            interventions: effects, seasonalProfile: profile,
            forecast: forecast, fitted: options.fittedValues ? fittedValues() : [],
            populationOffset: logLinear && !options.population.isEmpty, forecastMethod: method, confidenceLevel: options.confidenceLevel,
            scale: engine.scale.isFinite ? engine.scale : nil, durbinWatson: engine.durbinWatson.flatMap { $0.isFinite ? $0 : nil },
            errorProcess: engine.kind == .ols ? (engine.armaFit?.process ?? .iid) : nil,
            ljungBoxPValue: engine.ljungBoxPValue, warnings: warnings)
        fit.deviance = engine.deviance.flatMap { $0.isFinite ? $0 : nil }
        fit.errorLogDeterminant = engine.armaFit.flatMap { $0.logDeterminant.isFinite ? $0.logDeterminant : nil }
        return fit
    }

    /// The noise of the year's comparison (``YearComparison/Noise``) from the fitted model: its error
    /// process (OLS kinds), its robust scale, or its dispersion (count models).
    static func yearNoise(engine: TrendModel.Engine, rows: [Int]) -> YearComparison.Noise {
        let scale = engine.scale
        guard scale.isFinite, scale > 0 else { return .windows }
        let df = max(1, rows.count - engine.terms.count)
        switch engine.kind {
        case .ols, .none:
            if let arma = engine.armaFit {
                return .model(autocovariances: arma.process.autocovariances(upTo: 23).map { $0 * scale * scale },
                              degreesOfFreedom: arma.degreesOfFreedom, residuals: engine.residuals)
            }
            return .model(autocovariances: [scale * scale], degreesOfFreedom: df, residuals: engine.residuals)
        case .robustHuber, .robustBisquare:
            return .model(autocovariances: [scale * scale], degreesOfFreedom: nil)
        case .poisson:
            return .counts(dispersion: 1, degreesOfFreedom: nil)
        case .quasiPoisson:
            return .counts(dispersion: scale, degreesOfFreedom: df)
        }
    }

    /// The last observed month against the same month a year earlier, both observed.
    static func yearOnYear(_ series: Series) -> YearOnYearChange? {
        guard let last = series.values.indices.last(where: { series.status[$0] == .observed }), last >= 12,
              series.status[last - 12] == .observed else { return nil }
        return YearOnYearChange(month: series.start.advanced(by: last), value: series.values[last], yearEarlier: series.values[last - 12])
    }

    /// The local linear trend through the observed months, after removing the seasonal profile (added
    /// for linear models, as a factor for log-linear ones).
    static func recentDirection(series: Series, rows: [Int], y: [Double], profile: [Double]?, logLinear: Bool,
                                level: Double, withPath: Bool = false) -> RecentDirection? {
        guard rows.count >= 6, let last = rows.last else { return nil }
        var adjusted = y
        if let profile {
            for (i, r) in rows.enumerated() {
                adjusted[i] = TrendFit.removingSeasonalEffect(y[i], calendarMonth: series.start.advanced(by: r).month,
                                                              profile: profile, logLinear: logLinear)
            }
        }
        guard let llt = LocalLinearTrend.fit(adjusted, times: rows, minimumSlopeRatio: RecentDirection.minimumSlopeRatio) else { return nil }
        let z = Normal.quantile((1 + level) / 2)
        func estimate(_ value: Double, _ variance: Double) -> Estimate {
            let se = max(0, variance).squareRoot()
            let p = se > 0 ? 2 * Normal.cdf(-abs(value / se)) : (value == 0 ? 1 : 0)
            return Estimate(value: value, lower: value - z * se, upper: value + z * se, pValue: p)
        }
        var path = [Double]()
        if withPath, let states = LocalLinearTrend.smooth(adjusted, times: rows, variances: llt.variances) {
            path = states.map(\.level).filter(\.isFinite)
            if path.count != states.count { path = [] }
        }
        return RecentDirection(month: series.start.advanced(by: last), level: estimate(llt.level, llt.covariance[0][0]),
                               slopePerMonth: estimate(llt.slope, llt.covariance[1][1]), variances: llt.variances,
                               seasonallyAdjusted: profile != nil, levelPath: path, pathStart: series.start.advanced(by: rows[0]))
    }
}
