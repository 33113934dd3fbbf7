import Foundation

/// Changepoints: the segmentation PELT (Killick, Fearnhead and Eckley 2012) finds, as the `ruptures`
/// package runs it (`Pelt(model, min_size, jump=1)`) but exact with a minimum segment length, that is
/// the optimal partition. It is found by optimal partitioning over every start with a lower bound that
/// spares most cost evaluations (see ``pelt(_:cost:penalty:minimumSegment:)``), with two segment costs:
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
        precondition(minimumSegment >= 1, "a segment holds at least one point")
        let n = y.count
        guard n >= 2 * minimumSegment else { return n > 0 ? [n] : [] }
        let segment = SegmentCost(y, cost: cost)
        // `best[k]`: the least total of the months before k (+∞ where no segmentation ends at k);
        // `previous[k]`: the start of the last segment of that segmentation.
        // `bound[s]`: start s's total at the last end it was evaluated for (−∞ before the first). A
        // segment's cost never falls when a month is added to it (its line fits one point more at best
        // as well), so this is a lower bound of the total at every later end: a start whose bound is
        // above the least total found so far at this end cannot win, nor tie, and is not evaluated.
        // On monthly series about one start in thirteen is evaluated at each end, where the pruning of
        // Killick et al. removes almost none (on a series without a change no start is ever pruned).
        // `best` and `bound` share one buffer: two allocations a run.
        var doubles = [Double](repeating: .infinity, count: 2 * (n + 1))
        for k in (n + 1)..<(2 * (n + 1)) { doubles[k] = -.infinity }
        var previous = [Int](repeating: -1, count: n + 1)
        doubles[0] = 0
        // Costs are sums of rounded terms, so two evaluations of nested segments may break the
        // monotonicity slightly: at most 3.7e-15 × `magnitude` on adversarial series (steps, kinks,
        // spikes, amplitudes 1e-6 to 1e6, up to 600 points). A bound counts as above only beyond
        // 1e-12 × `magnitude` plus 1e-12 of the running minimum (the totals' own rounding), about 270
        // times that worst case, so no start that can win or tie is skipped.
        let slack = 1e-12 * segment.magnitude
        // Every start scanned is at least `minimumSegment` ≥ 2 months before the end: the lanes' cost applies.
        let lanes4 = cost == .linearTrend && minimumSegment >= 2
        doubles.withUnsafeMutableBufferPointer { doubles in
            previous.withUnsafeMutableBufferPointer { previous in
                let best = UnsafeMutableBufferPointer(rebasing: doubles[0...n])
                let bound = UnsafeMutableBufferPointer(rebasing: doubles[(n + 1)...])
                segment.withCost { cost in
                    for end in minimumSegment...n {
                        let newest = end &- minimumSegment
                        var minimum = Double.infinity, argmin = -1
                        // Strictly smaller wins; the earlier start on a tie, whatever the order of evaluation.
                        func consider(_ start: Int) {
                            let v = best[start] + cost(start, end) + penalty
                            bound[start] = v
                            if v < minimum || (v == minimum && start < argmin) { minimum = v; argmin = start }
                        }
                        // The last end's winner and the newest start first: a low total early skips the most.
                        let hint = previous[end &- 1]
                        if hint >= 0, hint < newest { consider(hint) }
                        consider(newest)
                        // Above this a bound rules its start out; it follows the least total found so far.
                        func cutoffNow() -> Double { minimum + (slack + abs(minimum) * 1e-12) }
                        var cutoff = cutoffNow()
                        // Four bounds at a time: most groups hold none to evaluate. A group that holds one
                        // is evaluated whole, in SIMD lanes for the linear-trend cost (the same operations
                        // in the same order as one at a time, so the same totals bit for bit).
                        let raw = UnsafeMutableRawPointer(bound.baseAddress!), totals = UnsafeRawPointer(best.baseAddress!)
                        var s = 0
                        while s &+ 3 < newest {
                            let offset = s &* 8
                            let lanes = raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                            if any(lanes .<= SIMD4(repeating: cutoff)) || cutoff.isNaN {
                                if lanes4 {
                                    let v = totals.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                                        + cost.linearTrend(startingAt: s, end: end) + penalty
                                    raw.storeBytes(of: v, toByteOffset: offset, as: SIMD4<Double>.self)
                                    for lane in 0..<4 where v[lane] < minimum || (v[lane] == minimum && s &+ lane < argmin) {
                                        minimum = v[lane]; argmin = s &+ lane
                                    }
                                } else {
                                    for k in s ..< s &+ 4 where k != hint { consider(k) }
                                }
                                cutoff = cutoffNow()
                            }
                            s &+= 4
                        }
                        while s < newest {
                            if s != hint, bound[s] <= cutoff || cutoff.isNaN {
                                consider(s)
                                cutoff = cutoffNow()
                            }
                            s &+= 1
                        }
                        guard argmin >= 0 else { continue }
                        best[end] = minimum
                        previous[end] = argmin
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
///
/// Layout: five columns of `n + 1` doubles in one buffer: the prefix sums over i < k of y, y² and t·y
/// (y and t centred on their overall means); and, by `j = n − m` for a segment of m months, `1/m` and
/// `12/(m(m² − 1))` (one over the spread of m consecutive months; 0 where undefined).
struct SegmentCost {
    let cost: Changepoints.Cost
    private let n: Int
    private let meanT: Double
    private var columns: [Double]
    /// `Σ (y − ȳ)²` over the whole series: the scale of every segment's cost (no segment costs more), and
    /// the scale of its rounding, which PELT's bound allows for (measured, not proved: see ``Changepoints/pelt(_:cost:penalty:minimumSegment:)``).
    let magnitude: Double

    private enum Column: Int { case sumY, sumY2, sumTY, inverseLength, inverseSpread }

    init(_ y: [Double], cost: Changepoints.Cost) {
        self.cost = cost
        let n = y.count
        self.n = n
        let meanY = y.reduce(0, +) / Double(max(1, n))
        let meanT = Double(n - 1) / 2
        self.meanT = meanT
        let stride = n + 1
        columns = [Double](unsafeUninitializedCapacity: 5 * stride) { buffer, initialized in
            func at(_ column: Column, _ k: Int) -> Int { column.rawValue * stride + k }
            buffer[at(.sumY, 0)] = 0; buffer[at(.sumY2, 0)] = 0; buffer[at(.sumTY, 0)] = 0
            for i in 0..<n {
                let v = y[i] - meanY, t = Double(i) - meanT
                buffer[at(.sumY, i + 1)] = buffer[at(.sumY, i)] + v
                buffer[at(.sumY2, i + 1)] = buffer[at(.sumY2, i)] + v * v
                buffer[at(.sumTY, i + 1)] = buffer[at(.sumTY, i)] + t * v
            }
            for k in 0...n {
                let length = n - k, m = Double(length)
                buffer[at(.inverseLength, k)] = length == 0 ? 0 : 1 / m
                buffer[at(.inverseSpread, k)] = length < 2 ? 0 : 12 / (m * (m * m - 1))
            }
            initialized = 5 * stride
        }
        magnitude = columns[Column.sumY2.rawValue * stride + n]
    }

    /// The cost of the points `start ..< end`.
    func cost(_ start: Int, _ end: Int) -> Double {
        withCost { $0(start, end) }
    }

    /// Calls `body` with the cost function over the raw columns.
    func withCost<R>(_ body: (Reader) -> R) -> R {
        let linear = cost == .linearTrend, c = meanT, n = n
        return columns.withUnsafeBufferPointer { p in
            let stride = n + 1, base = p.baseAddress!
            return body(Reader(sumY: base, sumY2: base + stride, sumTY: base + 2 * stride, inverseM: base + 3 * stride,
                               inverseTT: base + 4 * stride, n: n, c: c, linear: linear))
        }
    }

    /// Segment costs read from the columns (no bounds checks: `0 ≤ start < end ≤ n`).
    ///
    /// No division per call (PELT's inner loop was once bound by five of them): `1/m` and `1/Σ(t − t̄)²` come
    /// from tables by segment length, the latter from the exact closed form `Σ(t − t̄)² = m(m² − 1)/12`
    /// for `m` consecutive months.
    struct Reader {
        let sumY, sumY2, sumTY, inverseM, inverseTT: UnsafePointer<Double>
        let n: Int
        let c: Double
        let linear: Bool

        /// The cost of `start ..< end`.
        @inline(__always) func callAsFunction(_ start: Int, _ end: Int) -> Double {
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

        /// The linear-trend costs of `s ..< end` to `s + 3 ..< end` (each segment at least 2 months), each
        /// lane the same operations in the same order as ``callAsFunction(_:_:)``, so the same values bit
        /// for bit. For start `s + i` the length tables' index `n − end + s + i` rises with `i`, so each
        /// table is read four entries at a time.
        @inline(__always) func linearTrend(startingAt s: Int, end: Int) -> SIMD4<Double> {
            typealias Lanes = SIMD4<Double>
            func load(_ pointer: UnsafePointer<Double>, _ k: Int) -> Lanes { UnsafeRawPointer(pointer + k).loadUnaligned(as: Lanes.self) }
            let j = n - end + s
            let start = Lanes(Double(s), Double(s + 1), Double(s + 2), Double(s + 3))
            let m = Lanes(repeating: Double(end)) - start, im = load(inverseM, j)
            let y1 = Lanes(repeating: sumY[end]) - load(sumY, s), y2 = Lanes(repeating: sumY2[end]) - load(sumY2, s)
            var yy = y2 - y1 * y1 * im
            yy.replace(with: 0, where: .!(yy .>= 0))        // max(0, x): x ≥ 0 ? x : 0
            let t1 = (start - c + Double(end - 1) - c) * m / 2
            let ty = Lanes(repeating: sumTY[end]) - load(sumTY, s)
            let cross = ty - t1 * y1 * im
            var cost = yy - cross * cross * load(inverseTT, j)
            cost.replace(with: 0, where: .!(cost .>= 0))
            return cost
        }
    }
}
