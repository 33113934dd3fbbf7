import ClinicNumerics
import Foundation

extension ARMARegression {
    /// The restricted likelihood of a pure AR(p ≤ 2) error model on consecutive months, from lagged
    /// cross-products computed once. For rows `t ≥ p` the whitened row of `[X y]` is
    /// `d_t − φ₁d_{t−1} − φ₂d_{t−2}`, written here as
    ///
    ///     s·d_t + (φ₁ + φ₂)·(d_t − d_{t−1}) + φ₂·(d_{t−1} − d_{t−2}),   s = 1 − φ₁ − φ₂,
    ///
    /// so `[X̃ ỹ]ᵀ[X̃ ỹ]` is the first `p` whitened rows' outer products plus `Σ_{a,b} c_a c_b S_ab` with
    /// `S_ab` the cross-products of the basis `(d_t, Δd_t, Δd_{t−1})` over `t ≥ p` and `c = (s, 1 − s, φ₂)`.
    /// Each evaluation then costs a Cholesky factorisation of a `(k+1)²` matrix instead of whitening and
    /// factoring the `n × (k+1)` data, and gives the Kalman path's value (the columns are scaled to unit
    /// norm for conditioning, and the constant that scaling shifts `−2ℓ_R` by is added back).
    ///
    /// Near the unit root (`s → 0`) the plain form `Σ c_a c_b S_ab` over `(d_t, d_{t−1}, d_{t−2})`
    /// cancels: an intercept column whitens to `s·1`, about 1e-15 of the lagged sums it is the
    /// difference of, so the likelihood there was noise and could exceed the true maximum. In the
    /// difference basis a constant column has `Δd = 0` exactly, and `s`, `1 − p₁²`, `1 − p₂²` are formed
    /// from the partial autocorrelations `p_k = tanh(u_k)` as products of `1 ± p_k`, each computed from
    /// `u_k` without cancellation (`1 − tanh u = 2/(1 + e^{2u})`): `φ₂ = p₂`, `φ₁ = p₁(1 − p₂)`,
    /// `s = (1 − p₁)(1 − p₂)`, `γ(0) = 1/((1 − p₁²)(1 − p₂²))`, `ρ(1) = p₁`.
    struct AutoregressiveGram {
        let p: Int
        let n: Int
        let c: Int
        /// Column-scaled data rows 0..<p (row-major, c each).
        let head: [Double]
        /// S_ab for 0 ≤ a ≤ b ≤ p over the basis (d_t, Δd_t, Δd_{t−1}), each c×c row-major, in the order
        /// (0,0), (0,1), …, (p,p).
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
            // The basis (d_t, d_t − d_{t−1}, d_{t−1} − d_{t−2}) of every column over rows t ≥ p.
            let rows = data.rows, m = rows - p
            var basis = [[Double]](repeating: [Double](repeating: 0, count: m * c), count: p + 1)
            for u in 0..<c {
                for t in p..<rows {
                    let d0 = scaled[t + u * rows], d1 = scaled[t - 1 + u * rows]
                    basis[0][(t - p) + u * m] = d0
                    basis[1][(t - p) + u * m] = d0 - d1
                    if p == 2 { basis[2][(t - p) + u * m] = d1 - scaled[t - 2 + u * rows] }
                }
            }
            var cross = [[Double]]()
            for a in 0...p {
                for b in a...p {
                    var s = [Double](repeating: 0, count: c * c)
                    for u in 0..<c {
                        for v in 0..<c {
                            var sum = 0.0
                            for t in 0..<m { sum += basis[a][t + u * m] * basis[b][t + v * m] }
                            s[u * c + v] = sum
                        }
                    }
                    cross.append(s)
                }
            }
            self.cross = cross
        }

        /// `1 − tanh(u)` and `1 + tanh(u)` without cancellation.
        static func oneMinusAndPlus(_ u: Double) -> (minus: Double, plus: Double) {
            (2 / (1 + exp(2 * u)), 2 / (1 + exp(-2 * u)))
        }

        /// `−2ℓ_R` at AR parameters `phi` (converted to partial autocorrelations); +∞ where it cannot be
        /// evaluated or the process is not stationary.
        func minusTwoRestrictedLogLikelihood(phi: [Double]) -> Double {
            let p2 = p == 2 ? phi[1] : 0
            let p1 = p == 2 ? phi[0] / (1 - p2) : phi[0]
            guard abs(p1) < 1, abs(p2) < 1 else { return .infinity }
            return minusTwoRestrictedLogLikelihood(unconstrained: p == 2 ? [atanh(p1), atanh(p2)] : [atanh(p1)])
        }

        /// `−2ℓ_R` at the partial autocorrelations `tanh(u)` (the search's coordinates); +∞ where it
        /// cannot be evaluated.
        func minusTwoRestrictedLogLikelihood(unconstrained u: [Double]) -> Double {
            let pacf2 = p == 2 ? tanh(u[1]) : 0
            let first = Self.oneMinusAndPlus(u[0])
            let second = p == 2 ? Self.oneMinusAndPlus(u[1]) : (minus: 1.0, plus: 1.0)
            let phi2 = pacf2
            let s = first.minus * second.minus                    // 1 − φ₁ − φ₂
            let coefficients = [s, 1 - s, phi2]
            // 1/γ(0) = (1 − p₁²)(1 − p₂²); the second start row's variance is γ(0)(1 − ρ₁²) = 1/(1 − p₂²).
            let oneMinusP1Squared = first.minus * first.plus, oneMinusP2Squared = second.minus * second.plus
            guard oneMinusP1Squared > 0, oneMinusP2Squared > 0 else { return .infinity }
            var gram = [Double](repeating: 0, count: c * c)
            var index = 0
            for a in 0...p {
                for b in a...p {
                    let w = coefficients[a] * coefficients[b]
                    let cross = self.cross[index]
                    index += 1
                    for u in 0..<c {
                        for v in 0..<c {
                            gram[u * c + v] += a == b ? w * cross[u * c + v] : w * (cross[u * c + v] + cross[v * c + u])
                        }
                    }
                }
            }
            // The first p whitened rows (the Kalman filter's start from the stationary distribution):
            // d₀/√γ(0), then (d₁ − ρ₁d₀)/√(γ(0)(1 − ρ₁²)) with d₁ − p₁d₀ = Δd₁ + (1 − p₁)d₀.
            var logDetOmega = -log(oneMinusP1Squared) - log(oneMinusP2Squared)
            var rows = [[Double]]()
            let rootFirst = (oneMinusP1Squared * oneMinusP2Squared).squareRoot()
            rows.append((0..<c).map { head[$0] * rootFirst })
            if p == 2 {
                logDetOmega -= log(oneMinusP2Squared)
                let root = oneMinusP2Squared.squareRoot()
                rows.append((0..<c).map { ((head[c + $0] - head[$0]) + first.minus * head[$0]) * root })
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
