/// Derivative-free minimisation of a smooth function of a few unconstrained variables (Nelder and
/// Mead's simplex, with the standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½).
///
/// Contract: returns the best point visited and its value; stops when the simplex's values differ by
/// less than `tolerance · (|f| + tolerance)` and its vertices lie within `√tolerance` of the best one in
/// every coordinate (a smooth minimum pins its point only to the square root of its value's precision),
/// or after `maxEvaluations`. Non-finite values count as +∞, so the objective may
/// return `.infinity` to mark points it cannot evaluate. The search restarts once from its answer (a
/// fresh simplex), which guards against the simplex collapsing early.
///
/// The search itself is ``NelderMead/Search``, which asks for one point at a time and is told its value;
/// `minimize` answers it from a function, and `minimizeTogether` runs several searches in step, so an
/// objective that evaluates a few points at once for little more than one (the local linear trend's
/// filter, four lanes in one pass) serves them all. Each search visits the same points and returns the
/// same result, bit for bit, however it is driven.
package enum NelderMead {
    package struct Result: Sendable {
        package let point: [Double]
        package let value: Double
        package let evaluations: Int
        package let converged: Bool
    }

    package static func minimize(_ f: ([Double]) -> Double, from start: [Double], step: Double = 0.5,
                                 tolerance: Double = 1e-10, maxEvaluations: Int = 2_000) -> Result {
        var search = Search(from: start, step: step, tolerance: tolerance, maxEvaluations: maxEvaluations)
        while let point = search.pending { search.tell(f(point)) }
        return search.result!
    }

    /// One search from each start, in step: each round evaluates every unfinished search's next point
    /// in one call of `f` (a list of points in, their values in the same order out). The results are
    /// those `minimize` gives from each start alone.
    package static func minimizeTogether(_ f: ([[Double]]) -> [Double], from starts: [[Double]], step: Double = 0.5,
                                         tolerance: Double = 1e-10, maxEvaluations: Int = 2_000) -> [Result] {
        var searches = starts.map { Search(from: $0, step: step, tolerance: tolerance, maxEvaluations: maxEvaluations) }
        while true {
            let asking = searches.indices.filter { searches[$0].pending != nil }
            if asking.isEmpty { break }
            let values = f(asking.map { searches[$0].pending! })
            precondition(values.count == asking.count, "one value for each point")
            for (i, value) in zip(asking, values) { searches[i].tell(value) }
        }
        return searches.map { $0.result! }
    }

    /// The search as a state machine: `pending` is the point whose value it needs next (nil once it has
    /// finished), `tell` gives that value, `result` is set when it finishes.
    package struct Search: Sendable {
        package private(set) var pending: [Double]?
        package private(set) var result: Result?

        private let step: Double
        private let tolerance: Double
        private let maxEvaluations: Int
        private var evaluations = 0
        private var best: (point: [Double], value: Double)
        private var converged = false
        private var restarts = 0
        private var vertices: [[Double]] = []
        private var values: [Double] = []
        private var centroid: [Double] = []
        private var waiting: Waiting = .start

        /// What the pending point is.
        private enum Waiting: Sendable {
            case start
            /// The simplex's vertex `i + 1` (the first is the run's start).
            case vertex(Int)
            case reflected
            case expanded(reflected: [Double], value: Double)
            case contracted(outside: Bool, reflectedValue: Double)
            /// Vertex `i` moved halfway to the best.
            case shrunk(Int)
        }

        package init(from start: [Double], step: Double = 0.5, tolerance: Double = 1e-10, maxEvaluations: Int = 2_000) {
            self.step = step
            self.tolerance = tolerance
            self.maxEvaluations = maxEvaluations
            best = (start, .infinity)
            pending = start
        }

        package mutating func tell(_ raw: Double) {
            precondition(pending != nil, "the search has finished")
            let point = pending!
            pending = nil
            evaluations += 1
            let value = raw.isFinite ? raw : .infinity
            let d = point.count
            switch waiting {
            case .start:
                best = (point, value)
                beginRun()
            case .vertex(let i):
                vertices.append(point)
                values.append(value)
                if i + 1 < d { askVertex(i + 1) } else { iterate() }
            case .reflected:
                if value < values[0] {
                    waiting = .expanded(reflected: point, value: value)
                    pending = combine(centroid, vertices[d], -2)
                } else if value < values[d - 1] {
                    vertices[d] = point; values[d] = value
                    iterate()
                } else {
                    let outside = value < values[d]
                    waiting = .contracted(outside: outside, reflectedValue: value)
                    pending = combine(centroid, outside ? point : vertices[d], 0.5)
                }
            case .expanded(let reflected, let reflectedValue):
                if value < reflectedValue { vertices[d] = point; values[d] = value } else { vertices[d] = reflected; values[d] = reflectedValue }
                iterate()
            case .contracted(let outside, let reflectedValue):
                if value < (outside ? reflectedValue : values[d]) {
                    vertices[d] = point; values[d] = value
                    iterate()
                } else {
                    askShrunk(1)
                }
            case .shrunk(let i):
                vertices[i] = point; values[i] = value
                if i < d { askShrunk(i + 1) } else { iterate() }
            }
        }

        /// A fresh simplex around the best point so far.
        private mutating func beginRun() {
            vertices = [best.point]
            values = [best.value]
            if best.point.isEmpty { iterate() } else { askVertex(0) }
        }

        private mutating func askVertex(_ i: Int) {
            var x = vertices[0]
            x[i] += x[i] == 0 ? step : step * max(1, abs(x[i]))
            waiting = .vertex(i)
            pending = x
        }

        private mutating func askShrunk(_ i: Int) {
            waiting = .shrunk(i)
            pending = combine(vertices[0], vertices[i], 0.5)
        }

        /// One iteration: order the simplex, stop if it has converged or the evaluations are spent,
        /// otherwise ask for the reflection of the worst vertex through the centroid of the others.
        private mutating func iterate() {
            let d = vertices[0].count
            guard maxEvaluations - evaluations > 0 else {
                let i = values.indices.min { values[$0] < values[$1] }!
                endRun(vertices[i], values[i], converged: false)
                return
            }
            // Best first: a stable insertion sort in place (d + 1 vertices, all but one already in order),
            // the order a stable sort of the values gives.
            for i in 1..<values.count {
                var j = i
                while j > 0 && values[j] < values[j - 1] {
                    values.swapAt(j, j - 1)
                    vertices.swapAt(j, j - 1)
                    j -= 1
                }
            }
            let spreadF = abs(values[d] - values[0])
            // The largest coordinate distance from the best vertex, with `Sequence.max()`'s rule: the
            // first value stands until a larger one comes (so a NaN first stands, a NaN later is passed).
            var spreadX = 0.0
            for v in 1..<d + 1 {
                var largest = abs(vertices[v][0] - vertices[0][0])
                for i in 1..<d { let x = abs(vertices[v][i] - vertices[0][i]); if largest < x { largest = x } }
                if v == 1 || spreadX < largest { spreadX = largest }
            }
            if spreadF <= tolerance * (abs(values[0]) + tolerance) && spreadX <= tolerance.squareRoot() {
                endRun(vertices[0], values[0], converged: true)
                return
            }
            if centroid.count != d { centroid = [Double](repeating: 0, count: d) }
            for i in 0..<d { centroid[i] = 0 }
            for v in 0..<d { for i in 0..<d { centroid[i] += vertices[v][i] / Double(d) } }
            waiting = .reflected
            pending = combine(centroid, vertices[d], -1)
        }

        private mutating func endRun(_ point: [Double], _ value: Double, converged: Bool) {
            self.converged = converged
            if value <= best.value { best = (point, value) }
            restarts += 1
            if evaluations >= maxEvaluations { self.converged = false }
            if evaluations >= maxEvaluations || restarts == 2 {
                result = Result(point: best.point, value: best.value, evaluations: evaluations, converged: self.converged)
            } else {
                beginRun()
            }
        }

        /// a + t (b − a)
        private func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] {
            zip(a, b).map { $0 + t * ($1 - $0) }
        }
    }
}
