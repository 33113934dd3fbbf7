import ClinicData
import Foundation

/// One placement of an intervention (its month and its form) that a forecast was averaged over, with
/// its weight.
public struct ForecastPlacement: Sendable, Equatable {
    public let month: Month
    /// The intervention's terms in this placement: a step, a change of slope, or both.
    public let effect: Intervention.Effect
    /// In [0, 1]; the weights of one forecast sum to 1.
    public let weight: Double
    /// The damping its change of slope is carried into the forecast by (``Intervention/forecastDamping``);
    /// nil for a step alone or an undamped change of slope.
    public var forecastDamping: Double? = nil
}

/// A change found in the data that the model does not follow (not supported at the level a followed change
/// needs) but that the forecast's ranges allow for, with the weight it was given.
public struct ForecastAllowance: Sendable, Equatable {
    public let month: Month
    /// The Akaike weight of the model with the change against the model without it, in [0, 1].
    public let weight: Double
}

extension TrendOptions {
    /// These options with `fit`'s kind of model, seasonal terms and error model fixed, so a refit with
    /// other terms (an intervention moved or added) is comparable with `fit`.
    public func holdingSpecification(of fit: TrendFit) -> TrendOptions {
        var o = self
        o.model = .fixed(fit.model)
        o.seasonality = .fixed(fit.seasonality)
        o.errorModel = .fixed(fit.errorProcess?.model ?? .iid)
        return o
    }
}

extension ForecastPoint {
    /// The weighted average of forecasts of one month, as the mixture of their distributions: centre
    /// `c̄ = Σ wᵢ cᵢ`, variance `Σ wᵢ (sᵢ² + (cᵢ − c̄)²)` (the spread within each forecast plus the
    /// spread between their centres; summed around `c̄`, so no digits cancel however large the
    /// centres), with the interval at `level` from the first point's reference distribution (its t
    /// degrees of freedom) and floor. The weights are normalised here; `points` must be forecasts of
    /// the same month.
    public static func average(_ points: [ForecastPoint], weights: [Double], level: Double) -> ForecastPoint {
        precondition(!points.isEmpty && points.count == weights.count, "one weight per forecast")
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "weights must have a positive finite sum")
        let shares = weights.map { $0 / total }
        var centre = 0.0
        for (p, share) in zip(points, shares) { centre += share * p.centre }
        var variance = 0.0
        for (p, share) in zip(points, shares) {
            let apart = p.centre - centre
            variance += share * (p.standardError * p.standardError + apart * apart)
        }
        let first = points[0]
        return ForecastPoint(month: first.month, centre: centre, standardError: variance.squareRoot(),
                             degreesOfFreedom: first.degreesOfFreedom, floor: first.floor, level: level)
    }
}

extension TrendFit {
    /// `−n·log σ̂` for a least-squares fit (σ̂ = ``scale``, n = ``observations``): the Gaussian profile
    /// log-likelihood up to a constant that fits of one series with the same number of coefficients
    /// share (`RSS = σ̂²(n − k)`). For fits with ARMA errors σ̂ is the innovation SD and the process's
    /// log-determinant term is left out, which compares fits whose error processes are alike. +∞ for a
    /// fit with no residual at all (σ̂ = 0); nil for other kinds of model or a scale that is not finite.
    public var profileLogLikelihood: Double? {
        guard model == .ols, let scale, scale >= 0, scale.isFinite else { return nil }
        return scale == 0 ? .infinity : -Double(observations) * log(scale)
    }

    /// Akaike's `ℓ − k` (−AIC/2, `k` = ``coefficients``, the estimable ones), up to a constant that every
    /// fit of the series shares, for comparing fits of one series that differ in their terms:
    /// - least squares: `ℓ` the Gaussian log-likelihood profiled over the coefficients and σ²,
    ///   `−(n/2)·log(RSS/n) − ½·log|Ω|` `= −n·log σ̂ − (n/2)·log((n − k)/n) − ½·log|Ω|`
    ///   (``profileLogLikelihood``, `RSS = σ̂²(n − k)` the whitened residual sum of squares, `log|Ω|` the
    ///   error process's ``errorLogDeterminant``, 0 for independent errors), at the process's estimated
    ///   parameters;
    /// - Poisson: `ℓ = −D/2` (``deviance`` `D`; the saturated model's likelihood is the shared constant);
    /// - quasi-Poisson: `−D/(2φ)` with `φ = max(1, dispersion)`, a dispersion the fits compared share
    ///   (QAIC, Burnham and Anderson, who take 1 below 1); this fit's own (``scale``) when nil.
    /// Nil for robust fits, a scale or deviance that is not finite, or `n ≤ k`.
    public func akaikeScore(dispersion: Double? = nil) -> Double? {
        let k = Double(coefficients.count)
        switch model {
        case .ols:
            guard let l = profileLogLikelihood else { return nil }
            let n = Double(observations)
            guard n > k else { return nil }
            return l - n / 2 * log((n - k) / n) - (errorLogDeterminant ?? 0) / 2 - k
        case .poisson:
            guard let deviance, Double(observations) > k else { return nil }
            return -deviance / 2 - k
        case .quasiPoisson:
            guard let deviance, Double(observations) > k, let shared = dispersion ?? scale, shared.isFinite else { return nil }
            return -deviance / (2 * max(1, shared)) - k
        default:
            return nil
        }
    }

