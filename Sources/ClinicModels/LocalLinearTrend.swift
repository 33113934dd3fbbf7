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
/// in closed form; over the two proportions, a short Nelder–Mead search from each of three starts, then
/// Newton's method from the best, or a full simplex search where Newton cannot vouch for a minimum). The
/// filter runs four settings of the variances at a time where the search can use them.
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
        guard let run = KalmanRun(values, times: times, variances: [variances]).lanes[0] else { return nil }
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
        /// The concentrated log-likelihood and the scale at each set of proportions, four to a filter run.
        func concentrated(_ ws: [Variances]) -> [(logLikelihood: Double, scale: Double)?] {
            stride(from: 0, to: ws.count, by: KalmanRun.width).flatMap { first in
                KalmanRun(values, times: times, variances: Array(ws[first..<min(first + KalmanRun.width, ws.count)])).lanes.map { lane in
                    guard let run = lane, run.effectiveObservations > 0 else { return nil }
                    let n = Double(run.effectiveObservations)
                    let scale = run.sumOfStandardisedSquares / n
                    guard scale > 0, scale.isFinite else { return nil }
                    return (-0.5 * (n * (log(2 * Double.pi * scale) + 1) + run.sumOfLogVariances), scale)
                }
            }
        }
        let objectives: ([[Double]]) -> [Double] = { us in concentrated(us.map(weights)).map { $0.map { -$0.logLikelihood } ?? .infinity } }
        let objective: ([Double]) -> Double = { u in objectives([u])[0] }
        // Starts: mostly irregular (a fixed line through noise), level and irregular alike, mostly level
        // (a random walk): the likelihood often has a ridge towards zero variances, and more than one
        // local maximum.
        let starts: [[Double]] = [[log(2e-4), log(2e-6)], [0, log(0.02)], [log(18), log(0.2)]]
        // A short search from each start (12 evaluations: on 304 simulated and R series the maximum was
        // the same to 1e-6 with 20, 30, 40 or 60; on the 14,816 fits of the national extract 12 and 8
        // reach the same maximum as 20, to 1e-9 relative, and with 12 `clinic fit` took 0.95× the time:
        // 11 alternating pairs), then Newton's method from the best of them; where Newton cannot vouch for a minimum (a
        // Hessian that is not positive definite near a boundary of the variances), a full simplex
        // search. The three scouts run in step, their points filtered together; so do Newton's stencils.
        let scouts = NelderMead.minimizeTogether(objectives, from: starts, step: 2, tolerance: 1e-4, maxEvaluations: 12)
        let scout = scouts.min { $0.value < $1.value }!
        let best: (point: [Double], value: Double)
        if let polished = NewtonPolish.minimize(batch: objectives, from: scout.point, value: scout.value, tolerance: 1e-14, maxIterations: 40) {
            best = (polished.point, polished.value)
        } else {
            let search = NelderMead.minimize(objective, from: scout.point, step: 1, tolerance: 1e-8, maxEvaluations: 2_000)
            best = (search.point, search.value)
        }
        let w = weights(best.value <= scout.value ? best.point : scout.point)
        guard let (_, scale) = concentrated([w])[0] else { return nil }
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
struct Symmetric2: Sendable {
    var a: Double, b: Double, d: Double
    static let zero = Symmetric2(a: 0, b: 0, d: 0)
    /// `T P Tᵀ` with `T = [[1, 1], [0, 1]]`.
    var transitioned: Symmetric2 { Symmetric2(a: a + 2 * b + d, b: b + d, d: d) }
}

