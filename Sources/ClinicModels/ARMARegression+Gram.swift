import ClinicNumerics
import Foundation

extension ARMARegression {
    /// The restricted likelihood of a pure AR(p ≤ 2) error model on consecutive months, from lagged
    /// cross-products computed once: for rows `t ≥ p` the whitened row is `d_t − φ₁d_{t−1} − φ₂d_{t−2}`
    /// (`d_t` = the row of `[X y]`), so `[X̃ ỹ]ᵀ[X̃ ỹ]` is the first `p` whitened rows' outer products plus
    /// `Σ_{a,b} c_a c_b S_ab` with `S_ab = Σ_{t≥p} d_{t−a} d_{t−b}ᵀ`, `c = (1, −φ₁, −φ₂)`. Each evaluation
    /// then costs a Cholesky factorisation of a `(k+1)²` matrix instead of whitening and factoring the
    /// `n × (k+1)` data, and gives the same value as the Kalman path (the columns are scaled to unit
    /// norm for conditioning, and the constant that scaling shifts `−2ℓ_R` by is added back).
    struct AutoregressiveGram {
        let p: Int
        let n: Int
        let c: Int
        /// Column-scaled data rows 0..<p (row-major, c each).
        let head: [Double]
        /// S_ab for 0 ≤ a ≤ b ≤ p, each c×c row-major, in the order (0,0), (0,1), …, (p,p).
        let cross: [[Double]]
        /// `2(n−k) log‖y‖ + 2 Σ_j log‖x_j‖`: what scaling the columns took off `−2ℓ_R`.
        let scalingOffset: Double

        init(data: Matrix, p: Int) {
            self.p = p
            n = data.rows
            c = data.columns
            var scaled = data.storage
            var offset = 0.0
            for j in 0..<c {
                var s = 0.0
                for i in 0..<n { s += scaled[i + j * n] * scaled[i + j * n] }
                let inverse = s > 0 ? 1 / s.squareRoot() : 1
                for i in 0..<n { scaled[i + j * n] *= inverse }
                let logNorm = s > 0 ? 0.5 * log(s) : 0
                offset += j == c - 1 ? 2 * Double(n - (c - 1)) * logNorm : 2 * logNorm
            }
            scalingOffset = offset
            var head = [Double](repeating: 0, count: p * c)
            for i in 0..<p { for j in 0..<c { head[i * c + j] = scaled[i + j * n] } }
            self.head = head
            var cross = [[Double]]()
            for a in 0...p {
                for b in a...p {
                    var s = [Double](repeating: 0, count: c * c)
                    for u in 0..<c {
                        for v in 0..<c {
                            var sum = 0.0
                            for t in p..<n { sum += scaled[(t - a) + u * n] * scaled[(t - b) + v * n] }
                            s[u * c + v] = sum
                        }
                    }
                    cross.append(s)
                }
            }
            self.cross = cross
        }

        /// `−2ℓ_R` at AR parameters `phi`; +∞ where it cannot be evaluated.
        func minusTwoRestrictedLogLikelihood(phi: [Double]) -> Double {
            let f1 = phi.first ?? 0, f2 = phi.count > 1 ? phi[1] : 0
            let process = ErrorProcess(model: p == 1 ? .ar1 : .ar2, phi: p == 1 ? [f1] : [f1, f2])
            let g = process.autocovariances(upTo: 1)
            guard g[0] > 0, g[0].isFinite else { return .infinity }
            let coefficients = [1, -f1, -f2]
            var gram = [Double](repeating: 0, count: c * c)
            var index = 0
            for a in 0...p {
                for b in a...p {
                    let w = coefficients[a] * coefficients[b]
                    let s = cross[index]
                    index += 1
                    for u in 0..<c {
                        for v in 0..<c {
                            gram[u * c + v] += a == b ? w * s[u * c + v] : w * (s[u * c + v] + s[v * c + u])
                        }
                    }
                }
            }
            // The first p whitened rows (the Kalman filter's start from the stationary distribution).
            var logDetOmega = log(g[0])
            var rows = [[Double]]()
            rows.append((0..<c).map { head[$0] / g[0].squareRoot() })
            if p == 2 {
                let rho = g[1] / g[0]
                let f = g[0] * (1 - rho * rho)
                guard f > 0 else { return .infinity }
                logDetOmega += log(f)
                rows.append((0..<c).map { (head[c + $0] - rho * head[$0]) / f.squareRoot() })
            }
            for r in rows { for u in 0..<c { for v in 0..<c { gram[u * c + v] += r[u] * r[v] } } }
            // Cholesky of the augmented Gram matrix scaled to unit diagonal (as φ → 1 the whitened
            // intercept shrinks like 1 − φ): R_kk² is the residual sum of squares; scaling undone.
            let diagonal = (0..<c).map { gram[$0 * c + $0] }
            guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else { return .infinity }
            for u in 0..<c { for v in 0..<c { gram[u * c + v] /= (diagonal[u] * diagonal[v]).squareRoot() } }
            guard SmallCholesky.factor(&gram, order: c) else { return .infinity }
            var logDetR = 0.0
            for j in 0..<(c - 1) { logDetR += 2 * log(gram[j * c + j]) + log(diagonal[j]) }
            let rss = gram[(c - 1) * c + (c - 1)] * gram[(c - 1) * c + (c - 1)] * diagonal[c - 1]
            guard rss > 0 else { return .infinity }
            let df = Double(n - (c - 1))
            return df * (log(2 * Double.pi * rss / df) + 1) + logDetOmega + logDetR + scalingOffset
        }
    }
}
