import ClinicData
import ClinicNumerics
import Foundation

/// A dated event whose effect on a series is estimated: a new front door, an improvement board.
public struct Intervention: Sendable, Hashable {
    public enum Effect: String, Sendable { case level, slope, both }

    /// Short name used in term names (`level:LABEL`, `slope:LABEL`) and sentences.
    public let label: String
    /// The first month the intervention is in force.
    public let month: Month
    public let effect: Effect
    /// How a change of slope is carried beyond the series' last month, in forecasts: nil, on as fitted
    /// (a planned service change whose effect is expected to last); ρ in (0, 1), damped, the slope column
    /// growing by ρ, ρ², … a month after the last instead of by 1 (a damped trend, Gardner and McKenzie
    /// 1985), so that h months on the change of slope has added `ρ(1 − ρʰ)/(1 − ρ)` months of its slope,
    /// at most `ρ/(1 − ρ)`. Fitting is not affected: the column is damped only past the series' last month
    /// (the forecast's months; months inside the series that were not observed keep the plain column).
    public let forecastDamping: Double?

    public init(label: String, month: Month, effect: Effect = .both, forecastDamping: Double? = nil) {
        precondition(forecastDamping.map { $0 > 0 && $0 < 1 } ?? true, "a damping factor is between 0 and 1")
        self.label = label
        self.month = month
        self.effect = effect
        self.forecastDamping = forecastDamping
    }

    /// The months of a change of slope carried `h` months past the series' last month: `h` when `rho` is
    /// nil, `ρ + ρ² + … + ρʰ = ρ(1 − ρʰ)/(1 − ρ)` when damped by ρ (``forecastDamping``).
    public static func monthsCarried(_ h: Int, damping rho: Double?) -> Double {
        guard let rho else { return Double(h) }
        return rho * (1 - pow(rho, Double(h))) / (1 - rho)
    }
}

/// How the seasonal pattern enters a trend model.
public enum Seasonality: Sendable, Hashable {
    case none
    /// Eleven month-of-year indicators (`month_02` … `month_12`; January is the reference).
    case monthDummies
    /// `harmonics` sine/cosine pairs of period 12 (`sin1`, `cos1`, …).
    case fourier(harmonics: Int)
}

/// The design of a monthly trend model (docs/METHODS.md):
/// `y_t = b0 + b1·t + seasonal(t) + Σ_k [level_k·1(t ≥ T_k) + slope_k·max(0, t − T_k)] + e_t`,
/// with `t` counted in months from the first month of the series (0, 1, 2, …).
///
/// Term names follow the CLI contract: `(Intercept)`, `trend`, `month_02` … `month_12` or `sin1`,
/// `cos1`, `sin2`, `cos2`, and `level:LABEL`, `slope:LABEL`. Fourier terms use calendar months:
/// `sin_k = sin(2πk·m/12)`, `cos_k = cos(2πk·m/12)` with `m` = 1 … 12 (as R's `tsModel::harmonic`).
public struct TrendDesign: Sendable {
    public let start: Month
    public let months: Int
    public let seasonality: Seasonality
    /// The interventions whose terms are in the design (those with months on both sides), in date order.
    public let interventions: [Intervention]
    public let design: DesignMatrix

    /// Builds the design over `months` months from `start`. Interventions outside the span (no month
    /// before, or none from, their date) are left out; ``excluded(_:start:months:)`` says which.
    public init(start: Month, months: Int, seasonality: Seasonality, interventions: [Intervention]) {
        self.start = start
        self.months = months
        self.seasonality = seasonality
        // In date order, so that "the latest" and "the slope since" read the design the same way.
        let usable = interventions.enumerated().filter { Self.isEstimable($0.element, start: start, months: months) }
            .sorted { ($0.element.month, $0.offset) < ($1.element.month, $1.offset) }.map(\.element)
        self.interventions = usable
        var columns: [(name: String, values: [ExtendedDouble])] = [("trend", (0..<months).map { ExtendedDouble($0) })]
        let calendar = (0..<months).map { start.advanced(by: $0).month }
        switch seasonality {
        case .none: break
        case .monthDummies:
            for m in 2...12 { columns.append((String(format: "month_%02d", m), calendar.map { $0 == m ? 1 : 0 })) }
        case let .fourier(harmonics):
            for k in 1...max(1, harmonics) {
                columns.append(("sin\(k)", calendar.map { ExtendedDouble(sin(2 * Double.pi * Double(k * $0) / 12)) }))
                columns.append(("cos\(k)", calendar.map { ExtendedDouble(cos(2 * Double.pi * Double(k * $0) / 12)) }))
            }
        }
        for i in usable {
            let at = start.distance(to: i.month)
            if i.effect != .slope { columns.append(("level:\(i.label)", (0..<months).map { $0 >= at ? 1 : 0 })) }
            if i.effect != .level { columns.append(("slope:\(i.label)", (0..<months).map { ExtendedDouble(max(0, $0 - at)) })) }
        }
        design = .build(rows: months, intercept: true, columns: columns)
    }

    /// An intervention's effect can be estimated only with at least one month before it and one from it.
    static func isEstimable(_ i: Intervention, start: Month, months: Int) -> Bool {
        let at = start.distance(to: i.month)
        return at >= 1 && at <= months - 1
    }

    /// The interventions that cannot be estimated on this span, with the reason.
    public static func excluded(_ interventions: [Intervention], start: Month, months: Int) -> [(intervention: Intervention, warning: TrendWarning)] {
        interventions.compactMap { i in
            let at = start.distance(to: i.month)
            if at < 1 { return (i, .interventionBeforeSeries(label: i.label, month: i.month, firstMonth: start)) }
            if at > months - 1 { return (i, .interventionAfterSeries(label: i.label, month: i.month, lastMonth: start.advanced(by: months - 1))) }
            return nil
        }
    }

    /// The design row for month offset `t` (which may lie beyond the fitted span, for forecasts; there an
    /// intervention's change of slope is carried as its ``Intervention/forecastDamping`` says).
    public func row(at t: Int) -> [Double] {
        let m = start.advanced(by: t).month
        var row: [Double] = [1, Double(t)]
        switch seasonality {
        case .none: break
        case .monthDummies: for k in 2...12 { row.append(m == k ? 1 : 0) }
        case let .fourier(harmonics):
            for k in 1...max(1, harmonics) {
                row.append(sin(2 * Double.pi * Double(k * m) / 12))
                row.append(cos(2 * Double.pi * Double(k * m) / 12))
            }
        }
        for i in interventions {
            let at = start.distance(to: i.month)
            if i.effect != .slope { row.append(t >= at ? 1 : 0) }
            if i.effect != .level {
                if i.forecastDamping != nil, t >= months {
                    row.append(Double(max(0, months - 1 - at)) + Intervention.monthsCarried(t - months + 1, damping: i.forecastDamping))
                } else {
                    row.append(Double(max(0, t - at)))
                }
            }
        }
        return row
    }
}