/// The exact-diffuse Kalman filter of the local linear trend, run over one series at up to four sets of
/// variances at once (the lanes of `SIMD4<Double>`).
///
/// The filter's time is the latency of one chain of dependent divisions and multiplications per month,
/// so four variance settings side by side cost about what one does; the likelihood search asks for
/// several points at a time to use that (``NelderMead/minimizeTogether(_:from:step:tolerance:maxEvaluations:)``,
/// ``NewtonPolish``'s stencil). Which months are diffuse depends only on `P∞`, never on the variances,
/// so every lane takes the same branch; each lane's arithmetic is the scalar filter's, operation for
/// operation, so a lane's result is bit for bit what a run of its variances alone gives.
struct KalmanRun {
    /// One lane's outcome.
    struct Lane {
        var state: (Double, Double)
        var covariance: Symmetric2
        var logLikelihood: Double
        var effectiveObservations: Int
        /// `Σ v²/F` and `Σ log F` over the non-diffuse observations (for concentrating out a common scale).
        var sumOfStandardisedSquares: Double
        var sumOfLogVariances: Double
    }

    /// One entry per set of variances given, nil where the filter failed for it (a prediction variance
    /// that is not positive and finite, a non-finite likelihood, or a state still diffuse at the end).
    let lanes: [Lane?]

    static let width = 4

