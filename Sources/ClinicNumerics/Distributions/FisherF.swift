/// The F distribution with `numerator` and `denominator` degrees of freedom, for the overall F test.
public struct FisherF: Sendable {
    public let numerator: Double
    public let denominator: Double

    public init(numerator: Double, denominator: Double) {
        precondition(numerator > 0 && denominator > 0, "F needs positive degrees of freedom")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// P(F ≥ f), computed directly in the upper tail (no `1 − cdf` cancellation). Accuracy as
    /// ``IncompleteBeta``, about 1e-14 relative.
    public func survival(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let x = denominator / (denominator + numerator * f)
        return IncompleteBeta.regularized(x, a: denominator / 2, b: numerator / 2)
    }
}
