import Testing
@testable import ClinicNumerics
import ClinicTestSupport

/// Reference values from scipy.stats 1.17.1 (`t.ppf`, `2*t.sf`, `f.sf`, `norm.ppf`), which agree with
/// R's `qt`, `pt`, `pf` and `qnorm` to the digits shown; e.g. R: qt(0.975, 10) = 2.228138851986274.
@Suite("Distributions")
struct DistributionTests {
    static let tQuantiles: [(df: Double, p: Double, expected: Double)] = [
        (1, 0.975, 12.706204736174694), (2, 0.975, 4.302652729749462), (10, 0.975, 2.228138851986274),
        (71, 0.975, 1.9939433678456255), (5, 0.995, 4.032142983555228), (30, 0.9, 1.3104150253913955),
        (3.5, 0.99, 4.060711359300081), (1000, 0.975, 1.9623390808264083), (10, 0.6, 0.2601848294920803),
    ]
    static let tTwoSided: [(df: Double, t: Double, expected: Double)] = [
        (10, 2.0, 0.07338803477074037), (3, 0.1, 0.9266523488008059), (71, 8.5, 1.977221326500167e-12),
        (5, -40.0, 1.8411962171772954e-07), (1, 1e6, 6.366197723673691e-07), (200, 3.3, 0.0011447226651288877),
    ]

    @Test func studentTQuantiles() {
        for (df, p, expected) in Self.tQuantiles {
            let q = StudentT(degreesOfFreedom: df).quantile(p)
            #expect(abs(q - expected) <= 1e-12 * abs(expected), "qt(\(p), \(df)) = \(q), expected \(expected)")
            let lower = StudentT(degreesOfFreedom: df).quantile(1 - p)
            #expect(abs(lower + expected) <= 1e-12 * abs(expected))
        }
    }

    @Test func studentTTwoSidedPValues() {
        for (df, t, expected) in Self.tTwoSided {
            let p = StudentT(degreesOfFreedom: df).twoSidedPValue(t)
            #expect(abs(p - expected) <= 1e-12 * expected, "2·pt(-|\(t)|, \(df)) = \(p), expected \(expected)")
        }
    }

    @Test func studentTDistributionFunctionIsConsistent() {
        let t = StudentT(degreesOfFreedom: 7)
        #expect(t.cdf(0) == 0.5)
        #expect(abs(t.cdf(1.5) + t.cdf(-1.5) - 1) < 1e-15)
        #expect(abs(t.cdf(t.quantile(0.9)) - 0.9) < 1e-14)
    }

    @Test func fisherFSurvival() {
        let cases: [(Double, Double, Double, Double)] = [
            (3, 10, 4.2, 0.0364379359937082), (1, 71, 100.0, 3.431314112150843e-15), (5, 15, 0.3, 0.9052805524266895),
        ]
        for (a, b, f, expected) in cases {
            let p = FisherF(numerator: a, denominator: b).survival(f)
            #expect(abs(p - expected) <= 1e-12 * expected, "pf(\(f), \(a), \(b), lower=FALSE) = \(p), expected \(expected)")
        }
    }

    @Test func normalQuantile() {
        let cases: [(Double, Double)] = [(0.975, 1.959963984540054), (1e-10, -6.361340902404056), (0.999, 3.090232306167813)]
        for (p, expected) in cases {
            #expect(abs(Normal.quantile(p) - expected) <= 1e-14 * abs(expected))
        }
    }
}
