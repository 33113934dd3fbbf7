import ClinicData
import ClinicNumerics
import Foundation

extension TrendModel {
    /// Series that share a design are fitted together from this many on (below it, one by one).
    static let batchThreshold = 8

    /// Fits every series; results in the order of `series`, each equal (to 1e-8) to what
    /// ``fit(_:definition:options:)`` gives it alone.
    ///
    /// The scale path (docs/ARCHITECTURE.md): series are planned in parallel (model, seasonal terms, rows); those
    /// fitted by OLS or a robust norm that share a design — same months observed, same terms — go
    /// through ``BatchedLinearModel`` or ``BatchedRobustLinearModel`` together; the rest (Poisson
    /// models, series with their own gaps) are fitted one by one in parallel across cores. Each series
    /// gets the interventions `interventions(key)` returns, the population `population(series)` returns
    /// (the offset of count models; empty for none) and its metric's definition from `catalogue`;
    /// `adjust(i, &options)` may then change series `i`'s options (for example to fix its specification).
    public static func fitAll(_ series: [Series], options: TrendOptions, catalogue: MetricCatalogue = .standard,
                              interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                              population: @Sendable (Series) -> [Month: Double] = { _ in [:] },
                              adjust: (Int, inout TrendOptions) -> Void = { _, _ in }) -> [TrendFit] {
        let perSeries = seriesOptions(series, options: options, interventions: interventions, population: population, adjust: adjust)
        let designs = DesignCache()
        // Optional so that each block's plans can be let go once fitted (below).
        var planned = Parallel.map(series.count) { i -> Planned? in
            plan(series[i], definition: catalogue.definition(series[i].key.metric), options: perSeries[i], designs: designs)
        }
        // Group the batchable plans by design.
        struct GroupKey: Hashable, Sendable {
            let kind: TrendModelKind; let start: Month; let rows: [Int]; let terms: [String]; let design: [Double]
            /// Hashes all but the design's values (equal keys still hash alike): hashing every value of
            /// every series' design (2,400 a series) was a serial hot spot of a national run, and the
            /// designs of one key are mostly one shared array (``DesignCache``), which `==` compares at once.
            func hash(into hasher: inout Hasher) {
                hasher.combine(kind)
                hasher.combine(start)
                hasher.combine(rows)
                hasher.combine(terms)
                hasher.combine(design.count)
            }
        }
        // Keys hashed on every core (each holds the series' row numbers and term names), grouped on one.
        let plans = planned
        let keys = Parallel.map(series.count) { i -> Prehashed<GroupKey>? in
            guard case let .ready(plan)? = plans[i], [.ols, .robustHuber, .robustBisquare].contains(plan.kind) else { return nil }
            return Prehashed(GroupKey(kind: plan.kind, start: plan.series.start, rows: plan.rows, terms: plan.design.terms,
                                      design: plan.design.matrix.storage))
        }
        var groups = [Prehashed<GroupKey>: [Int]]()
        for (i, key) in keys.enumerated() {
            guard let key else { continue }
            groups[key, default: []].append(i)
        }
        var engines = [Int: Engine]()
        for (key, members) in groups where members.count >= batchThreshold {
            guard case let .ready(first)? = planned[members[0]] else { continue }
            let found = try? batchedEngines(kind: key.key.kind, design: first.design,
                                            ys: members.map { i -> [Double] in if case let .ready(p)? = planned[i] { return p.y }; return [] },
                                            options: options)
            for (i, engine) in zip(members, found ?? []) { engines[i] = engine }
        }
        // Fitted in blocks, each block's plans and engines let go once its fits are made: a national run
        // then never holds every plan beside every fit.
        var fits = [TrendFit]()
        fits.reserveCapacity(series.count)
        let block = 1024
        for lower in stride(from: 0, to: series.count, by: block) {
            let upper = min(series.count, lower + block)
            let plans = Array(planned[lower..<upper]), batched = (lower..<upper).map { engines[$0] }
            fits += Parallel.map(upper - lower) { k in
                switch plans[k]! {
                case let .done(fit): return fit
                case let .ready(plan):
                    let o = perSeries[lower + k]
                    if let engine = batched[k] {
                        return finish(plan, engine: engine.applyingErrorModel(design: plan.design, y: plan.y, rows: plan.rows, options: o),
                                      options: o)
                    }
                    do {
                        return finish(plan, engine: try Engine.fit(plan.kind, design: plan.design, y: plan.y, rows: plan.rows,
                                                                  series: plan.series, options: o), options: o)
                    } catch {
                        return unfitted(plan.series, definition: plan.definition, rows: plan.rows, options: o,
                                        warnings: plan.warnings, reason: .notFitted(reason: "\(error)"))
                    }
                }
            }
            for i in lower..<upper {
                planned[i] = nil
                engines[i] = nil
            }
        }
        return fits
    }

