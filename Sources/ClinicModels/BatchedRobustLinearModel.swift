import ClinicData
import ClinicNumerics
import Foundation

/// Robust (Huber or bisquare) fits of many series that share one design: the same IRLS as
/// ``RobustLinearModel`` (statsmodels' RLM: MAD scale about zero, its deviance criterion, 1e-8, 50
/// iterations, H1 covariance), organised so that the heavy arithmetic runs as GEMMs over all series.
///
/// With series-specific weights every series has its own weighted Gram matrix `Xᵀ W_j X`. All of them
/// come from one product: with `K` the `p(p+1)/2 × n` matrix of column products `x_ia · x_ib` (a ≤ b),
/// `K · W` gives every series' Gram matrix at once, and `Xᵀ (W ∘ Y)` every right-hand side. Each series
/// then needs only a `p × p` Cholesky solve, its residuals (another GEMM), a median and its
/// convergence test. Converged series leave the active set. Blocks of series run in parallel across
/// cores with OpenBLAS single-threaded.
///
/// Accuracy contract: the weighted normal equations are solved on the equilibrated design (columns
/// scaled by powers of two), so the relative error is about `κ(X)²·ε` — below 1e-9 for trend designs
/// (κ < 10⁴); results agree with ``RobustLinearModel`` to 1e-8 (tested). A series whose weighted Gram
/// matrix is not positive definite (a bisquare fit that gave too many rows zero weight), or that has
/// missing months, is fitted on its own by ``RobustLinearModel``.
public enum BatchedRobustLinearModel {
    public static func fit(_ design: DesignMatrix, responses: Matrix, norm: RobustLinearModel.Norm,
                           tolerance: Double = 1e-8, maximumIterations: Int = 50) throws -> BatchedRobustFit {
        let (x, colScale) = design.matrix.equilibrated()
        let n = x.rows, p = x.columns, m = responses.columns
        guard responses.rows == n else { throw LinearModelError.responseLength(response: responses.rows, designRows: n) }
        let qr = try PivotedQR(x)
        guard qr.rank() == p, n > p else {
            throw LinearModelError.tooFewObservations(observations: n, rank: qr.rank())
        }
        // (XᵀX)⁻¹ of the equilibrated design, from R: the bread of H1.
        let rInverse = try TriangularSolve.upperInverse(qr.factors, order: p)
        var breadPivoted = Matrix(rows: p, columns: p)
        for a in 0..<p { for b in 0..<p { var s = 0.0; for c in max(a, b)..<p { s += rInverse[a, c] * rInverse[b, c] }; breadPivoted[a, b] = s } }
        var breadDiagonal = [Double](repeating: 0, count: p)
        for a in 0..<p { breadDiagonal[qr.permutation[a]] = breadPivoted[a, a] }

        // K: products of column pairs, row-major by pair, columns = observations.
        var pairs = [(Int, Int)]()
        for a in 0..<p { for b in a..<p { pairs.append((a, b)) } }
        var k = Matrix(rows: pairs.count, columns: n)
        for i in 0..<n { for (r, (a, b)) in pairs.enumerated() { k[r, i] = x[i, a] * x[i, b] } }

        var result = BatchedRobustFit(terms: design.terms, series: m)
        // Complete series go through the batched path; series with gaps are fitted alone.
        var completeSeries = [Int](), gapped = [Int]()
        responses.storage.withUnsafeBufferPointer { y in
            for j in 0..<m {
                if y[(j * n)..<((j + 1) * n)].allSatisfy(\.isFinite) { completeSeries.append(j) } else { gapped.append(j) }
            }
        }
        let complete = completeSeries
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, complete.count / 64))
        let shared = Shared(x: x, k: k, pairs: pairs, responses: responses)
        let parts = BLASThreads.withThreads(workers > 1 ? 1 : BLASThreads.current) {
            Parallel.map(workers) { w in
                let members = Array(complete[(complete.count * w / workers)..<(complete.count * (w + 1) / workers)])
                return Self.block(members, shared, norm: norm, tolerance: tolerance, maximumIterations: maximumIterations)
            }
        }
        var fallback = gapped
        for part in parts {
            fallback += part.notPositiveDefinite
            for (c, j) in part.series.enumerated() {
                result.status[j] = .fitted
                result.scale[j] = part.scale[c]
                result.iterations[j] = part.iterations[c]
                result.converged[j] = part.converged[c]
                result.observations[j] = n
                let seFactor = part.factor[c].squareRoot()
                for a in 0..<p {
                    result.coefficients[a, j] = part.beta[c * p + a] * colScale[a]
                    result.standardErrors[a, j] = seFactor * breadDiagonal[a].squareRoot() * colScale[a]
                }
            }
        }
        // The rest one by one, on the months they observe.
        for j in fallback.sorted() {
            let rows = (0..<n).filter { responses[$0, j].isFinite }
            let sub = DesignMatrix(terms: design.terms, matrix: design.matrix.selectingRows(rows), hasIntercept: design.hasIntercept)
            guard let fit = try? RobustLinearModel.fit(sub, response: rows.map { responses[$0, j] }, norm: norm,
                                                       tolerance: tolerance, maximumIterations: maximumIterations) else {
                result.status[j] = .notFitted
                continue
            }
            result.status[j] = .fitted
            result.scale[j] = fit.scale
            result.iterations[j] = fit.iterations
            result.converged[j] = fit.converged
            result.observations[j] = rows.count
            for (a, c) in zip(fit.estimatedColumns, fit.coefficients) {
                result.coefficients[a, j] = c.estimate
                result.standardErrors[a, j] = c.standardError
            }
        }
        return result
    }

    private struct Shared: @unchecked Sendable {
        let x: Matrix, k: Matrix, pairs: [(Int, Int)], responses: Matrix
    }

    struct BlockResult {
        var series: [Int] = []
        var beta: [Double] = []            // p per fitted series, equilibrated scale
        var scale: [Double] = []
        var factor: [Double] = []          // H1 factor: covariance = factor · (XᵀX)⁻¹
        var iterations: [Int] = []
        var converged: [Bool] = []
        var notPositiveDefinite: [Int] = []
    }

    /// IRLS for one block of complete series.
    private static func block(_ members: [Int], _ s: Shared, norm: RobustLinearModel.Norm,
                              tolerance: Double, maximumIterations: Int) -> BlockResult {
        let x = s.x, n = x.rows, p = x.columns, q = s.pairs.count
        var out = BlockResult()
        guard !members.isEmpty else { return out }
        // Per-series state, indexed by position in `members`.
        let m = members.count
        var beta = [Double](repeating: 0, count: m * p)
        var scale = [Double](repeating: 0, count: m)
        var previous = [Double](repeating: .infinity, count: m)
        var iterations = [Int](repeating: 1, count: m)
        var done = [Bool](repeating: false, count: m)
        var settled = [Bool](repeating: true, count: m)
        var failed = [Bool](repeating: false, count: m)
        var residuals = [Double](repeating: 0, count: m * n)      // column per series
        var weights = [Double](repeating: 1, count: m * n)
        var scratch = [Double](repeating: 0, count: n)

        var active = Array(0..<m)
        var firstPass = true
        while !active.isEmpty {
            let a = active.count
            // Gather Y and W for the active series; form W∘Y.
            var w = Matrix(rows: n, columns: a), wy = Matrix(rows: n, columns: a)
            for (c, idx) in active.enumerated() {
                let j = members[idx]
                for i in 0..<n {
                    let weight = firstPass ? 1 : weights[idx * n + i]
                    w[i, c] = weight
                    wy[i, c] = weight * s.responses[i, j]
                }
            }
            // Every Gram matrix and right-hand side at once.
            var grams = Matrix(rows: q, columns: a), rhs = Matrix(rows: p, columns: a)
            var fitted = Matrix(rows: n, columns: a)
            do {
                try BLAS.gemm(s.k, w, into: &grams)
                try BLAS.gemm(x, wy, into: &rhs, transA: .transpose)
            } catch {
                // A BLAS failure is never ignored: these series go to their own fits, which report it.
                for idx in active { failed[idx] = true }
                break
            }
            var solved = Matrix(rows: p, columns: a)
            var g = [Double](repeating: 0, count: p * p)
            for c in 0..<a {
                for (r, (i, j)) in s.pairs.enumerated() { g[i * p + j] = grams[r, c]; g[j * p + i] = grams[r, c] }
                var b = (0..<p).map { rhs[$0, c] }
                if Self.choleskySolve(&g, &b, p) {
                    for r in 0..<p { solved[r, c] = b[r] }
                } else {
                    failed[active[c]] = true
                }
            }
            // Residuals R = Y − X B for the active series.
            do { try BLAS.gemm(x, solved, into: &fitted) } catch {
                for idx in active { failed[idx] = true }
                break
            }
            var stillActive = [Int]()
            for (c, idx) in active.enumerated() where !failed[idx] {
                let j = members[idx]
                var ssw = 0.0
                for i in 0..<n {
                    let r = s.responses[i, j] - fitted[i, c]
                    residuals[idx * n + i] = r
                    let weight = firstPass ? 1 : weights[idx * n + i]
                    ssw += weight * r * r
                }
                for r in 0..<p { beta[idx * p + r] = solved[r, c] }
                // Scale, then statsmodels' criterion (residuals over the step's weighted variance).
                for i in 0..<n { scratch[i] = abs(residuals[idx * n + i]) }
                scale[idx] = Median.inPlace(&scratch) / RobustLinearModel.madConstant
                let variance = ssw / Double(n - p)
                var deviance = 0.0
                for i in 0..<n { deviance += norm.rho(residuals[idx * n + i] / variance) }
                if !firstPass {
                    iterations[idx] += 1
                    let changed = abs(deviance - previous[idx]) > tolerance
                    if !(changed && iterations[idx] < maximumIterations) {
                        done[idx] = true
                        settled[idx] = !changed
                        continue
                    }
                }
                previous[idx] = deviance
                if scale[idx] == 0 { done[idx] = true; continue }
                for i in 0..<n { weights[idx * n + i] = norm.weight(residuals[idx * n + i] / scale[idx]) }
                stillActive.append(idx)
            }
            active = stillActive
            firstPass = false
        }

        // Huber's H1 factor per series.
        for idx in 0..<m {
            if failed[idx] { out.notPositiveDefinite.append(members[idx]); continue }
            let sc = scale[idx]
            var sumD = 0.0, sumD2 = 0.0, sumPsi2 = 0.0
            for i in 0..<n {
                let z = residuals[idx * n + i] / sc
                let d = norm.psiDerivative(z)
                sumD += d; sumD2 += d * d
                sumPsi2 += norm.psi(z) * norm.psi(z)
            }
            let mean = sumD / Double(n)
            let variance = sumD2 / Double(n) - mean * mean
            let kk = 1 + Double(p) / Double(n) * variance / (mean * mean)
            out.series.append(members[idx])
            out.beta += beta[(idx * p)..<((idx + 1) * p)]
            out.scale.append(sc)
            out.factor.append(sc > 0 ? kk * kk * (sumPsi2 / Double(n - p) * sc * sc) / (mean * mean) : 0)
            out.iterations.append(iterations[idx])
            out.converged.append(settled[idx])
        }
        return out
    }

    /// Solves `G b = rhs` in place for symmetric positive definite `G` (p × p, row-major; overwritten
    /// by its Cholesky factor). False when `G` is not numerically positive definite.
    static func choleskySolve(_ g: inout [Double], _ b: inout [Double], _ p: Int) -> Bool {
        for j in 0..<p {
            var d = g[j * p + j]
            for k in 0..<j { d -= g[j * p + k] * g[j * p + k] }
            guard d > 1e-13 * max(1, abs(g[j * p + j])) else { return false }
            let l = d.squareRoot()
            g[j * p + j] = l
            for i in (j + 1)..<max(j + 1, p) {
                var s = g[i * p + j]
                for k in 0..<j { s -= g[i * p + k] * g[j * p + k] }
                g[i * p + j] = s / l
            }
        }
        for i in 0..<p {                                          // L z = b
            var s = b[i]
            for k in 0..<i { s -= g[i * p + k] * b[k] }
            b[i] = s / g[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {         // Lᵀ β = z
            var s = b[i]
            for k in (i + 1)..<max(i + 1, p) { s -= g[k * p + i] * b[k] }
            b[i] = s / g[i * p + i]
        }
        return true
    }
}

/// Results of ``BatchedRobustLinearModel``: one column per series, terms as rows.
public struct BatchedRobustFit: Sendable {
    public enum Status: Sendable, Equatable { case fitted, notFitted }
    public let terms: [String]
    public internal(set) var coefficients: Matrix
    /// H1 standard errors.
    public internal(set) var standardErrors: Matrix
    public internal(set) var scale: [Double]
    public internal(set) var iterations: [Int]
    /// False where the iteration limit stopped a series before its criterion settled.
    public internal(set) var converged: [Bool]
    public internal(set) var observations: [Int]
    public internal(set) var status: [Status]

    init(terms: [String], series: Int) {
        self.terms = terms
        coefficients = Matrix(rows: terms.count, columns: series, repeating: .nan)
        standardErrors = Matrix(rows: terms.count, columns: series, repeating: .nan)
        scale = Array(repeating: .nan, count: series)
        iterations = Array(repeating: 0, count: series)
        converged = Array(repeating: false, count: series)
        observations = Array(repeating: 0, count: series)
        status = Array(repeating: .notFitted, count: series)
    }
}
