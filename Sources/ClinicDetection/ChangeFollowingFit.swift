import ClinicData
import ClinicModels
import ClinicNumerics
import Foundation

/// The trend model that follows a change the data support: when PELT (as ``Exceptions`` runs it, but at
/// the errors' SD rather than their long-run noise, and without the flags' waits for a change to be
/// placeable: the refit's test judges each candidate) finds a change of level or trend in the last
/// ``window`` months, the model is fitted again with that change as an intervention (a step and a
/// change of slope from its month), and the refit is kept when the
/// change is supported — its step and change of slope jointly significant at ``level`` — so that its
/// forecast starts where the data are instead of where the long-run line would put them. Otherwise
/// the long-run fit is kept, with its forecast's ranges widened to allow for the unsupported change as
/// far as the data lean towards it (``TrendFit/allowingInForecast(_:changeAt:)``). Support is the joint
/// Wald test of the step and the change of slope (``InterventionEffect/jointPValue``) at 1%: after a
/// change of trend the two are collinear, so each alone is often unclear while together they are
/// plain. The change must also pass the test that
/// allows for the search over months (``BreakSearchTest``, with the long-run error model's kind held) at
/// 1%: PELT chose the month because the data looked like a change there. Count fits take it as least
/// squares on the counts with AR(1) errors, which can read the persistence of a stock.
/// The refit is then placed at the months around PELT's, as a step and a change of slope or as a step
/// alone, and as a step alone at the later months PELT's shortest segment cannot reach that leave
/// ``stepTail`` months of data, the best by Akaike's score kept and its forecast averaged over them all.
///
/// The data-found intervention is named ``label`` in the refit's terms and sentences ("Since the change
/// found in the data began in October 2025: rising by about 0.49 a month").
public enum ChangeFollowingFit {
    /// How recent a change must be (months before the last observed month) to be followed.
    public static let window = 24
    /// The p-value of the joint test below which the refit's step and change of slope count as support.
    public static let level = 0.01
    /// The intervention's label.
    public static let label = "the change found in the data"
    /// How many months either side of the change's month the forecast is averaged over
    /// (``TrendFit/averagingForecast(over:dispersion:)``): PELT places a change to within a few months, and the
    /// forecast should carry that uncertainty rather than bet on one month.
    public static let monthSpread = 4
    /// How a followed change of slope is carried into the forecast of least-squares and robust fits
    /// (``Intervention/forecastDamping``; count fits take ``countSlopeDamping``): by
    /// 0.9, 0.9², … a month, so that twelve months on it has added 6.5 months of its slope rather than 12.
    /// A change of slope the data found months ago is often a young step read as a ramp, or a ramp that
    /// will not last; carried on undamped for a year it cost more than it gained over changes of 2 to 4σ
    /// of either kind (docs/METHODS.md §6, "Damping the followed change of slope").
    public static let slopeDamping = 0.9
    /// The damping for count fits (Poisson and quasi-Poisson): 0.5, 0.5², …, so the change of slope adds at
    /// most one more month of itself however far ahead. On the log scale a change of slope compounds: a
    /// young step read as one (undamped) turned a flow that stepped from 20 to 30 into a forecast of 91 a
    /// year on. On Poisson flows after a change of 2 to 4σ, each lower damping tried (0.8, 0.6, 0.5, 0.3)
    /// forecast better at 6 and 12 months than the one above it, ramps that last included (two seeds;
    /// docs/METHODS.md §6); at 0.5 following is level with or ahead of the long-run model at every size and
    /// horizon, where at 0.9 it was behind it 12 months ahead.
    public static let countSlopeDamping = 0.5

    /// ``countSlopeDamping`` for count models, ``slopeDamping`` for the rest.
    public static func slopeDamping(for model: TrendModelKind) -> Double {
        model.isLogLinear ? countSlopeDamping : slopeDamping
    }
    /// The fewest observed months from a step's month to the end for the step alone to be placed there,
    /// at the months PELT's shortest segment (6) cannot reach (``placedAndAveraged``).
    public static let stepTail = 3

