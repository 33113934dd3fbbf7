import ClinicData
import ClinicNumerics
import Foundation

/// Ordinary least squares, solved to the accuracy the data allow.
///
/// Method (see docs/METHODS.md, "Least squares"):
/// 1. Each column is scaled by the power of two nearest its 2-norm (exact, so no rounding is
///    introduced), which makes the rank test and the QR compare like with like.
/// 2. Householder QR with column pivoting of the scaled design (dgeqp3), never the normal equations.
/// 3. Numerical rank `k` = number of `|R_jj| > tolerance · |R_11|`; default tolerance `max(n, p) · 2⁻⁵²`.
///    Columns past `k` in pivot order are dropped and reported by name with the reason.
/// 4. Coefficients, residuals and `(XᵀX)⁻¹` are refined on the augmented system with residuals in
///    extended precision (``RefinedLeastSquares``). The residual sum of squares is accumulated in
///    extended precision from the exact design values.
///
/// Accuracy (tested): on the eleven NIST StRD linear datasets the minimum log relative error over all
/// coefficients and standard errors is ≥ 9 (Filip, κ ≈ 10¹⁵ unscaled: ≥ 7 with the full rank-11 model).
/// Inference uses `df = n − rank`; standard errors come from `σ̂² (RᵀR)⁻¹`, never from inverting `XᵀX`.
public enum LinearModel {
    /// Options for ``fit(_:response:options:)``.
    public struct Options: Sendable {
        /// Relative rank tolerance on `|R_jj| / |R_11|` of the equilibrated design; `nil` = `max(n, p) · 2⁻⁵²`.
        public var rankTolerance: Double?
        /// Refine on the augmented system in extended precision (default). Off gives plain QR.
        public var refine: Bool

        public init(rankTolerance: Double? = nil, refine: Bool = true) {
            self.rankTolerance = rankTolerance
            self.refine = refine
        }
    }

    /// Fits `response ~ design` with `Double` responses.
    public static func fit(_ design: DesignMatrix, response: [Double], options: Options = Options()) throws -> LinearModelFit {
        try fit(design, response: response.map { ExtendedDouble($0) }, options: options)
    }

    /// Fits `response ~ design`. Throws ``LinearModelError`` for empty, mismatched, non-finite or
    /// too-short input; a rank-deficient design is not an error (the dropped terms are reported).
    public static func fit(_ design: DesignMatrix, response y: [ExtendedDouble], options: Options = Options()) throws -> LinearModelFit {
        let solved = try Solved(design, response: y, options: options)
        let n = solved.n, p = solved.p, k = solved.k, basis = solved.basis, scale = solved.scale
        let qr = solved.qr, tolerance = solved.tolerance, workspace = solved.workspace, solver = solved.solver
        let residuals = solved.residuals, rss = solved.rss, beta = solved.beta, steps = solved.steps
        let diagonal = qr.diagonalOfR.map(abs)
        let dropped = qr.permutation.dropFirst(k).enumerated().map { offset, j -> DroppedTerm in
            let position = k + offset
            let ratio = position < diagonal.count ? diagonal[position] / diagonal[0] : 0
            let allZero = (0..<n).allSatisfy { design[$0, j] == 0 }
            let reason = allZero
                ? "every value is zero"
                : "linearly dependent on the other terms (|R_jj|/|R_11| = \(String(format: "%.3g", ratio)), tolerance \(String(format: "%.3g", tolerance)))"
            return DroppedTerm(term: design.terms[j], reason: reason)
        }
        let df = n - k
        let sigma2 = rss / ExtendedDouble(df)
        let zeroK = [ExtendedDouble](repeating: 0, count: k)

        // (AᵀA)⁻¹ for the scaled basis, column by column through the same refined solver.
        let zeroN = [ExtendedDouble](repeating: 0, count: n)
        var unscaledCovariance = [[ExtendedDouble]](repeating: zeroK, count: k)
        for column in 0..<k {
            var c = zeroK
            c[column] = -1
            unscaledCovariance[column] = try solver.solve(b: zeroN, c: c, workspace: workspace).z
        }
        let estimatedTerms = (0..<p).filter { basis.contains($0) }           // design order
        let positionInBasis = Dictionary(uniqueKeysWithValues: basis.enumerated().map { ($1, $0) })
        var covariance = Matrix(rows: estimatedTerms.count, columns: estimatedTerms.count)
        var inverseGram = covariance
        for (a, ja) in estimatedTerms.enumerated() {
            for (b, jb) in estimatedTerms.enumerated() {
                let pa = positionInBasis[ja]!, pb = positionInBasis[jb]!
                let symmetric = (unscaledCovariance[pb][pa] + unscaledCovariance[pa][pb]) / 2 * scale[ja] * scale[jb]
                inverseGram[a, b] = Double(symmetric)
                covariance[a, b] = Double(sigma2 * symmetric)
            }
        }

        let leverage = try solved.leverage()

        // Sums of squares about the mean (intercept) or zero (no intercept).
        var total: ExtendedDouble = 0
        if design.hasIntercept {
            var sum: ExtendedDouble = 0
            for v in y { sum += v }
            let mean = sum / ExtendedDouble(n)
            for v in y { total += (v - mean) * (v - mean) }
        } else {
            for v in y { total += v * v }
        }

        let tDistribution = StudentT(degreesOfFreedom: Double(df))
        let coefficients = estimatedTerms.enumerated().map { a, j -> Coefficient in
            let estimate = Double(beta[j])
            let se = covariance[a, a].squareRoot()
            let t = estimate / se
            return Coefficient(term: design.terms[j], estimate: estimate, standardError: se,
                               tStatistic: t, pValue: tDistribution.twoSidedPValue(t))
        }
        let conditionNumber = try SingularValues.conditionNumber(solved.scaled.selectingColumns(basis))
        return LinearModelFit(
            terms: design.terms, hasIntercept: design.hasIntercept, observations: n, rank: k,
            coefficients: coefficients, estimatedColumns: estimatedTerms, dropped: dropped, covariance: covariance,
            unscaledCovariance: inverseGram,
            residualSumOfSquares: Double(rss), totalSumOfSquares: Double(total),
            residuals: residuals.map { Double($0) },
            fittedValues: (0..<n).map { Double(y[$0] - residuals[$0]) },
            leverage: leverage, refinementSteps: steps, conditionNumber: conditionNumber)
    }

