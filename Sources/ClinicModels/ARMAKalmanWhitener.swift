import Foundation
import ClinicNumerics

/// Whitening by an ARMA(p ≤ 2, q ≤ 1) error process observed at integer times with possible gaps.
///
/// The process is put in state-space form with two states, `e_t = α₁,t`,
/// `α_{t+1} = T α_t + R a_{t+1}`, `T = [[φ₁, 1], [φ₂, 0]]`, `R = (1, θ)ᵀ`, started from its stationary
/// covariance (an exact Gaussian likelihood, no conditioning on the first values). The Kalman filter's
/// gains and innovation variances `F_i` depend only on the process and on which months are observed, so
/// they are computed once and then applied to any number of columns: whitening a column `c` gives
/// `v_i / √F_i`, where `v_i` is `c_i` minus its best linear prediction from the earlier observed values.
///
/// Contract: for `Ω` the correlation-scale covariance of `e` at `times` (units of σ²), whitening is
/// `L⁻¹c` with `L Lᵀ = Ω`, and ``logDeterminant`` is `log |Ω| = Σ log F_i`. Missing months are
/// predicted through (their transition steps are applied without an update).
struct ARMAKalmanWhitener {
    let process: ErrorProcess
    let times: [Int]
    /// The square root of each observation's innovation variance `F_i` (units of σ), the divisor of
    /// its whitened value.
    private var innovationDeviation: [Double]
    /// Second component of the update gain `P_{·,1} / F` of each observation (the first is always 1:
    /// an observation fixes the first state exactly).
    private var gain1: [Double]
    /// State covariance after the last update (for forecasting).
    private var finalCovariance: (Double, Double, Double)
    let logDeterminant: Double
    private let f1: Double, f2: Double, th: Double

    init?(process: ErrorProcess, times: [Int]) {
        precondition(!times.isEmpty)
        self.process = process
        self.times = times
        f1 = process.phi.first ?? 0
        f2 = process.phi.count > 1 ? process.phi[1] : 0
        th = process.theta.first ?? 0
        let g = process.autocovariances(upTo: 1)
        // Stationary covariance of (e_t, φ₂ e_{t−1} + θ a_t).
        var p00 = g[0], p01 = f2 * g[1] + th, p11 = f2 * f2 * g[0] + th * th
        let n = times.count
        innovationDeviation = [Double](repeating: 0, count: n)
        gain1 = innovationDeviation
        var logDet = 0.0
        // The predicted covariance reaches a fixed point of the recursion within a few observations for
        // AR errors and most ARMA ones: once an observation a month after the one before starts from the
        // same state to the last bit, the update and a one-month prediction give that state again, so
        // its √F, gain and log F are the previous ones (the same bits, no log or division).
        var previous = (Double.nan, Double.nan, Double.nan), previousSteps = 0, previousLog = 0.0, previousGain = 0.0
        var previousDeviation = 0.0
        for i in 0..<n {
            let f = p00
            guard f > 0, f.isFinite else { return nil }
            let steps = i + 1 < n ? times[i + 1] - times[i] : 0
            let repeated = previousSteps == 1 && p00 == previous.0 && p01 == previous.1 && p11 == previous.2
            let logF = repeated ? previousLog : log(f)
            let gain = repeated ? previousGain : p01 / f
            let deviation = repeated ? previousDeviation : f.squareRoot()
            innovationDeviation[i] = deviation
            logDet += logF
            gain1[i] = gain
            (previous, previousSteps, previousLog, previousGain, previousDeviation) = ((p00, p01, p11), steps, logF, gain, deviation)
            if repeated && steps == 1 { continue }
            // Update: P − P_{·,1} P_{1,·} / F.
            let u00 = 0.0, u01 = 0.0, u11 = p11 - p01 * p01 / f
            (p00, p01, p11) = (u00, u01, max(0, u11))
            for _ in 0..<steps { (p00, p01, p11) = Self.predict(p00, p01, p11, f1, f2, th) }
        }
        finalCovariance = (p00, p01, p11)
        logDeterminant = logDet
    }

    /// One transition of the state covariance: `T P Tᵀ + R Rᵀ`.
    private static func predict(_ p00: Double, _ p01: Double, _ p11: Double, _ f1: Double, _ f2: Double, _ th: Double)
        -> (Double, Double, Double)
    {
        let n00 = f1 * f1 * p00 + 2 * f1 * p01 + p11 + 1
        let n01 = f1 * f2 * p00 + f2 * p01 + th
        let n11 = f2 * f2 * p00 + th * th
        return (n00, n01, n11)
    }