    /// The damping a change of slope in ``forecast`` is carried by (``Intervention/forecastDamping``): when
    /// the forecast is averaged over placements, the largest among those with a change of slope that carry
    /// at least 0.5% of the weight; otherwise that of this fit's own interventions. Nil when no change of
    /// slope in the forecast is damped.
    public var forecastSlopeDamping: Double? {
        if !forecastPlacements.isEmpty { return forecastPlacements.filter { $0.weight >= 0.005 }.compactMap(\.forecastDamping).max() }
        return interventions.compactMap(\.forecastDamping).max()
    }

    /// This fit with its forecast replaced by the average over `placements` — fits of the same series
    /// and specification that differ only in the month and the form (``Intervention/Effect``) of one
    /// intervention, this fit among them — each weighted by `exp(a − max a)` of its
    /// ``akaikeScore(dispersion:)`` `a`, count models at `dispersion` (this fit's when nil) (Akaike weights; for least
    /// squares with equal numbers of coefficients, `exp(ℓ − max ℓ)` of the ``profileLogLikelihood``),
    /// month by month as ``ForecastPoint/average(_:weights:level:)``
    /// averages; placements that fit exactly (ℓ = +∞) share all the weight. When a change's month and
    /// form are themselves estimated, the average carries that uncertainty into the forecast and its
    /// interval. The fit is returned unchanged when any placement has no score or a forecast of other
    /// months.
    public func averagingForecast(over placements: [(month: Month, effect: Intervention.Effect, fit: TrendFit)],
                                  dispersion: Double? = nil) -> TrendFit {
        guard placements.count > 1,
              placements.allSatisfy({ $0.fit.forecast.map(\.month) == forecast.map(\.month) }) else { return self }
        let scores = placements.compactMap { $0.fit.akaikeScore(dispersion: dispersion ?? scale) }
        guard scores.count == placements.count, let top = scores.max() else { return self }
        let weights = top == .infinity ? scores.map { $0 == .infinity ? 1.0 : 0 } : scores.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        var averaged = self
        averaged.forecast = forecast.indices.map { j in
            ForecastPoint.average(placements.map { $0.fit.forecast[j] }, weights: weights, level: confidenceLevel)
        }
        averaged.forecastPlacements = zip(placements, weights)
            .map { p, weight in
                ForecastPlacement(month: p.month, effect: p.effect, weight: weight / total,
                                  forecastDamping: p.fit.interventions.first { $0.month == p.month && $0.slopeChange != nil }?.forecastDamping)
            }
            .sorted { ($0.month, $0.effect.rawValue) < ($1.month, $1.effect.rawValue) }
        return averaged
    }

    /// Whether `other` has this fit's kind of model, seasonal terms and error model
    /// (``TrendOptions/holdingSpecification(of:)``).
    public func sharesSpecification(with other: TrendFit) -> Bool {
        other.model == model && other.seasonality == seasonality && other.errorProcess?.model == errorProcess?.model
    }

    /// This fit with each forecast's range widened to allow for `candidate` — a fit of the same series and
    /// specification with one more intervention, a change at `month` that the data do not support clearly
    /// enough to follow. The centre stays this fit's `c₀`; the standard error becomes the spread of the
    /// two-model mixture about it, `s² = (1 − w)·s₀² + w·(s₁² + (c₁ − c₀)²)`, never less than `s₀`, with
    /// `w = 1 / (1 + exp(a₀ − a₁))` the candidate's Akaike weight (``akaikeScore(dispersion:)``, count
    /// models at the candidate's dispersion). So the point forecast is the long-run model's and its range
    /// says how far the series would go if the change were real, as far as the data lean towards it.
    /// Returned unchanged when the candidate is not of the same kind of model, seasonal terms and error
    /// model (the scores would not compare, and the centres would differ by more than the change), either
    /// fit has no score (a count candidate without a dispersion), their forecasts are not of the same
    /// months, or the weight is below 0.5% (no range would move visibly).
    public func allowingInForecast(_ candidate: TrendFit, changeAt month: Month) -> TrendFit {
        guard !forecast.isEmpty, candidate.forecast.map(\.month) == forecast.map(\.month),
              sharesSpecification(with: candidate),
              !model.isLogLinear || candidate.scale != nil,
              let own = akaikeScore(dispersion: candidate.scale), let other = candidate.akaikeScore(dispersion: candidate.scale),
              own.isFinite, other.isFinite else { return self }
        let weight = 1 / (1 + exp(own - other))
        guard weight >= 0.005 else { return self }
        var widened = self
        widened.forecast = zip(forecast, candidate.forecast).map { p, q in
            let apart = q.centre - p.centre
            let variance = (1 - weight) * p.standardError * p.standardError + weight * (q.standardError * q.standardError + apart * apart)
            return ForecastPoint(month: p.month, centre: p.centre, standardError: max(p.standardError, variance.squareRoot()),
                                 degreesOfFreedom: p.degreesOfFreedom, floor: p.floor, level: confidenceLevel)
        }
        widened.forecastAllowance = ForecastAllowance(month: month, weight: weight)
        return widened
    }
}
