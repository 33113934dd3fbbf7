import ClinicNumerics
import Foundation

/// The local linear trend model, a structural time-series model for "where is it heading now":
/// `y_t = μ_t + ε_t`, `μ_{t+1} = μ_t + ν_t + η_t`, `ν_{t+1} = ν_t + ζ_t`, with independent normal
/// `ε` (irregular), `η` (level) and `ζ` (slope) disturbances.
///
/// Method (docs/METHODS.md, "Recent direction"): the Kalman filter with the exact diffuse initialisation
/// of Durbin and Koopman (the initial level and slope are unknown constants, no arbitrary large prior
/// variance); the log-likelihood is the sum over observations after the diffuse ones (statsmodels'
/// `UnobservedComponents(use_exact_diffuse=True)` adds `−½ log 2π` for each of those). Missing months are
/// predicted through. The three variances are estimated by exact maximum likelihood (Nelder–Mead on
/// their logarithms, a search from each of three starts, the best kept). The level and slope at the last observed month are the filtered
/// state there, which equals the smoothed state at that month.
public struct LocalLinearTrend: Sendable {
    public struct Variances: Sendable, Equatable {
        public let irregular: Double
        public let level: Double
        public let slope: Double
        public init(irregular: Double, level: Double, slope: Double) {
            self.irregular = irregular
            self.level = level
            self.slope = slope
        }
    }

    public let variances: Variances
    /// Log-likelihood over the non-diffuse observations.
    public let logLikelihood: Double
    /// The time (index) of the last observation.
    public let lastTime: Int
    /// Level and slope at the last observation, and their covariance `[[var μ, cov], [cov, var ν]]`.
    public let level: Double
    public let slope: Double
    public let covariance: [[Double]]
    /// Observations used after the diffuse start.
    public let effectiveObservations: Int

    /// Runs the filter at given variances over `values` at integer `times` (strictly increasing).
    /// Returns nil with fewer than three observations.
    public static func filter(_ values: [Double], times: [Int], variances: Variances) -> LocalLinearTrend? {
        guard values.count >= 3, values.count == times.count else { return nil }
        guard let run = KalmanRun(values, times: times, variances: variances) else { return nil }
        return LocalLinearTrend(variances: variances, logLikelihood: run.logLikelihood, lastTime: times.last!,
                                level: run.state.0, slope: run.state.1,
                                covariance: [[run.covariance.a, run.covariance.b], [run.covariance.b, run.covariance.d]],
                                effectiveObservations: run.effectiveObservations)
    }

    /// Maximum-likelihood variances, then the filter at them. Nil with fewer than three observations
    /// or when every value is the same (nothing to estimate).
    public static func fit(_ values: [Double], times: [Int]) -> LocalLinearTrend? {
        guard values.count >= 3 else { return nil }
        // Scale: the variance of the first differences (at least a tiny positive number).
        var diffs = [Double]()
        for i in 1..<values.count { diffs.append((values[i] - values[i - 1]) / Double(times[i] - times[i - 1]).squareRoot()) }
        let mean = diffs.reduce(0, +) / Double(diffs.count)
        let scale = diffs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(diffs.count)
        guard scale > 0, scale.isFinite else { return nil }
        let floor = -40.0
        func variances(_ u: [Double]) -> Variances {
            Variances(irregular: scale * exp(max(floor, u[0])), level: scale * exp(max(floor, u[1])), slope: scale * exp(max(floor, u[2])))
        }
        let objective: ([Double]) -> Double = { u in
            guard let run = KalmanRun(values, times: times, variances: variances(u)) else { return .infinity }
            return -run.logLikelihood
        }
        // Starts: mostly irregular (a fixed line through noise), mostly level (a random walk), and between;
        // a search from each, the best kept (the likelihood often has a ridge towards zero variances).
        let starts = [[log(0.5), log(1e-4), log(1e-6)], [log(0.5), log(0.5), log(0.01)], [log(0.05), log(0.9), log(0.01)]]
        var best: NelderMead.Result?
        for start in starts {
            let result = NelderMead.minimize(objective, from: start, step: 1, tolerance: 1e-10, maxEvaluations: 4_000)
            if best == nil || result.value < best!.value { best = result }
        }
        return filter(values, times: times, variances: variances(best!.point))
    }

