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
        var admissible = [Int](), values = [Double]()
        admissible.reserveCapacity(n); values.reserveCapacity(n)
        var ends = Array(stride(from: minimumSegment, to: n, by: 1))
        ends.append(n)
        for end in ends {
            admissible.append(end - minimumSegment)
            values.removeAll(keepingCapacity: true)
            var minimum = Double.infinity, argmin = -1
            for start in admissible {
                var v = Double.infinity
                if best[start].isFinite && end - start >= minimumSegment {
                    v = best[start] + segment.cost(start, end) + penalty
                    if v < minimum { minimum = v; argmin = start }
                }
                values.append(v)
            }
            guard argmin >= 0 else { continue }
            best[end] = minimum
            previous[end] = argmin
            // Pruning: a start whose best total is more than one penalty above the minimum never wins
            // later (starts 1 … minimumSegment − 1, which cannot begin a segment, drop out here too).
            var kept = 0
            for (a, start) in admissible.enumerated() where values[a] <= minimum + penalty {
                admissible[kept] = start
                kept += 1
            }
            admissible.removeLast(admissible.count - kept)
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
struct SegmentCost {
    let cost: Changepoints.Cost
    // Prefix sums over i < k of: y, y², t, t², t·y (y and t centred on their overall means).
    private var sy: [Double], syy: [Double], st: [Double], stt: [Double], sty: [Double]

    init(_ y: [Double], cost: Changepoints.Cost) {
        self.cost = cost
        let n = y.count
        let meanY = y.reduce(0, +) / Double(max(1, n)), meanT = Double(n - 1) / 2
        sy = [0]; syy = [0]; st = [0]; stt = [0]; sty = [0]
        sy.reserveCapacity(n + 1); syy.reserveCapacity(n + 1); st.reserveCapacity(n + 1); stt.reserveCapacity(n + 1); sty.reserveCapacity(n + 1)
        for i in 0..<n {
            let v = y[i] - meanY, t = Double(i) - meanT
            sy.append(sy[i] + v); syy.append(syy[i] + v * v); st.append(st[i] + t); stt.append(stt[i] + t * t); sty.append(sty[i] + t * v)
        }
    }

    /// The cost of the points `start ..< end`.
    func cost(_ start: Int, _ end: Int) -> Double {
        let m = Double(end - start)
        let y1 = sy[end] - sy[start], y2 = syy[end] - syy[start]
        let yy = max(0, y2 - y1 * y1 / m)
        guard cost == .linearTrend else { return yy }
        let t1 = st[end] - st[start], t2 = stt[end] - stt[start], ty = sty[end] - sty[start]
        let tt = t2 - t1 * t1 / m, cross = ty - t1 * y1 / m
        guard tt > 0 else { return yy }
        return max(0, yy - cross * cross / tt)
    }
}
