import Foundation
import Testing
@testable import ClinicNumerics

/// The simplex search: it finds minima known by hand, treats non-finite values as +∞, and gives the
/// same points and values bit for bit whether one search is driven by a function or several run in step
/// with their points evaluated together (which the local linear trend's four-lane filter relies on).
@Suite("Nelder–Mead")
struct NelderMeadTests {
    static let rosenbrock: @Sendable ([Double]) -> Double = { p in
        (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0])
    }
    /// A bowl at (2, −1) of value 3 that is undefined (NaN) where x > 4, as a likelihood is outside its domain.
    static let fenced: @Sendable ([Double]) -> Double = { p in
        p[0] > 4 ? .nan : (p[0] - 2) * (p[0] - 2) + 4 * (p[1] + 1) * (p[1] + 1) + 3
    }

    @Test func rosenbrockFromTheClassicalStart() {
        let result = NelderMead.minimize(Self.rosenbrock, from: [-1.2, 1], tolerance: 1e-12)
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4, "\(result.point)")
        #expect(result.value < 1e-8)
    }

    @Test func nonFiniteValuesCountAsInfinity() {
        let result = NelderMead.minimize(Self.fenced, from: [3.9, 0], step: 1, tolerance: 1e-12)
        #expect(abs(result.point[0] - 2) < 1e-5 && abs(result.point[1] + 1) < 1e-5, "\(result.point)")
        #expect(abs(result.value - 3) < 1e-10)
    }

    /// The search as it was before it became a state machine (5156e3a's closure-driven simplex, run on
    /// these cases and its answers written down bit for bit): the same evaluations, convergence, point
    /// and value. Covers a full search, a region of NaN values (+∞, so ties among the vertices), budgets
    /// that run out mid-iteration and in the restart, and a coordinate at infinity (a NaN spread, which
    /// never converges).
    @Test func sameAnswersAsTheSearchBeforeIt() {
        let cases: [(f: @Sendable ([Double]) -> Double, start: [Double], step: Double, tolerance: Double, budget: Int,
                     evaluations: Int, converged: Bool, point: [UInt64], value: UInt64)] = [
            (Self.rosenbrock, [-1.2, 1], 0.5, 1e-10, 2_000, 396, true, [0x3feffffffffb992e, 0x3feffffffff854e0], 0x3bc2850b1b508000),
            (Self.fenced, [3.9, 0], 1, 1e-12, 2_000, 190, true, [0x3fffffff9844dc88, 0xbff00000207af1b2], 0x40080000000001d4),
            (Self.rosenbrock, [1.75, 0.5], 0.7, 1e-9, 20, 23, false, [0x3fcc000000000010, 0x3fc3333333333326], 0x3ffa75e3ffffffc9),
            (Self.fenced, [3.5, 2], 2, 1e-9, 60, 61, false, [0x3ffff7becf267b44, 0xbfeffcb3623bd250], 0x40080002783240b7),
        ]
        for c in cases {
            let r = NelderMead.minimize(c.f, from: c.start, step: c.step, tolerance: c.tolerance, maxEvaluations: c.budget)
            #expect(r.evaluations == c.evaluations && r.converged == c.converged, "\(c.start): \(r.evaluations), \(r.converged)")
            #expect(r.point.map(\.bitPattern) == c.point && r.value.bitPattern == c.value, "\(c.start): \(r.point), \(r.value)")
        }
        let flat = NelderMead.minimize({ _ in 0 }, from: [.infinity, 0])
        #expect(flat.evaluations == 2_003 && !flat.converged, "\(flat.evaluations)")
    }

    /// Searches in step, with budgets that run out in the first run, in the restart, or never (20, 60,
    /// 2,000 evaluations), give each start's own result bit for bit, and never hand `f` more points than
    /// there are searches.
    @Test(arguments: [20, 60, 2_000])
    func searchesInStepAreSearchesAlone(_ budget: Int) {
        let starts: [[Double]] = [[-1.2, 1], [0, 0], [3, -2], [1.5, 2.5]]
        for f in [Self.rosenbrock, Self.fenced] {
            var largestCall = 0
            let together = NelderMead.minimizeTogether({ points in
                largestCall = max(largestCall, points.count)
                return points.map(f)
            }, from: starts, step: 0.7, tolerance: 1e-9, maxEvaluations: budget)
            #expect(largestCall == starts.count)
            for (start, result) in zip(starts, together) {
                let alone = NelderMead.minimize(f, from: start, step: 0.7, tolerance: 1e-9, maxEvaluations: budget)
                #expect(result.point.map(\.bitPattern) == alone.point.map(\.bitPattern), "\(start) at \(budget)")
                #expect(result.value.bitPattern == alone.value.bitPattern)
                #expect(result.evaluations == alone.evaluations && result.converged == alone.converged)
                // An iteration begun with evaluations left may finish its step: reflect, contract, shrink d.
                #expect(result.evaluations <= budget + start.count + 1, "\(result.evaluations)")
            }
        }
    }
}
