import ClinicData
import ClinicNumerics
import Foundation

/// Many series fitted on one design: the engine's hot path.
///
/// The responses are a `months × series` matrix `Y` (column-major; NaN or ±infinity = missing). Series with the
/// same missing pattern share one factorisation: the design rows they observe are equilibrated (exact
/// powers of two) and factored once by pivoted QR; then one GEMM `Z = Q₁ᵀY` and one small GEMM
/// `B = R₁₁⁻¹Z` give every coefficient, the residual sums of squares are `‖y‖² − ‖z‖²` (explicit residuals
/// where that would cancel; see ``cancellationLimit``), and standard errors are
/// `σ̂_j · ‖row a of R₁₁⁻¹‖`. Cost for `n` months, `p` terms and `m` series is about `2·n·p·m` flops
/// plus one read of `Y`, so the national workload (120 × 15 × 60,000) is ~0.22 GFLOP and 58 MB, run as
/// cache-sized blocks of series in parallel across cores, read in place (never copied) when a group
/// uses every month.
///
/// Accuracy contract: this is plain Householder QR in double precision (backward stable; relative
/// error about `κ(X)·ε`), without the extended-precision refinement of ``LinearModel``. For the trend
/// designs Clinic uses (κ < 10⁴ after equilibration) coefficients, residual SDs and standard errors
/// agree with one-by-one ``LinearModel`` fits to better than 1e-10 relative (tested). `B = R₁₁⁻¹Z` by the
/// explicit inverse (dtrtri) rather than a triangular solve: on the national workload the coefficients'
/// normwise error against twice-refined extended-precision solutions was 3.8e-15 this way and 3.7e-15
/// with the solve, which took a seventh of the fit's time.
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
        // First pass: every series on the full month axis. A series with a missing month shows up as a
        // non-finite residual sum of squares (no separate scan of Y) and is deferred to its own rows.
        let deferred = try fitGroup(x, terms: design.terms, rows: nil, series: Array(0..<m), responses: responses,
                                    rankTolerance: rankTolerance, into: &result)
        // Series with the same missing pattern share one factorisation.
        var patterns = [[Bool]: [Int]]()
        for j in deferred.sorted() {
            let observed = (0..<n).map { responses[$0, j].isFinite }
            if observed.allSatisfy({ $0 }) { result.status[j] = .overflow; continue }
            patterns[observed, default: []].append(j)
        }
        for (observed, series) in patterns.sorted(by: { $0.value[0] < $1.value[0] }) {
            let rows = observed.indices.filter { observed[$0] }
            let overflowed = try fitGroup(x.selectingRows(rows), terms: design.terms, rows: rows, series: series,
                                          responses: responses, rankTolerance: rankTolerance, into: &result)
            for j in overflowed { result.status[j] = .overflow }
        }
        result.groups = (deferred.count < m ? 1 : 0) + patterns.count
        return result
    }

    /// Series per block at most: a block of responses (120 × 256 doubles ≈ 240 KiB for the national
    /// workload) stays in a core's L2 cache between the GEMM that reads it and the sums of squares that
    /// read it again.
    static let blockSize = 256

    /// Series per block for a group of `months` rows and `terms` basis columns: ``blockSize``, fewer when
    /// `terms · months · series` would pass a million (never fewer than 16, so past 62,500 months × terms
    /// the product does pass it). OpenBLAS (0.3.17 and later, AVX-512 kernels) runs a GEMM within that
    /// size with neither operand transposed through its small-matrix kernels, which read Y in place; the
    /// national blocks (15 × 120 × 256) are within it. Passed Q₁ transposed, the same GEMM packed a copy of
    /// every block of Y first: half the batched fit's time on the national workload (perf).
    static func seriesPerBlock(months: Int, terms: Int) -> Int {
        max(16, min(blockSize, 1_000_000 / max(1, terms * months)))
    }

    /// The residual sum of squares is taken as `‖y‖² − ‖Q₁ᵀy‖²` when that is above this fraction of `‖y‖²`,
    /// so that cancellation costs at most four of the sixteen digits (relative error ≲ 1e4 · n · ε ≈ 1e-11
    /// for 120 months), and from explicit residuals `y − Q₁Q₁ᵀy` otherwise (a series its trend explains
    /// almost exactly, or a perfect fit).
    static let cancellationLimit = 1e-4

    /// Fits the series in `series`, observed on design rows `rows` (nil = all), with one factorisation.
    ///
    /// With the thin `Q₁` (n × k) formed once, each block of series goes through one small GEMM,
    /// `Z = Q₁ᵀY`, then `‖y‖² − ‖z‖²` per series (explicit residuals `y − Q₁z` where that loses more
    /// than four digits to cancellation, so the sum of squares is accurate to about `1e4·ε` relative), and
    /// `B = R₁₁⁻¹Z` by a second small GEMM. Blocks run in parallel across cores with OpenBLAS single-threaded,
    /// so the 57 MB response matrix is read from memory once and never copied whole.
    ///
    /// Returns the series whose residual sum of squares was not finite (a missing or non-finite value
    /// on the group's rows, or values so large that squares overflow); their results are written as NaN
    /// and the caller decides what they are.
    private static func fitGroup(_ x: Matrix, terms: [String], rows: [Int]?, series: [Int], responses: Matrix,
                                 rankTolerance: Double?, into result: inout BatchedLinearFit) throws -> [Int] {
        let n = x.rows, p = x.columns
        let (a, scale) = x.equilibrated()
        let qr = try PivotedQR(a)
        let k = min(n, p) == 0 ? 0 : qr.rank(tolerance: rankTolerance)
        let basis = Array(qr.permutation.prefix(k))
        for j in qr.permutation.dropFirst(k) where !result.dropped.contains(terms[j]) { result.dropped.append(terms[j]) }
        for s in series { result.observations[s] = n; result.ranks[s] = k }
        guard k > 0, n > k else {
            for s in series {
                result.status[s] = .tooFewObservations
                for term in 0..<p { result.coefficients[term, s] = .nan; result.standardErrors[term, s] = .nan }
            }
            return []
        }

        let q1 = try qr.thinQ(k)
        // Q₁ᵀ stored as such (k × n), so that Z = Q₁ᵀY is a GEMM with neither operand transposed: the
        // form OpenBLAS's small-matrix kernels take at every block size (with Q₁ transposed in the call,
        // they take only blocks of under 1,200 / k series).
        let q1t = q1.transposed
        let r11 = qr.upperTriangle(k)
        let rInverse = try TriangularSolve.upperInverse(r11, order: k)
        let seFactor = (0..<k).map { a in                          // ‖row a of R⁻¹‖ · scale
            (a..<k).reduce(0.0) { $0 + rInverse[a, $1] * rInverse[a, $1] }.squareRoot() * scale[basis[a]]
        }
        let basisScale = basis.map { scale[$0] }
        let df = Double(n - k)
        let perBlock = seriesPerBlock(months: n, terms: k)
        let blockCount = (series.count + perBlock - 1) / perBlock
        let workers = min(blockCount, ProcessInfo.processInfo.activeProcessorCount)
        var outcomes = [Result<[Int], Error>]()

        result.coefficients.storage.withUnsafeMutableBufferPointer { coefficients in
            result.standardErrors.storage.withUnsafeMutableBufferPointer { standardErrors in
                result.residualStandardErrors.withUnsafeMutableBufferPointer { sigmas in
                    responses.storage.withUnsafeBufferPointer { source in
                        let out = SharedOutput(coefficients: coefficients, standardErrors: standardErrors,
                                               sigmas: sigmas, source: source)
                        // Each worker returns the series it deferred (a non-finite value), or its error.
                        let work = { @Sendable (worker: Int) -> Result<[Int], Error> in
                            var deferred = [Int]()
                            // Responses of a block that cannot be read in place (a group with gaps, or series that
                            // are not consecutive columns) are gathered here.
                            let gathered = UnsafeMutablePointer<Double>.allocate(capacity: n * perBlock)
                            defer { gathered.deallocate() }
                            var z = Matrix(rows: k, columns: perBlock)
                            var b = Matrix(rows: k, columns: perBlock)
                            var rss = [Double](repeating: 0, count: perBlock)
                            var residual = [Double](repeating: 0, count: n)
                            for block in stride(from: worker, to: blockCount, by: workers) {
                                let range = (block * perBlock)..<min(series.count, (block + 1) * perBlock)
                                let count = range.count
                                if z.columns != count { z = Matrix(rows: k, columns: count); b = Matrix(rows: k, columns: count) }
                                let first = series[range.lowerBound]
                                let inPlace = rows == nil && series[range].enumerated().allSatisfy { $0.element == first + $0.offset }
                                let y: UnsafePointer<Double>
                                if inPlace {
                                    y = out.source.baseAddress! + first * responses.rows
                                } else {
                                    for (c, s) in series[range].enumerated() {
                                        let column = out.source.baseAddress! + s * responses.rows
                                        if let rows {
                                            for (r, i) in rows.enumerated() { gathered[c * n + r] = column[i] }
                                        } else {
                                            (gathered + c * n).update(from: column, count: n)
                                        }
                                    }
                                    y = UnsafePointer(gathered)
                                }
                                do {
                                    try BLAS.gemm(q1t, columnsAt: y, leadingDimension: n, columns: count,
                                                  into: &z)                                       // Z = Q₁ᵀ Y
                                    // Residual sums of squares, ‖y‖² − ‖z‖², or explicitly where that would cancel.
                                    var explicit = [Int]()
                                    z.storage.withUnsafeBufferPointer { zb in
                                        for c in 0..<count {
                                            let yc = UnsafeBufferPointer(start: y + c * n, count: n)
                                            let zc = UnsafeBufferPointer(rebasing: zb[(c * k)..<((c + 1) * k)])
                                            let yy = BLAS.dot(yc, yc)
                                            rss[c] = yy - BLAS.dot(zc, zc)
                                            if yy.isFinite, !(rss[c] > yy * cancellationLimit) { explicit.append(c) }
                                        }
                                    }
                                    for c in explicit {
                                        residual.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: y + c * n, count: n) }
                                        try BLAS.gemv(q1, Array(z.storage[(c * k)..<((c + 1) * k)]), into: &residual,
                                                      alpha: -1, beta: 1)                        // e = y − Q₁z
                                        rss[c] = residual.withUnsafeBufferPointer { BLAS.dot($0, $0) }
                                    }
                                    try BLAS.gemm(rInverse, z, into: &b)                          // B = R₁₁⁻¹ Z
                                } catch {
                                    return .failure(error)
                                }
                                b.storage.withUnsafeBufferPointer { b in
                                    for (c, s) in series[range].enumerated() {
                                        // Every entry of the series is written: NaN first where nothing is
                                        // estimated (a term outside the basis; every term of a deferred series).
                                        if k < p || !rss[c].isFinite {
                                            for term in 0..<p { out.coefficients[s * p + term] = .nan; out.standardErrors[s * p + term] = .nan }
                                        }
                                        // A non-finite sum means a missing or non-finite value: defer the series.
                                        guard rss[c].isFinite else { deferred.append(s); continue }
                                        let sigma = (max(0, rss[c]) / df).squareRoot()
                                        out.sigmas[s] = sigma
                                        for position in 0..<k {
                                            let term = basis[position]
                                            out.coefficients[s * p + term] = b[c * k + position] * basisScale[position]
                                            out.standardErrors[s * p + term] = sigma * seFactor[position]
                                        }
                                    }
                                }
                            }
                            return .success(deferred)
                        }
                        outcomes = BLASThreads.withThreads(workers > 1 ? 1 : BLASThreads.current) { Parallel.map(workers, work) }
                    }
                }
            }
        }
        let deferred = try outcomes.flatMap { try $0.get() }
        if deferred.isEmpty {
            for s in series { result.status[s] = .fitted }
        } else {
            let skipped = Set(deferred)
            for s in series where !skipped.contains(s) { result.status[s] = .fitted }
            for s in deferred { result.observations[s] = 0; result.ranks[s] = 0; result.status[s] = .tooFewObservations }
        }
        return deferred
    }
}

