/// Column equilibration by exact powers of two.
///
/// Scaling each column to unit-order norm makes the rank test compare like with like and lowers the
/// condition number least squares sees (NIST Filip: κ 1.8e15 → 5.2e9). Scaling by a power of two is
/// exact in binary floating point, so no rounding is introduced and results map back exactly.
package enum Equilibration {
    /// The power of two nearest `1 / norm` (within a factor of 2); 1 for a zero or non-finite norm.
    package static func scale(forNorm norm: Double) -> Double {
        guard norm > 0, norm.isFinite else { return 1 }
        return Double(sign: .plus, exponent: -norm.exponent, significand: 1)
    }
}

extension Matrix {
    /// The matrix with each column multiplied by its ``Equilibration/scale(forNorm:)``, and the scales.
    package func equilibrated() -> (matrix: Matrix, scale: [Double]) {
        var a = self
        var scale = [Double](repeating: 1, count: columns)
        for j in 0..<columns {
            var sumSquares = 0.0
            for i in 0..<rows { sumSquares += a[i, j] * a[i, j] }
            scale[j] = Equilibration.scale(forNorm: sumSquares.squareRoot())
            for i in 0..<rows { a[i, j] *= scale[j] }
        }
        return (a, scale)
    }
}
