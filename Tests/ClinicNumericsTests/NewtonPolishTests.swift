import Foundation
import Testing
@testable import ClinicNumerics

/// Newton's method on finite differences, for polishing a minimum found by a cruder search: it finds
/// minima worked out by hand, holds a flat coordinate still, and declines (nil) where it cannot vouch
/// for a minimum, so the caller's fallback runs.
@Suite("Newton polish")
struct NewtonPolishTests {
    /// `(x − 1)² + 10(y + 2)² + 3(x − 1)(y + 2)`: positive definite (4·10 − 3² > 0 in the doubled
    /// Hessian [[2, 3], [3, 20]]), minimum 5 at (1, −2); a quadratic is solved in one Newton step, so
    /// the second iteration's decrement stops it.
    @Test func aQuadraticInOneStep() throws {
        let f: ([Double]) -> Double = { p in
            let a = p[0] - 1, b = p[1] + 2
            return a * a + 10 * b * b + 3 * a * b + 5
        }
        let result = try #require(NewtonPolish.minimize(f, from: [4, 3]))
        #expect(abs(result.point[0] - 1) < 1e-6 && abs(result.point[1] + 2) < 1e-6, "\(result.point)")
        #expect(abs(result.value - 5) < 1e-10)
        // Two iterations of 2·2 + 1 derivative evaluations and one step each, plus the start.
        #expect(result.evaluations <= 2 * 6 + 2 + 1, "\(result.evaluations)")
    }

    /// Rosenbrock's valley from near its floor: Newton with halving steps reaches (1, 1) to 1e-5.
    @Test func rosenbrockFromNearItsMinimum() throws {
        let f: ([Double]) -> Double = { p in (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) }
        let start = [0.9, 0.8]
        let result = try #require(NewtonPolish.minimize(f, from: start, h: 1e-4, tolerance: 1e-13))
        #expect(abs(result.point[0] - 1) < 1e-5 && abs(result.point[1] - 1) < 1e-5, "\(result.point)")
        #expect(result.value <= f(start) && result.value < 1e-9)
    }

    /// A variance held at its floor makes the function flat along one coordinate: that coordinate is
    /// held still and the other is minimised (x → 2), not declined as a singular Hessian.
    @Test func aFlatCoordinateIsHeldStill() throws {
        let f: ([Double]) -> Double = { p in (p[0] - 2) * (p[0] - 2) + (p[1] > 0 ? p[1] * p[1] : 0) + 7 }
        let result = try #require(NewtonPolish.minimize(f, from: [-1, -3]))
        #expect(abs(result.point[0] - 2) < 1e-6 && result.point[1] == -3, "\(result.point)")
    }

    /// A saddle (x² − y²) has no minimum to vouch for; a non-finite value at a probe likewise.
    @Test func declinesWhereItCannotVouchForAMinimum() {
        #expect(NewtonPolish.minimize({ p in p[0] * p[0] - p[1] * p[1] }, from: [0.1, 0.1]) == nil)
        #expect(NewtonPolish.minimize({ p in p[0] > 0.5 ? .infinity : p[0] * p[0] }, from: [0.4999]) == nil)
        // A steady slope with no curvature: no Newton step exists.
        #expect(NewtonPolish.minimize({ p in p[0] }, from: [0]) == nil)
    }
}

/// The batched form hands each iteration's stencil to the objective in one call (the scalar form is this
/// search with a one-point-at-a-time objective, so the two agree by construction): five points a call
/// for two variables, the start and the line search's trials one at a time, and the minimum found.
@Suite("Newton polish, stencil in one call")
struct NewtonPolishBatchTests {
    /// At a minimum, an objective's rounding can make every step look worse: that is a minimum to what
    /// the objective resolves, not a failure, when the decrease Newton promises is below
    /// ``NewtonPolish/resolution`` of the value; a step that finds no decrease while a large decrease is
    /// promised is still declined. The objective below adds `δ` to every point asked alone (the line
    /// search's trials) and nothing to the stencil's points, asked together: rounding that always
    /// goes against the step.
    @Test func aMinimumBelowTheObjectivesRoundingIsOne() throws {
        func quadratic(_ p: [Double]) -> Double {
            let a = p[0] - 0.3, b = p[1] + 0.1
            return 900 + 4 * a * a + 0.5 * b * b + a * b
        }
        func against(_ delta: Double) -> ([[Double]]) -> [Double] {
            { points in points.map { quadratic($0) + (points.count == 1 ? delta : 0) } }
        }
        // 10⁻⁶ from the minimum: a decrease of about 4·10⁻¹² promised (4·10⁻¹⁵ of the value), a rounding
        // of 10⁻⁹ against every step, a tolerance far below both.
        let near = [0.3 + 1e-6, -0.1]
        let result = try #require(NewtonPolish.minimize(batch: against(1e-9), from: near, value: quadratic(near), tolerance: 1e-18))
        #expect(result.point == near)
        // 10⁻² from it: about 4·10⁻⁴ promised, far above the resolution, and every step looks worse by 1.
        let far = [0.31, -0.1]
        #expect(NewtonPolish.minimize(batch: against(1), from: far, value: quadratic(far), tolerance: 1e-18) == nil)
    }

    @Test func theStencilGoesInOneCall() throws {
        let rosenbrock: ([Double]) -> Double = { p in (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) }
        var calls: [Int] = []
        let batched = try #require(NewtonPolish.minimize(batch: { points in
            calls.append(points.count)
            return points.map(rosenbrock)
        }, from: [0.9, 0.8], h: 1e-4, tolerance: 1e-13))
        #expect(abs(batched.point[0] - 1) < 1e-5 && abs(batched.point[1] - 1) < 1e-5, "\(batched.point)")
        #expect(calls.contains(5) && calls.allSatisfy { $0 == 5 || $0 == 1 }, "\(calls)")
        #expect(calls.reduce(0, +) == batched.evaluations)
    }
}