/// Output buffers written by parallel blocks. Each block writes only its own series' columns, so the
/// writes never overlap; that is what makes sharing the raw pointers sound.
private struct SharedOutput: @unchecked Sendable {
    let coefficients: UnsafeMutableBufferPointer<Double>
    let standardErrors: UnsafeMutableBufferPointer<Double>
    let sigmas: UnsafeMutableBufferPointer<Double>
    let source: UnsafeBufferPointer<Double>
}

/// Results of ``BatchedLinearModel/fit(_:responses:rankTolerance:)``: one column per series.
public struct BatchedLinearFit: Sendable {
    /// What happened to one series.
    public enum SeriesStatus: Sendable, Equatable {
        case fitted
        /// No more observed months than estimable terms: nothing is estimated (all NaN).
        case tooFewObservations
        /// Values so large (beyond about 1e150) that the residual sum of squares overflows: not estimated.
        case overflow
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

    /// The coefficient and standard-error buffers are left unwritten here: every entry is written by
    /// ``BatchedLinearModel``'s first pass (a value, or NaN for a term not estimated and for a series not
    /// fitted), on the cores that fit the blocks. Filled with NaN first, on one thread, the two buffers of
    /// the 60,000-series workload (14 MB) were a tenth of its time.
    init(terms: [String], series: Int) {
        self.terms = terms
        func unwritten() -> Matrix {
            Matrix(rows: terms.count, columns: series, columnMajor: [Double](unsafeUninitializedCapacity: terms.count * series) { buffer, count in
                #if DEBUG
                // Debug builds (the tests) mark every entry, so an entry the fit forgot to write shows as
                // this finite value, never as the NaN the tests expect of a term not estimated.
                buffer.initialize(repeating: -.greatestFiniteMagnitude)
                #endif
                count = terms.count * series   // Double is trivial: every entry is written before it is read
            })
        }
        coefficients = unwritten()
        standardErrors = unwritten()
        residualStandardErrors = Array(repeating: .nan, count: series)
        observations = Array(repeating: 0, count: series)
        ranks = Array(repeating: 0, count: series)
        status = Array(repeating: .tooFewObservations, count: series)
    }

    /// Residual degrees of freedom of series `j`.
    public func residualDegreesOfFreedom(_ j: Int) -> Int { observations[j] - ranks[j] }
}
