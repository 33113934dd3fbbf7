import ClinicData
import ClinicNumerics
/// Which model a trend was fitted with.
public enum TrendModelKind: String, Sendable, CaseIterable {
    case ols
    case robustHuber = "robust_huber"
    case robustBisquare = "robust_bisquare"
    case poisson
    case quasiPoisson = "quasi_poisson"
    /// Nothing could be fitted (no or too few observed months); see the warnings.
    case none

    /// Coefficients on the log scale (rate ratios), rather than in the series' units.
    public var isLogLinear: Bool { self == .poisson || self == .quasiPoisson }
}

/// One coefficient of a trend model.
public struct TrendCoefficient: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let standardError: Double
    /// Newey–West standard error (OLS only).
    public let hacStandardError: Double?
    public let pValue: Double
}

/// An estimate with its confidence interval.
public struct Estimate: Sendable, Equatable {
    public let value: Double
    public let lower: Double
    public let upper: Double
    /// Two-sided p-value against zero (or against a ratio of 1 for log-linear effects).
    public let pValue: Double
    public init(value: Double, lower: Double, upper: Double, pValue: Double) {
        self.value = value; self.lower = lower; self.upper = upper; self.pValue = pValue
    }
}

/// The estimated effect of one intervention.
public struct InterventionEffect: Sendable, Equatable {
    public let label: String
    public let month: Month
    /// Change in level at the intervention (units of the series; for log-linear models, % change).
    public let levelChange: Estimate?
    /// Change in the monthly slope after it (units per month; for log-linear models, % per month).
    public let slopeChange: Estimate?
    /// The monthly slope since the intervention (trend plus slope change).
    public let slopeSince: Estimate?
    /// The p-value of the joint Wald test that the step and the change of slope are both zero
    /// (`W = bᵀC⁻¹b` on the two coefficients: F(2, n − k) for OLS-kind and quasi-Poisson fits, χ²₂
    /// otherwise); nil unless the intervention has both terms. Two collinear terms can each be unclear
    /// while together they are plain.
    public var jointPValue: Double? = nil
    /// Where the series stands at ``effectMonth`` (the last observed month) against where the trend
    /// before the intervention would have put it: the step plus the change of slope times the months
    /// since (`b_level + k·b_slope`, `k` = months from the intervention to the last observed month),
    /// with its interval from the two coefficients' covariance (`Var = C_ll + 2k·C_ls + k²·C_ss`) and the
    /// coefficient tests' reference distribution; % for log-linear models. The single figure that
    /// answers "how far has it moved", where the step and the slope change alone are often each
    /// unclear (they are collinear); nil when the intervention has neither term.
    public var effectNow: Estimate? = nil
    /// The month ``effectNow`` is measured at.
    public var effectMonth: Month? = nil
    /// How the change of slope is carried into the forecast (``Intervention/forecastDamping``): nil,
    /// undamped.
    public var forecastDamping: Double? = nil

    /// Which terms the intervention had in the design: a step, a change of slope, or both.
    public var effect: Intervention.Effect {
        switch (levelChange, slopeChange) {
        case (_?, nil): .level
        case (nil, _?): .slope
        default: .both
        }
    }
}

/// How a trend model's forecast intervals are computed.
public enum ForecastMethod: Sendable, Equatable {
    /// No forecast (nothing was fitted).
    case none
    /// OLS prediction interval: `ŷ ± t(df)·√(σ̂² + xᵀCx)`.
    case studentT(degreesOfFreedom: Int)
    /// Regression with ARMA errors: `xᵀβ̂ + ê_{t}` (the error predicted from the last residuals) ±
    /// `t(df)·√(σ̂² v_h + dᵀCd)`, `v_h` the process's h-step prediction variance and `d` the part of the
    /// design row the past data do not predict (``ARMAErrorFit/forecast(x:futureRows:futureTimes:)``).
    case armaErrors(ErrorProcess, degreesOfFreedom: Int)
    /// Robust fits: `ŷ ± z·√(s² + xᵀCx)` with the robust scale `s` and the H1 covariance `C`.
    case robustNormal
    /// Poisson and quasi-Poisson: a normal approximation on the count scale, variance `φ·μ + μ²·xᵀCx`
    /// (delta method), `φ` = 1 or the Pearson dispersion when estimated; the lower bound is at least 0.
    case countNormalApproximation(estimatedDispersion: Bool)
}

/// Which way a series is heading now: the level and slope at its last observed month from a local
/// linear trend (``LocalLinearTrend``) fitted to the series (seasonally adjusted by the trend model's
/// seasonal profile when it has one). Intervals use the normal quantile and the filter's state
/// covariance at the ML variances.
public struct RecentDirection: Sendable, Equatable {
    public let month: Month
    /// The underlying level at `month`, in the series' units.
    public let level: Estimate
    /// Its change per month at `month`, in the series' units.
    public let slopePerMonth: Estimate
    public let variances: LocalLinearTrend.Variances
    /// Whether the series was seasonally adjusted before the local trend was fitted.
    public let seasonallyAdjusted: Bool
    /// The smoothed underlying level (seasonally adjusted when ``seasonallyAdjusted``) for each month
    /// from `pathStart` to `month`, from the fixed-interval smoother at the ML variances; empty unless
    /// ``TrendOptions/fittedValues`` asked for it (charts draw it).
    public let levelPath: [Double]
    public let pathStart: Month