    /// The change followed, if any: the latest changepoint of `fit` on `series` within ``window``
    /// months of the end, at least 6 months before it (PELT's shortest segment).
    public static func recentChange(_ series: Series, fit: TrendFit, definition: MetricDefinition,
                                    penaltyMultiplier: Double = Exceptions.Options().penaltyMultiplier) -> Flag? {
        candidateScan(series, fit: fit, definition: definition, penaltyMultiplier: penaltyMultiplier).change
    }

    /// ``recentChange(_:fit:definition:penaltyMultiplier:)``, with the penalty at which PELT found no
    /// changepoint at all in `series` under `fit` (nil when it found some or did not run).
    static func candidateScan(_ series: Series, fit: TrendFit, definition: MetricDefinition,
                              penaltyMultiplier: Double = Exceptions.Options().penaltyMultiplier) -> (change: Flag?, quietAt: Double?) {
        guard fit.model != .none, let last = series.status.lastIndex(where: { $0 == .observed }) else { return (nil, nil) }
        let noise = Exceptions.changepointNoise(fit, series: series, oneStep: Exceptions.noiseStandardDeviation(fit, series: series))
        let end = series.start.advanced(by: last)
        let scan = Exceptions.changepointScan(series, fit: fit, definition: definition, noise: noise, multiplier: penaltyMultiplier,
                                              candidates: true)
        let change = scan.flags.filter { $0.month.distance(to: end) < window }.max { $0.month < $1.month }
        return (change, scan.quietAt)
    }

    /// `fit` (fitted to `series` with `options`), or the refit that follows a supported recent change, or
    /// — when a candidate change is not supported and `allowForUnfollowed` — `fit` with its forecast's
    /// ranges allowing for that change (``TrendFit/allowingInForecast(_:changeAt:)``).
    /// `fit` should carry ``TrendFit/fitted`` (``TrendOptions/fittedValues``) for the changepoint noise;
    /// without ``TrendFit/diagnostics`` a candidate change is checked again on a fit that has them.
    /// `spread` is ``monthSpread`` unless a measurement asks for the single refit (0).
    public static func refine(_ series: Series, fit: TrendFit, definition: MetricDefinition, options: TrendOptions,
                              spread: Int = monthSpread, allowForUnfollowed: Bool = true) -> TrendFit {
        refit(series, fit: fit, definition: definition, options: options, spread: spread, allowForUnfollowed: allowForUnfollowed).replacement ?? fit
    }

    /// The fit to replace `fit` with — the refit that follows a supported recent change, or `fit` with its
    /// ranges allowing for an unsupported one — or nil when `fit` stands (see
    /// ``refine(_:fit:definition:options:)``); and when it stands, the penalty at which PELT found no
    /// changepoint at all under it (``Exceptions/changepointFlags(_:fit:definition:noise:multiplier:candidates:quietAt:)``
    /// need not look again at that penalty or above).
    /// A candidate change that is not followed is allowed for in `fit`'s forecast ranges
    /// (``TrendFit/allowingInForecast(_:changeAt:)``, returned as the replacement with no intervention
    /// added) when `allowForUnfollowed`: a forecast's range should not rule out a turn the data lean
    /// towards. The forecast check's one-step fits do not (the check is for the month against the model).
    static func refit(_ series: Series, fit: TrendFit, definition: MetricDefinition,
                      options: TrendOptions, spread: Int = monthSpread, allowForUnfollowed: Bool = true) -> (replacement: TrendFit?, quietAt: Double?) {
        let scan = candidateScan(series, fit: fit, definition: definition)
        guard var change = scan.change else { return (nil, scan.quietAt) }
        var candidate: TrendFit?
        if let followed = followedFit(series, fit: fit, change: &change, definition: definition, options: options, spread: spread,
                                      candidate: &candidate) {
            return (followed, nil)
        }
        guard allowForUnfollowed, var candidate else { return (nil, nil) }
        // The refit chose its specification again; the allowance compares like with like, so a refit
        // that chose other seasonal terms or another error model is made again with the long-run fit's.
        if !fit.sharesSpecification(with: candidate) {
            var held = withChange(options, at: change.month, damping: slopeDamping(for: fit.model)).holdingSpecification(of: fit)
            held.recentDirection = false
            held.diagnostics = false
            candidate = TrendModel.fit(series, definition: definition, options: held)
        }
        let allowing = fit.allowingInForecast(candidate, changeAt: change.month)
        return (allowing.forecastAllowance == nil ? nil : allowing, nil)
    }

