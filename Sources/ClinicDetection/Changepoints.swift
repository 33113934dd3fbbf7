import Foundation

/// Changepoints by PELT (Killick, Fearnhead and Eckley 2012), as the `ruptures` package runs it
/// (`Pelt(model, min_size, jump=1)`), with two segment costs:
/// - ``Cost/mean`` (ruptures "l2"): the sum of squared deviations from the segment's mean;
/// - ``Cost/linearTrend`` (ruptures "linear" on `[y, t, 1]`): the residual sum of squares of the
///   segment's own straight line.
///
/// Contract: returns the segmentation minimising `Σ cost(segment) + penalty × segments`, every segment
/// at least `minimumSegment` points, every position considered (`jump = 1`); the result lists each
/// segment's end (exclusive), the last being `y.count`, exactly as `ruptures` does. Costs come from
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
        var count = 0
        var ends = Array(stride(from: minimumSegment, to: n, by: 1))
        ends.append(n)
        segment.withCost { cost in
            best.withUnsafeMutableBufferPointer { best in
                admissible.withUnsafeMutableBufferPointer { admissible in
                    values.withUnsafeMutableBufferPointer { values in
                        for end in ends {
                            admissible[count] = end - minimumSegment
                            count += 1
                            var minimum = Double.infinity, argmin = -1
                            for a in 0..<count {
                                let start = admissible[a]
                                var v = Double.infinity
                                if best[start].isFinite && end - start >= minimumSegment {
                                    v = best[start] + cost(start, end) + penalty
                                    if v < minimum { minimum = v; argmin = start }
                                }
                                values[a] = v
                            }
                            guard argmin >= 0 else { continue }
                            best[end] = minimum
                            previous[end] = argmin
                            // Pruning: a start whose best total is more than one penalty above the minimum never
                            // wins later (starts 1 … minimumSegment − 1, which cannot begin a segment, drop out
                            // here too).
                            var kept = 0
                            for a in 0..<count where values[a] <= minimum + penalty {
                                admissible[kept] = admissible[a]
                                kept += 1
                            }
                            count = kept
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
