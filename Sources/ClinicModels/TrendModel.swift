import ClinicData
import ClinicNumerics
import Foundation

/// Choices for ``TrendModel/fit(_:definition:options:)``.
public struct TrendOptions: Sendable {
    public enum SeasonalityChoice: Sendable, Equatable {
        /// With 24 or more observed months, seasonal terms chosen as ``TrendModel`` documents (a nested
        /// F test at 1%, then the lowest AICc); with fewer, none.
        case automatic
        case fixed(Seasonality)
    }

    public enum ModelChoice: Sendable, Equatable {
        /// Counts whose observed mean is below ``TrendOptions/smallCountMean`` → quasi-Poisson;
        /// everything else → OLS.
        case automatic
        case fixed(TrendModelKind)
    }

    public enum ErrorModelChoice: Sendable, Equatable {
        /// Independent errors unless the OLS residuals fail a Ljung–Box test at 5%; then the error model
        /// with the lowest AICc (``ARMARegression/choose(x:y:terms:times:)``).
        case automatic
        case fixed(ErrorModel)
    }

    public var seasonality: SeasonalityChoice = .automatic
    /// The error model of OLS trend fits (robust and count models assume independent errors).
    public var errorModel: ErrorModelChoice = .automatic
    public var model: ModelChoice = .automatic
    public var interventions: [Intervention] = []
    /// Months to forecast after the last month of the series.
    public var horizon = 6
    public var confidenceLevel = 0.95
    /// Newey–West lag for OLS (nil: `floor(4 (n/100)^(2/9))`).
    public var hacLag: Int?
    /// Report Newey–West standard errors beside the classical ones for OLS fits with independent
    /// errors (``TrendCoefficient/hacStandardError``); off when only the fit's predictions are used.
    public var neweyWest = true
    /// Counts with an observed mean below this are modelled as quasi-Poisson counts.
    public var smallCountMean = 30.0
    /// Population by month: for Poisson models, `log(population)` is the offset (a rate model).
    public var population: [Month: Double] = [:]
    /// Fit a local linear trend for the recent direction (``TrendFit/recentDirection``).
    public var recentDirection = true
    /// Compute ``TrendFit/diagnostics`` (innovations and studentised residuals, for exceptions).
    public var diagnostics = false
    /// Compute ``TrendFit/fitted`` (the model's value for every month of the series, for charts).
    public var fittedValues = false
    /// Report the Ljung–Box test of the OLS residuals (``TrendFit/ljungBoxPValue``) when the error model
    /// is fixed. (With ``ErrorModelChoice/automatic`` the test decides the error model and is always
    /// made.) Off where only the fit's values are read: the exceptions' whole-series fits.
    public var autocorrelationTest = true

    public init() {}
}

/// Fits the trend model of docs/METHODS.md to one monthly series and derives what the clinic reads: slope
/// with its interval, 12-month change, intervention effects, seasonal profile, forecast, one sentence.
///
/// Never throws and never returns NaN: a series that cannot be modelled (no or too few observed months)
/// gives a fit of kind ``TrendModelKind/none`` with the reason in `warnings`. Missing and suppressed
/// months are left out of the fit (the design keeps calendar time). When there are too few months for
/// every term, seasonal terms are dropped first, then interventions, each with a warning.
public enum TrendModel {
    public static func fit(_ series: Series, definition: MetricDefinition, options: TrendOptions = TrendOptions()) -> TrendFit {
        switch plan(series, definition: definition, options: options) {
        case let .done(fit):
            return fit
        case let .ready(plan):
            do {
                return finish(plan, engine: try Engine.fit(plan.kind, design: plan.design, y: plan.y, rows: plan.rows,
                                                          series: series, options: options), options: options)
            } catch {
                return unfitted(plan.series, definition: definition, rows: plan.rows, options: options, warnings: plan.warnings,
                                reason: .notFitted(reason: "\(error)"))
            }
        }
    }

    /// Everything decided before fitting: the model, the rows, the design.
    struct Plan {
        let series: Series
        let definition: MetricDefinition
        let rows: [Int]
        let y: [Double]
        let kind: TrendModelKind
        let trend: TrendDesign
        /// The design restricted to the observed rows.
        let design: DesignMatrix
        let warnings: [TrendWarning]
        /// The batch's shared designs, if the series is fitted in one (the diagnostics' leverages).
        var designs: DesignCache? = nil
    }

