import ClinicData
import ClinicNumerics
import Foundation

extension TrendModel {
    /// The fitted coefficients of any of the trend model kinds, in one shape.
    struct Engine {
        let kind: TrendModelKind
        /// Design columns of the estimates (terms in design order).
        let columns: [Int]
        let terms: [String]
        let estimates: [Double]
        let covariance: Matrix
        let hacStandardErrors: [Double]?
        let pValues: [Double]
        /// Quantile for `confidenceLevel` intervals: Student t on the residual df (OLS, quasi-Poisson)
        /// or the normal (Poisson, robust).
        let quantile: Double
        /// σ̂ (OLS; the innovation σ̂ with ARMA errors), the robust scale, or the dispersion φ (1 for Poisson).
        let scale: Double
        let durbinWatson: Double?
        let warnings: [TrendWarning]
        /// Regression with ARMA errors replacing OLS inference (nil: OLS, robust or count models).
        var armaFit: ARMAErrorFit? = nil
        /// Ljung–Box p-value of the OLS residuals (OLS kinds only).
        var ljungBoxPValue: Double? = nil
        /// The least-squares residuals `y − Xβ̂` in row order (OLS kinds; set by
        /// ``applyingErrorModel(design:y:rows:options:)``, empty otherwise).
        var residuals: [Double] = []
        /// The Poisson deviance (count models; nil otherwise).
        var deviance: Double? = nil

        /// A least-squares fit whose residuals are zero up to rounding (relative to the spread of y).
        static func isExactFit(rss: Double, tss: Double) -> Bool { rss <= 1e-24 * max(1, tss) }

        /// For a fit with zero residuals, estimates that are zero up to rounding (below 1e-9 of the
        /// largest |y|) are set to exactly zero, so a constant series reads as flat rather than as
        /// "falling by 0.000000000000001".
        func snappingRoundingNoise(y: [Double]) -> Engine {
            let threshold = 1e-9 * max(1, y.map(abs).max() ?? 0)
            return Engine(kind: kind, columns: columns, terms: terms, estimates: estimates.map { abs($0) <= threshold ? 0 : $0 },
                          covariance: covariance, hacStandardErrors: hacStandardErrors,
                          pValues: zip(estimates, pValues).map { abs($0) <= threshold ? 1 : $1 },
                          quantile: quantile, scale: scale, durbinWatson: durbinWatson, warnings: warnings,
                          armaFit: armaFit, ljungBoxPValue: ljungBoxPValue)
        }

        func estimate(_ term: String) -> (value: Double, index: Int)? {
            terms.firstIndex(of: term).map { (estimates[$0], $0) }
        }

        /// `xᵀβ` and `xᵀCx` for a full design row (values for every design term, in design order).
        func linearPredictor(_ row: [Double]) -> (value: Double, variance: Double) {
            var value = 0.0, variance = 0.0
            for (a, j) in columns.enumerated() {
                value += row[j] * estimates[a]
                for (b, k) in columns.enumerated() { variance += row[j] * covariance[a, b] * row[k] }
            }
            return (value, max(0, variance))
        }

        static func fit(_ kind: TrendModelKind, design: DesignMatrix, y: [Double], rows: [Int], series: Series,
                        options: TrendOptions) throws -> Engine {
            let level = options.confidenceLevel
            let z = Normal.quantile((1 + level) / 2)
            var warnings = [TrendWarning]()
            switch kind {
            case .ols, .none:
                let fit = try LinearModel.fit(design, response: y)
                let exact = isExactFit(rss: fit.residualSumOfSquares, tss: fit.totalSumOfSquares)
                if exact { warnings.append(.exactFit) }
                let t = StudentT(degreesOfFreedom: Double(fit.residualDegreesOfFreedom)).quantile((1 + level) / 2)
                let engine = Engine(kind: .ols, columns: fit.estimatedColumns, terms: fit.coefficients.map(\.term),
                              estimates: fit.coefficients.map(\.estimate), covariance: exact ? Matrix(rows: fit.rank, columns: fit.rank) : fit.covariance,
                              // Newey–West errors are added only if the errors stay independent (applyingErrorModel).
                              hacStandardErrors: exact ? fit.coefficients.map { _ in 0 } : nil,
                              pValues: fit.coefficients.map { exact ? ($0.estimate == 0 ? 1 : 0) : $0.pValue },
                              quantile: t, scale: exact ? 0 : fit.residualStandardError,
                              durbinWatson: exact ? nil : fit.durbinWatson, warnings: warnings)
                return exact ? engine.snappingRoundingNoise(y: y) : engine.applyingErrorModel(design: design, y: y, rows: rows, options: options)
            case .robustHuber, .robustBisquare:
                let fit = try RobustLinearModel.fit(design, response: y, norm: kind == .robustHuber ? .huber : .bisquare)
                if !fit.converged { warnings.append(.robustNotSettled) }
                let scale = fit.scale.isFinite ? fit.scale : 0
                let engine = Engine(kind: kind, columns: fit.estimatedColumns, terms: fit.coefficients.map(\.term),
                              estimates: fit.coefficients.map(\.estimate), covariance: scale > 0 ? fit.covariance : Matrix(rows: fit.coefficients.count, columns: fit.coefficients.count),
                              hacStandardErrors: nil, pValues: fit.coefficients.map { $0.pValue.isFinite ? $0.pValue : ($0.estimate == 0 ? 1 : 0) },
                              quantile: z, scale: scale, durbinWatson: nil, warnings: warnings)
                return scale == 0 ? engine.snappingRoundingNoise(y: y) : engine
            case .poisson, .quasiPoisson:
                let offset: [Double]? = options.population.isEmpty ? nil : try rows.map { r in
                    let month = series.start.advanced(by: r)
                    guard let p = options.population[month], p > 0 else {
                        throw LinearModelError.nonFinite(row: r, term: "population for \(month)")
                    }
                    return log(p)
                }
                let fit = try PoissonRegression.fit(design, counts: y, offset: offset, family: kind == .poisson ? .poisson : .quasiPoisson)
                if kind == .poisson, fit.residualDegreesOfFreedom > 0 {
                    // Pearson χ² against its df: counts that vary more than a Poisson model allows.
                    let df = Double(fit.residualDegreesOfFreedom)
                    let dispersion = fit.pearsonChiSquare / df
                    if dispersion > 1.5, ChiSquared(degreesOfFreedom: df).survival(fit.pearsonChiSquare) < 0.01 {
                        warnings.append(.overdispersed(dispersion: dispersion, pearsonChiSquare: fit.pearsonChiSquare, degreesOfFreedom: fit.residualDegreesOfFreedom))
                    }
                }
                let t = kind == .poisson ? z : StudentT(degreesOfFreedom: Double(fit.residualDegreesOfFreedom)).quantile((1 + level) / 2)
                var engine = Engine(kind: kind, columns: fit.estimatedColumns, terms: fit.coefficients.map(\.term),
                                    estimates: fit.coefficients.map(\.estimate), covariance: fit.covariance, hacStandardErrors: nil,
                                    pValues: fit.coefficients.map(\.pValue), quantile: t, scale: fit.dispersion,
                                    durbinWatson: nil, warnings: warnings)
                engine.deviance = fit.deviance
                return engine
            }
        }