    /// What externally studentised residuals need — residuals, leverages, the residual sum of squares
    /// and the rank — computed exactly as ``fit(_:response:options:)`` computes them (the same
    /// equilibration, pivoted QR and refinement), without what they do not need: `(XᵀX)⁻¹` (one
    /// refined solve per column), the condition number and the coefficients' tests.
    public static func residualsAndLeverage(_ design: DesignMatrix, response: [Double],
                                            options: Options = Options()) throws -> ResidualsAndLeverage {
        let solved = try Solved(design, response: response.map { ExtendedDouble($0) }, options: options)
        return ResidualsAndLeverage(rank: solved.k, residuals: solved.residuals.map { Double($0) },
                                    residualSumOfSquares: Double(solved.rss), leverage: try solved.leverage())
    }

    /// The leverages `h_ii` of `design` and its numerical rank, computed exactly as
    /// ``residualsAndLeverage(_:response:options:)`` computes them (steps 1–3: the same equilibration,
    /// pivoted QR and rank), without a response: they depend on the design alone, so series that share a
    /// design can share them.
    public static func leverage(_ design: DesignMatrix, options: Options = Options()) throws -> (rank: Int, leverage: [Double]) {
        let factored = try Factored(design, options: options)
        return (factored.k, try factored.leverage())
    }

    /// Steps 1–3 of the method, which depend on the design alone: the design checked, equilibrated,
    /// factored and its rank read.
    private struct Factored {
        let n: Int, p: Int, k: Int
        let scale: [ExtendedDouble]
        let scaledExact: [ExtendedDouble]
        let scaled: Matrix
        let qr: PivotedQR
        let tolerance: Double
        let basis: [Int]
        let workspace: QRWorkspace