    /// `options` with the data-found change (``label``) at `month` in `form`, its change of slope carried
    /// into the forecast damped by `damping`.
    static func withChange(_ options: TrendOptions, at month: Month, _ form: Intervention.Effect = .both, damping: Double) -> TrendOptions {
        var o = options
        o.interventions = (options.interventions + [Intervention(label: label, month: month, effect: form, forecastDamping: damping)])
            .sorted { $0.month < $1.month }
        return o
    }

    /// The refit with the data-found `change` as an intervention, when the change is supported.
    /// `candidate` is set to the refit with the change at PELT's month whenever that refit can be made,
    /// supported or not.
    private static func followedFit(_ series: Series, fit: TrendFit, change: inout Flag, definition: MetricDefinition,
                                    options: TrendOptions, spread: Int, candidate: inout TrendFit?) -> TrendFit? {
        // PELT leaves single unusual months out only when the fit has diagnostics; they are costly, so a
        // fit without them is given them only when it has a candidate change to check (a minority).
        if fit.diagnostics == nil, fit.model == .ols {
            var checked = options
            checked.diagnostics = true
            checked.fittedValues = true
            guard let again = recentChange(series, fit: TrendModel.fit(series, definition: definition, options: checked),
                                           definition: definition) else { return nil }
            change = again
        }
        guard !options.interventions.contains(where: { $0.month == change.month }) else { return nil }
        let damping = slopeDamping(for: fit.model)
        func withChange(at month: Month, _ form: Intervention.Effect = .both) -> TrendOptions {
            Self.withChange(options, at: month, form, damping: damping)
        }
        var followed = TrendModel.fit(series, definition: definition, options: withChange(at: change.month))
        guard followed.model != .none, let effect = followed.followedChange else { return nil }
        candidate = followed
        guard (effect.jointPValue ?? 1) < level else { return nil }
        guard searchSupports(series, followed: followed, longRun: fit, at: change.month, definition: definition,
                             options: options, withChange: { withChange(at: $0) }, spread: spread) else { return nil }
        if spread > 0, followed.akaikeScore() != nil {
            followed = placedAndAveraged(series, followed: followed, at: change.month, definition: definition, spread: spread,
                                         options: withChange(at:_:))
        }
        // The year's comparison keeps the long-run model's noise (see ``TrendFit/yearComparison``).
        followed.yearComparison = fit.yearComparison
        return followed
    }

