/// Least squares `min ‖b − A·z‖` solved by Householder QR and refined on the augmented system
/// (Björck 1967):
///
///     [ I   A ] [ r ]   [ b ]
///     [ Aᵀ  0 ] [ z ] = [ c ]
///
/// With `c = 0` the solution is the least-squares fit `z` and its residual `r = b − A·z`; with `b = 0`
/// and `c = −e_j` it is column `j` of `(AᵀA)⁻¹`, which is how standard errors are refined too.
///
/// Each step computes the augmented residuals `f = b − r − A·z` and `g = c − Aᵀ·r` in twice
/// extended precision (``CompensatedSum``) from the exact (extended) entries of `A`, solves for the correction with the
/// double-precision QR factors (`d₁ = R⁻ᵀg`, `u = Qᵀf`, `δz = R⁻¹(u₁ − d₁)`, `δr = Q·[d₁; u₂]`), and
/// updates `r` and `z` in extended precision. Refining `r` together with `z` is what makes large-residual
/// problems (NIST Wampler4/5) converge; refining `z` alone stalls at the plain-QR accuracy.
///
/// Contract: the iteration converges when `κ(A)·ε_double` is well below 1 (κ of the equilibrated
/// matrix; NIST Filip, κ ≈ 10¹⁰ after equilibration, converges in a handful of steps). It stops when a
/// correction is below `ε_extended` relative to `z`, when a correction fails to halve (stagnation, so
/// rounding noise is never iterated on), or after `maximumSteps`. The first step from `r = z = 0` is
/// exactly the plain QR solution, so refinement can only improve on it.
package struct RefinedLeastSquares {
    /// Rows of `A`.
    package let rows: Int
    /// Columns of `A` (the numerical rank of the full design; `A` is its pivoted basis).
    package let rank: Int
    /// The exact entries of `A`, column-major `rows × rank`.
    package let exact: [ExtendedDouble]
    /// QR factors whose first `rank` reflectors factor the double rounding of `A`.
    package let qr: PivotedQR
    /// Upper bound on refinement steps (1: the plain QR solution).
    package let maximumSteps: Int

    /// ``CompensatedSum/split(_:)`` of each entry of `exact`, made once for every solve and step (empty
    /// when `maximumSteps` is 1: the first step needs none).
    private let exactHigh: [ExtendedDouble], exactLow: [ExtendedDouble]

    package init(rows: Int, rank: Int, exact: [ExtendedDouble], qr: PivotedQR, maximumSteps: Int = 30) {
        self.rows = rows
        self.rank = rank
        self.exact = exact
        self.qr = qr
        self.maximumSteps = maximumSteps
        var high = [ExtendedDouble](), low = [ExtendedDouble]()
        if maximumSteps > 1 {
            high = exact; low = exact
            for i in exact.indices { (high[i], low[i]) = CompensatedSum.split(exact[i]) }
        }
        exactHigh = high
        exactLow = low
    }

    /// Solves the augmented system for right-hand sides `b` (`rows` values) and `c` (`rank` values).
    /// Returns the residual `r`, the solution `z`, and the number of steps taken.
    package func solve(b: [ExtendedDouble], c: [ExtendedDouble], workspace: QRWorkspace) throws
        -> (r: [ExtendedDouble], z: [ExtendedDouble], steps: Int)
    {
        let n = rows, k = rank
        var r = [ExtendedDouble](repeating: 0, count: n)
        var z = [ExtendedDouble](repeating: 0, count: k)
        var previousCorrection = ExtendedDouble.infinity
        var steps = 0
        var f = Matrix(rows: n, columns: 1)
        var g = Matrix(rows: k, columns: 1)
        // −r and its split, for the products of g = c − Aᵀr (filled from the second step on).
        var negatedR = r, negatedRHigh = r, negatedRLow = r
        while steps < maximumSteps {
            steps += 1
            if steps == 1 {
                // From r = z = 0 the augmented residuals are b and c themselves (what the sums below
                // would give, exactly): the first step is the plain QR solution at no O(n·k) cost.
                for i in 0..<n { f.storage[i] = Double(b[i]) }
                for j in 0..<k { g.storage[j] = Double(c[j]) }
            } else {
                // Augmented residuals with compensated products: the terms of A·z cancel by orders of
                // magnitude on an ill-conditioned design, and an error of u in g = c − Aᵀr moves z by
                // about κ²·u, so plain extended accumulation would set the floor at κ·u_ext in z.
                // Each factor's split is made once (the entries of A at construction, −r here), as
                // `add(_:times:)` would make it: the same sums, bit for bit.
                var fx = (0..<n).map { CompensatedSum(b[$0]) }
                for i in 0..<n { fx[i].add(-r[i]) }
                for j in 0..<k {
                    let zj = -z[j]
                    if zj == 0 { continue }
                    let zParts = CompensatedSum.split(zj)
                    let base = j * n
                    for i in 0..<n {
                        fx[i].add(exact[base + i], split: (exactHigh[base + i], exactLow[base + i]), times: zj, split: zParts)
                    }
                }
                for i in 0..<n {
                    negatedR[i] = -r[i]
                    (negatedRHigh[i], negatedRLow[i]) = CompensatedSum.split(negatedR[i])
                }
                for j in 0..<k {
                    var s = CompensatedSum(c[j])
                    let base = j * n
                    for i in 0..<n {
                        s.add(exact[base + i], split: (exactHigh[base + i], exactLow[base + i]),
                              times: negatedR[i], split: (negatedRHigh[i], negatedRLow[i]))
                    }
                    g.storage[j] = Double(s.value)
                }
                for i in 0..<n { f.storage[i] = Double(fx[i].value) }
            }

            // Correction from the double-precision factors.
            try TriangularSolve.upper(qr.factors, order: k, .transpose, solving: &g)        // d₁ = R⁻ᵀ g
            try qr.applyQTranspose(to: &f, reflectors: k, workspace: workspace)           // u = Qᵀ f
            var dz = Matrix(rows: k, columns: 1)
            for j in 0..<k { dz.storage[j] = f.storage[j] - g.storage[j] }
            try TriangularSolve.upper(qr.factors, order: k, .none, solving: &dz)          // δz = R⁻¹(u₁ − d₁)
            for j in 0..<k { f.storage[j] = g.storage[j] }                                // [d₁; u₂]
            try qr.applyQ(to: &f, reflectors: k, workspace: workspace)                    // δr = Q [d₁; u₂]

            var correction: ExtendedDouble = 0, size: ExtendedDouble = 0
            for j in 0..<k {
                z[j] += ExtendedDouble(dz.storage[j])
                correction = max(correction, abs(ExtendedDouble(dz.storage[j])))
                size = max(size, abs(z[j]))
            }
            for i in 0..<n { r[i] += ExtendedDouble(f.storage[i]) }

            let relative = size > 0 ? correction / size : correction
            if relative <= ExtendedDouble.ulpOfOne || correction == 0 { break }
            if steps > 1 && correction > previousCorrection / 2 { break }
            previousCorrection = correction
        }
        return (r, z, steps)
    }
}
