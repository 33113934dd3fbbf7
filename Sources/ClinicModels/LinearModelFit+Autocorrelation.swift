import ClinicData
import ClinicNumerics
/// Inference that allows for autocorrelated errors, as monthly series need.
extension LinearModelFit {
    /// The Durbin–Watson statistic `Σ (e_t − e_{t−1})² / Σ e_t²` (about 2 without first-order
    /// autocorrelation; below 2 for positive, above for negative). Residuals in observation order.
    public var durbinWatson: Double { Self.durbinWatson(residuals) }

    /// The Durbin–Watson statistic of any residuals in time order (NaN when they are all zero).
    static func durbinWatson(_ residuals: [Double]) -> Double {
        var numerator = 0.0, denominator = 0.0
        for (t, e) in residuals.enumerated() {
            denominator += e * e
            if t > 0 { numerator += (e - residuals[t - 1]) * (e - residuals[t - 1]) }
        }
        return denominator > 0 ? numerator / denominator : .nan
    }

    /// The default Newey–West truncation lag, `floor(4 · (n/100)^(2/9))` (Newey & West 1994's rule of
    /// thumb, docs/METHODS.md): 2 for 5 to 27 months, 3 for 28 to 99, 4 for 100 to 272.
    public static func neweyWestDefaultLag(observations n: Int) -> Int {
        Int((4 * pow(Double(n) / 100, 2.0 / 9.0)).rounded(.down))
    }

    /// The Newey–West (Bartlett-kernel HAC) covariance of the coefficients, in the order of
    /// ``coefficients``: `(XᵀX)⁻¹ S (XᵀX)⁻¹` with `S = Σ_t u_t u_tᵀ + Σ_{l=1..L} (1 − l/(L+1)) Σ_t (u_t u_{t−l}ᵀ + u_{t−l} u_tᵀ)`
    /// and `u_t = x_t e_t`. No small-sample factor and no prewhitening: the same numbers as R's
    /// `sandwich::NeweyWest(fit, lag = L, prewhite = FALSE, adjust = FALSE)` and statsmodels'
    /// `cov_type="HAC", use_correction=False` (tested on the Sicily series). `design` must be the
    /// design the model was fitted on; rows are taken in observation order.
    public func neweyWestCovariance(design: DesignMatrix, lag: Int? = nil) -> Matrix {
        Self.neweyWest(design: design, columns: estimatedColumns, residuals: residuals, bread: unscaledCovariance, lag: lag)
    }

    /// The Newey–West sandwich for any least-squares fit: `bread · S · bread`, with `S` built from the
    /// `columns` of `design` and `residuals` as ``neweyWestCovariance(design:lag:)`` describes.
    static func neweyWest(design: DesignMatrix, columns: [Int], residuals: [Double], bread: Matrix, lag: Int?) -> Matrix {
        let n = residuals.count, k = columns.count
        let l = max(0, min(lag ?? Self.neweyWestDefaultLag(observations: n), n - 1))
        // u_t = x_t e_t over the estimated columns.
        var u = [Double](repeating: 0, count: n * k)
        for (a, column) in columns.enumerated() {
            for t in 0..<n { u[t * k + a] = Double(design.exact[t + column * design.rows]) * residuals[t] }
        }
        // The meat and the sandwich in plain column-major buffers (element a, b at a + b·k): the same
        // sums in the same order as through Matrix's subscript, whose setter is a call across modules.
        var meat = [Double](repeating: 0, count: k * k)
        for lagIndex in 0...l {
            let weight = lagIndex == 0 ? 1.0 : 1 - Double(lagIndex) / Double(l + 1)
            for t in lagIndex..<n {
                let now = t * k, before = (t - lagIndex) * k
                for a in 0..<k {
                    for b in 0..<k {
                        let term = u[now + a] * u[before + b]
                        meat[a + b * k] += lagIndex == 0 ? term : weight * term
                        if lagIndex > 0 { meat[b + a * k] += weight * term }
                    }
                }
            }
        }
        let outer = bread.storage, stride = bread.rows
        var out = [Double](repeating: 0, count: k * k)
        // Each entry one sum in the order (c, d); four entries of a row side by side in SIMD lanes (the
        // same operations each, so the same bits), off one chain of dependent additions.
        for a in 0..<k {
            var b = 0
            while b + 4 <= k {
                var s = SIMD4<Double>()
                for c in 0..<k {
                    for d in 0..<k {
                        let left: Double = outer[a + c * stride] * meat[c + d * k]
                        let o0: Double = outer[d + b * stride], o1: Double = outer[d + (b + 1) * stride]
                        let o2: Double = outer[d + (b + 2) * stride], o3: Double = outer[d + (b + 3) * stride]
                        let right = SIMD4<Double>(o0, o1, o2, o3)
                        s += SIMD4<Double>(repeating: left) * right
                    }
                }
                for lane in 0..<4 { out[a + (b + lane) * k] = s[lane] }
                b += 4
            }
            while b < k {
                var s = 0.0
                for c in 0..<k { for d in 0..<k { s += outer[a + c * stride] * meat[c + d * k] * outer[d + b * stride] } }
                out[a + b * k] = s
                b += 1
            }
        }
        return Matrix(rows: k, columns: k, columnMajor: out)
    }

    /// Square roots of the diagonal of ``neweyWestCovariance(design:lag:)``.
    public func neweyWestStandardErrors(design: DesignMatrix, lag: Int? = nil) -> [Double] {
        let v = neweyWestCovariance(design: design, lag: lag)
        return (0..<v.rows).map { max(0, v[$0, $0]).squareRoot() }
    }
}

import Foundation
