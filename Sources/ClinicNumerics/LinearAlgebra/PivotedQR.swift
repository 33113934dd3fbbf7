import CLapack

/// Householder QR with column pivoting of an `m × n` matrix, `A · P = Q · R` (LAPACK dgeqp3).
///
/// The factors stay in LAPACK's compact form: `R` in the upper triangle of `factors`, the Householder
/// vectors below it with their scalars in `tau`. `Q` is never formed unless asked for; `applyQ` and
/// `applyQTranspose` use dormqr, which is blocked and runs on GEMM. They hand dormqr a copy of the
/// reflectors in the workspace: with few reflectors it runs the unblocked dorm2r, which overwrites each
/// reflector's diagonal entry while applying it (restoring it after), so applying the factors themselves
/// wrote into storage Swift treats as read-only, and one factorisation applied from two threads at once
/// gave wrong results. A factorisation can therefore be shared between threads.
///
/// Numerical rank (see ``rank(tolerance:)``): the number of diagonal elements of `R` with
/// `|R_kk| > tolerance · |R_11|`. Column pivoting makes `|R_kk|` non-increasing, so the first `rank`
/// pivoted columns are a well-conditioned basis and the rest are (numerically) combinations of them.
/// The first `k` reflectors and the leading `k × k` block of `R` are exactly the QR factorisation of
/// the first `k` pivoted columns alone, which is how a rank-deficient problem is solved on its basis.
package struct PivotedQR: Sendable {
    /// Rows of the factored matrix.
    package let rows: Int
    /// Columns of the factored matrix.
    package let columns: Int
    /// `R` above the diagonal and the Householder vectors below it, column-major.
    package let factors: Matrix
    /// Householder scalars, `min(rows, columns)` of them.
    let tau: [Double]
    /// `permutation[k]` is the (zero-based) original column that became column `k` of `A · P`.
    package let permutation: [Int]

    /// Factors `a`, using `workspace` for LAPACK's scratch memory when given (reuse one across calls in
    /// a loop). Throws `nonFinite` if `a` holds NaN or infinity (LAPACK's behaviour there is undefined).
    package init(_ a: Matrix, workspace: QRWorkspace? = nil) throws {
        guard a.storage.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFinite(operation: "dgeqp3") }
        let m = a.rows, n = a.columns
        var factors = a
        var jpvt = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        if m > 0 && n > 0 {
            let lda = Int32(max(1, m))
            var query = 0.0
            var info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), &factors.storage, lda,
                                           &jpvt, &tau, &query, -1)
            try LinearAlgebraError.check("dgeqp3", info) { _ in .illegalArgument(routine: "dgeqp3", argument: 0) }
            let ws = workspace ?? QRWorkspace()
            ws.reserve(Int(query))
            info = ws.buffer.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), &factors.storage, lda,
                                    &jpvt, &tau, pw.baseAddress, Int32(pw.count))
            }
            try LinearAlgebraError.check("dgeqp3", info) { _ in .illegalArgument(routine: "dgeqp3", argument: 0) }
        }
        self.rows = m
        self.columns = n
        self.factors = factors
        self.tau = tau
        self.permutation = n == 0 || m == 0 ? Array(0..<n) : jpvt.map { Int($0) - 1 }
    }

    /// The diagonal of `R`, `min(rows, columns)` values, non-increasing in magnitude.
    package var diagonalOfR: [Double] {
        (0..<min(rows, columns)).map { factors[$0, $0] }
    }

    /// The default relative rank tolerance, `max(rows, columns) · ε` with ε = 2⁻⁵² (the rule numpy's
    /// `lstsq` and MATLAB's `rank` use). Columns are best equilibrated before factoring so that the
    /// tolerance compares like with like.
    package var defaultTolerance: Double { Double(max(rows, columns)) * Double.ulpOfOne }

    /// Numerical rank: how many `|R_kk|` exceed `tolerance · |R_11|`. Zero for a zero matrix.
    package func rank(tolerance: Double? = nil) -> Int {
        let d = diagonalOfR.map(abs)
        guard let first = d.first, first > 0 else { return 0 }
        let threshold = (tolerance ?? defaultTolerance) * first
        return d.prefix { $0 > threshold }.count
    }

    /// The leading `k × k` upper-triangular block of `R`.
    package func upperTriangle(_ k: Int) -> Matrix {
        var r = Matrix(rows: k, columns: k)
        for j in 0..<k { for i in 0...j { r[i, j] = factors[i, j] } }
        return r
    }

    /// `C ← Qᵀ · C` using the first `reflectors` Householder reflectors (default: all). `C` must have `rows` rows.
    package func applyQTranspose(to c: inout Matrix, reflectors: Int? = nil, workspace: QRWorkspace? = nil) throws {
        try apply(.transpose, to: &c, reflectors: reflectors, workspace: workspace)
    }

    /// `C ← Q · C` using the first `reflectors` Householder reflectors (default: all).
    package func applyQ(to c: inout Matrix, reflectors: Int? = nil, workspace: QRWorkspace? = nil) throws {
        try apply(.none, to: &c, reflectors: reflectors, workspace: workspace)
    }

    /// The first `k` columns of `Q` (the thin, orthonormal basis of the first `k` pivoted columns).
    package func thinQ(_ k: Int) throws -> Matrix {
        var q = Matrix(rows: rows, columns: k)
        for j in 0..<k { q[j, j] = 1 }
        try applyQ(to: &q, reflectors: k)
        return q
    }

    private func apply(_ trans: Transpose, to c: inout Matrix, reflectors: Int?, workspace: QRWorkspace?) throws {
        let k = reflectors ?? tau.count
        guard c.rows == rows, k >= 0, k <= tau.count else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "dormqr", details: "Q is \(rows)×\(rows) with \(tau.count) reflectors, C has \(c.rows) rows, asked for \(k)")
        }
        if k == 0 || c.columns == 0 { return }
        let ws = workspace ?? QRWorkspace()
        let m = Int32(c.rows), n = Int32(c.columns), kk = Int32(k)
        let lda = Int32(max(1, rows)), ldc = Int32(max(1, c.rows))
        // dormqr writes the reflectors' diagonal while it works: it gets the workspace's copy of the
        // first k columns, never the factors themselves.
        ws.holdReflectors(factors.storage, count: rows * k)
        var query = 0.0
        var info = ws.reflectors.withUnsafeMutableBufferPointer { pa in
            LAPACKE_dormqr_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), trans.lapack, m, n, kk,
                                pa.baseAddress, lda, tau, &c.storage, ldc, &query, -1)
        }
        try LinearAlgebraError.check("dormqr", info) { _ in .illegalArgument(routine: "dormqr", argument: 0) }
        ws.reserve(Int(query))
        info = ws.reflectors.withUnsafeMutableBufferPointer { pa in
            ws.buffer.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dormqr_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), trans.lapack, m, n, kk,
                                    pa.baseAddress, lda, tau, &c.storage, ldc, pw.baseAddress, Int32(pw.count))
            }
        }
        try LinearAlgebraError.check("dormqr", info) { _ in .illegalArgument(routine: "dormqr", argument: 0) }
    }
}

