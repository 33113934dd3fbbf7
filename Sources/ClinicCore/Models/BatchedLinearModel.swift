/// Many series fitted on one design: the engine's hot path.
///
/// The responses are a `months × series` matrix `Y` (column-major, NaN = missing). Series with the
/// same missing pattern share one factorisation: the design rows they observe are equilibrated (exact
/// powers of two), factored once by pivoted QR, and then `QᵀY` (dormqr, blocked, GEMM-bound) and one
/// triangular solve give every coefficient; residual sums of squares are the squared norms of the last
/// `n − rank` rows of `QᵀY`, and standard errors are `σ̂_j · ‖row a of R⁻¹‖`. Cost for `n` months,
/// `p` terms and `m` series is about `4·n·p·m` flops, so the national workload (120 × 15 × 60,000)
/// is ~0.4 GFLOP.
///
/// Accuracy contract: this is plain Householder QR in double precision (backward stable; relative
/// error about `κ(X)·ε`), without the extended-precision refinement of ``LinearModel``. For the trend
/// designs Clinic uses (κ < 10⁴ after equilibration) coefficients, residual SDs and standard errors
/// agree with one-by-one ``LinearModel`` fits to better than 1e-10 relative (tested).
///
/// Series whose observed months differ from the full axis (gaps) fall back to a factorisation of their
/// own rows, shared with every other series that has the same gaps. A term that cannot be estimated
/// for a series (rank deficiency on its rows) is NaN in ``BatchedLinearFit/coefficients`` for that
/// series and named in ``BatchedLinearFit/dropped``; a series with no more observations than estimable
/// terms is marked ``BatchedLinearFit/SeriesStatus/tooFewObservations`` with NaN results.
public enum BatchedLinearModel {
    /// Fits every column of `responses` (rows = design rows) on `design`.
    public static func fit(_ design: DesignMatrix, responses: Matrix, rankTolerance: Double? = nil) throws -> BatchedLinearFit {
        let x = design.matrix
        let n = x.rows, p = x.columns, m = responses.columns
        guard p > 0 else { throw LinearModelError.emptyDesign }
        guard responses.rows == n else { throw LinearModelError.responseLength(response: responses.rows, designRows: n) }
        guard x.storage.allSatisfy(\.isFinite) else {
            let index = x.storage.firstIndex { !$0.isFinite }!
            throw LinearModelError.nonFinite(row: index % n, term: design.terms[index / n])
        }

        var result = BatchedLinearFit(terms: design.terms, series: m)
        // Group series by missing pattern; the complete ones (the usual case) form one group.
        var complete = [Int](), patterns = [[Bool]: [Int]]()
        responses.storage.withUnsafeBufferPointer { y in
            for j in 0..<m {
                let column = y[(j * n)..<((j + 1) * n)]
                if !column.contains(where: { !$0.isFinite }) { complete.append(j); continue }
                patterns[column.map(\.isFinite), default: []].append(j)
            }
        }
        if !complete.isEmpty {
            try fitGroup(x, terms: design.terms, rows: nil, series: complete, responses: responses,
                         rankTolerance: rankTolerance, into: &result)
        }
        for (observed, series) in patterns.sorted(by: { $0.value[0] < $1.value[0] }) {
            let rows = observed.indices.filter { observed[$0] }
            try fitGroup(x.selectingRows(rows), terms: design.terms, rows: rows, series: series,
                         responses: responses, rankTolerance: rankTolerance, into: &result)
        }
        result.groups = (complete.isEmpty ? 0 : 1) + patterns.count
        return result
    }

    /// Fits the series in `series`, observed on design rows `rows` (nil = all), with one factorisation.
    private static func fitGroup(_ x: Matrix, terms: [String], rows: [Int]?, series: [Int], responses: Matrix,
                                 rankTolerance: Double?, into result: inout BatchedLinearFit) throws {
        let n = x.rows, p = x.columns, m = series.count
        let k0 = min(n, p)
        // Equilibrate with exact powers of two.
        var a = x
        var scale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<n { s += a[i, j] * a[i, j] }
            let norm = s.squareRoot()
            if norm > 0 { scale[j] = Double(sign: .plus, exponent: -norm.exponent, significand: 1) }
            for i in 0..<n { a[i, j] *= scale[j] }
        }
        let qr = try PivotedQR(a)
        let k = k0 == 0 ? 0 : qr.rank(tolerance: rankTolerance)
        let basis = Array(qr.permutation.prefix(k))
        for j in qr.permutation.dropFirst(k) where !result.dropped.contains(terms[j]) { result.dropped.append(terms[j]) }
        guard k > 0, n > k else {
            for s in series { result.status[s] = .tooFewObservations; result.observations[s] = n }
            return
        }

