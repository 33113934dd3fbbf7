/// Derivative-free minimisation of a smooth function of a few unconstrained variables (Nelder and
/// Mead's simplex, with the standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½).
///
/// Contract: returns the best point visited and its value; stops when the simplex's values differ by
/// less than `tolerance · (|f| + tolerance)` and its vertices lie within `√tolerance` of the best one in
/// every coordinate (a smooth minimum pins its point only to the square root of its value's precision),
/// or after `maxEvaluations`. Non-finite values count as +∞, so the objective may
/// return `.infinity` to mark points it cannot evaluate. The search restarts once from its answer (a
/// fresh simplex), which guards against the simplex collapsing early.
package enum NelderMead {
    package struct Result: Sendable {
        package let point: [Double]
        package let value: Double
        package let evaluations: Int
        package let converged: Bool
    }

    package static func minimize(_ f: ([Double]) -> Double, from start: [Double], step: Double = 0.5,
                                 tolerance: Double = 1e-10, maxEvaluations: Int = 2_000) -> Result {
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var best = (point: start, value: value(start))
        var converged = false
        for _ in 0..<2 {
            let run = simplexSearch(value, from: best.point, fromValue: best.value, step: step, tolerance: tolerance,
                                    budget: { maxEvaluations - evaluations })
            converged = run.converged
            if run.value <= best.value { best = (run.point, run.value) }
            if evaluations >= maxEvaluations { converged = false; break }
        }
        return Result(point: best.point, value: best.value, evaluations: evaluations, converged: converged)
    }

    private static func simplexSearch(_ f: ([Double]) -> Double, from start: [Double], fromValue: Double, step: Double,
                                      tolerance: Double, budget: () -> Int) -> (point: [Double], value: Double, converged: Bool) {
        let d = start.count
        var vertices = [start]
        var values = [fromValue]
        for i in 0..<d {
            var x = start
            x[i] += x[i] == 0 ? step : step * max(1, abs(x[i]))
            vertices.append(x)
            values.append(f(x))
        }
        func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] {
            // a + t (b − a)
            zip(a, b).map { $0 + t * ($1 - $0) }
        }
        while budget() > 0 {
            let order = values.indices.sorted { values[$0] < values[$1] }
            vertices = order.map { vertices[$0] }
            values = order.map { values[$0] }
            let spreadF = abs(values[d] - values[0])
            let spreadX = vertices.dropFirst().map { v in zip(v, vertices[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spreadF <= tolerance * (abs(values[0]) + tolerance) && spreadX <= tolerance.squareRoot() {
                return (vertices[0], values[0], true)
            }
            var centroid = [Double](repeating: 0, count: d)
            for v in vertices.prefix(d) { for i in 0..<d { centroid[i] += v[i] / Double(d) } }
            let reflected = combine(centroid, vertices[d], -1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = combine(centroid, vertices[d], -2)
                let fe = f(expanded)
                if fe < fr { vertices[d] = expanded; values[d] = fe } else { vertices[d] = reflected; values[d] = fr }
            } else if fr < values[d - 1] {
                vertices[d] = reflected; values[d] = fr
            } else {
                let outside = fr < values[d]
                let contracted = combine(centroid, outside ? reflected : vertices[d], 0.5)
                let fc = f(contracted)
                if fc < (outside ? fr : values[d]) {
                    vertices[d] = contracted; values[d] = fc
                } else {
                    for i in 1...d {
                        vertices[i] = combine(vertices[0], vertices[i], 0.5)
                        values[i] = f(vertices[i])
                    }
                }
            }
        }
        let i = values.indices.min { values[$0] < values[$1] }!
        return (vertices[i], values[i], false)
    }
}
