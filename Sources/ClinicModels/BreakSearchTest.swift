import ClinicData
import ClinicNumerics
import Foundation

/// A test for one change of level and trend at a month that was searched for, with the error process held.
///
/// Following a change found in the data (``ChangeFollowingFit`` in ClinicDetection) asks whether a step
/// and a change of slope from some recent month improve the long-run fit. The month was chosen because
/// the data looked like a change there, and a test at that one month ignores the search: on
/// autocorrelated noise that never changed, a fifth of short series passed it at 1%. This test allows
/// for the search over `candidates`, with the errors' process given (held) rather than chosen again
/// with each month's change.
///
/// **Statistic.** With the errors whitened by the held ARMA process (`L⁻¹`, ``ARMAKalmanWhitener``; none
/// for independent errors), `M` the residual projection of the whitened long-run design (the model
/// without the change) and `Ũ_τ` the whitened step and slope columns of a change at month τ:
///
///     S = max over τ of  ỹᵀ M Ũ_τ (Ũ_τᵀ M Ũ_τ)⁻¹ Ũ_τᵀ M ỹ  /  ỹᵀ M ỹ,
///
/// the largest share of the long-run residual sum of squares that a change at one of the `candidates`
/// explains. Each share is a monotone function of that month's F statistic, so S is the sup-F statistic
/// of Andrews (1993) over the candidate months. With one candidate it is that month's F test
/// (`BreakSearchTestTests`).
///
/// **Null distribution.** Under the long-run model with Gaussian errors and the held process, `Mỹ = Mz`
/// for `z ~ N(0, σ²I)`, so S has the distribution of the same ratio with `z` in place of `ỹ`: free of the
/// coefficients and of σ, determined by the design and the candidates alone. It is simulated for this
/// design (standard normal draws from a fixed seed, so a series' p-value is a function of its data), in
/// blocks through GEMM, and stopped early as Besag and Clifford (1991): after `stop` (``defaultStop``) draws
/// at least as large as the observed S, the p-value is their count over the draws made; otherwise it is
/// `(1 + count) / (1 + draws)`. Stopping at 10 never changes a decision at 1% (10 exceedances already
/// put p above it).
///
/// **Contract.** The p-value is exact (up to the simulation) when the process is the true one. A process
/// estimated from the same data, as ``ChangeFollowingFit`` does, makes it smaller than an exact one on
/// wandering noise (docs/METHODS.md §6 has the measured rates).
public enum BreakSearchTest {
    /// Standard normal draws of the null distribution (at most).
    public static let defaultDraws = 999
    /// The sequential stop: enough draws above the observed statistic to know p is large.
    public static let defaultStop = 10
    /// The simulation's seed (fixed: the same series always gets the same p-value).
    static let seed: UInt64 = 0x5EED_B4EA_C5E4_C400