    /// Whether the change still counts as supported once the search for its month is allowed for, with
    /// the long-run fit's error model held (``BreakSearchTest``, at ``level``). The test's process is that
    /// model fitted with the change in (`followed`'s when it chose the same one, else a refit that keeps
    /// it; the long-run fit's own process when that refit cannot keep it): a process estimated without
    /// the change takes an unmodelled turn for persistence and leaves little power, and one chosen again
    /// with it lets a step take up what the autocorrelation explained. The p-value treats that fitted
    /// process as known, so on wandering noise it is smaller than an exact one: on clean AR(1) series of
    /// 37–66 months (φ = 0.6 and 0.9), with the month picked by the data, about 10% of them fall below 1%
    /// (docs/METHODS.md §6) — against 22% for the test at the one month. A change the test cannot be
    /// made for (``BreakSearchTest/pValue(_:definition:options:seasonality:process:candidates:draws:stop:)``
    /// nil) is not followed. Count fits (Poisson and quasi-Poisson) take their months as independent,
    /// which a stock of children is not, so their change is tested as least squares on the counts with
    /// AR(1) errors, φ estimated with the change in (φ near 0 for a flow of independent months; a small
    /// stock that never changed followed a "change" in 13% of series, 5% with this;
    /// `aSmallStockThatNeverChangedIsSeldomFollowed`). When that AR(1) fit fails the change is not
    /// followed. Robust fits keep the refit's joint test alone.
    private static func searchSupports(_ series: Series, followed: TrendFit, longRun fit: TrendFit, at month: Month,
                                       definition: MetricDefinition, options: TrendOptions,
                                       withChange: (Month) -> TrendOptions, spread: Int) -> Bool {
        // Least-squares fits hold their own error model. Count fits assume independent months, which a
        // stock of children is not (this month's looked-after children are mostly last month's): their
        // change is tested as least squares on the counts with AR(1) errors. Only the error process of
        // the refit below is read.
        func processOnly(_ o: TrendOptions) -> TrendOptions {
            var o = o
            o.model = .fixed(.ols)
            o.seasonality = .fixed(fit.seasonality)
            o.recentDirection = false
            o.diagnostics = false
            o.fittedValues = false
            o.neweyWest = false
            o.autocorrelationTest = false
            o.horizon = 0
            return o
        }
        guard searchesMonths(fit.model), fit.model != .ols || followed.model == .ols else { return true }
        let heldModel = fit.model == .ols ? fit.errorProcess?.model ?? .iid : .ar1
        var process = followed.model == .ols ? followed.errorProcess : nil
        if followed.model != .ols || (followed.errorProcess?.model ?? .iid) != heldModel || followed.seasonality != fit.seasonality {
            var o = processOnly(withChange(month))
            o.errorModel = .fixed(heldModel)
            let refit = TrendModel.fit(series, definition: definition, options: o)
            if refit.model == .ols, (refit.errorProcess?.model ?? .iid) == heldModel {
                process = refit.errorProcess
            } else if fit.model == .ols {
                process = fit.errorProcess
            } else {
                // A count fit's test without its AR(1) errors would be the independence it is there to avoid.
                return false
            }
        }
        let p = BreakSearchTest.pValue(series, definition: definition, options: options, seasonality: fit.seasonality, process: process,
                                       candidates: searchedMonths(series, spread: spread, excluding: options.interventions))
        return p.map { $0 < level } ?? false
    }

    /// Whether a change followed in a fit of this kind must also pass ``BreakSearchTest``: least-squares
    /// and count fits; robust fits have no likelihood to test it on and keep the refit's joint test alone.
    public static func searchesMonths(_ model: TrendModelKind) -> Bool { model == .ols || model == .poisson || model == .quasiPoisson }

    /// The months a followed change could have been placed at: within ``window`` (and `spread` more)
    /// months of the last observed month, leaving PELT's shortest segment of observed months on each
    /// side, on no other intervention's month.
    static func searchedMonths(_ series: Series, spread: Int, excluding interventions: [Intervention]) -> [Month] {
        let observed = series.status.indices.filter { series.status[$0] == .observed }.map { series.start.advanced(by: $0) }
        let segment = Exceptions.minimumSegment
        guard observed.count >= 2 * segment, let end = observed.last else { return [] }
        let earliest = observed[segment], latest = observed[observed.count - segment]
        let taken = Set(interventions.map(\.month))
        return (0..<(window + spread)).map { end.advanced(by: -$0) }
            .filter { $0 >= earliest && $0 <= latest && !taken.contains($0) }.sorted()
    }