/// Scratch memory for LAPACK's `*_work` calls, grown on demand and reused across calls so that hot
/// loops do not allocate. Not thread-safe: give each thread its own.
package final class QRWorkspace {
    var buffer: [Double] = [0]
    /// A copy of the reflectors dormqr applies (it writes into them while it works).
    var reflectors: [Double] = [0]

    package init() {}

    /// Ensures at least `count` doubles of scratch, zeroed when grown: LAPACK's reflector routines call
    /// dgemv with β = 0 on it, which the BLAS must ignore, and some OpenBLAS releases have let a NaN
    /// there through. (Growth is rare when the workspace is reused: dormqr's 33 KB of block scratch
    /// zeroed for every Qᵀy was most of applying Qᵀ to one column before the callers shared one.)
    func reserve(_ count: Int) {
        if buffer.count < count { buffer = [Double](repeating: 0, count: count) }
    }

    /// Copies the first `count` values of `factors` into ``reflectors`` (grown when too short).
    func holdReflectors(_ factors: [Double], count: Int) {
        if reflectors.count < max(1, count) { reflectors = Self.scratch(max(1, count)) }
        reflectors.withUnsafeMutableBufferPointer { target in
            factors.withUnsafeBufferPointer { source in
                target.baseAddress!.update(from: source.baseAddress!, count: count)
            }
        }
    }

    /// `count` doubles whose values are not set (the one caller copies over all it reads).
    private static func scratch(_ count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