    /// The least slope variance the recent direction allows, as a fraction of the irregular and level
    /// variances together (``LocalLinearTrend/fit(_:times:minimumSlopeRatio:)``). Without a floor,
    /// maximum likelihood often sets the slope variance to about 1e-17 of the others and "recent" is the
    /// slope of the whole span (8 of the bundled 13 series). Chosen by simulation
    /// (`RecentDirectionTests`: 120 months of unit noise whose trend changed 6 to 24 months before the
    /// end by 3σ or 6σ a year): on a grid from 1/14,400 (the Hodrick–Prescott smoothing for monthly
    /// data) to 1/100, the 95% interval of the slope now covered the new slope in 52%, 62%, 70%, 77%,
    /// 88%, 91%, 92.5%, 94% and 99% of series at 1/14,400, 1/3,600, 1/1,600, 1/900, 1/400, 1/300, 1/250,
    /// 1/200 and 1/100 (sign right in 96–99%); 1/200 is the smallest with a margin over 90%. The price
    /// is width: about ±0.31 a month against ±0.15 for plain ML on those series.
    public static let minimumSlopeRatio = 1.0 / 200
}

/// The change over the last year read from the data themselves: the latest observed month against the
/// same month a year earlier (nil when either is not observed). Imputed months do not count here, though
/// the models fit them: this is what was reported, not what was filled in.
public struct YearOnYearChange: Sendable, Equatable {
    public let month: Month
    public let value: Double
    public let yearEarlier: Double
    /// `value − yearEarlier`, in the series' units.
    public var difference: Double { value - yearEarlier }
    /// Relative change in %, nil when the value a year earlier is 0.
    public var percent: Double? { yearEarlier != 0 ? 100 * (value - yearEarlier) / abs(yearEarlier) : nil }
}

/// One forecast month: the prediction and its interval at the fit's confidence level.
///
/// Contract: `lower = max(floor, centre − q·standardError)`, `upper = max(floor, centre + q·standardError)`
/// and `mean = max(floor, centre)`, with `q` the Student t quantile on `degreesOfFreedom` (the normal
/// when nil) and `floor` 0 for counts (−∞ otherwise), so ``interval(level:)`` gives the interval at
/// any other level exactly, without refitting.
public struct ForecastPoint: Sendable, Equatable {
    public let month: Month
    public let mean: Double
    public let lower: Double
    public let upper: Double
    /// The prediction before any floor (the count-scale mean for count models).
    public let centre: Double
    /// The standard deviation of the forecast error, in the series' units.
    public let standardError: Double
    /// Degrees of freedom of the interval's t quantile; nil for the normal quantile.
    public let degreesOfFreedom: Int?
    /// The lowest value the series can take (0 for counts, −∞ otherwise).
    public let floor: Double

    public init(month: Month, centre: Double, standardError: Double, degreesOfFreedom: Int?, floor: Double, level: Double) {
        self.init(month: month, centre: centre, standardError: standardError, degreesOfFreedom: degreesOfFreedom, floor: floor,
                  quantile: ForecastPoint.quantile(level: level, degreesOfFreedom: degreesOfFreedom))
    }

    /// `quantile` must be ``quantile(level:degreesOfFreedom:)`` at the fit's level (computed once per fit).
    init(month: Month, centre: Double, standardError: Double, degreesOfFreedom: Int?, floor: Double, quantile q: Double) {
        self.month = month
        self.centre = centre
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.floor = floor
        mean = max(floor, centre)
        lower = max(floor, centre - q * standardError)
        upper = max(floor, centre + q * standardError)
    }

    /// The same forecast with its interval at `level` (for example 0.99 beside a 0.95 fit).
    public func interval(level: Double) -> ForecastPoint {
        ForecastPoint(month: month, centre: centre, standardError: standardError, degreesOfFreedom: degreesOfFreedom,
                      floor: floor, level: level)
    }

    /// The two-sided quantile `Q((1 + level) / 2)` of Student t on `degreesOfFreedom`, or of the normal.
    static func quantile(level: Double, degreesOfFreedom: Int?) -> Double {
        let probability = (1 + level) / 2
        if let df = degreesOfFreedom { return StudentT(degreesOfFreedom: Double(df)).quantile(probability) }
        return Normal.quantile(probability)
    }
}