    /// The change placed at the month within `spread` of PELT's `month` (or, as a step alone, at a month
    /// too late for PELT's shortest segment that leaves ``stepTail`` observed months), and given the form (a step and a
    /// change of slope, or a step alone), that fits best for its number of terms (largest
    /// ``TrendFit/akaikeScore(dispersion:)``; count models at the dispersion of `followed`, the two-term
    /// refit at PELT's month: QAIC) among the placements whose change is supported (the joint test, or
    /// the step's own for a step alone, at ``level``; `followed` is), with its forecast averaged over
    /// every placement and form (``TrendFit/averagingForecast(over:dispersion:)``). PELT's linear-trend
    /// cost can place a step a few months off; the best-fitting month is the break-date estimate of the
    /// refit's own model, so the fit's month, its sentences and its forecast agree. A change of slope the
    /// data cannot pin down, carried through the forecast, costs more than it explains: the step alone
    /// then takes most of the weight (docs/METHODS.md §6). Each placement keeps the seasonality and error
    /// model `followed` chose, so that placements differ in the month and form alone; a placement must
    /// leave PELT's shortest segment (6 observed months) before it, and after it 6 (a change of slope) or
    /// ``stepTail`` (a step alone), and not fall on another intervention's month.
    private static func placedAndAveraged(_ series: Series, followed: TrendFit, at month: Month, definition: MetricDefinition,
                                          spread: Int, options: (Month, Intervention.Effect) -> TrendOptions) -> TrendFit {
        let observed = series.status.indices.filter { series.status[$0] == .observed }.map { series.start.advanced(by: $0) }
        let segment = Exceptions.minimumSegment
        guard observed.count >= 2 * segment else { return followed }
        let earliest = observed[segment], latest = observed[observed.count - segment]
        var placements = [(month: Month, effect: Intervention.Effect, fit: TrendFit)]()
        // A step alone is also tried at the months PELT cannot reach, those leaving fewer than its
        // shortest segment but at least `stepTail` observed months: a step that young is otherwise placed
        // as a change of slope months earlier, a ramp up to meet it, which carried on overshoots (a step
        // of 4σ four months old, read as a ramp of 0.6σ a month from eleven months back).
        let latestStep = observed[observed.count - stepTail]
        let firstLater = max(spread + 1, month.distance(to: latest) + 1)
        let later = spread > 0 && firstLater <= month.distance(to: latestStep) ? Array(firstLater...month.distance(to: latestStep)) : []
        let tried = (-spread...spread).flatMap { shift in [(shift, Intervention.Effect.both), (shift, .level)] } + later.map { ($0, .level) }
        // A placement's options: the change at `candidate` in `form`, with the refit's seasonality, error
        // model and kind of model held.
        func held(_ candidate: Month, _ form: Intervention.Effect) -> TrendOptions {
            options(candidate, form).holdingSpecification(of: followed)
        }
        for (shift, form) in tried {
            let candidate = month.advanced(by: shift)
            if shift == 0 && form == .both { placements.append((candidate, form, followed)); continue }
            var o = held(candidate, form)
            guard candidate >= earliest, candidate <= (form == .level ? latestStep : latest),
                  o.interventions.filter({ $0.month == candidate }).count == 1 else { continue }
            // What a placement is scored and averaged on (its coefficients, likelihood and forecast) does
            // not need the recent direction or the diagnostics; the one kept is fitted again with them.
            o.recentDirection = false
            o.diagnostics = false
            let alternative = TrendModel.fit(series, definition: definition, options: o)
            // A placement whose error model could not be fitted (then taken as independent) is not comparable.
            guard alternative.model == followed.model, alternative.errorProcess?.model == followed.errorProcess?.model,
                  alternative.akaikeScore(dispersion: followed.scale) != nil else { continue }
            placements.append((candidate, form, alternative))
        }
        func supported(_ p: (month: Month, effect: Intervention.Effect, fit: TrendFit)) -> Bool {
            guard let e = p.fit.followedChange else { return false }
            return p.effect == .level ? (e.levelChange?.pValue ?? 1) < level : (e.jointPValue ?? 1) < level
        }
        let scored = placements.filter(supported).map { (placement: $0, score: $0.fit.akaikeScore(dispersion: followed.scale)!) }
        var kept = followed
        if let best = scored.max(by: { $0.score < $1.score })?.placement, best.month != month || best.effect != .both {
            kept = TrendModel.fit(series, definition: definition, options: held(best.month, best.effect))
        }
        return kept.averagingForecast(over: placements, dispersion: followed.scale)
    }

