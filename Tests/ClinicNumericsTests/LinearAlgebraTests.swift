import Foundation
import Testing
@testable import ClinicNumerics
import ClinicTestSupport

@Suite("Linear algebra wrappers")
struct LinearAlgebraTests {
    @Test func gemmAndGemvMatchHandComputedProducts() throws {
        let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rowMajor: [[7, 8], [9, 10], [11, 12]])
        #expect(try BLAS.product(a, b) == Matrix(rowMajor: [[58, 64], [139, 154]]))
        #expect(try BLAS.product(a, a, transA: .transpose) == Matrix(rowMajor: [[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
        var y = [0.0, 0.0]
        try BLAS.gemv(a, [1, 1, 1], into: &y)
        #expect(y == [6, 15])
        var wrong = Matrix(rows: 3, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, b, into: &wrong) }
    }

    /// Products added with their factors' splits made beforehand are bit for bit the products split
    /// on the spot, down to the rounding error each product carries: (1 + 2⁻⁴⁰)(1 − 2⁻⁴⁰) − 1 is −2⁻⁸⁰,
    /// which a plain extended-precision product rounds away.
    @Test func compensatedProductsWithSplitsMadeBeforehand() {
        let tiny = ExtendedDouble(sign: .plus, exponent: -40, significand: 1)
        var plain = CompensatedSum(-1), presplit = CompensatedSum(-1)
        plain.add(1 + tiny, times: 1 - tiny)
        presplit.add(1 + tiny, split: CompensatedSum.split(1 + tiny), times: 1 - tiny, split: CompensatedSum.split(1 - tiny))
        #if arch(x86_64) || arch(i386)
        #expect(plain.value == -tiny * tiny)
        #endif
        #expect(presplit.value == plain.value)
        var state: UInt64 = 41
        func uniform() -> ExtendedDouble {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return ExtendedDouble(Double(state >> 11) * 0x1p-53 - 0.5) * 1e3
        }
        var a = CompensatedSum(uniform()), b = a
        for _ in 0..<500 {
            let x = uniform(), y = uniform()
            a.add(x, times: y)
            b.add(x, split: CompensatedSum.split(x), times: y, split: CompensatedSum.split(y))
        }
        #expect(a.value == b.value && a.value.significandBitPattern == b.value.significandBitPattern && a.value.exponentBitPattern == b.value.exponentBitPattern)
    }

    /// `CompensatedSum.residuals` is, row by row, the compensated sum y − Σ x·β taken one product at a
    /// time in column order (bit for bit), on a design with zeros (skipped) and with a cancellation the
    /// compensation must keep: residuals of 1e-12 under terms of 1e6.
    @Test func compensatedResidualsAsSummedRowByRow() {
        let n = 30, k = 4
        var columns = [Double]()
        for j in 0..<k { for i in 0..<n { columns.append(j == 0 ? 1 : j == 1 ? Double(i) * 1e5 : (i + j) % 3 == 0 ? 0 : Double(i % 7) - 3) } }
        let x = Matrix(rows: n, columns: k, columnMajor: columns)
        let beta = [0.1, 10.000000000001, -0.3, 1e-7]
        let y = (0..<n).map { i in (0..<k).reduce(0.0) { $0 + x[i, $1] * beta[$1] } + (i % 2 == 0 ? 1e-12 : -1e-12) }
        let residuals = CompensatedSum.residuals(y, design: x, coefficients: beta)
        for i in 0..<n {
            var s = CompensatedSum(ExtendedDouble(y[i]))
            for a in 0..<k { s.add(ExtendedDouble(x[i, a]), times: -ExtendedDouble(beta[a])) }
            #expect(residuals[i] == s.value && residuals[i].significandBitPattern == s.value.significandBitPattern
                    && residuals[i].exponentBitPattern == s.value.exponentBitPattern, "row \(i)")
        }
    }

    @Test func pivotedQRReconstructsAndOrdersTheDiagonal() throws {
        let a = Matrix(rowMajor: [[1, 10, 0.1], [2, 20, 0.3], [3, 31, 0.2], [4, 39, 0.5]])
        let qr = try PivotedQR(a)
        #expect(qr.rank() == 3)
        let d = qr.diagonalOfR.map(abs)
        #expect(d[0] >= d[1] && d[1] >= d[2])
        // Q · R equals A · P.
        var r = Matrix(rows: 4, columns: 3)
        for j in 0..<3 { for i in 0...j { r[i, j] = qr.factors[i, j] } }
        try qr.applyQ(to: &r)
        let ap = a.selectingColumns(qr.permutation)
        for k in 0..<ap.storage.count { #expect(abs(r.storage[k] - ap.storage[k]) < 1e-13 * 40) }
        // Q is orthogonal: QᵀQ = I.
        let q = try qr.thinQ(3)
        let qtq = try BLAS.product(q, q, transA: .transpose)
        for i in 0..<3 { for j in 0..<3 { #expect(abs(qtq[i, j] - (i == j ? 1 : 0)) < 1e-15) } }
    }

    /// A factorisation applied from many threads at once gives bit for bit what one thread applying it
    /// alone gives, and its factors are left untouched (dormqr writes the reflectors' diagonal while it
    /// works; when it was handed the factors themselves, this gave mismatches).
    @Test func sharedFactorisationAppliedOnManyThreads() throws {
        let n = 120, k = 9
        var a = Matrix(rows: n, columns: k)
        for i in 0..<n { for j in 0..<k { a[i, j] = j == 0 ? 1 : sin(Double((i + 1) * (j + 2)) / 7) } }
        let qr = try PivotedQR(a)
        let before = qr.factors.storage.map { $0.bitPattern }
        @Sendable func rotated(_ r: Int) throws -> [UInt64] {
            var b = Matrix(rows: n, columns: 1, columnMajor: (0..<n).map { cos(Double($0 * (r % 17 + 1))) })
            try qr.applyQTranspose(to: &b, reflectors: k)
            return b.storage.map { $0.bitPattern }
        }
        let alone = try (0..<64).map { try rotated($0) }
        let together = Parallel.map(4_000) { r in try! rotated(r % 64) }
        for (r, bits) in together.enumerated() { #expect(bits == alone[r % 64]) }
        #expect(qr.factors.storage.map { $0.bitPattern } == before)
    }

    @Test func rankOfADependentMatrix() throws {
        let a = Matrix(rowMajor: [[1, 2, 3], [2, 4, 6.5], [3, 6, 9], [4, 8, 12.5]])   // column 2 = 2 × column 1
        #expect(try PivotedQR(a).rank() == 2)
        #expect(try PivotedQR(Matrix(rows: 3, columns: 2)).rank() == 0)
        #expect(throws: LinearAlgebraError.nonFinite(operation: "dgeqp3")) {
            try PivotedQR(Matrix(rowMajor: [[1, .nan], [2, 3]]))
        }
    }

    @Test func triangularSolvesAndSingularity() throws {
        let u = Matrix(rowMajor: [[2, 1], [0, 4]])
        var x: [Double] = [5, 8]
        try TriangularSolve.upper(u, order: 2, solving: &x)
        #expect(x == [1.5, 2])
        var xt: [Double] = [2, 9]
        try TriangularSolve.upper(u, order: 2, .transpose, solving: &xt)       // Uᵀ x = b
        #expect(xt == [1, 2])
        #expect(try TriangularSolve.upperInverse(u, order: 2) == Matrix(rowMajor: [[0.5, -0.125], [0, 0.25]]))
        var b: [Double] = [1, 1]
        #expect(throws: LinearAlgebraError.singular(routine: "dtrtrs", index: 2)) {
            try TriangularSolve.upper(Matrix(rowMajor: [[1, 1], [0, 0]]), order: 2, solving: &b)
        }
    }

    @Test func singularValuesOfAKnownMatrix() throws {
        // diag(3, 2) rotated: singular values are 3 and 2, condition number 1.5.
        let c = 0.6, s = 0.8
        let a = Matrix(rowMajor: [[3 * c, -2 * s], [3 * s, 2 * c]])
        let sv = try SingularValues.of(a)
        #expect(abs(sv[0] - 3) < 1e-15 && abs(sv[1] - 2) < 1e-15)
        #expect(try abs(SingularValues.conditionNumber(a) - 1.5) < 1e-15)
    }
}
