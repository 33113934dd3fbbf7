import Foundation

/// The autocorrelation structures a trend model's errors may follow.
public enum ErrorModel: String, Sendable, CaseIterable {
    /// Independent errors (ordinary least squares).
    case iid
    /// `e_t = φ e_{t−1} + a_t`.
    case ar1
    /// `e_t = φ₁ e_{t−1} + φ₂ e_{t−2} + a_t`.
    case ar2
    /// `e_t = φ e_{t−1} + a_t + θ a_{t−1}`.
    case arma11

    /// Number of AR and MA parameters.
    public var order: (p: Int, q: Int) {
        switch self {
        case .iid: (0, 0)
        case .ar1: (1, 0)
        case .ar2: (2, 0)
        case .arma11: (1, 1)
        }
    }
}

/// A stationary, invertible ARMA(p ≤ 2, q ≤ 1) error process, `e_t = Σ φ_r e_{t−r} + a_t + θ a_{t−1}`
/// with `a_t` white noise of variance σ² (the sign convention of R's `arima` and nlme's `corARMA`).
///
/// Contract: autocovariances are in units of σ² (the innovation variance).
public struct ErrorProcess: Sendable, Equatable {
    public let model: ErrorModel
    public let phi: [Double]
    public let theta: [Double]

    public init(model: ErrorModel, phi: [Double] = [], theta: [Double] = []) {
        precondition(phi.count == model.order.p && theta.count == model.order.q, "parameters do not match \(model)")
        self.model = model
        self.phi = phi
        self.theta = theta
    }

    public static let iid = ErrorProcess(model: .iid)

    /// The process from unconstrained coordinates: AR parameters through their partial autocorrelations
    /// `tanh(u)` (so the process is stationary), the MA parameter as `tanh(u)` (invertible).
    static func fromUnconstrained(_ model: ErrorModel, _ u: [Double]) -> ErrorProcess {
        switch model {
        case .iid: return .iid
        case .ar1: return ErrorProcess(model: .ar1, phi: [tanh(u[0])])
        case .ar2:
            let r1 = tanh(u[0]), r2 = tanh(u[1])
            return ErrorProcess(model: .ar2, phi: [r1 * (1 - r2), r2])
        case .arma11: return ErrorProcess(model: .arma11, phi: [tanh(u[0])], theta: [tanh(u[1])])
        }
    }

    /// Autocovariances γ(0) … γ(lags) of `e`, in units of σ².
    public func autocovariances(upTo lags: Int) -> [Double] {
        var g = [Double](repeating: 0, count: lags + 1)
        switch model {
        case .iid:
            g[0] = 1
        case .ar1:
            g[0] = 1 / (1 - phi[0] * phi[0])
            for h in stride(from: 1, through: lags, by: 1) { g[h] = phi[0] * g[h - 1] }
        case .ar2:
            let (a, b) = (phi[0], phi[1])
            g[0] = (1 - b) / ((1 + b) * ((1 - b) * (1 - b) - a * a))
            if lags >= 1 { g[1] = a * g[0] / (1 - b) }
            for h in stride(from: 2, through: lags, by: 1) { g[h] = a * g[h - 1] + b * g[h - 2] }
        case .arma11:
            let (f, t) = (phi[0], theta[0])
            g[0] = (1 + 2 * f * t + t * t) / (1 - f * f)
            if lags >= 1 { g[1] = f * g[0] + t }
            for h in stride(from: 2, through: lags, by: 1) { g[h] = f * g[h - 1] }
        }
        return g
    }
}