    init(_ y: [Double], times: [Int], variances: [LocalLinearTrend.Variances]) {
        typealias Lanes = SIMD4<Double>
        precondition((1...Self.width).contains(variances.count), "one to four sets of variances")
        /// One variance across the lanes; unused lanes repeat the first set (their results are dropped).
        func perLane(_ part: (LocalLinearTrend.Variances) -> Double) -> Lanes {
            var v = Lanes(repeating: part(variances[0]))
            for l in variances.indices { v[l] = part(variances[l]) }
            return v
        }
        let irregular = perLane(\.irregular), levelVariance = perLane(\.level), slopeVariance = perLane(\.slope)
        var infinite = Symmetric2(a: 1, b: 0, d: 1)   // P∞: the initial state is diffuse (the same in every lane).
        var starA = Lanes(), starB = Lanes(), starD = Lanes()   // P*
        var a0 = Lanes(), a1 = Lanes()
        var standardisedSquares = Lanes()
        var valid = [Bool](repeating: true, count: Self.width)
        var smallestF = Lanes(repeating: .infinity)
        var effectiveObservations = 0
        // Σ log F as the logarithm of ∏ F: one logarithm per run instead of one per observation (the log
        // was half the cost of a maximum-likelihood fit). The product's rounding error is at most n ulp,
        // so Σ log F is exact to about n·2⁻⁵³ absolutely, as the sum of n rounded logarithms is.
        // The product is `product × 2^productExponent`, brought back to [1, 2) × 2^e after every fourth
        // factor. Scaling by a power of two is exact, so every rounding is the one a product renormalised
        // after each factor would make, provided no four factors leave the normal range. That holds when
        // every irregular variance is within 2^±100 and the level and slope variances are below 2^100
        // (as in the likelihood search, whose variances are proportions, the irregular at least about
        // 2⁻⁸⁸): F then lies between the irregular variance and 2^100 times a polynomial in the months.
        // Otherwise (the public filter at extreme scales) each factor is taken as significand and
        // exponent as it comes, as the scalar filter did. A product that is not a positive normal number,
        // or a factor that is not positive and finite, marks its lane failed.
        let inRange = variances.allSatisfy { v in
            (0x1p-100...0x1p100).contains(v.irregular) && (0...0x1p100).contains(v.level) && (0...0x1p100).contains(v.slope)
        }
        var product = Lanes(repeating: 1)
        var productExponent = SIMD4<Int>()
        func renormalise() {
            for l in 0..<Self.width {
                guard product[l] > 0, product[l].isNormal else { valid[l] = false; product[l] = 1; continue }
                productExponent[l] += Int(product[l].exponent)
                product[l] = product[l].significand
            }
        }
        for i in y.indices {
            let gap = i > 0 ? times[i] - times[i - 1] : 0
            for _ in 0..<gap {
                (a0, a1) = (a0 + a1, a1)
                infinite = infinite.transitioned
                (starA, starB) = (starA + 2 * starB + starD, starB + starD)
                starA += levelVariance
                starD += slopeVariance
            }
            let innovation = y[i] - a0
            let fInfinite = infinite.a
            let fStar = starA + irregular
            if fInfinite > 1e-9 * max(1, infinite.d) {
                // Diffuse update (Durbin & Koopman 2012, §5.2): M∞ = P∞Zᵀ, M* = P*Zᵀ.
                let (m0, m1) = (infinite.a, infinite.b)
                let (s0, s1) = (starA, starB)
                a0 = a0 + m0 * innovation / fInfinite
                a1 = a1 + m1 * innovation / fInfinite
                let f2 = fInfinite * fInfinite
                let newA: Lanes = starA + m0 * m0 * fStar / f2 - 2 * s0 * m0 / fInfinite
                let newB: Lanes = starB + m0 * m1 * fStar / f2 - (s0 * m1 + m0 * s1) / fInfinite
                let newD: Lanes = starD + m1 * m1 * fStar / f2 - 2 * s1 * m1 / fInfinite
                (starA, starB, starD) = (newA, newB, newD)
                infinite = Symmetric2(a: infinite.a - m0 * m0 / fInfinite, b: infinite.b - m0 * m1 / fInfinite,
                                      d: infinite.d - m1 * m1 / fInfinite)
            } else {
                infinite = .zero
                let (m0, m1) = (starA, starB)
                // One division a month instead of three (the filter was bound by the divider): the gains
                // and the standardised square from 1/F, each within an ulp of its own division. A lane
                // whose F is not a positive normal number (the public filter at extreme scales, where 1/F
                // of a subnormal F overflows and m/F does not; a failing lane) takes the three divisions,
                // lane by lane, so that each lane's run stays its own.
                let reciprocal = 1 / fStar
                var k0 = m0 * reciprocal, k1 = m1 * reciprocal, square = innovation * innovation * reciprocal
                let unusual = .!(fStar .>= Lanes(repeating: .leastNormalMagnitude))
                if any(unusual) {
                    k0.replace(with: m0 / fStar, where: unusual)
                    k1.replace(with: m1 / fStar, where: unusual)
                    square.replace(with: innovation * innovation / fStar, where: unusual)
                }
                a0 = a0 + k0 * innovation
                a1 = a1 + k1 * innovation
                (starA, starB, starD) = (starA - k0 * m0, starB - k0 * m1, starD - k1 * m1)
                standardisedSquares += square
                effectiveObservations += 1
                if inRange {
                    // Lane by lane: the standard library's pointwiseMin was a call per month, not inlined.
                    smallestF = Lanes(Swift.min(smallestF[0], fStar[0]), Swift.min(smallestF[1], fStar[1]),
                                      Swift.min(smallestF[2], fStar[2]), Swift.min(smallestF[3], fStar[3]))
                    product *= fStar
                    if effectiveObservations & 3 == 0 { renormalise() }
                } else {
                    for l in 0..<Self.width where valid[l] {
                        let f = fStar[l]
                        guard f > 0, f.isFinite else { valid[l] = false; continue }
                        product[l] *= f.significand
                        productExponent[l] += Int(f.exponent) + Int(product[l].exponent)
                        product[l] = product[l].significand
                    }
                }
            }
        }
        renormalise()   // every valid lane's product now in [1, 2)
        let stillDiffuse = infinite.a
        self.lanes = variances.indices.map { l -> Lane? in
            guard valid[l], smallestF[l] > 0 else { return nil }
            let sumOfLogVariances = log(product[l]) + Double(productExponent[l]) * M_LN2
            let logLikelihood = -0.5 * (Double(effectiveObservations) * log(2 * Double.pi) + sumOfLogVariances + standardisedSquares[l])
            guard logLikelihood.isFinite, stillDiffuse <= 1e-9 * max(1, starA[l]) else { return nil }
            return Lane(state: (a0[l], a1[l]), covariance: Symmetric2(a: starA[l], b: starB[l], d: starD[l]),
                        logLikelihood: logLikelihood, effectiveObservations: effectiveObservations,
                        sumOfStandardisedSquares: standardisedSquares[l], sumOfLogVariances: sumOfLogVariances)
        }
    }
}
