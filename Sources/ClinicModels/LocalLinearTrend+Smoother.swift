import Foundation

extension LocalLinearTrend {
    /// The smoothed level and slope at one month: the best estimate given every observation, before
    /// and after it.
    public struct SmoothedState: Sendable, Equatable {
        /// Months from the series' start (as the `times` passed in).
        public let time: Int
        public let level: Double
        public let slope: Double
        /// `[[var μ, cov], [cov, var ν]]`.
        public let covariance: [[Double]]
    }

    /// The fixed-interval smoother at given variances: the level and slope at every month from the first
    /// to the last of `times` (missing months included), with their covariances — the path a chart draws.
    ///
    /// Method: the prediction-form Kalman filter with the exact diffuse initialisation, then the backward
    /// state smoothing recursions of Durbin and Koopman (2012, §4.4 and §5.3), with the diffuse
    /// recursions `r⁽⁰⁾, r⁽¹⁾, N⁽⁰⁾, N⁽¹⁾, N⁽²⁾` over the diffuse observations. At the last month the result
    /// is the filtered state of ``filter(_:times:variances:)``. Nil with fewer than three observations.
    /// Not yet reported by `clinic fit`; the pack's chart will draw it.
    public static func smooth(_ values: [Double], times: [Int], variances v: Variances) -> [SmoothedState]? {
        guard values.count >= 3, values.count == times.count else { return nil }
        let first = times[0], last = times[times.count - 1]
        let steps = last - first + 1
        var observed = [Double?](repeating: nil, count: steps)
        for (i, t) in times.enumerated() { observed[t - first] = values[i] }

        let transition = Matrix2(a: 1, b: 1, c: 0, d: 1)
        let disturbance = Matrix2(a: v.level, b: 0, c: 0, d: v.slope)
        let zz = Matrix2(a: 1, b: 0, c: 0, d: 0)   // ZᵀZ
        enum Step {
            case missing
            case regular(v: Double, f: Double, l: Matrix2)
            case diffuse(v: Double, fInfinite: Double, fStar: Double, l0: Matrix2, l1: Matrix2)
        }
        var predicted = [(a: Vector2, star: Matrix2, infinite: Matrix2)]()
        var record = [Step]()
        predicted.reserveCapacity(steps)
        record.reserveCapacity(steps)
        var a = Vector2(x: 0, y: 0)
        var star = Matrix2.zero, infinite = Matrix2.identity
        for t in 0..<steps {
            predicted.append((a, star, infinite))
            guard let y = observed[t] else {
                a = transition * a
                infinite = transition * infinite * transition.transposed
                star = transition * star * transition.transposed + disturbance
                record.append(.missing)
                continue
            }
            let innovation = y - a.x
            let fInfinite = infinite.a, fStar = star.a + v.irregular
            let mInfinite = Vector2(x: infinite.a, y: infinite.c), mStar = Vector2(x: star.a, y: star.c)
            if fInfinite > 1e-9 * max(1, infinite.d) {
                let k0 = (transition * mInfinite) / fInfinite
                let k1 = (transition * mStar) / fInfinite - k0 * (fStar / fInfinite)
                let l0 = transition - Matrix2(a: k0.x, b: 0, c: k0.y, d: 0)
                let l1 = Matrix2(a: -k1.x, b: 0, c: -k1.y, d: 0)
                a = transition * a + k0 * innovation
                let newInfinite = transition * infinite * l0.transposed
                star = transition * infinite * l1.transposed + transition * star * l0.transposed + disturbance
                infinite = newInfinite
                record.append(.diffuse(v: innovation, fInfinite: fInfinite, fStar: fStar, l0: l0, l1: l1))
            } else {
                guard fStar > 0, fStar.isFinite else { return nil }
                let k = (transition * mStar) / fStar
                let l = transition - Matrix2(a: k.x, b: 0, c: k.y, d: 0)
                a = transition * a + k * innovation
                star = transition * star * l.transposed + disturbance
                infinite = .zero
                record.append(.regular(v: innovation, f: fStar, l: l))
            }
        }

        // Backward.
        var r0 = Vector2(x: 0, y: 0), r1 = Vector2(x: 0, y: 0)
        var n0 = Matrix2.zero, n1 = Matrix2.zero, n2 = Matrix2.zero
        var out = [SmoothedState]()
        out.reserveCapacity(steps)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            switch record[t] {
            case .missing:
                r0 = transition.transposed * r0
                r1 = transition.transposed * r1
                n0 = transition.transposed * n0 * transition
                n1 = transition.transposed * n1 * transition
                n2 = transition.transposed * n2 * transition
            case let .regular(innovation, f, l):
                r0 = Vector2(x: innovation / f, y: 0) + l.transposed * r0
                n0 = zz / f + l.transposed * n0 * l
            case let .diffuse(innovation, fInfinite, fStar, l0, l1):
                let newR1 = Vector2(x: innovation / fInfinite, y: 0) + l0.transposed * r1 + l1.transposed * r0
                r0 = l0.transposed * r0
                r1 = newR1
                let newN2 = zz * (-fStar / (fInfinite * fInfinite)) + l0.transposed * n2 * l0 + l0.transposed * n1 * l1
                    + l1.transposed * n1 * l0 + l1.transposed * n0 * l1
                let newN1 = zz / fInfinite + l0.transposed * n1 * l0 + l1.transposed * n0 * l0 + l0.transposed * n0 * l1
                n0 = l0.transposed * n0 * l0
                n1 = newN1
                n2 = newN2
            }
            let p = predicted[t]
            let state = p.a + p.star * r0 + p.infinite * r1
            let cross = p.infinite * n1 * p.star
            let variance = p.star - p.star * n0 * p.star - cross - cross.transposed - p.infinite * n2 * p.infinite
            out.append(SmoothedState(time: first + t, level: state.x, slope: state.y,
                                     covariance: [[variance.a, 0.5 * (variance.b + variance.c)], [0.5 * (variance.b + variance.c), variance.d]]))
        }
        return out.reversed()
    }
}