        init(_ design: DesignMatrix, options: Options) throws {
            let n = design.rows, p = design.terms.count
            guard p > 0 else { throw LinearModelError.emptyDesign }
            for j in 0..<p {
                if let i = (0..<n).first(where: { !design[$0, j].isFinite }) {
                    throw LinearModelError.nonFinite(row: i, term: design.terms[j])
                }
            }

            // 1. Equilibrate by exact powers of two.
            var scale = [ExtendedDouble](repeating: 1, count: p)
            var scaledExact = design.exact
            for j in 0..<p {
                var sumSquares: ExtendedDouble = 0
                for i in 0..<n { sumSquares += design[i, j] * design[i, j] }
                scale[j] = ExtendedDouble(Equilibration.scale(forNorm: Double(sumSquares.squareRoot())))
                for i in 0..<n { scaledExact[i + j * n] *= scale[j] }
            }
            let scaled = Matrix(rows: n, columns: p, columnMajor: scaledExact.map { Double($0) })

            // 2–3. Pivoted QR and numerical rank.
            let workspace = QRWorkspace()
            let qr = try PivotedQR(scaled, workspace: workspace)
            let tolerance = options.rankTolerance ?? qr.defaultTolerance
            let k = qr.rank(tolerance: tolerance)
            guard k > 0 else { throw LinearModelError.zeroDesign }
            guard n > k else { throw LinearModelError.tooFewObservations(observations: n, rank: k) }

            self.n = n; self.p = p; self.k = k
            self.scale = scale; self.scaledExact = scaledExact; self.scaled = scaled; self.qr = qr
            self.tolerance = tolerance; self.basis = Array(qr.permutation.prefix(k)); self.workspace = workspace
        }

        /// Leverage from the thin Q of the basis: h_ii = ‖row i of Q₁‖².
        func leverage() throws -> [Double] {
            let q1 = try qr.thinQ(k)
            var leverage = [Double](repeating: 0, count: n)
            for j in 0..<k { for i in 0..<n { leverage[i] += q1[i, j] * q1[i, j] } }
            return leverage
        }
    }

    /// Steps 1–4 of the method: the input checked, equilibrated, factored and solved.
    private struct Solved {
        /// Steps 1–3 (the design's part).
        let factored: Factored
        var n: Int { factored.n }
        var p: Int { factored.p }
        var k: Int { factored.k }
        var scale: [ExtendedDouble] { factored.scale }
        var scaled: Matrix { factored.scaled }
        var qr: PivotedQR { factored.qr }
        var tolerance: Double { factored.tolerance }
        var basis: [Int] { factored.basis }
        var workspace: QRWorkspace { factored.workspace }
        let solver: RefinedLeastSquares
        let steps: Int
        /// Coefficients in design order (0 for dropped terms), residuals and their sum of squares.
        let beta: [ExtendedDouble]
        let residuals: [ExtendedDouble]
        let rss: ExtendedDouble

        init(_ design: DesignMatrix, response y: [ExtendedDouble], options: Options) throws {
            let n = design.rows, p = design.terms.count
            guard p > 0 else { throw LinearModelError.emptyDesign }
            guard y.count == n else { throw LinearModelError.responseLength(response: y.count, designRows: n) }
            if let i = y.firstIndex(where: { !$0.isFinite }) { throw LinearModelError.nonFinite(row: i, term: nil) }
            let factored = try Factored(design, options: options)
            let k = factored.k, basis = factored.basis, scale = factored.scale

            // 4. Solve and refine on the basis columns (pivot order).
            var basisExact = [ExtendedDouble]()
            basisExact.reserveCapacity(n * k)
            for j in basis { basisExact.append(contentsOf: factored.scaledExact[(j * n)..<((j + 1) * n)]) }
            let solver = RefinedLeastSquares(rows: n, rank: k, exact: basisExact, qr: factored.qr, maximumSteps: options.refine ? 30 : 1)
            let zeroK = [ExtendedDouble](repeating: 0, count: k)
            let (_, z, steps) = try solver.solve(b: y, c: zeroK, workspace: factored.workspace)

            // Coefficients on the original scale, in design order.
            var beta = [ExtendedDouble](repeating: 0, count: p)
            for (position, j) in basis.enumerated() { beta[j] = z[position] * scale[j] }
            var residuals = [ExtendedDouble](repeating: 0, count: n)
            for i in 0..<n {
                var residual = CompensatedSum(y[i])
                for j in basis { residual.add(design[i, j], times: -beta[j]) }
                residuals[i] = residual.value
            }
            var rss: ExtendedDouble = 0
            for e in residuals { rss += e * e }

            self.factored = factored
            self.solver = solver; self.steps = steps
            self.beta = beta; self.residuals = residuals; self.rss = rss
        }

        /// Leverage from the thin Q of the basis: h_ii = ‖row i of Q₁‖².
        func leverage() throws -> [Double] { try factored.leverage() }
    }
}

/// Residuals, leverages and the residual sum of squares of a least-squares fit
/// (``LinearModel/residualsAndLeverage(_:response:options:)``).
public struct ResidualsAndLeverage: Sendable {
    public let rank: Int
    public let residuals: [Double]
    public let residualSumOfSquares: Double
    public let leverage: [Double]
}
