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
/// predicted through. The three variances are estimated by exact maximum likelihood (the common scale
/// in closed form, Nelder–Mead over the two proportions: a short search from each of three starts, then a full one
/// from the best).
/// The level and slope at the last observed month are the filtered
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
    ///
    /// The overall scale is concentrated out: with the variances `s²·(w_ε, w_η, w_ζ)` the filter's gains
    /// do not depend on `s²`, whose ML value is `Σ v_t²/F*_t / n` in closed form, so the search is over
    /// the two free proportions `w = softmax(0, u₁, u₂)` only (any of the three can approach zero).
    ///
    /// `minimumSlopeRatio` (default 0: unconstrained ML) keeps the slope variance at least that
    /// fraction of the irregular and level variances together, `σ²_ζ ≥ r·(σ²_ε + σ²_η)`; the
    /// likelihood is maximised on that set. Unconstrained, the ML slope variance is often 1e-17 of the
    /// others on a long series, and the slope "now" is then the slope of the whole span.
    public static func fit(_ values: [Double], times: [Int], minimumSlopeRatio: Double = 0) -> LocalLinearTrend? {
        guard values.count >= 3 else { return nil }
        var spread = 0.0
        for i in 1..<values.count { spread = max(spread, abs(values[i] - values[0])) }
        guard spread > 0, spread.isFinite else { return nil }
        func weights(_ u: [Double]) -> Variances {
            let e1 = exp(max(-60, min(60, u[0]))), e2 = max(exp(max(-60, min(60, u[1]))), minimumSlopeRatio * (1 + e1))
            let total = 1 + e1 + e2
            return Variances(irregular: 1 / total, level: e1 / total, slope: e2 / total)
        }
        func concentrated(_ w: Variances) -> (logLikelihood: Double, scale: Double)? {
            guard let run = KalmanRun(values, times: times, variances: w), run.effectiveObservations > 0 else { return nil }
            let n = Double(run.effectiveObservations)
            let scale = run.sumOfStandardisedSquares / n
            guard scale > 0, scale.isFinite else { return nil }
            return (-0.5 * (n * (log(2 * Double.pi * scale) + 1) + run.sumOfLogVariances), scale)
        }
        let objective: ([Double]) -> Double = { u in concentrated(weights(u)).map { -$0.logLikelihood } ?? .infinity }
        // Starts: mostly irregular (a fixed line through noise), level and irregular alike, mostly level
        // (a random walk): the likelihood often has a ridge towards zero variances, and more than one
        // local maximum.
        let starts: [[Double]] = [[log(2e-4), log(2e-6)], [0, log(0.02)], [log(18), log(0.2)]]
        // A short search from each start (20 evaluations: on 304 simulated and R series the maximum was
        // the same to 1e-6 with 20, 30, 40 or 60), then Newton's method from the best of them; where
        // Newton cannot vouch for a minimum (a Hessian that is not positive definite near a boundary of
        // the variances), a full simplex search. About 90 filter runs a fit, where three scouts of 60
        // and a full simplex search took about 370.
        let scouts = starts.map { NelderMead.minimize(objective, from: $0, step: 2, tolerance: 1e-4, maxEvaluations: 20) }
        let scout = scouts.min { $0.value < $1.value }!
        let best: (point: [Double], value: Double)
        if let polished = NewtonPolish.minimize(objective, from: scout.point, value: scout.value, tolerance: 1e-14, maxIterations: 40) {
            best = (polished.point, polished.value)
        } else {
            let search = NelderMead.minimize(objective, from: scout.point, step: 1, tolerance: 1e-8, maxEvaluations: 2_000)
            best = (search.point, search.value)
        }
        let w = weights(best.value <= scout.value ? best.point : scout.point)
        guard let (_, scale) = concentrated(w) else { return nil }
        return filter(values, times: times, variances: Variances(irregular: scale * w.irregular, level: scale * w.level, slope: scale * w.slope))
    }

    /// Forecasts of the level `h` months after the last observation, with the prediction variance of a
    /// new observation (level uncertainty + irregular). Tested against statsmodels; not yet used by
    /// `clinic fit` (the trend model forecasts), kept for the pack's chart.
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
    /// `Σ v²/F` and `Σ log F` over the non-diffuse observations (for concentrating out a common scale).
    var sumOfStandardisedSquares = 0.0
    var sumOfLogVariances = 0.0

    init?(_ y: [Double], times: [Int], variances v: LocalLinearTrend.Variances) {
        var infinite = Symmetric2(a: 1, b: 0, d: 1)   // P∞: the initial state is diffuse.
        var star = Symmetric2.zero                    // P*
        var a = (0.0, 0.0)
        // Σ log F as the logarithm of ∏ F, kept as significand × 2^exponent so that it never under- or
        // overflows: one logarithm per run instead of one per observation (the log was half the cost of a
        // maximum-likelihood fit). The product's rounding error is at most n ulp, so Σ log F is exact to
        // about n·2⁻⁵³ absolutely, as the sum of n rounded logarithms is.
        var productSignificand = 1.0
        var productExponent = 0
        for i in y.indices {
            let gap = i > 0 ? times[i] - times[i - 1] : 0
            for _ in 0..<gap {
                a = (a.0 + a.1, a.1)
                infinite = infinite.transitioned
                star = star.transitioned
                star.a += v.level
                star.d += v.slope
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
                let (k0, k1) = (m0 / fStar, m1 / fStar)
                a = (a.0 + k0 * innovation, a.1 + k1 * innovation)
                star = Symmetric2(a: star.a - k0 * m0, b: star.b - k0 * m1, d: star.d - k1 * m1)
                sumOfStandardisedSquares += innovation * innovation / fStar
                productSignificand *= fStar.significand
                productExponent += Int(fStar.exponent) + Int(productSignificand.exponent)
                productSignificand = productSignificand.significand
                effectiveObservations += 1
            }
        }
        sumOfLogVariances = log(productSignificand) + Double(productExponent) * M_LN2
        logLikelihood = -0.5 * (Double(effectiveObservations) * log(2 * Double.pi) + sumOfLogVariances + sumOfStandardisedSquares)
        guard logLikelihood.isFinite, infinite.a <= 1e-9 * max(1, star.a) else { return nil }
        state = a
        covariance = star
    }
}