/// A fitted trend model for one series, with everything a clinic needs to read it.
///
/// Contract: no field holds NaN or infinity. Where a quantity cannot be estimated it is nil and
/// ``warnings`` says why (a constant series has zero-width intervals and a warning).
public struct TrendFit: Sendable {
    public let key: SeriesKey
    public let model: TrendModelKind
    /// Observed months used.
    public let observations: Int
    public let firstMonth: Month?
    public let lastMonth: Month?
    public let seasonality: Seasonality
    public let coefficients: [TrendCoefficient]
    /// Change per month: in units (OLS, robust) or in % (log-linear models), with its interval.
    public let slopePerMonth: Estimate?
    /// The same per year (12 × the monthly slope; compounded for log-linear models).
    public let slopePerYear: Estimate?
    /// Percentage change of the fitted value over the last 12 months (nil with fewer than 13 months,
    /// or when the fitted value a year ago is zero).
    public let percentChange12Months: Double?
    /// The last observed month against the same month a year earlier, from the data.
    public let yearOnYear: YearOnYearChange?
    /// The last 12 months' average against the 12 before, with its test (nil with too few months).
    /// Settable so that a refit which follows a change found in the data can keep the long-run model's
    /// comparison: a change the model has absorbed must not shrink the noise its own evidence is
    /// measured against.
    public var yearComparison: YearComparison?
    /// The level and slope now, from a local linear trend (nil when not requested or not estimable).
    public let recentDirection: RecentDirection?
    /// Innovations and studentised residuals (when ``TrendOptions/diagnostics`` asks; OLS kinds only).
    public let diagnostics: TrendDiagnostics?
    public let interventions: [InterventionEffect]
    /// Seasonal effect of each calendar month (January first) relative to the average month, in units
    /// (or % for log-linear models); nil without seasonal terms.
    public let seasonalProfile: [Double]?
    public internal(set) var forecast: [ForecastPoint]
    /// When ``forecast`` is an average over placements of an intervention's month
    /// (``averagingForecast(over:dispersion:)``): each month the intervention was placed at and its weight, in
    /// month order; empty when the forecast is this fit's own.
    public internal(set) var forecastPlacements: [ForecastPlacement] = []
    /// When the forecast's ranges allow for a change the data hinted at but did not support
    /// (``allowingInForecast(_:changeAt:)``): its month and the weight it was given; nil otherwise.
    public internal(set) var forecastAllowance: ForecastAllowance? = nil
    /// The model's value for each month of the series from its first month (``TrendOptions/fittedValues``;
    /// empty otherwise): `xᵀβ̂` (the trend, seasonal and intervention terms, without the predicted error
    /// of an ARMA process), or `exp(xᵀβ̂ + offset)` for count models. In the series' units.
    public internal(set) var fitted: [Double]
    /// Whether a count model used `log(population)` as its offset: its slopes and effects are then
    /// changes in the rate per child, and its forecasts use the population of each forecast month.
    public let populationOffset: Bool
    /// How the forecast intervals were made.
    public let forecastMethod: ForecastMethod
    public let confidenceLevel: Double
    /// Residual standard deviation (OLS with independent errors), the innovation standard deviation σ̂
    /// of the error process (OLS with ARMA errors; smaller than the residuals' own SD), robust scale
    /// (robust models) or dispersion (quasi-Poisson).
    public let scale: Double?
    /// The Poisson deviance `2 Σ [y log(y/μ) − (y − μ)]` of a count model (nil for other kinds).
    public internal(set) var deviance: Double? = nil
    /// `log|Ω|` of the error process of an OLS fit with ARMA errors (``ARMAErrorFit/logDeterminant``);
    /// nil with independent errors and for other kinds.
    public internal(set) var errorLogDeterminant: Double? = nil
    public let durbinWatson: Double?
    /// The error process behind the intervals of an OLS-kind fit (``ErrorProcess/iid`` when the errors
    /// were taken as independent); nil for robust and count models, which assume independent errors.
    public let errorProcess: ErrorProcess?
    /// Ljung–Box p-value of the OLS residuals (OLS-kind fits): small values mean autocorrelated errors.
    public let ljungBoxPValue: Double?
    public let warnings: [TrendWarning]
}

extension TrendFit {
    /// Lets ``fitted`` go in place, for holding many fits whose values per month are no longer needed (no
    /// copy of the fit: an array of fits can drop theirs without copying each one).
    public mutating func removeFittedValues() {
        fitted = []
    }

    /// `value` with the seasonal effect of its calendar month (1 = January) taken out: minus the effect
    /// for linear models, divided by `1 + effect/100` for log-linear ones (whose profile is in %).
    static func removingSeasonalEffect(_ value: Double, calendarMonth: Int, profile: [Double], logLinear: Bool) -> Double {
        let effect = profile[calendarMonth - 1]
        return logLinear ? value / (1 + effect / 100) : value - effect
    }

    /// `value`, observed in `month`, seasonally adjusted by this fit's profile (unchanged without one).
    public func seasonallyAdjusted(_ value: Double, in month: Month) -> Double {
        guard let seasonalProfile else { return value }
        return Self.removingSeasonalEffect(value, calendarMonth: month.month, profile: seasonalProfile, logLinear: model.isLogLinear)
    }
}