/// A 2-vector for the smoother's algebra.
struct Vector2: Sendable {
    var x: Double, y: Double
    static func + (u: Vector2, w: Vector2) -> Vector2 { Vector2(x: u.x + w.x, y: u.y + w.y) }
    static func - (u: Vector2, w: Vector2) -> Vector2 { Vector2(x: u.x - w.x, y: u.y - w.y) }
    static func * (u: Vector2, s: Double) -> Vector2 { Vector2(x: u.x * s, y: u.y * s) }
    static func / (u: Vector2, s: Double) -> Vector2 { Vector2(x: u.x / s, y: u.y / s) }
}

/// A 2 × 2 matrix `[[a, b], [c, d]]` for the smoother's algebra.
struct Matrix2: Sendable {
    var a: Double, b: Double, c: Double, d: Double
    static let zero = Matrix2(a: 0, b: 0, c: 0, d: 0)
    static let identity = Matrix2(a: 1, b: 0, c: 0, d: 1)
    var transposed: Matrix2 { Matrix2(a: a, b: c, c: b, d: d) }
    static func + (m: Matrix2, n: Matrix2) -> Matrix2 { Matrix2(a: m.a + n.a, b: m.b + n.b, c: m.c + n.c, d: m.d + n.d) }
    static func - (m: Matrix2, n: Matrix2) -> Matrix2 { Matrix2(a: m.a - n.a, b: m.b - n.b, c: m.c - n.c, d: m.d - n.d) }
    static func * (m: Matrix2, n: Matrix2) -> Matrix2 {
        Matrix2(a: m.a * n.a + m.b * n.c, b: m.a * n.b + m.b * n.d, c: m.c * n.a + m.d * n.c, d: m.c * n.b + m.d * n.d)
    }
    static func * (m: Matrix2, u: Vector2) -> Vector2 { Vector2(x: m.a * u.x + m.b * u.y, y: m.c * u.x + m.d * u.y) }
    static func * (m: Matrix2, s: Double) -> Matrix2 { Matrix2(a: m.a * s, b: m.b * s, c: m.c * s, d: m.d * s) }
    static func / (m: Matrix2, s: Double) -> Matrix2 { Matrix2(a: m.a / s, b: m.b / s, c: m.c / s, d: m.d / s) }
}
