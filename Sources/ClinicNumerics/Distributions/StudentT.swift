import Foundation

/// Student's t distribution with `degreesOfFreedom` (> 0, need not be an integer).
///
/// Accuracy: the distribution function is accurate to about 1e-14 relative (tails included, via the
/// incomplete beta function with no `1 − p` cancellation); `quantile` inverts it to about 1e-12
/// relative by safeguarded Newton steps. Checked in tests against R's `pt`/`qt`.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "Student t needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let tail = 0.5 * IncompleteBeta.regularized(degreesOfFreedom / (degreesOfFreedom + t * t),
                                                   a: degreesOfFreedom / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|), the two-sided p-value of a t statistic, without cancellation in the tail.
    public func twoSidedPValue(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        let nu = degreesOfFreedom
        // For small |t| the direct x = ν/(ν+t²) is close to 1; use the complement form there.
        if t * t < nu {
            return IncompleteBeta.regularizedComplement(t * t / (nu + t * t), a: 0.5, b: nu / 2)
        }
        return IncompleteBeta.regularized(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// Probability density at `t`.
    public func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logC - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The `p`-quantile, `0 < p < 1` (±infinity at 0 and 1).
    ///
    /// Quantiles are remembered (``QuantileMemo``): a national run asks for the same few levels on
    /// the same few degrees of freedom tens of thousands of times, each answer some 40 evaluations of
    /// the incomplete beta function. A remembered answer is the one computed, bit for bit.
    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability must be in [0, 1]")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        return QuantileMemo.shared.value(degreesOfFreedom: degreesOfFreedom, probability: p) { upperQuantile(p) }
    }

    /// The quantile for `p > 0.5`, computed.
    private func upperQuantile(_ p: Double) -> Double {
        // Upper half: find t > 0 with P(T > t) = q by Newton on the tail, bracketed by bisection.
        let q = 1 - p
        func upperTail(_ t: Double) -> Double { 0.5 * twoSidedPValue(t) }
        var lo = 0.0, hi = 1.0
        while upperTail(hi) > q { lo = hi; hi *= 2; if hi > 1e300 { return hi } }
        var t = Normal.quantile(p)
        if !(t > lo && t < hi) { t = (lo + hi) / 2 }
        for _ in 0..<200 {
            let f = upperTail(t) - q
            if f > 0 { lo = t } else { hi = t }
            let step = f / density(t)            // d(upperTail)/dt = −density
            var next = t + step
            if !(next > lo && next < hi) || !next.isFinite { next = (lo + hi) / 2 }
            if abs(next - t) <= 1e-15 * abs(next) { return next }
            t = next
        }
        return t
    }
}

/// Student t quantiles already computed, by degrees of freedom and probability (bit patterns), shared
/// by every thread. Holds at most ``capacity`` answers (a few levels on each of a few hundred degrees of
/// freedom fit many times over); past that, answers are computed and not kept.
final class QuantileMemo: @unchecked Sendable {
    static let shared = QuantileMemo()
    static let capacity = 4096

    private struct Key: Hashable {
        let degreesOfFreedom: UInt64
        let probability: UInt64
    }

    private let lock = NSLock()
    private var values = [Key: Double]()

    func value(degreesOfFreedom: Double, probability: Double, _ compute: () -> Double) -> Double {
        let key = Key(degreesOfFreedom: degreesOfFreedom.bitPattern, probability: probability.bitPattern)
        if let found = lock.withLock({ values[key] }) { return found }
        let computed = compute()
        lock.withLock { if values.count < Self.capacity { values[key] = computed } }
        return computed
    }
}

/// The standard normal distribution.
public enum Normal {
    /// P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The `p`-quantile: a rational first guess (Acklam's coefficients, relative error 1e-9) polished by
    /// one Halley step on `erfc`, giving about 1e-15.
    public static func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability must be in [0, 1]")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) / ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0]*r + a[1])*r + a[2])*r + a[3])*r + a[4])*r + a[5])*q / (((((b[0]*r + b[1])*r + b[2])*r + b[3])*r + b[4])*r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) / ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
