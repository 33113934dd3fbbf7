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
                #expect(result.evaluations <= budget + 2, "\(result.evaluations)")   // an iteration may finish its step
            }
        }
    }
}