    /// The p-value of a change of level and trend at one of `candidates` (months of `series`) against
    /// the OLS trend model of `series` with `options`' interventions and `seasonality`, its errors the
    /// held `process` (nil: independent), over the months the trend model fits (observed and imputed).
    /// Nil when the model cannot be planned, when the process cannot whiten those months, when fewer than
    /// three residual degrees of freedom remain, when the model fits exactly, when no candidate leaves
    /// both its columns estimable (a candidate with either column degenerate is left out whole), or when
    /// LAPACK or BLAS fails. At most `draws` draws (at least 1); the smallest p-value is
    /// `1 / (draws + 1)`, so a p-value below 0.01 needs at least 100 draws.
    public static func pValue(_ series: Series, definition: MetricDefinition, options: TrendOptions, seasonality: Seasonality,
                              process: ErrorProcess?, candidates: [Month], draws: Int = defaultDraws, stop: Int = defaultStop) -> Double? {
        precondition(draws >= 1 && stop >= 1, "at least one draw, and a stop after at least one exceedance")
        guard !candidates.isEmpty else { return nil }
        var longRun = options
        longRun.seasonality = .fixed(seasonality)
        longRun.model = .fixed(.ols)
        guard case let .ready(plan) = TrendModel.plan(series, definition: definition, options: longRun) else { return nil }
        let rows = plan.rows, n = rows.count
        var whiten: ([Double]) -> [Double] = { $0 }
        if let process, process.model != .iid {
            guard let whitener = ARMAKalmanWhitener(process: process, times: rows) else { return nil }
            whiten = whitener.whiten
        }
        let x = plan.design.matrix
        let whitened = Matrix(columns: (0..<x.columns).map { whiten(x.column($0)) })
        guard let qr = try? PivotedQR(whitened) else { return nil }
        let rank = qr.rank()
        guard rank > 0, n - rank > 2, let q = try? qr.thinQ(rank) else { return nil }

        // The whitened change columns with the long-run design projected out (twice, for orthogonality
        // to the last digit), each pair made orthonormal.
        var pairs = [[Double]]()
        for month in Set(candidates).sorted() {
            let at = series.start.distance(to: month)
            let step = whiten(rows.map { $0 >= at ? 1.0 : 0 }), slope = whiten(rows.map { Double(max(0, $0 - at)) })
            var b1 = residual(residual(step, q), q), b2 = residual(residual(slope, q), q)
            let n1 = norm(b1)
            guard n1 > 1e-8 * max(1, norm(step)) else { continue }
            b1 = b1.map { $0 / n1 }
            let c = dot(b1, b2)
            b2 = zip(b2, b1).map { $0 - c * $1 }
            let n2 = norm(b2)
            guard n2 > 1e-8 * max(1, norm(slope)) else { continue }
            pairs.append(b1)
            pairs.append(b2.map { $0 / n2 })
        }
        guard !pairs.isEmpty else { return nil }
        let u = Matrix(columns: pairs)
        let months = pairs.count / 2

        func statistic(_ projections: (Int) -> Double, rss: Double) -> Double {
            var largest = 0.0
            for j in 0..<months {
                let a = projections(2 * j), b = projections(2 * j + 1)
                largest = max(largest, a * a + b * b)
            }
            return largest / rss
        }
        let e = residual(residual(whiten(plan.y), q), q)
        let rss = dot(e, e)
        guard rss > 0, rss.isFinite else { return nil }
        let observed = statistic({ j in dot(pairs[j], e) }, rss: rss)

        // The draws are the seed's stream of standard normals, taken n × 100 at a time; the stream's first
        // ``sharedDraws`` values are made once per process (most series use only those), and a longer
        // series draws on from the generator where they end.
        let (shared, after) = Self.sharedStream
        var random = after
        var used = 0
        let block = 100
        var drawn = 0, exceeding = 0
        var z = Matrix(rows: n, columns: block)
        var onChanges = Matrix(rows: pairs.count, columns: block), onDesign = Matrix(rows: rank, columns: block)
        while drawn < draws {
            let count = min(block, draws - drawn)
            let fromShared = max(0, min(n * block, shared.count - used))
            for i in 0..<fromShared { z.storage[i] = shared[used + i] }
            for i in fromShared..<(n * block) { z.storage[i] = random.normal() }
            used += n * block
            do {
                try BLAS.gemm(u, z, into: &onChanges, transA: .transpose)
                try BLAS.gemm(q, z, into: &onDesign, transA: .transpose)
            } catch { return nil }
            for d in 0..<count {
                var total = 0.0, explained = 0.0
                for i in 0..<n { total += z[i, d] * z[i, d] }
                for i in 0..<rank { explained += onDesign[i, d] * onDesign[i, d] }
                if statistic({ onChanges[$0, d] }, rss: total - explained) >= observed { exceeding += 1 }
                drawn += 1
                if exceeding == stop { return Double(exceeding) / Double(drawn) }
            }
        }
        return Double(1 + exceeding) / Double(1 + drawn)
    }

    /// How many of the stream's normals are made once and shared (2 MB): all the draws a series of up to
    /// 200 fitted months needs.
    static let sharedDraws = 200 * (defaultDraws + 1)
    /// The first ``sharedDraws`` standard normals of ``seed``'s stream, and the generator just after them.
    static let sharedStream: (normals: [Double], after: SplitMix64) = {
        var random = SplitMix64(seed: seed)
        return ((0..<sharedDraws).map { _ in random.normal() }, random)
    }()

    /// `v − Q Qᵀ v` for `Q` with orthonormal columns.
    private static func residual(_ v: [Double], _ q: Matrix) -> [Double] {
        var out = v
        for j in 0..<q.columns {
            var c = 0.0
            for i in 0..<q.rows { c += q[i, j] * v[i] }
            for i in 0..<q.rows { out[i] -= c * q[i, j] }
        }
        return out
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    private static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}