        // Gather this group's responses (a copy: dormqr overwrites it).
        var y = Matrix(rows: n, columns: m)
        responses.storage.withUnsafeBufferPointer { src in
            y.storage.withUnsafeMutableBufferPointer { dst in
                for (c, s) in series.enumerated() {
                    if let rows {
                        for (r, i) in rows.enumerated() { dst[c * n + r] = src[s * responses.rows + i] }
                    } else {
                        let from = src.baseAddress! + s * n
                        (dst.baseAddress! + c * n).update(from: from, count: n)
                    }
                }
            }
        }
        try qr.applyQTranspose(to: &y, reflectors: k)
        let rInverse = try TriangularSolve.upperInverse(qr.factors, order: k)
        var inverseRowNorms = [Double](repeating: 0, count: k)
        for b in 0..<k { for a in 0...b { inverseRowNorms[a] += rInverse[a, b] * rInverse[a, b] } }
        try TriangularSolve.upper(qr.factors, order: k, .none, solving: &y)       // first k rows ← R⁻¹ Qᵀ y

        let df = Double(n - k)
        y.storage.withUnsafeBufferPointer { z in
            for (c, s) in series.enumerated() {
                var rss = 0.0
                for i in k..<n { rss += z[c * n + i] * z[c * n + i] }
                let sigma = (rss / df).squareRoot()
                result.residualStandardErrors[s] = sigma
                result.observations[s] = n
                result.ranks[s] = k
                result.status[s] = .fitted
                for (position, term) in basis.enumerated() {
                    result.coefficients[term, s] = z[c * n + position] * scale[term]
                    result.standardErrors[term, s] = sigma * inverseRowNorms[position].squareRoot() * scale[term]
                }
            }
        }
    }
}

/// Results of ``BatchedLinearModel/fit(_:responses:rankTolerance:)``: one column per series.
public struct BatchedLinearFit: Sendable {
    /// What happened to one series.
    public enum SeriesStatus: Sendable, Equatable {
        case fitted
        /// No more observed months than estimable terms: nothing is estimated (all NaN).
        case tooFewObservations
    }

    /// Design terms, the row labels of ``coefficients`` and ``standardErrors``.
    public let terms: [String]
    /// `terms.count × series`; NaN where a term was not estimable for that series.
    public internal(set) var coefficients: Matrix
    /// `terms.count × series` classical standard errors; NaN where not estimated.
    public internal(set) var standardErrors: Matrix
    /// Residual standard error per series, `sqrt(RSS / (n_j − rank_j))`.
    public internal(set) var residualStandardErrors: [Double]
    /// Observed months per series.
    public internal(set) var observations: [Int]
    /// Estimated terms per series.
    public internal(set) var ranks: [Int]
    /// Per-series status.
    public internal(set) var status: [SeriesStatus]
    /// Terms dropped for rank deficiency in at least one group.
    public internal(set) var dropped: [String] = []
    /// Number of distinct factorisations used (1 when no series has gaps).
    public internal(set) var groups = 0

    init(terms: [String], series: Int) {
        self.terms = terms
        coefficients = Matrix(rows: terms.count, columns: series, repeating: .nan)
        standardErrors = Matrix(rows: terms.count, columns: series, repeating: .nan)
        residualStandardErrors = Array(repeating: .nan, count: series)
        observations = Array(repeating: 0, count: series)
        ranks = Array(repeating: 0, count: series)
        status = Array(repeating: .tooFewObservations, count: series)
    }

    /// Residual degrees of freedom of series `j`.
    public func residualDegreesOfFreedom(_ j: Int) -> Int { observations[j] - ranks[j] }
}