    /// Forecasts of the level `h` months after the last observation, with the prediction variance of a
    /// new observation (level uncertainty + irregular).
    public func forecast(months h: Int) -> (mean: Double, variance: Double) {
        let t = Double(h)
        let c = covariance
        // Var(μ + hν) plus the disturbances accumulated over h steps.
        var variance = c[0][0] + 2 * t * c[0][1] + t * t * c[1][1] + variances.irregular
        variance += t * variances.level + variances.slope * Double((h - 1) * h * (2 * h - 1)) / 6
        return (level + t * slope, variance)
    }
}

/// 2 × 2 symmetric matrix `[[a, b], [b, d]]`.
private struct Symmetric2: Sendable {
    var a: Double, b: Double, d: Double
    static let zero = Symmetric2(a: 0, b: 0, d: 0)
    /// `T P Tᵀ` with `T = [[1, 1], [0, 1]]`.
    var transitioned: Symmetric2 { Symmetric2(a: a + 2 * b + d, b: b + d, d: d) }
}

/// One pass of the exact-diffuse Kalman filter of the local linear trend.
private struct KalmanRun {
    var state: (Double, Double) = (0, 0)
    var covariance = Symmetric2.zero
    var logLikelihood = 0.0
    var effectiveObservations = 0

    init?(_ y: [Double], times: [Int], variances v: LocalLinearTrend.Variances) {
        var infinite = Symmetric2(a: 1, b: 0, d: 1)   // P∞: the initial state is diffuse.
        var star = Symmetric2.zero                    // P*
        var a = (0.0, 0.0)
        let logTwoPi = log(2 * Double.pi)
        for i in y.indices {
            if i > 0 {
                for _ in 0..<(times[i] - times[i - 1]) {
                    a = (a.0 + a.1, a.1)
                    infinite = infinite.transitioned
                    star = star.transitioned
                    star.a += v.level
                    star.d += v.slope
                }
            }
            let innovation = y[i] - a.0
            let fInfinite = infinite.a
            let fStar = star.a + v.irregular
            if fInfinite > 1e-9 * max(1, infinite.d) {
                // Diffuse update (Durbin & Koopman 2012, §5.2): M∞ = P∞Zᵀ, M* = P*Zᵀ.
                let (m0, m1) = (infinite.a, infinite.b)
                let (s0, s1) = (star.a, star.b)
                a = (a.0 + m0 * innovation / fInfinite, a.1 + m1 * innovation / fInfinite)
                let f2 = fInfinite * fInfinite
                star = Symmetric2(a: star.a + m0 * m0 * fStar / f2 - 2 * s0 * m0 / fInfinite,
                                  b: star.b + m0 * m1 * fStar / f2 - (s0 * m1 + m0 * s1) / fInfinite,
                                  d: star.d + m1 * m1 * fStar / f2 - 2 * s1 * m1 / fInfinite)
                infinite = Symmetric2(a: infinite.a - m0 * m0 / fInfinite, b: infinite.b - m0 * m1 / fInfinite,
                                      d: infinite.d - m1 * m1 / fInfinite)
            } else {
                guard fStar > 0, fStar.isFinite else { return nil }
                infinite = .zero
                let (m0, m1) = (star.a, star.b)
                a = (a.0 + m0 * innovation / fStar, a.1 + m1 * innovation / fStar)
                star = Symmetric2(a: star.a - m0 * m0 / fStar, b: star.b - m0 * m1 / fStar, d: star.d - m1 * m1 / fStar)
                logLikelihood -= 0.5 * (logTwoPi + log(fStar) + innovation * innovation / fStar)
                effectiveObservations += 1
            }
        }
        guard logLikelihood.isFinite, infinite.a <= 1e-9 * max(1, star.a) else { return nil }
        state = a
        covariance = star
    }
}
