import Foundation

/// Changepoints by PELT (Killick, Fearnhead and Eckley 2012), as the `ruptures` package runs it
/// (`Pelt(model, min_size, jump=1)`) but exact with a minimum segment length (see the pruning in
/// ``pelt(_:cost:penalty:minimumSegment:)``), with two segment costs:
/// - ``Cost/mean`` (ruptures "l2"): the sum of squared deviations from the segment's mean;
/// - ``Cost/linearTrend`` (ruptures "linear" on `[y, t, 1]`): the residual sum of squares of the
///   segment's own straight line.
///
/// Contract: returns the segmentation minimising `Σ cost(segment) + penalty × segments`, every segment
/// at least `minimumSegment` points, every position considered (`jump = 1`); the result lists each
/// segment's end (exclusive), the last being `y.count`, as `ruptures` does. Costs come from
/// prefix sums (centred for accuracy), O(1) per segment. Ties go to the earliest candidate, as in
/// `ruptures`.
public enum Changepoints {
    public enum Cost: String, Sendable {
        case mean
        case linearTrend = "linear_trend"
    }

    public static func pelt(_ y: [Double], cost: Cost, penalty: Double, minimumSegment: Int = 6) -> [Int] {
        let n = y.count
        guard n >= 2 * minimumSegment else { return n > 0 ? [n] : [] }
        let segment = SegmentCost(y, cost: cost)
        var best = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        // Candidate starts and their totals for the current end; the hot loop of every flags run (one
        // PELT per series), so it works on raw buffers.
        var admissible = [Int](repeating: 0, count: n + 1), values = [Double](repeating: 0, count: n + 1)
        // The first end each start may no longer begin the last segment of (Int.max: not pruned).
        var expiry = [Int](repeating: .max, count: n + 1)
        var count = 0
        var ends = Array(stride(from: minimumSegment, to: n, by: 1))
        ends.append(n)
        // The linear-trend cost two candidates at a time (``SegmentCost/linearTrendTotals``): every
        // admissible start is at least `minimumSegment` ≥ 2 months before the end.
        let paired = cost == .linearTrend && minimumSegment >= 2
        segment.withCost { cost in
            best.withUnsafeMutableBufferPointer { best in
                admissible.withUnsafeMutableBufferPointer { admissible in
                    expiry.withUnsafeMutableBufferPointer { expiry in
                        values.withUnsafeMutableBufferPointer { values in
                            for end in ends {
                                admissible[count] = end - minimumSegment
                                expiry[count] = .max
                                count += 1
                                var minimum = Double.infinity, argmin = -1
                                if paired {
                                    (minimum, argmin) = segment.linearTrendTotals(end: end, starts: UnsafeBufferPointer(rebasing: admissible[0..<count]),
                                                                                  best: UnsafeBufferPointer(best), penalty: penalty, into: values)
                                } else {
                                    for a in 0..<count {
                                        let start = admissible[a]
                                        var v = Double.infinity
                                        if best[start].isFinite && end - start >= minimumSegment {
                                            v = best[start] + cost(start, end) + penalty
                                            if v < minimum { minimum = v; argmin = start }
                                        }
                                        values[a] = v
                                    }
                                }
                                guard argmin >= 0 else { continue }
                                best[end] = minimum
                                previous[end] = argmin
                                // Pruning: a start whose best total is more than one penalty above the minimum,
                                // F(τ) + C(τ, t) > F(t), never wins for an end T at least `minimumSegment` after
                                // t (then t can end the segment before, and C(τ, T) ≥ C(τ, t) + C(t, T)). For
                                // the ends in between, t cannot, so the start stays until then (`expiry`):
                                // removed at once, as ruptures does, it was sometimes the best start of one of
                                // them, and the segmentation was not the optimal one. Starts 1 … minimumSegment − 1,
                                // which cannot begin a segment, leave this way too.
                                var kept = 0
                                let threshold = minimum + penalty, expiresAt = end &+ minimumSegment, next = end &+ 1
                                for a in 0..<count {
                                    var expires = expiry[a]
                                    if expires == .max && values[a] > threshold { expires = expiresAt }
                                    guard expires > next else { continue }
                                    admissible[kept] = admissible[a]
                                    expiry[kept] = expires
                                    kept &+= 1
                                }
                                count = kept
                            }
                        }
                    }
                }
            }
        }
        var breakpoints = [Int]()
        var end = n
        while end > 0, previous[end] >= 0 {
            breakpoints.append(end)
            end = previous[end]
        }
        return breakpoints.reversed()
    }

