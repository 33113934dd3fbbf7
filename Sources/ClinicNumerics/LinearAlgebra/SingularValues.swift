import CLapack

/// Singular values of a matrix (LAPACK dgesdd, values only), for diagnostics such as the condition number.
package enum SingularValues {
    /// The singular values of `a`, largest first.
    package static func of(_ a: Matrix) throws -> [Double] {
        guard a.storage.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFinite(operation: "dgesdd") }
        let m = a.rows, n = a.columns
        if m == 0 || n == 0 { return [] }
        var copy = a.storage
        var s = [Double](repeating: 0, count: min(m, n))
        var iwork = [Int32](repeating: 0, count: 8 * min(m, n))
        var query = 0.0
        var dummyU = 0.0, dummyVT = 0.0
        var info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), &copy,
                                       Int32(m), &s, &dummyU, 1, &dummyVT, 1, &query, -1, &iwork)
        try LinearAlgebraError.check("dgesdd", info) { .noConvergence(routine: "dgesdd", info: $0) }
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), &copy,
                                   Int32(m), &s, &dummyU, 1, &dummyVT, 1, &work, Int32(work.count), &iwork)
        try LinearAlgebraError.check("dgesdd", info) { .noConvergence(routine: "dgesdd", info: $0) }
        return s
    }

    /// The 2-norm condition number `σ_max / σ_min` (infinity when `σ_min` is zero).
    package static func conditionNumber(_ a: Matrix) throws -> Double {
        let s = try of(a)
        guard let largest = s.first, let smallest = s.last else { return 0 }
        return smallest == 0 ? .infinity : largest / smallest
    }
}
