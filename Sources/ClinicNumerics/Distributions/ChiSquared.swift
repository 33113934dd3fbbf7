import Foundation

/// The chi-squared distribution with `degreesOfFreedom` degrees of freedom.
///
/// Contract: `survival` is the regularised upper incomplete gamma Q(k/2, x/2), computed by its power
/// series below `a + 1` and by a Lentz continued fraction above, to about 1e-14 relative accuracy.
public struct ChiSquared: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "chi-squared needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(X > x).
    public func survival(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        guard x.isFinite else { return 0 }
        return Self.upperRegularizedGamma(a: degreesOfFreedom / 2, x: x / 2)
    }

    static func upperRegularizedGamma(a: Double, x: Double) -> Double {
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // P(a, x) = e^{-x} x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        // Q(a, x) = e^{-x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− …)), modified Lentz.
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return min(1, exp(logPrefix) * h)
    }
}