    enum Planned {
        case ready(Plan)
        /// Nothing to fit: the result is already known.
        case done(TrendFit)
    }

    static func finish(_ plan: Plan, engine: Engine, options: TrendOptions) -> TrendFit {
        TrendSummary.make(series: plan.series, definition: plan.definition, trend: plan.trend, rows: plan.rows, y: plan.y,
                          engine: engine, options: options, warnings: plan.warnings + engine.warnings, designs: plan.designs)
    }

    static func unfitted(_ series: Series, definition: MetricDefinition, rows: [Int], options: TrendOptions,
                         warnings: [TrendWarning], reason: TrendWarning) -> TrendFit {
        TrendFit(key: series.key, model: .none, observations: rows.count,
                 firstMonth: rows.first.map { series.start.advanced(by: $0) }, lastMonth: rows.last.map { series.start.advanced(by: $0) },
                 seasonality: .none, coefficients: [], slopePerMonth: nil, slopePerYear: nil, percentChange12Months: nil,
                 yearOnYear: TrendSummary.yearOnYear(series), yearComparison: YearComparison.make(series), recentDirection: nil, diagnostics: nil,
                 interventions: [], seasonalProfile: nil, forecast: [], fitted: [], populationOffset: false, forecastMethod: .none, confidenceLevel: options.confidenceLevel,
                 scale: nil, durbinWatson: nil, errorProcess: nil, ljungBoxPValue: nil, warnings: warnings + [reason])
    }

    /// Chooses the model, the seasonal terms and the rows for one series (see ``fit(_:definition:options:)``).
    /// `designs`, when given, shares designs with the other series planned with it.
    static func plan(_ series: Series, definition: MetricDefinition, options: TrendOptions, designs: DesignCache? = nil) -> Planned {
        func trendDesign(_ seasonality: Seasonality, _ interventions: [Intervention]) -> TrendDesign {
            designs?.trend(start: series.start, months: series.values.count, seasonality: seasonality, interventions: interventions)
                ?? TrendDesign(start: series.start, months: series.values.count, seasonality: seasonality, interventions: interventions)
        }
        var warnings = [TrendWarning]()
        let rows = series.values.indices.filter { series.status[$0] == .observed || series.status[$0] == .imputed }
        let y = rows.map { series.values[$0] }
        func none(_ reason: TrendWarning) -> Planned {
            .done(unfitted(series, definition: definition, rows: rows, options: options, warnings: warnings, reason: reason))
        }
        if series.status.allSatisfy({ $0 == .suppressed }) && !series.status.isEmpty {
            return none(.everyMonthSuppressed)
        }
        guard rows.count >= 3 else {
            return none(.tooFewMonths(observed: rows.count))
        }
        let span = series.values.count

        // The model.
        var kind: TrendModelKind
        switch options.model {
        case let .fixed(k): kind = k == .none ? .ols : k
        case .automatic:
            let mean = y.reduce(0, +) / Double(y.count)
            let counts = y.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
            kind = definition.isCount && counts && mean < options.smallCountMean ? .quasiPoisson : .ols
        }
        if kind.isLogLinear && Set(y).count == 1 {
            warnings.append(.constantCounts(value: y[0]))
            kind = .ols
        }
        if kind.isLogLinear, let negative = y.first(where: { $0 < 0 }) {
            warnings.append(.negativeCounts(value: negative))
            kind = .ols
        }

        // Interventions that can be estimated on this span.
        warnings += TrendDesign.excluded(options.interventions, start: series.start, months: span).map(\.warning)

        // Seasonality.
        var seasonality: Seasonality
        switch options.seasonality {
        case let .fixed(s):
            seasonality = s
            if s != .none && Set(y).count == 1 {
                warnings.append(.constantSeasonal(value: y[0]))
                seasonality = .none
            } else if s != .none && rows.count < 24 {
                warnings.append(.seasonalNeedsTwoYears(observed: rows.count))
                seasonality = .none
            }
        case .automatic:
            seasonality = rows.count >= 24 ? chooseSeasonality(series: series, rows: rows, y: y, interventions: options.interventions,
                                                                  designs: designs) : .none
        }

        // Make sure the model leaves residual degrees of freedom.
        var interventions = options.interventions
        var trend = trendDesign(seasonality, interventions)
        if rows.count <= trend.design.terms.count + 1 && seasonality != .none {
            warnings.append(.tooFewMonthsForSeasonal)
            seasonality = .none
            trend = trendDesign(seasonality, interventions)
        }
        if rows.count <= trend.design.terms.count + 1 && !trend.interventions.isEmpty {
            warnings.append(.tooFewMonthsForInterventions)
            interventions = []
            trend = trendDesign(seasonality, interventions)
        }
        let full = trend.design
        func observedDesign() -> DesignMatrix { DesignMatrix(terms: full.terms, matrix: full.matrix.selectingRows(rows), hasIntercept: true) }
        let design = designs?.observedRows(of: trend, rows: rows, observedDesign) ?? observedDesign()
        return .ready(Plan(series: series, definition: definition, rows: rows, y: y, kind: kind, trend: trend,
                           design: design, warnings: warnings, designs: designs))
    }