    /// `Σ cost(segment)` of a segmentation given by its ends.
    public static func totalCost(_ y: [Double], cost: Cost, breakpoints: [Int]) -> Double {
        let segment = SegmentCost(y, cost: cost)
        var start = 0, total = 0.0
        for end in breakpoints { total += segment.cost(start, end); start = end }
        return total
    }
}

/// Segment costs from prefix sums of the centred data.
///
/// The sums over time have closed forms, so they are computed rather than stored: `Σ(t − c)` over a
/// segment (c the middle of the series) is a multiple of ½ far below 2⁵³, exact in double precision, and
/// the segment's own spread `Σ(t − t̄)²` is `m(m² − 1)/12`, with no cancellation. Relative to that exact
/// spread a segment's cost carries only the rounding of the y sums.
struct SegmentCost {
    let cost: Changepoints.Cost
    /// Prefix sums over i < k of y, y² and t·y (y and t centred on their overall means), interleaved:
    /// `prefix[3k]`, `prefix[3k + 1]`, `prefix[3k + 2]`.
    private var prefix: [Double]
    private let meanT: Double
    /// `1/m` and `12/(m(m² − 1))` (one over the spread of m consecutive months) for m = 0 … n (0 where undefined).
    private let reciprocalLength: [Double]
    private let reciprocalSpread: [Double]

    init(_ y: [Double], cost: Changepoints.Cost) {
        self.cost = cost
        let n = y.count
        let meanY = y.reduce(0, +) / Double(max(1, n))
        meanT = Double(n - 1) / 2
        reciprocalLength = (0...n).map { $0 == 0 ? 0 : 1 / Double($0) }
        reciprocalSpread = (0...n).map { length -> Double in
            let m = Double(length)
            return length < 2 ? 0 : 12 / (m * (m * m - 1))
        }
        prefix = [Double](repeating: 0, count: 3 * (n + 1))
        for i in 0..<n {
            let v = y[i] - meanY, t = Double(i) - meanT
            prefix[3 * i + 3] = prefix[3 * i] + v
            prefix[3 * i + 4] = prefix[3 * i + 1] + v * v
            prefix[3 * i + 5] = prefix[3 * i + 2] + t * v
        }
    }

    /// The cost of the points `start ..< end`.
    func cost(_ start: Int, _ end: Int) -> Double {
        withCost { $0(start, end) }
    }

