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
/// The sums over time (`Σt`, `Σt²` with `t` centred on the middle of the series) have closed forms whose
/// values are exact in double precision (multiples of ¼ far below 2⁵³), so they are computed rather than
/// stored; they equal the prefix-sum differences bit for bit, and so do the costs.
struct SegmentCost {
    let cost: Changepoints.Cost
    /// Prefix sums over i < k of y, y² and t·y (y and t centred on their overall means), interleaved:
    /// `prefix[3k]`, `prefix[3k + 1]`, `prefix[3k + 2]`.
    private var prefix: [Double]
    private let meanT: Double

    init(_ y: [Double], cost: Changepoints.Cost) {
        self.cost = cost
        let n = y.count
        let meanY = y.reduce(0, +) / Double(max(1, n))
        meanT = Double(n - 1) / 2
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
    func withCost<R>(_ body: ((Int, Int) -> Double) -> R) -> R {
        let linear = cost == .linearTrend, c = meanT
        return prefix.withUnsafeBufferPointer { p in
            body { start, end in
                let m = Double(end - start)
                let y1 = p[3 * end] - p[3 * start], y2 = p[3 * end + 1] - p[3 * start + 1]
                let yy = max(0, y2 - y1 * y1 / m)
                guard linear else { return yy }
                // Σ(i − c) and Σ(i − c)² over start ..< end, exactly.
                let a = Double(start) - c, b = Double(end - 1) - c
                let t1 = (a + b) * m / 2
                let t2 = (b * (b + 1) * (2 * b + 1) - (a - 1) * a * (2 * a - 1)) / 6
                let ty = p[3 * end + 2] - p[3 * start + 2]
                let tt = t2 - t1 * t1 / m, cross = ty - t1 * y1 / m
                guard tt > 0 else { return yy }
                return max(0, yy - cross * cross / tt)
            }
        }
    }
}