    /// Engines for series sharing `design`, from one batched fit. Returns nil (so each series is fitted
    /// alone) when the batched fit cannot serve every member.
    static func batchedEngines(kind: TrendModelKind, design: DesignMatrix, ys: [[Double]], options: TrendOptions) throws -> [Engine]? {
        let n = design.rows, m = ys.count
        var y = Matrix(rows: n, columns: m)
        for (j, column) in ys.enumerated() { for i in 0..<n { y[i, j] = column[i] } }
        // (XᵀX)⁻¹ and the estimable columns, once for the group.
        let reference = try LinearModel.fit(design, response: ys[0])
        let columns = reference.estimatedColumns, k = columns.count
        let bread = reference.unscaledCovariance
        let terms = reference.coefficients.map(\.term)
        let z = Normal.quantile((1 + options.confidenceLevel) / 2)
        let df = n - k

        switch kind {
        case .ols:
            let fit = try BatchedLinearModel.fit(design, responses: y)
            guard fit.status.allSatisfy({ $0 == .fitted }), fit.ranks.allSatisfy({ $0 == k }) else { return nil }
            let t = StudentT(degreesOfFreedom: Double(df)).quantile((1 + options.confidenceLevel) / 2)
            let tDistribution = StudentT(degreesOfFreedom: Double(df))
            // Each member's engine on every core (residuals, p-values): on one thread this was a serial
            // stretch of every national run between the planning and the fits.
            return Parallel.map(m) { j in
                let beta = columns.map { fit.coefficients[$0, j] }
                var residuals = [Double](repeating: 0, count: n)
                var rss = 0.0, mean = 0.0
                for i in 0..<n {
                    var fitted = 0.0
                    for (a, c) in columns.enumerated() { fitted += Double(design.exact[i + c * n]) * beta[a] }
                    residuals[i] = ys[j][i] - fitted
                    rss += residuals[i] * residuals[i]
                    mean += ys[j][i] / Double(n)
                }
                let tss = ys[j].reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                let exact = Engine.isExactFit(rss: rss, tss: tss)
                let sigma2 = rss / Double(df)
                var covariance = bread
                for a in 0..<k { for b in 0..<k { covariance[a, b] = exact ? 0 : sigma2 * bread[a, b] } }
                let pValues = (0..<k).map { a -> Double in
                    if exact { return beta[a] == 0 ? 1 : 0 }
                    return tDistribution.twoSidedPValue(beta[a] / covariance[a, a].squareRoot())
                }
                let engine = Engine(kind: .ols, columns: columns, terms: terms, estimates: beta, covariance: covariance,
                              hacStandardErrors: exact ? (0..<k).map { _ in 0 } : nil,
                              pValues: pValues, quantile: t, scale: exact ? 0 : sigma2.squareRoot(),
                              durbinWatson: exact ? nil : LinearModelFit.durbinWatson(residuals),
                              warnings: exact ? [.exactFit] : [])
                return exact ? engine.snappingRoundingNoise(y: ys[j]) : engine
            }
        case .robustHuber, .robustBisquare:
            guard k == design.terms.count else { return nil }
            let fit = try BatchedRobustLinearModel.fit(design, responses: y, norm: kind == .robustHuber ? .huber : .bisquare)
            guard fit.status.allSatisfy({ $0 == .fitted }) else { return nil }
            return Parallel.map(m) { j in
                let beta = (0..<k).map { fit.coefficients[$0, j] }
                let scale = fit.scale[j].isFinite ? fit.scale[j] : 0
                let factor = scale > 0 ? pow(fit.standardErrors[0, j], 2) / bread[0, 0] : 0
                var covariance = bread
                for a in 0..<k { for b in 0..<k { covariance[a, b] = factor * bread[a, b] } }
                let pValues = (0..<k).map { a -> Double in
                    let se = covariance[a, a].squareRoot()
                    return se > 0 ? 2 * Normal.cdf(-abs(beta[a] / se)) : (beta[a] == 0 ? 1 : 0)
                }
                let engine = Engine(kind: kind, columns: columns, terms: terms, estimates: beta, covariance: covariance,
                              hacStandardErrors: nil, pValues: pValues, quantile: z, scale: scale, durbinWatson: nil,
                              warnings: fit.converged[j] ? [] : [.robustNotSettled])
                return scale == 0 ? engine.snappingRoundingNoise(y: ys[j]) : engine
            }
        default:
            return nil
        }
    }
}

extension TrendModel {
    /// ``fitAll(_:options:catalogue:interventions:)`` over every series of `panel` that has a month with
    /// a value or a marker, each on its own span (``Panel/trimmedSeries``), in key order.
    /// The options each series of ``fitAll(_:options:catalogue:interventions:population:adjust:)`` is
    /// fitted with: `options` plus the series' interventions and population, then `adjust`.
    public static func seriesOptions(_ series: [Series], options: TrendOptions,
                                     interventions: (SeriesKey) -> [Intervention], population: (Series) -> [Month: Double],
                                     adjust: (Int, inout TrendOptions) -> Void) -> [TrendOptions] {
        series.enumerated().map { i, s in
            var o = options
            o.interventions = options.interventions + interventions(s.key)
            if o.population.isEmpty { o.population = population(s) }
            adjust(i, &o)
            return o
        }
    }

    public static func fitAll(_ panel: Panel, options: TrendOptions, catalogue: MetricCatalogue = .standard,
                              interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                              population: @Sendable (Series) -> [Month: Double] = { _ in [:] }) -> [TrendFit] {
        fitAll(panel.trimmedSeries, options: options, catalogue: catalogue, interventions: interventions, population: population)
    }
}