    /// `best[start] + cost(start, end) + penalty` for each of `starts` (linear-trend cost; every start at
    /// least 2 before `end`), written to `values`, and the smallest with its start (the earliest on a tie;
    /// −1 when none is finite). Two starts at a time in SIMD lanes, each lane the same operations in the
    /// same order as ``withCost(_:)``, so the totals are bitwise the scalar ones; a start whose best total
    /// is infinite (it cannot begin a segment) gets an infinite total, as it would.
    func linearTrendTotals(end: Int, starts: UnsafeBufferPointer<Int>, best: UnsafeBufferPointer<Double>, penalty: Double,
                           into values: UnsafeMutableBufferPointer<Double>) -> (minimum: Double, argmin: Int) {
        prefix.withUnsafeBufferPointer { p in
            reciprocalLength.withUnsafeBufferPointer { inverseM in
                reciprocalSpread.withUnsafeBufferPointer { inverseTT in
                    let c = meanT, last = Double(end - 1)
                    let y1End = SIMD2(repeating: p[3 * end]), y2End = SIMD2(repeating: p[3 * end + 1])
                    let tyEnd = SIMD2(repeating: p[3 * end + 2])
                    // The smallest total and its start are kept lane by lane (strictly smaller replaces, so
                    // each lane keeps its earliest start on a tie) and merged at the end: no branch per start.
                    var lowest = SIMD2<Double>(repeating: .infinity), lowestAt = SIMD2<Int64>(repeating: -1)
                    let count = starts.count
                    var a = 0
                    while a &+ 1 < count {
                        let s0 = starts[a], s1 = starts[a &+ 1]
                        let l0 = end &- s0, l1 = end &- s1
                        let m = SIMD2(Double(l0), Double(l1)), im = SIMD2(inverseM[l0], inverseM[l1])
                        let b0 = 3 &* s0, b1 = 3 &* s1
                        let y1 = y1End - SIMD2(p[b0], p[b1]), y2 = y2End - SIMD2(p[b0 &+ 1], p[b1 &+ 1])
                        var yy = y2 - y1 * y1 * im
                        yy.replace(with: 0, where: .!(yy .>= 0))        // max(0, x): x ≥ 0 ? x : 0
                        let t1 = (SIMD2(Double(s0), Double(s1)) - c + last - c) * m / 2
                        let ty = tyEnd - SIMD2(p[b0 &+ 2], p[b1 &+ 2])
                        let cross = ty - t1 * y1 * im
                        var cost = yy - cross * cross * SIMD2(inverseTT[l0], inverseTT[l1])
                        cost.replace(with: 0, where: .!(cost .>= 0))
                        let v = SIMD2(best[s0], best[s1]) + cost + penalty
                        values[a] = v[0]
                        values[a &+ 1] = v[1]
                        let smaller = v .< lowest
                        lowest.replace(with: v, where: smaller)
                        lowestAt.replace(with: SIMD2(Int64(s0), Int64(s1)), where: smaller)
                        a &+= 2
                    }
                    // The lanes merged: the smaller total, the earlier start on a tie (starts ascend).
                    var minimum = Double.infinity, argmin = -1
                    for lane in 0..<2 where lowestAt[lane] >= 0 {
                        if lowest[lane] < minimum || (lowest[lane] == minimum && Int(lowestAt[lane]) < argmin) {
                            minimum = lowest[lane]; argmin = Int(lowestAt[lane])
                        }
                    }
                    if a < count {                                    // an odd start left: the scalar cost
                        let start = starts[a]
                        let v = best[start] + cost(start, end) + penalty
                        values[a] = v
                        if v < minimum { minimum = v; argmin = start }
                    }
                    return (minimum, argmin)
                }
            }
        }
    }

    /// Calls `body` with the cost function over raw buffers (no bounds checks: `0 ≤ start < end ≤ n`).
    ///
    /// No division per call (PELT's inner loop was bound by five of them): `1/m` and `1/Σ(t − t̄)²` come
    /// from tables by segment length, the latter from the exact closed form `Σ(t − t̄)² = m(m² − 1)/12`
    /// for `m` consecutive months.
    func withCost<R>(_ body: ((Int, Int) -> Double) -> R) -> R {
        let linear = cost == .linearTrend, c = meanT
        return prefix.withUnsafeBufferPointer { p in
            reciprocalLength.withUnsafeBufferPointer { inverseM in
                reciprocalSpread.withUnsafeBufferPointer { inverseTT in
                    body { start, end in
                        let length = end - start
                        let m = Double(length), im = inverseM[length]
                        let y1 = p[3 * end] - p[3 * start], y2 = p[3 * end + 1] - p[3 * start + 1]
                        let yy = max(0, y2 - y1 * y1 * im)
                        guard linear, length > 1 else { return yy }
                        // Σ(i − c) over start ..< end, exactly (a multiple of ½ far below 2⁵³).
                        let t1 = (Double(start) - c + Double(end - 1) - c) * m / 2
                        let ty = p[3 * end + 2] - p[3 * start + 2]
                        let cross = ty - t1 * y1 * im
                        return max(0, yy - cross * cross * inverseTT[length])
                    }
                }
            }
        }
    }
}
