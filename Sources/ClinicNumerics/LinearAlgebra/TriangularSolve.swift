import CLapack

/// Solves with the upper-triangular matrix held in the leading `n × n` block of `r` (only the upper
/// triangle is read, so a QR `factors` matrix can be passed as it is).
package enum TriangularSolve {
    /// `B ← op(U)⁻¹ · B` for upper-triangular `U` (dtrtrs). Throws `singular` on an exact zero pivot.
    ///
    /// Backward stable: the computed solution solves `(U + E) X = B` with `|E| ≤ n·ε·|U|`.
    package static func upper(_ r: Matrix, order n: Int, _ trans: Transpose = .none, solving b: inout Matrix) throws {
        guard n <= r.rows, n <= r.columns, b.rows >= n else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "dtrtrs", details: "order \(n), U is \(r.rows)×\(r.columns), B has \(b.rows) rows")
        }
        if n == 0 || b.columns == 0 { return }
        let info = r.storage.withUnsafeBufferPointer { pr in
            LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), trans.lapack, CChar(UInt8(ascii: "N")),
                                Int32(n), Int32(b.columns), pr.baseAddress, Int32(max(1, r.rows)),
                                &b.storage, Int32(max(1, b.rows)))
        }
        try LinearAlgebraError.check("dtrtrs", info) { .singular(routine: "dtrtrs", index: $0) }
    }

    /// `x ← op(U)⁻¹ · x` for a single right-hand side, with `x.count ≥ n` (only the first `n` entries change).
    package static func upper(_ r: Matrix, order n: Int, _ trans: Transpose = .none, solving x: inout [Double]) throws {
        var b = Matrix(rows: x.count, columns: 1, columnMajor: x)
        try upper(r, order: n, trans, solving: &b)
        x = b.storage
    }

    /// The inverse of the leading `n × n` upper triangle of `r` (dtrtri).
    package static func upperInverse(_ r: Matrix, order n: Int) throws -> Matrix {
        var u = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0...j { u[i, j] = r[i, j] } }
        if n == 0 { return u }
        let info = LAPACKE_dtrtri_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")),
                                       Int32(n), &u.storage, Int32(n))
        try LinearAlgebraError.check("dtrtri", info) { .singular(routine: "dtrtri", index: $0) }
        return u
    }
}