    /// Seasonal terms must earn their place: each candidate (one or two Fourier pairs, month dummies) is
    /// compared with the model without seasonal terms by a nested F test on OLS fits; among those
    /// significant at 1%, the one with the lowest AICc is chosen; if none is, there are no seasonal terms.
    /// (The strict level keeps a trending but non-seasonal series from picking up spurious seasonality:
    /// with AICc alone, noise selects a Fourier pair in roughly one series in eight.)
    /// `designs`, when given, shares the candidates' designs and factors with the other series on the
    /// same observed months (the factor depends on the months alone; only `y` is the series' own).
    static func chooseSeasonality(series: Series, rows: [Int], y: [Double], interventions: [Intervention],
                                  designs: DesignCache? = nil) -> Seasonality {
        // Residual sums of squares only: pivoted QR and ‖Q₂ᵀy‖², no inference needed here. One scratch
        // space serves the candidates.
        let workspace = QRWorkspace()
        func ols(_ s: Seasonality) -> (rss: Double, parameters: Int)? {
            let trend = designs?.trend(start: series.start, months: series.values.count, seasonality: s, interventions: interventions)
                ?? TrendDesign(start: series.start, months: series.values.count, seasonality: s, interventions: interventions)
            guard rows.count > trend.design.terms.count + 2 else { return nil }
            func factor() -> DesignCache.SeasonalityFactor? {
                let (x, _) = trend.design.matrix.selectingRows(rows).equilibrated()
                guard let qr = try? PivotedQR(x) else { return nil }
                return .init(qr: qr, rank: qr.rank())
            }
            guard let found = designs?.seasonalityFactor(of: trend, rows: rows, factor) ?? factor() else { return nil }
            let qr = found.qr, k = found.rank
            var b = Matrix(rows: rows.count, columns: 1, columnMajor: y)
            guard (try? qr.applyQTranspose(to: &b, reflectors: k, workspace: workspace)) != nil else { return nil }
            var rss = 0.0
            for i in k..<rows.count { rss += b.storage[i] * b.storage[i] }
            return (rss, k)
        }
        guard let base = ols(.none) else { return .none }
        let n = Double(rows.count)
        var best: (Seasonality, Double) = (.none, .infinity)
        for candidate in [Seasonality.fourier(harmonics: 1), .fourier(harmonics: 2), .monthDummies] {
            guard let (rss, k) = ols(candidate), rss > 0 else { continue }
            let extra = k - base.parameters
            guard extra > 0 else { continue }
            let df = rows.count - k
            let f = ((base.rss - rss) / Double(extra)) / (rss / Double(df))
            let p = FisherF(numerator: Double(extra), denominator: Double(df)).survival(f)
            guard p < 0.01 else { continue }
            let parameters = Double(k + 1)
            let aicc = n * log(rss / n) + 2 * parameters + 2 * parameters * (parameters + 1) / (n - parameters - 1)
            if aicc < best.1 { best = (candidate, aicc) }
        }
        return best.0
    }
}
