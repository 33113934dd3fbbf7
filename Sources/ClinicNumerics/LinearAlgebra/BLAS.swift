import CLapack

/// Whether a BLAS operand is used as stored or transposed.
package enum Transpose: Sendable {
    case none
    case transpose

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    var lapack: CChar { CChar(UInt8(ascii: self == .none ? "N" : "T")) }
}

/// Thin, checked wrappers over the BLAS routines Clinic uses. All operands are column-major.
package enum BLAS {
    /// `C ← alpha · op(A) · op(B) + beta · C` (dgemm).
    ///
    /// Throws `dimensionMismatch` when the shapes do not conform; never reads out of bounds.
    package static func gemm(_ a: Matrix, _ b: Matrix, into c: inout Matrix,
                            transA: Transpose = .none, transB: Transpose = .none,
                            alpha: Double = 1, beta: Double = 0) throws {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb, c.rows == m, c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "gemm",
                details: "op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, transA.cblas, transB.cblas,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(max(1, a.rows)),
                                pb.baseAddress, Int32(max(1, b.rows)),
                                beta, pc.baseAddress, Int32(max(1, c.rows)))
                }
            }
        }
    }

    /// `C ← op(A) · B` with `B` read in place: `columns` columns of `op(A).columns` values each, the first at
    /// `b`, one every `leadingDimension` values (dgemm on memory the caller owns, e.g. a block of columns of a
    /// larger matrix, without copying it). The caller guarantees that `b` holds that many values.
    package static func gemm(_ a: Matrix, transA: Transpose = .none, columnsAt b: UnsafePointer<Double>,
                            leadingDimension: Int, columns n: Int, into c: inout Matrix) throws {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        guard c.rows == m, c.columns == n, leadingDimension >= max(1, k) else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "gemm",
                details: "op(A) is \(m)×\(k), B has \(n) columns with leading dimension \(leadingDimension), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dgemm(CblasColMajor, transA.cblas, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                            pa.baseAddress, Int32(max(1, a.rows)), b, Int32(leadingDimension),
                            0, pc.baseAddress, Int32(max(1, c.rows)))
            }
        }
    }

    /// `op(A) · op(B)` as a new matrix.
    package static func product(_ a: Matrix, _ b: Matrix,
                               transA: Transpose = .none, transB: Transpose = .none) throws -> Matrix {
        let m = transA == .none ? a.rows : a.columns
        let n = transB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        try gemm(a, b, into: &c, transA: transA, transB: transB)
        return c
    }

    /// `y ← alpha · op(A) · x + beta · y` (dgemv).
    package static func gemv(_ a: Matrix, _ x: [Double], into y: inout [Double],
                            trans: Transpose = .none, alpha: Double = 1, beta: Double = 0) throws {
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == n, y.count == m else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "gemv", details: "op(A) is \(m)×\(n), x has \(x.count), y has \(y.count)")
        }
        if m == 0 { return }
        if n == 0 { for i in y.indices { y[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, trans.cblas, Int32(a.rows), Int32(a.columns), alpha,
                                pa.baseAddress, Int32(max(1, a.rows)), px.baseAddress, 1,
                                beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `Σ xᵢ·yᵢ` over two equally long buffers (ddot; vectorised with several accumulators).
    package static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        if x.isEmpty { return 0 }
        return cblas_ddot(Int32(x.count), x.baseAddress, 1, y.baseAddress, 1)
    }

}
