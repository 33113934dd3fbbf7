import ClinicNumerics
import Testing

/// The AR(1) reading of residuals, against values worked by hand.
@Suite("ResidualAR1")
struct ResidualAR1Tests {
    /// Alternating signs: Σe² = 12, Σe_t e_{t−1} = −11, so r = −11/12 is floored at 0 and the bias
    /// correction leaves ρ = (2 + 0)/12 = 1/6; variance 12/12 = 1 (no degrees of freedom given).
    @Test func alternatingResidualsReadAsIndependent() throws {
        let e = (0..<12).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let r = try #require(ResidualAR1(e))
        #expect(r.variance == 1)
        #expect(abs(r.autocorrelation - 1.0 / 6) < 1e-15)
        let gamma = r.autocovariances(upTo: 2)
        #expect(gamma.count == 3 && abs(gamma[1] - 1.0 / 6) < 1e-15 && abs(gamma[2] - 1.0 / 36) < 1e-15)
        #expect(abs(r.longRunFactor - ((7.0 / 6) / (5.0 / 6)).squareRoot()) < 1e-15)
    }

    /// Two runs of six: Σe² = 12, Σe_t e_{t−1} = 5 − 1 + 5 = 9, r = 0.75, plus (2 + 3)/12 → capped at
    /// 0.95; with 10 degrees of freedom the variance is 12/10.
    @Test func runsReadAsStronglyAutocorrelatedAndAreCapped() throws {
        let e = (0..<12).map { $0 < 6 ? 1.0 : -1.0 }
        let r = try #require(ResidualAR1(e, degreesOfFreedom: 10))
        #expect(r.autocorrelation == 0.95)
        #expect(abs(r.variance - 1.2) < 1e-15)
    }

    @Test func tooFewOrAllZeroGiveNothing() {
        #expect(ResidualAR1([Double](repeating: 1, count: 11)) == nil)
        #expect(ResidualAR1([Double](repeating: 0, count: 24)) == nil)
    }
}
