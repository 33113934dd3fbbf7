/// Cholesky factorisation of a small symmetric positive-definite matrix held row-major in a flat
/// array, for the many tiny (order ≲ 30) factorisations of likelihood searches, where a LAPACK call
/// costs more than the arithmetic.
///
/// Contract: reads the lower triangle of `a` (order `n`, row-major) and overwrites it with `L`,
/// `A = L Lᵀ`; the upper triangle is left as it was. Returns false, with `a` partly overwritten, when a
/// pivot is not above `minimumPivot` (not positive definite to working precision).
package enum SmallCholesky {
    package static func factor(_ a: inout [Double], order n: Int, minimumPivot: Double = 0) -> Bool {
        for j in 0..<n {
            var d = a[j * n + j]
            for l in 0..<j { d -= a[j * n + l] * a[j * n + l] }
            guard d > minimumPivot else { return false }
            let r = d.squareRoot()
            a[j * n + j] = r
            for i in (j + 1)..<n {
                var s = a[i * n + j]
                for l in 0..<j { s -= a[i * n + l] * a[j * n + l] }
                a[i * n + j] = s / r
            }
        }
        return true
    }
}
