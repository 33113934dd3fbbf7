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
        // Every start is kept in place, indexed by its month, so the hot loop (one PELT per fit of every
        // series in a flags run) reads contiguous memory: `live[s]` is the best total of the months before
        // `s` while `s` may still begin the last segment, +∞ once pruned or when nothing ends at `s`
        // (then its total is +∞, as a pruned start's would be). One buffer of doubles and one of integers.
        var doubles = [Double](repeating: .infinity, count: 4 * (n + 1))
        var previous = [Int](repeating: -1, count: n + 1)
        // The linear-trend cost several starts at a time (``SegmentCost/linearTrendTotals``): every
        // start considered is at least `minimumSegment` ≥ 2 months before the end.
        let lanes = cost == .linearTrend && minimumSegment >= 2
        doubles.withUnsafeMutableBufferPointer { doubles in
            previous.withUnsafeMutableBufferPointer { previous in
                let best = UnsafeMutableBufferPointer(rebasing: doubles[0...n])
                let live = UnsafeMutableBufferPointer(rebasing: doubles[(n + 1)...(2 * n + 1)])
                let values = UnsafeMutableBufferPointer(rebasing: doubles[(2 * n + 2)...(3 * n + 2)])
                // The first end each start may no longer begin the last segment of (+∞: not pruned), as a
                // double so that the pruning pass runs in SIMD lanes (ends are far below 2⁵³).
                let expiry = UnsafeMutableBufferPointer(rebasing: doubles[(3 * n + 3)...(4 * n + 3)])
                best[0] = 0
                segment.withCost { cost in
                    for end in minimumSegment...n {
                        let newest = end &- minimumSegment
                        live[newest] = best[newest]
                        expiry[newest] = .infinity
                        var minimum = Double.infinity, argmin = -1
                        if lanes {
                            (minimum, argmin) = segment.linearTrendTotals(end: end, through: newest, live: UnsafeBufferPointer(live),
                                                                          penalty: penalty, into: values)
                        } else {
                            for start in 0...newest {
                                let v = live[start] + cost(start, end) + penalty
                                values[start] = v
                                if v < minimum { minimum = v; argmin = start }
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
                        // them, and the segmentation was not the optimal one. Starts that cannot begin a
                        // segment (their total is +∞) leave this way too.
                        // A start already out (+∞) may be given an expiry too: it stays out either way.
                        Self.prune(through: newest, values: UnsafeBufferPointer(values), threshold: minimum + penalty,
                                   expiresAt: Double(end + minimumSegment), next: Double(end + 1), expiry: expiry, live: live)
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

    /// PELT's pruning pass over starts `0 … last`: a start not yet marked whose total exceeds
    /// `threshold` expires at `expiresAt`; a start whose expiry is at most `next` leaves (`live` +∞).
    /// Four starts at a time, without branches.
    private static func prune(through last: Int, values: UnsafeBufferPointer<Double>, threshold: Double, expiresAt: Double,
                              next: Double, expiry: UnsafeMutableBufferPointer<Double>, live: UnsafeMutableBufferPointer<Double>) {
        typealias Lanes = SIMD4<Double>
        let count = last + 1
        let v = UnsafeRawPointer(values.baseAddress!), e = UnsafeMutableRawPointer(expiry.baseAddress!)
        let l = UnsafeMutableRawPointer(live.baseAddress!)
        var s = 0
        while s &+ 3 < count {
            let offset = s &* 8
            var expires = e.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            expires.replace(with: expiresAt, where: (expires .== .infinity) .& (v.loadUnaligned(fromByteOffset: offset, as: Lanes.self) .> threshold))
            e.storeBytes(of: expires, toByteOffset: offset, as: Lanes.self)
            var alive = l.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            alive.replace(with: .infinity, where: expires .<= next)
            l.storeBytes(of: alive, toByteOffset: offset, as: Lanes.self)
            s &+= 4
        }
        while s < count {
            if expiry[s] == .infinity && values[s] > threshold { expiry[s] = expiresAt }
            if expiry[s] <= next { live[s] = .infinity }
            s &+= 1
        }
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
///
/// Layout: seven columns of `n + 1` doubles in one buffer, so that for a fixed end the starts' terms
/// lie side by side (``linearTrendTotals(end:through:live:penalty:into:)`` loads them a vector at a
/// time): the prefix sums over i < k of y, y² and t·y (y and t centred on their overall means); `k − c`;
/// and, by `j = n − m` for a segment of m months, `m`, `1/m` and `12/(m(m² − 1))` (one over the spread
/// of m consecutive months; 0 where undefined). For a segment `s ..< e`, `j = n − e + s` rises with `s`.
struct SegmentCost {
    let cost: Changepoints.Cost
    private let n: Int
    private let meanT: Double
    private var columns: [Double]

    private enum Column: Int { case sumY, sumY2, sumTY, time, length, inverseLength, inverseSpread }

    init(_ y: [Double], cost: Changepoints.Cost) {
        self.cost = cost
        let n = y.count
        self.n = n
        let meanY = y.reduce(0, +) / Double(max(1, n))
        let meanT = Double(n - 1) / 2
        self.meanT = meanT
        let stride = n + 1
        columns = [Double](unsafeUninitializedCapacity: 7 * stride) { buffer, initialized in
            func at(_ column: Column, _ k: Int) -> Int { column.rawValue * stride + k }
            buffer[at(.sumY, 0)] = 0; buffer[at(.sumY2, 0)] = 0; buffer[at(.sumTY, 0)] = 0
            for i in 0..<n {
                let v = y[i] - meanY, t = Double(i) - meanT
                buffer[at(.sumY, i + 1)] = buffer[at(.sumY, i)] + v
                buffer[at(.sumY2, i + 1)] = buffer[at(.sumY2, i)] + v * v
                buffer[at(.sumTY, i + 1)] = buffer[at(.sumTY, i)] + t * v
            }
            for k in 0...n {
                buffer[at(.time, k)] = Double(k) - meanT
                let length = n - k, m = Double(length)
                buffer[at(.length, k)] = m
                buffer[at(.inverseLength, k)] = length == 0 ? 0 : 1 / m
                buffer[at(.inverseSpread, k)] = length < 2 ? 0 : 12 / (m * (m * m - 1))
            }
            initialized = 7 * stride
        }
    }

    /// The cost of the points `start ..< end`.
    func cost(_ start: Int, _ end: Int) -> Double {
        withCost { $0(start, end) }
    }

    /// `live[s] + cost(s, end) + penalty` for every start `s` in `0 ... last` (linear-trend cost; `last`
    /// at most `end − 2`), written to `values[s]`, and the smallest with its start (the earliest on a tie;
    /// −1 when none is finite). Four starts at a time in SIMD lanes, each lane the same operations in the
    /// same order as ``withCost(_:)``, so the totals are bitwise the scalar ones; a start whose `live`
    /// total is +∞ (pruned, or it cannot begin a segment) gets +∞.
    func linearTrendTotals(end: Int, through last: Int, live: UnsafeBufferPointer<Double>, penalty: Double,
                           into values: UnsafeMutableBufferPointer<Double>) -> (minimum: Double, argmin: Int) {
        columns.withUnsafeBufferPointer { p in
            let stride = n + 1, base = p.baseAddress!
            let sumY = base, sumY2 = base + stride, sumTY = base + 2 * stride, time = base + 3 * stride
            // By start: the length tables shifted so that index `s` reads segment `s ..< end`.
            let shift = n - end
            let length = base + 4 * stride + shift, inverseM = base + 5 * stride + shift, inverseTT = base + 6 * stride + shift
            let c = meanT, lastMonth = Double(end - 1)
            typealias Lanes = SIMD4<Double>
            func load(_ pointer: UnsafePointer<Double>, _ s: Int) -> Lanes {
                UnsafeRawPointer(pointer + s).loadUnaligned(as: Lanes.self)
            }
            let y1End = Lanes(repeating: sumY[end]), y2End = Lanes(repeating: sumY2[end]), tyEnd = Lanes(repeating: sumTY[end])
            let liveBase = live.baseAddress!
            // The smallest total and its start are kept lane by lane (strictly smaller replaces, so each
            // lane keeps its earliest start on a tie) and merged at the end: no branch per start.
            var lowest = Lanes(repeating: .infinity), lowestAt = SIMD4<Int64>(repeating: -1)
            var at = SIMD4<Int64>(0, 1, 2, 3)
            let count = last + 1
            var s = 0
            while s &+ 3 < count {
                let im = load(inverseM, s), y1 = y1End - load(sumY, s), y2 = y2End - load(sumY2, s)
                var yy = y2 - y1 * y1 * im
                yy.replace(with: 0, where: .!(yy .>= 0))        // max(0, x): x ≥ 0 ? x : 0
                let t1 = (load(time, s) + lastMonth - c) * load(length, s) / 2
                let ty = tyEnd - load(sumTY, s)
                let cross = ty - t1 * y1 * im
                var cost = yy - cross * cross * load(inverseTT, s)
                cost.replace(with: 0, where: .!(cost .>= 0))
                let v = UnsafeRawPointer(liveBase + s).loadUnaligned(as: Lanes.self) + cost + penalty
                UnsafeMutableRawPointer(values.baseAddress! + s).storeBytes(of: v, as: Lanes.self)
                let smaller = v .< lowest
                lowest.replace(with: v, where: smaller)
                lowestAt.replace(with: at, where: smaller)
                at &+= 4
                s &+= 4
            }
            // The lanes merged: the smaller total, the earlier start on a tie.
            var minimum = Double.infinity, argmin = -1
            for lane in 0..<4 where lowestAt[lane] >= 0 {
                if lowest[lane] < minimum || (lowest[lane] == minimum && Int(lowestAt[lane]) < argmin) {
                    minimum = lowest[lane]; argmin = Int(lowestAt[lane])
                }
            }
            if s < count {                                    // the starts left over: the scalar cost
                withCost { cost in
                    for start in s..<count {
                        let v = live[start] + cost(start, end) + penalty
                        values[start] = v
                        if v < minimum { minimum = v; argmin = start }
                    }
                }
            }
            return (minimum, argmin)
        }
    }

    /// Calls `body` with the cost function over raw buffers (no bounds checks: `0 ≤ start < end ≤ n`).
    ///
    /// No division per call (PELT's inner loop was bound by five of them): `1/m` and `1/Σ(t − t̄)²` come
    /// from tables by segment length, the latter from the exact closed form `Σ(t − t̄)² = m(m² − 1)/12`
    /// for `m` consecutive months.
    func withCost<R>(_ body: ((Int, Int) -> Double) -> R) -> R {
        let linear = cost == .linearTrend, c = meanT, n = n
        return columns.withUnsafeBufferPointer { p in
            let stride = n + 1, base = p.baseAddress!
            let sumY = base, sumY2 = base + stride, sumTY = base + 2 * stride
            let inverseM = base + 5 * stride, inverseTT = base + 6 * stride
            return body { start, end in
                let length = end - start, j = n - length
                let m = Double(length), im = inverseM[j]
                let y1 = sumY[end] - sumY[start], y2 = sumY2[end] - sumY2[start]
                let yy = max(0, y2 - y1 * y1 * im)
                guard linear, length > 1 else { return yy }
                // Σ(i − c) over start ..< end, exactly (a multiple of ½ far below 2⁵³).
                let t1 = (Double(start) - c + Double(end - 1) - c) * m / 2
                let ty = sumTY[end] - sumTY[start]
                let cross = ty - t1 * y1 * im
                return max(0, yy - cross * cross * inverseTT[j])
            }
        }
    }
}