        /// An OLS engine with its inference replaced by regression with ARMA errors when
        /// `options.errorModel` asks for it or, automatically, when the residuals are autocorrelated
        /// (``ARMARegression/choose(x:y:terms:times:)``). Exact fits and non-OLS engines are
        /// returned unchanged. The OLS Newey–West errors are dropped when an error model is used.
        func applyingErrorModel(design: DesignMatrix, y: [Double], rows: [Int], options: TrendOptions) -> Engine {
            guard kind == .ols, scale > 0 else { return self }
            let n = y.count
            let x = design.matrix.selectingColumns(columns)
            var residuals = y
            for i in 0..<n { for a in columns.indices { residuals[i] -= x[i, a] * estimates[a] } }
            var engine = self
            var notes = warnings
            let fitted: ARMAErrorFit?
            switch options.errorModel {
            case .automatic:
                let choice = ARMARegression.choose(x: x, y: y, terms: terms, times: rows)
                engine.ljungBoxPValue = choice.ljungBoxPValue
                if let warning = choice.warning { notes.append(warning) }
                fitted = choice.fit
            case let .fixed(model):
                // The test decides nothing here; it is reported when asked for.
                if options.autocorrelationTest {
                    engine.ljungBoxPValue = ARMARegression.ljungBox(residuals, times: rows, lags: ARMARegression.ljungBoxLags(observations: n)).pValue
                }
                guard model != .iid else { fitted = nil; break }
                do { fitted = try ARMARegression.fit(x: x, y: y, terms: terms, times: rows, model: model) } catch {
                    notes.append(.errorModelNotFitted(model: model, reason: "\(error)"))
                    fitted = nil
                }
            }
            guard let arma = fitted, arma.process.model != .iid else {
                guard options.neweyWest else {
                    return Engine(kind: kind, columns: columns, terms: terms, estimates: estimates, covariance: covariance,
                                  hacStandardErrors: nil, pValues: pValues, quantile: quantile, scale: scale,
                                  durbinWatson: durbinWatson, warnings: notes, armaFit: nil, ljungBoxPValue: engine.ljungBoxPValue, residuals: residuals)
                }
                // Independent errors: Newey–West beside the classical errors, from the OLS bread (XᵀX)⁻¹.
                var bread = covariance
                for a in 0..<bread.rows { for b in 0..<bread.columns { bread[a, b] /= scale * scale } }
                let hac = LinearModelFit.neweyWest(design: design, columns: columns, residuals: residuals, bread: bread, lag: options.hacLag)
                return Engine(kind: kind, columns: columns, terms: terms, estimates: estimates, covariance: covariance,
                              hacStandardErrors: columns.indices.map { max(0, hac[$0, $0]).squareRoot() }, pValues: pValues,
                              quantile: quantile, scale: scale,
                              durbinWatson: durbinWatson, warnings: notes, armaFit: nil, ljungBoxPValue: engine.ljungBoxPValue, residuals: residuals)
            }
            if !arma.converged { notes.append(.errorSearchNotSettled) }
            let t = StudentT(degreesOfFreedom: Double(arma.degreesOfFreedom))
            let pValues = arma.estimates.indices.map { a -> Double in
                let se = max(0, arma.covariance[a, a]).squareRoot()
                return se > 0 ? t.twoSidedPValue(arma.estimates[a] / se) : (arma.estimates[a] == 0 ? 1 : 0)
            }
            return Engine(kind: kind, columns: columns, terms: terms, estimates: arma.estimates, covariance: arma.covariance,
                          hacStandardErrors: nil, pValues: pValues, quantile: t.quantile((1 + options.confidenceLevel) / 2),
                          scale: arma.sigma, durbinWatson: durbinWatson, warnings: notes, armaFit: arma,
                          ljungBoxPValue: engine.ljungBoxPValue, residuals: residuals)
        }
    }
}