    /// A fitter for ``Backtest/Method``: the trend model, refined as ``refine(_:fit:definition:options:)``.
    public static func fit(_ series: Series, definition: MetricDefinition, options: TrendOptions) -> TrendFit {
        fit(series, definition: definition, options: options, spread: monthSpread)
    }

    /// ``fit(_:definition:options:)`` with the forecast averaged over `spread` months either side of the
    /// change's month (0: the single refit at it).
    public static func fit(_ series: Series, definition: MetricDefinition, options: TrendOptions, spread: Int) -> TrendFit {
        var first = options
        first.fittedValues = true
        return refine(series, fit: TrendModel.fit(series, definition: definition, options: first), definition: definition, options: options,
                      spread: spread)
    }
}

extension ChangeFollowingFit {
    /// ``refine(_:fit:definition:options:)`` for every series, in parallel, in place, with each series'
    /// options made as ``TrendModel/fitAll(_:options:catalogue:interventions:population:adjust:)`` makes
    /// them (the `fits` must come from that call with the same arguments and ``TrendOptions/fittedValues``).
    /// Only the fits that change are replaced, and series are taken in blocks, so a national run does
    /// not hold a second array of every fit.
    ///
    /// A fit whose candidate change is not followed is replaced by the same fit with its forecast ranges
    /// allowing for that change (``TrendFit/allowingInForecast(_:changeAt:)``) unless `allowForUnfollowed`
    /// is false (the forecast check's one-step fits).
    ///
    /// Returns, for each series whose fit stands, the penalty at which PELT found no changepoint in it
    /// (nil where it found some, did not run, or the fit was replaced), for
    /// ``Exceptions/flags(_:fits:oneStep:catalogue:options:quietAt:)`` to pass on.
    @discardableResult
    public static func refineAll(_ series: [Series], fits: inout [TrendFit], options: TrendOptions, catalogue: MetricCatalogue = .standard,
                                 interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                                 population: @Sendable (Series) -> [Month: Double] = { _ in [:] },
                                 allowForUnfollowed: Bool = true,
                                 adjust: (Int, inout TrendOptions) -> Void = { _, _ in }) -> [Double?] {
        precondition(series.count == fits.count)
        let perSeries = TrendModel.seriesOptions(series, options: options, interventions: interventions, population: population, adjust: adjust)
        var quiet = [Double?](repeating: nil, count: series.count)
        let block = 1024
        for lower in stride(from: 0, to: series.count, by: block) {
            let upper = min(series.count, lower + block)
            let current = Array(fits[lower..<upper])
            let changed = Parallel.map(upper - lower) { k in
                refit(series[lower + k], fit: current[k], definition: catalogue.definition(series[lower + k].key.metric),
                      options: perSeries[lower + k], allowForUnfollowed: allowForUnfollowed)
            }
            for (k, result) in changed.enumerated() {
                if let fit = result.replacement { fits[lower + k] = fit } else { quiet[lower + k] = result.quietAt }
            }
        }
        return quiet
    }
}

extension TrendFit {
    /// The change found in the data that this fit follows: the intervention labelled
    /// ``ChangeFollowingFit/label`` that ``ChangeFollowingFit`` adds (at most one), or nil.
    public var followedChange: InterventionEffect? { interventions.last { $0.label == ChangeFollowingFit.label } }
}
