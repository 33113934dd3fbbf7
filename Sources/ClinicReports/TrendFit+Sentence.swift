import ClinicData
import ClinicModels
import Foundation

/// The plain-English sentence of a trend fit, and the number formats it uses.
extension TrendFit {
    /// "Looked after children are falling by about 4 a month (95% CI 3 to 5) since the Improvement Board
    /// began in Feb 2015."
    public func sentence(definition: MetricDefinition) -> String {
        let fit = self
        let label = definition.label
        if fit.model == .none { return "\(label): \(fit.warnings.last ?? "no model could be fitted")." }
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
        let since = latest.map { " since \($0.label) began in \(Wording.monthName($0.month))" } ?? ""
        // A step at the intervention that the data support (p < 0.05) is told too.
        var step = ""
        if let i = latest, let change = i.levelChange, change.pValue < 0.05 {
            let down = change.value < 0
            let (low, high) = down ? (-change.upper, -change.lower) : (change.lower, change.upper)
            let stepUnit = percent ? "%" : unit
            step = ", after a \(down ? "fall" : "rise") of about \(Wording.number(abs(change.value)))\(stepUnit) when it began (\(level)% CI \(Wording.number(low)) to \(Wording.number(high))\(stepUnit))"
        }
        if slope.lower <= 0 && slope.upper >= 0 {
            return "\(label) \(verb) showing no clear trend\(since) (about \(Wording.number(slope.value))\(unit) a month, \(level)% CI \(Wording.number(slope.lower)) to \(Wording.number(slope.upper))\(unit))\(step)."
        }
        // A fall is told as a positive amount, with its interval in the same terms: "falling by about 4 (3 to 5)".
        let falling = slope.value < 0
        let (low, high) = falling ? (-slope.upper, -slope.lower) : (slope.lower, slope.upper)
        return "\(label) \(verb) \(falling ? "falling" : "rising") by about \(Wording.number(abs(slope.value)))\(unit) a month (\(level)% CI \(Wording.number(low)) to \(Wording.number(high))\(unit))\(since)\(step)."
    }
}

extension ForecastMethod {
    /// How the intervals were made, in words, for the report.
    public var description: String {
        switch self {
        case .none: return "none"
        case let .studentT(df): return "OLS prediction interval (Student t, \(df) df)"
        case let .armaErrors(process, df):
            return "regression with \(process.wording) errors: the trend plus the error predicted from the last months, Student t interval (\(df) df) from the error process's prediction variance and the coefficients' uncertainty"
        case .robustNormal: return "normal prediction interval from the robust scale and the H1 covariance"
        case let .countNormalApproximation(estimated):
            return "normal approximation on the count scale: variance φ·μ + μ²·Var(η̂) (delta method), φ = \(estimated ? "the Pearson dispersion" : "1"); lower bound at least 0"
        }
    }
}

extension ErrorProcess {
    /// "AR(1), φ = 0.71", "ARMA(1,1), φ = 0.9, θ = −0.4", "independent".
    public var wording: String {
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        switch model {
        case .iid: return "independent"
        case .ar1: return "AR(1) (φ = \(f(phi[0])))"
        case .ar2: return "AR(2) (φ₁ = \(f(phi[0])), φ₂ = \(f(phi[1])))"
        case .arma11: return "ARMA(1,1) (φ = \(f(phi[0])), θ = \(f(theta[0])))"
        }
    }
}