    /// Runs the state mean through `column` (values at ``times``); calls `innovation(i, v)` with each
    /// one-step prediction error and returns the updated state after the last observation.
    @inline(__always)
    private func run(_ column: UnsafeBufferPointer<Double>, _ innovation: (Int, Double) -> Void) -> (Double, Double) {
        var a0 = 0.0, a1 = 0.0
        let n = times.count
        for i in 0..<n {
            let v = column[i] - a0
            innovation(i, v)
            a0 += v
            a1 += gain1[i] * v
            if i + 1 < n {
                for _ in 0..<(times[i + 1] - times[i]) { (a0, a1) = (f1 * a0 + a1, f2 * a0) }
            }
        }
        return (a0, a1)
    }

    /// `L⁻¹ c`: the standardised one-step prediction errors of `column`.
    func whiten(_ column: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        _ = run(column) { i, v in out[i] = v / innovationDeviation[i] }
    }

    /// ``whiten(_:into:)`` of each of the `columns` columns of `source` (column-major, one row per
    /// time) into the same place in `target`. Four columns run side by side in SIMD lanes, each lane
    /// the same operations as ``whiten(_:into:)`` in the same order (the same bits): one column's filter
    /// is a chain of dependent steps, four chains keep the core busy.
    func whitenColumns(_ source: UnsafeBufferPointer<Double>, columns: Int, into target: UnsafeMutableBufferPointer<Double>) {
        let n = times.count
        precondition(source.count >= n * columns && target.count >= n * columns, "n rows for each column")
        typealias Lanes = SIMD4<Double>
        var j = 0
        innovationDeviation.withUnsafeBufferPointer { deviation in
            gain1.withUnsafeBufferPointer { gain in
                times.withUnsafeBufferPointer { times in
                    let from = source.baseAddress!, to = target.baseAddress!
                    while j + 4 <= columns {
                        let c0 = from + j * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                        let o0 = to + j * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n
                        var a0 = Lanes(), a1 = Lanes()
                        for i in 0..<n {
                            let v = Lanes(c0[i], c1[i], c2[i], c3[i]) - a0
                            let w = v / deviation[i]
                            o0[i] = w[0]; o1[i] = w[1]; o2[i] = w[2]; o3[i] = w[3]
                            a0 += v
                            a1 += gain[i] * v
                            if i + 1 < n {
                                for _ in 0..<(times[i + 1] - times[i]) { (a0, a1) = (f1 * a0 + a1, f2 * a0) }
                            }
                        }
                        j += 4
                    }
                }
            }
        }
        while j < columns {
            whiten(UnsafeBufferPointer(rebasing: source[(j * n)..<((j + 1) * n)]),
                   into: UnsafeMutableBufferPointer(rebasing: target[(j * n)..<((j + 1) * n)]))
            j += 1
        }
    }

    /// Every column of `matrix` (one row per time) whitened, as ``whitenColumns(_:columns:into:)``.
    func whiten(_ matrix: Matrix) -> Matrix {
        precondition(matrix.rows == times.count, "one row for each time")
        var out = [Double](repeating: 0, count: matrix.storage.count)
        matrix.storage.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { whitenColumns(source, columns: matrix.columns, into: $0) }
        }
        return Matrix(rows: matrix.rows, columns: matrix.columns, columnMajor: out)
    }

    func whiten(_ column: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: column.count)
        column.withUnsafeBufferPointer { c in out.withUnsafeMutableBufferPointer { whiten(c, into: $0) } }
        return out
    }

    /// Best linear predictions of the errors at `futureTimes` (after the last observed time) from the
    /// observed `residuals`, with their prediction variances in units of σ².
    func forecast(residuals: [Double], futureTimes: [Int]) -> [(mean: Double, variance: Double)] {
        var (a0, a1) = residuals.withUnsafeBufferPointer { run($0) { _, _ in } }
        var (p00, p01, p11) = finalCovariance
        var t = times[times.count - 1]
        var out = [(mean: Double, variance: Double)]()
        for target in futureTimes {
            precondition(target > t, "forecast times must follow the observed ones")
            while t < target {
                (a0, a1) = (f1 * a0 + a1, f2 * a0)
                (p00, p01, p11) = Self.predict(p00, p01, p11, f1, f2, th)
                t += 1
            }
            out.append((a0, p00))
        }
        return out
    }
}
