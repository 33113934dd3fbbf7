import ClinicData
import ClinicModels
import ClinicNumerics
import Foundation

/// The clinic's exceptions for a set of series: what changed, by four methods, ordered for an hour's
/// meeting (docs/METHODS.md, "Exceptions").
///
/// - **forecast**: the latest observed month against the one-step-ahead prediction interval of the trend
///   model fitted without it (outside 99.9% red, outside 99% amber);
/// - **spc**: the latest month outside the limits of the XmR chart of what the trend model does not
///   explain (residuals, or one-step errors with ARMA errors; OLS-kind fits only) — plain XmR on raw
///   values flags a third of the months of trending, seasonal or autocorrelated series — amber, and
///   only when the forecast check has not flagged the month (the two ask the same question of one
///   month; replayed on clean series, 12 of the 14 SPC flags came with a forecast flag);
/// - **outlier**: a month whose externally studentised residual is extreme, with Benjamini–Hochberg
///   q-values across every month of every series tested in the run (q < `outlierQ`), so a national run
///   does not drown the clinic; amber in the latest month, info before;
/// - **changepoint**: PELT with the linear-trend cost on the (seasonally adjusted) series, penalty
///   `penaltyMultiplier × (long-run) noise variance × log n`, minimum segment 6 months: info;
/// - **sustained**: the last 12 months' average against the 12 before, when the difference is
///   significant across the run (q < `sustainedQ`, 0.01) and at least 5%: amber, or red (see
///   ``sustainedFlags``).
///
/// Direction comes from the metric's polarity. Flags are sorted by severity, then by size (distance
/// from what was expected in units of the series' noise), largest first.
public enum Exceptions {
    public struct Options: Sendable {
        public var trend = TrendOptions()
        public var outlierQ = 0.05
        public var penaltyMultiplier = 3.0
        /// Sustained changes: the q-value below which the 12-month averages' difference is flagged, and
        /// the least relative difference (in % of the earlier year's average) worth a flag. A false
        /// sustained flag is raised again every month it lasts, so a stricter q cuts false flags (in one
        /// replay of §12c, 16 in 1,872 clean series-months at 0.01, 3 at 0.003); but at 0.003 the bundled
        /// 52% rise in missing incidents (p ≈ 0.0003, q across 13 measures ≈ 0.004) was not flagged.
        public var sustainedQ = 0.01
        public var sustainedPercent = 5.0
        public init() {}
    }

    public static func find(_ series: [Series], catalogue: MetricCatalogue = .standard, options: Options = Options(),
                            interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                            population: @Sendable (Series) -> [Month: Double] = { _ in [:] }) -> [Flag] {
        // Their values per month served the change-following refit only: let them go before the whole
        // series' fits are made (a national run holds both sets).
        var oneStep = oneStepFits(series, catalogue: catalogue, options: options, interventions: interventions, population: population)
        for i in oneStep.indices { oneStep[i].removeFittedValues() }
        let withoutLatest = oneStep

        // The whole series, for the history methods and SPC, with the same specification (choosing it
        // again with one more month would double the cost and seldom change it).
        var base = options.trend
        base.diagnostics = true
        base.fittedValues = true // the changepoint noise's cap (``changepointNoise``)
        base.recentDirection = false
        base.horizon = 0
        base.neweyWest = false
        base.autocorrelationTest = false // the error model is the one-step fit's: the test would be reported only
        let specification: (Int, inout TrendOptions) -> Void = { i, o in
            let chosen = withoutLatest[i]
            guard chosen.model != .none else { return }
            o = o.holdingSpecification(of: chosen)
        }
        var fits = TrendModel.fitAll(series, options: base, catalogue: catalogue, interventions: interventions,
                                     population: population, adjust: specification)
        // A supported recent change is followed (``ChangeFollowingFit``), as `clinic fit` and the pack do.
        // The flags do not read these fits' forecasts, so a change not followed is not allowed for in them.
        let quiet = ChangeFollowingFit.refineAll(series, fits: &fits, options: base, catalogue: catalogue, interventions: interventions,
                                                 population: population, allowForUnfollowed: false, adjust: specification)
        return flags(series, fits: fits, oneStep: withoutLatest, catalogue: catalogue, options: options, quietAt: quiet)
    }

    /// The trend model of each series fitted without its latest observed month (its specification —
    /// model, seasonal terms, error model — chosen on those months alone; following a supported recent
    /// change, ``ChangeFollowingFit``), forecasting one month at 95%:
    /// what the forecast check of ``flags(_:fits:oneStep:catalogue:options:)`` needs.
    public static func oneStepFits(_ series: [Series], catalogue: MetricCatalogue = .standard, options: Options = Options(),
                                   interventions: @Sendable (SeriesKey) -> [Intervention] = { _ in [] },
                                   population: @Sendable (Series) -> [Month: Double] = { _ in [:] }) -> [TrendFit] {
        let truncated = series.map { s -> Series in
            let keep = s.status.lastIndex { $0 == .observed } ?? 0
            return Series(key: s.key, start: s.start, values: Array(s.values.prefix(keep)), status: Array(s.status.prefix(keep)),
                          markers: s.markers.filter { $0.key < keep })
        }
        var oneStep = options.trend
        oneStep.neweyWest = false // flags use the fits' predictions, not their coefficients' standard errors
        oneStep.recentDirection = false
        oneStep.horizon = 1
        oneStep.confidenceLevel = 0.95
        oneStep.fittedValues = true // the changepoint noise of ``ChangeFollowingFit``
        var fits = TrendModel.fitAll(truncated, options: oneStep, catalogue: catalogue, interventions: interventions, population: population)
        // After a supported change the month's expected range follows it: the new level is the new normal.
        ChangeFollowingFit.refineAll(truncated, fits: &fits, options: oneStep, catalogue: catalogue, interventions: interventions,
                                     population: population, allowForUnfollowed: false)
        return fits
    }

    /// The flags of `series` from fits it is given, so that a pack's pages, charts and flags rest on
    /// one model per series: `fits` are the whole series' fits (with ``TrendOptions/diagnostics``),
    /// `oneStep` the fits without the latest month (``oneStepFits(_:catalogue:options:interventions:population:)``),
    /// both in series order. The forecast check reads `oneStep`; SPC, outliers, changepoints and the
    /// year's comparison read `fits`. `quietAt`, when given (in series order), is what
    /// ``ChangeFollowingFit/refineAll(_:fits:options:catalogue:interventions:population:adjust:)``
    /// returned for these fits: where PELT already found no change, it is not run again at a penalty as
    /// large (the flags are the same either way).
    public static func flags(_ series: [Series], fits: [TrendFit], oneStep withoutLatest: [TrendFit],
                             catalogue: MetricCatalogue = .standard, options: Options = Options(), quietAt: [Double?]? = nil) -> [Flag] {
        precondition(fits.count == series.count && withoutLatest.count == series.count)
        precondition(quietAt.map { $0.count == series.count } ?? true)
        let lastObserved = series.map { s in s.status.lastIndex { $0 == .observed } }
        // Each series' flags, series in parallel (results in series order). Every month of every fitted
        // series is an outlier candidate: only its p-value is kept until the q-values are known.
        let perSeries = Parallel.map(series.count) { i -> [Flag] in
            let s = series[i]
            let definition = catalogue.definition(s.key.metric)
            let fit = fits[i]
            guard fit.model != .none, let last = lastObserved[i] else { return [] }
            var flags = [Flag]()
            let noise = noiseStandardDeviation(fit, series: s)
            if let flag = forecastFlag(s, last: last, fit: withoutLatest[i], definition: definition) { flags.append(flag) }
            if !flags.contains(where: { $0.method == .forecast }), let flag = spcFlag(s, fit: fit, definition: definition) { flags.append(flag) }
            flags += changepointFlags(s, fit: fit, definition: definition, noise: changepointNoise(fit, series: s, oneStep: noise),
                                      multiplier: options.penaltyMultiplier, quietAt: quietAt?[i] ?? nil)
            return flags
        }
        var flags = perSeries.flatMap { $0 }
        // Benjamini–Hochberg across every month tested. Only months with p ≤ the q threshold can be
        // flagged (q ≥ p), so only they are kept (a few thousand of the national run's 1.7 M months).
        struct Candidate { let series: Int32, month: Int32, p: Double }
        // Each series' small p-values on every core, then gathered in series order.
        let small = Parallel.map(fits.count) { i -> (tested: Int, months: [(index: Int, p: Double)]) in
            guard fits[i].model != .none, lastObserved[i] != nil, let d = fits[i].diagnostics else { return (0, []) }
            return (d.studentized.count, d.smallPValues(atMost: options.outlierQ))
        }
        var candidates = [Candidate](), tested = 0
        for (i, found) in small.enumerated() {
            tested += found.tested
            for (j, p) in found.months { candidates.append(Candidate(series: Int32(i), month: Int32(j), p: p)) }
        }
        let q = benjaminiHochberg(smallest: candidates.map(\.p), of: tested, below: options.outlierQ)
        for (k, candidate) in candidates.enumerated() where q[k] < options.outlierQ {
            let s = series[Int(candidate.series)], j = Int(candidate.month)
            guard let d = fits[Int(candidate.series)].diagnostics, let last = lastObserved[Int(candidate.series)] else { continue }
            let definition = catalogue.definition(s.key.metric)
            let month = d.months[j]
            let index = s.start.distance(to: month)
            let observed = s.values[index], expected = d.expected[j]
            flags.append(Flag(key: s.key, month: month, method: .outlier, rule: "studentized_residual", observed: observed,
                              expected: expected, lower: nil, upper: nil, level: nil,
                              direction: direction(observed > expected, definition), severity: index == last ? .amber : .info,
                              qValue: q[k], size: abs(d.studentized[j]), history: nil,
                              chart: d.expectedFromMonthsBefore ? "months_before" : "rest_of_series", change: nil))
        }
        flags += sustainedFlags(series, fits: fits, catalogue: catalogue, options: options)
        return flags.sorted { a, b in
            if a.severity.rank != b.severity.rank { return a.severity.rank < b.severity.rank }
            if a.size != b.size { return a.size > b.size }
            return (a.key, a.month) < (b.key, b.month)
        }
    }

    /// A change that has lasted a year: the last 12 months' average against the 12 before
    /// (``YearComparison``, its autocorrelation-aware t test), with Benjamini–Hochberg q-values across
    /// the series of the run. Flagged when q < ``Options/sustainedQ`` and the averages differ by at
    /// least ``Options/sustainedPercent`` % of the earlier one: red when the change is at least 20% and
    /// not an improvement; amber otherwise. Dated at the latest month, and raised
    /// again every month while it lasts, however long ago it began.
    static func sustainedFlags(_ series: [Series], fits: [TrendFit], catalogue: MetricCatalogue, options: Options) -> [Flag] {
        let tested = fits.indices.filter { fits[$0].yearComparison != nil }
        // A single unusual month is not a sustained change: the test is made with such months at the
        // value the model expected (a 4σ spike moves a year's average by a third of σ, and replayed on
        // series with one spike the year's test then went off months later).
        let p = Parallel.map(tested.count) { k -> Double in
            let i = tested[k]
            let c = fits[i].yearComparison!
            var shifts = [Month: Double]()
            for (month, expected) in singleUnusualMonths(fits[i]) {
                let t = series[i].start.distance(to: month)
                if series[i].values.indices.contains(t) { shifts[month] = expected - series[i].values[t] }
            }
            return shifts.isEmpty ? c.pValue : max(c.pValue, c.pValue(shifting: shifts))
        }
        let q = benjaminiHochberg(p)
        var flags = [Flag]()
        for (k, i) in tested.enumerated() where q[k] < options.sustainedQ {
            let c = fits[i].yearComparison!
            guard let percent = c.percent, abs(percent) >= options.sustainedPercent else { continue }
            let definition = catalogue.definition(series[i].key.metric)
            let dir = direction(c.difference > 0, definition)
            let red = abs(percent) >= 20 && dir != .improvement
            flags.append(Flag(key: series[i].key, month: c.month, method: .sustained, rule: c.difference > 0 ? "year_rise" : "year_fall",
                              observed: c.recentMean, expected: c.previousMean, lower: nil, upper: nil, level: nil,
                              direction: dir, severity: red ? .red : .amber, qValue: q[k],
                              size: c.standardError > 0 ? abs(c.difference) / c.standardError : 0,
                              history: c.recentMonths + c.previousMonths, chart: nil, change: nil))
        }
        return flags
    }

    /// The forecast check's ranges: amber outside the first, red outside the second.
    public static let amberLevel = 0.99
    public static let redLevel = 0.999

    /// `q_(i) = min_{j ≥ i} p_(j) · m / j` over the sorted p-values, capped at 1 (Benjamini and Hochberg).
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        // Sorting (p, index) pairs keeps each comparison on contiguous memory (the national run tests 1.7 M
        // months); ties may come in any order, as tied p-values get the same q.
        var order = p.enumerated().map { (p: $0.element, index: $0.offset) }
        order.sort { $0.p < $1.p }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let (pi, i) = order[rank - 1]
            running = min(running, pi * Double(m) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }

    /// Benjamini–Hochberg q-values from the p-values of a family of `m` tests that are at most
    /// `threshold` (`p`, in any order): each is exactly its q-value among all `m` when that is below
    /// `threshold`, and at least `threshold` otherwise. (A p-value above the threshold can only take a
    /// q-value to above it, and the small p-values' ranks among all `m` are their ranks among themselves.)
    /// Memory is that of the small ones, not of the family.
    public static func benjaminiHochberg(smallest p: [Double], of m: Int, below threshold: Double) -> [Double] {
        precondition(m >= p.count && p.allSatisfy { $0 <= threshold }, "p holds the p-values at most the threshold, of m")
        guard !p.isEmpty else { return [] }
        var order = p.enumerated().map { (p: $0.element, index: $0.offset) }
        order.sort { $0.p < $1.p }
        var q = [Double](repeating: 1, count: p.count)
        var running = 1.0
        for rank in stride(from: p.count, through: 1, by: -1) {
            let (pi, i) = order[rank - 1]
            running = min(running, pi * Double(m) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }

    static func direction(_ higher: Bool, _ definition: MetricDefinition) -> Flag.Direction {
        switch definition.polarity {
        case .higherBetter: return higher ? .improvement : .concern
        case .lowerBetter: return higher ? .concern : .improvement
        case .neutral: return .neutral
        }
    }

    /// The noise of a series around its model, in its units: what its one-step prediction cannot
    /// foresee. That is σ of the errors with independent errors, the innovation σ with ARMA errors (not
    /// the errors' own SD σ·√γ(0), which grows without bound as an AR root nears 1: on R's `wineind` it
    /// was a thousand times σ, so no changepoint could be found and a month 2.9σ out was called 0.003σ),
    /// the robust scale, or √(φ·mean) for counts. Flag sizes and the PELT penalty are in these units.
    static func noiseStandardDeviation(_ fit: TrendFit, series: Series) -> Double {
        let scale = fit.scale ?? 0
        switch fit.model {
        case .poisson, .quasiPoisson:
            let observed = series.values.indices.filter { series.status[$0] == .observed }.map { series.values[$0] }
            let mean = observed.reduce(0, +) / Double(max(1, observed.count))
            return (max(1, scale) * max(mean, 1)).squareRoot()
        default:
            return scale
        }
    }

    /// The noise of PELT on `series` (the unit of a changepoint's size, and the least SD its penalty is
    /// scaled by). Count and robust models: `oneStep`. Least-squares fits: σ with independent errors;
    /// with ARMA errors the errors' own SD σ·√γ(0), never more than the SD of what the whole-series
    /// model leaves unexplained (observed minus ``TrendFit/fitted``), which stays finite as an AR root
    /// nears 1 while σ·√γ(0) does not.
    static func changepointNoise(_ fit: TrendFit, series: Series, oneStep: Double) -> Double {
        guard fit.model == .ols, let process = fit.errorProcess, process.model != .iid, let scale = fit.scale else { return oneStep }
        let marginal = scale * process.autocovariances(upTo: 0)[0].squareRoot()
        guard fit.fitted.count == series.values.count else { return marginal }
        var sum = 0.0, count = 0
        for i in series.values.indices where series.status[i] == .observed {
            let r = series.values[i] - fit.fitted[i]
            sum += r * r
            count += 1
        }
        guard count > 0 else { return marginal }
        let spread = (sum / Double(count)).squareRoot()
        return marginal.isFinite ? min(marginal, spread) : spread
    }

    /// The latest month against the one-step forecast of `fit` (fitted without it): outside its 99.9%
    /// range red, outside 99% amber. (At 95% one month in twenty of every measure is amber by chance:
    /// replayed on clean series that was 5 false flags per 100 series-months from this check alone.)
    /// Its size is the distance in the forecast's own standard errors.
    static func forecastFlag(_ s: Series, last: Int, fit: TrendFit, definition: MetricDefinition) -> Flag? {
        guard let first = fit.forecast.first, first.month == s.start.advanced(by: last) else { return nil }
        let amber = first.interval(level: Self.amberLevel), red = first.interval(level: Self.redLevel)
        let y = s.values[last]
        let outsideRed = y < red.lower || y > red.upper, outsideAmber = y < amber.lower || y > amber.upper
        guard outsideAmber else { return nil }
        let band = outsideRed ? red : amber
        return Flag(key: s.key, month: band.month, method: .forecast, rule: outsideRed ? "outside_99_9" : "outside_99", observed: y,
                    expected: band.mean, lower: band.lower, upper: band.upper, level: outsideRed ? Self.redLevel : Self.amberLevel,
                    direction: direction(y > band.mean, definition), severity: outsideRed ? .red : .amber, qValue: nil,
                    size: band.standardError > 0 ? abs(y - band.centre) / band.standardError : 0, history: fit.observations,
                    chart: nil, change: nil)
    }

    /// The XmR chart of the observed months on what the trend model does not explain — its residuals with
    /// independent errors, its one-step errors (innovations) with ARMA errors, in the series' units — so
    /// that trend, seasonality and autocorrelation do not set off the rules. OLS-kind fits only: count and
    /// robust models get no SPC flag (a raw-value chart would flag their trends). Only a latest point
    /// outside the limits is a flag (amber): the run rules stay in `clinic spc`.
    static func spcFlag(_ s: Series, fit: TrendFit, definition: MetricDefinition) -> Flag? {
        // The latest month only: outside the limits no other rule can label it (``SPCChart/lastPointOutsideLimits(_:options:)``).
        guard let latest = ModelResidualChart.latestOutside(series: s, fit: fit, definition: definition) else { return nil }
        let point = latest.point
        let direction: Flag.Direction
        switch point.pointType {
        case .specialCauseImprovement: direction = .improvement
        case .specialCauseConcern: direction = .concern
        default: direction = .neutral
        }
        let width = (point.upperLimit ?? point.mean) - point.mean
        // Reported in the series' units: the chart's centre and limits moved onto the model's value.
        return Flag(key: s.key, month: latest.month, method: .spc, rule: point.specialCause, observed: latest.observed,
                    expected: point.mean + latest.expected, lower: latest.lower, upper: latest.upper,
                    level: nil, direction: direction, severity: .amber, qValue: nil,
                    size: width > 0 ? abs(point.value - point.mean) / (width / 3) : 0, history: latest.count,
                    chart: latest.kind.rawValue, change: nil)
    }

    /// Months the rest of the series does not explain (externally studentised residual, Bonferroni
    /// p < 0.05 within the series; ``TrendFit/diagnostics``), alone or two together, with the value the
    /// model expected for each. Three or more in a row on the same side are a change, not single
    /// months, and are left out (replacing them hid a level shift from PELT in the months after it).
    static func singleUnusualMonths(_ fit: TrendFit) -> [Month: Double] {
        var unusual = [Month: Double]()
        guard let d = fit.diagnostics, !d.studentized.isEmpty else { return unusual }
        let threshold = 0.05 / Double(d.studentized.count)
        var extreme = [Bool](repeating: false, count: d.studentized.count)
        for (j, _) in d.smallPValues(atMost: threshold, strictly: true) { extreme[j] = true }
        func side(_ j: Int) -> Bool { d.studentized[j] > 0 }
        var j = 0
        while j < extreme.count {
            guard extreme[j] else { j += 1; continue }
            var end = j + 1
            while end < extreme.count, extreme[end], side(end) == side(j), d.months[j].distance(to: d.months[end]) == end - j { end += 1 }
            if end - j < 3 { for k in j..<end { unusual[d.months[k]] = d.expected[k] } }
            j = end
        }
        return unusual
    }

    /// PELT (linear-trend cost) on the observed months, seasonally adjusted when the model has seasonal
    /// terms, with single unusual months replaced by the model's expectation (when the fit has
    /// ``TrendFit/diagnostics``); each changepoint described by the jump of the fitted lines at it, or
    /// their change of slope.
    /// `candidates`: the changes ``ChangeFollowingFit`` may follow, whose refit then tests each (its joint
    /// test with the model's errors is the judge): the penalty takes `noise` alone, not the long-run
    /// noise (which a change the model has not yet taken in inflates), and a change of trend is told
    /// with fewer than 12 months after it (the flags wait for the year).
    ///
    /// `quietAt`: a penalty at which PELT has already found no changepoint on this series under this very
    /// fit (``ChangeFollowingFit/refineAll(_:fits:options:catalogue:interventions:population:adjust:)``
    /// returns them). With a penalty at least that large it would find none again — a segmentation with
    /// k ≥ 1 changes gains k·(β′ − β) ≥ 0 less against the single segment at β′ ≥ β — so PELT is not run.
    static func changepointFlags(_ s: Series, fit: TrendFit, definition: MetricDefinition, noise: Double, multiplier: Double,
                                 candidates: Bool = false, quietAt: Double? = nil) -> [Flag] {
        changepointScan(s, fit: fit, definition: definition, noise: noise, multiplier: multiplier, candidates: candidates,
                        quietAt: quietAt).flags
    }

    /// What one PELT run on a series gave: its flags, and a penalty at which it is known to find no
    /// changepoint at all (the run's own penalty when it found none, or when `quietAt` let it be skipped;
    /// nil when it found some, or when the series was too short or noiseless for PELT to run).
    struct ChangepointScan {
        var flags: [Flag]
        var quietAt: Double?
    }

    /// ``changepointFlags(_:fit:definition:noise:multiplier:candidates:quietAt:)``, saying when PELT found no change.
    static func changepointScan(_ s: Series, fit: TrendFit, definition: MetricDefinition, noise: Double, multiplier: Double,
                                candidates: Bool = false, quietAt: Double? = nil) -> ChangepointScan {
        let rows = s.values.indices.filter { s.status[$0] == .observed }
        guard rows.count >= 24, noise > 0 else { return ChangepointScan(flags: [], quietAt: nil) }
        // A single unusual month is not a change: months the rest of the series does not explain
        // (externally studentised residual, Bonferroni p < 0.05 within the series), alone or two
        // together, enter PELT as the value the model expected for them. Otherwise a spike in the latest
        // months reads as a change of trend ("from about +0.04 to +17 a month" the month the referral
        // surge arrived).
        let unusual = singleUnusualMonths(fit)
        let y = rows.map { r -> Double in
            let month = s.start.advanced(by: r)
            return fit.seasonallyAdjusted(unusual[month] ?? s.values[r], in: month)
        }
        let n = y.count
        let penaltyNoise = candidates ? noise : max(noise, longRunNoise(y))
        let penalty = multiplier * penaltyNoise * penaltyNoise * log(Double(n))
        if let quietAt, penalty >= quietAt { return ChangepointScan(flags: [], quietAt: penalty) }
        let ends = Changepoints.pelt(y, cost: .linearTrend, penalty: penalty, minimumSegment: Self.minimumSegment)
        guard ends.count > 1 else { return ChangepointScan(flags: [], quietAt: penalty) }
        var flags = [Flag]()
        var start = 0
        let followedStep = candidates ? nil : modelStep(fit, series: s, changepoints: ends.dropLast().map { s.start.advanced(by: rows[$0]) })
        for (k, end) in ends.dropLast().enumerated() {
            let next = ends[k + 1]
            // A change whose segment after it is the last and of the shortest length allowed is pinned
            // there by that length, not placed by the data (a shift seen two months after it was dated
            // three months early): it is told once the months after it have room to place it.
            if next == n, next - end <= Self.minimumSegment, !candidates { break }
            let left = line(y, start, end), right = line(y, end, next)
            let t = Double(end)
            let leftAt = left.intercept + left.slope * t, rightAt = right.intercept + right.slope * t
            let jump = rightAt - leftAt
            let slopeChange = right.slope - left.slope
            // A level change when the jump is more than the drift the slope change adds over a year.
            let isLevel = abs(jump) >= abs(slopeChange) * 12
            let month = s.start.advanced(by: rows[end])
            // The step the model follows, if this is the changepoint nearest it: told as a level change
            // with the model's levels (``modelStep(_:series:changepoints:)``), whatever PELT's lines say.
            let stepLevels = followedStep.flatMap { $0.changepoint == k ? (before: $0.before, after: $0.after) : nil }
            // A change of trend needs a year after it to be told from a recent step: with fewer months
            // the last segment's line tilts to meet a shift that came later, and the change is dated
            // months before it.
            // The wait holds for a change the model reads as a step too: told at once, such steps dated young
            // trend changes months off in the replay of METHODS §12c (33% within a month at 3σ, against 44%
            // with the wait).
            if next == n, !isLevel, next - end < 12, !candidates { break }
            let level = isLevel || stepLevels != nil
            var change = stepLevels.map { Flag.Change(kind: .level, before: $0.before, after: $0.after) }
                ?? (isLevel ? Flag.Change(kind: .level, before: leftAt, after: rightAt)
                    : Flag.Change(kind: .trend, before: left.slope, after: right.slope))
            change.nearIntervention = fit.interventions
                .filter { $0.label != ChangeFollowingFit.label && abs($0.month.distance(to: month)) <= Self.interventionWindow }
                .min { abs($0.month.distance(to: month)) < abs($1.month.distance(to: month)) }
                .map { Flag.Change.Intervention(label: $0.label, month: $0.month) }
            let levelJump = stepLevels.map { $0.after - $0.before } ?? jump
            flags.append(Flag(key: s.key, month: month, method: .changepoint, rule: level ? "level_change" : "trend_change",
                              observed: stepLevels?.after ?? rightAt, expected: stepLevels?.before ?? leftAt, lower: nil, upper: nil, level: nil,
                              direction: direction(level ? levelJump > 0 : slopeChange > 0, definition), severity: .info, qValue: nil,
                              size: level ? abs(levelJump) / noise : abs(slopeChange) * 12 / noise, history: nil, chart: nil, change: change))
            start = end
        }
        return ChangepointScan(flags: flags, quietAt: nil)
    }

    /// The step the whole-series fit follows as a step alone (``ChangeFollowingFit``: a change of slope as
    /// well fitted no better for its extra term), told at the changepoint nearest its month (index into
    /// `changepoints`, within ``ChangeFollowingFit/monthSpread`` months; one changepoint only): the
    /// model has the last word on the form, since PELT's second line tilts to meet a step spread over a
    /// few months and reads it as a change of trend. Its levels are the model's, seasonally adjusted as
    /// PELT's data are: `after` the fitted value at the step's month, `before` that value less the step
    /// (÷ (1 + step/100) for count models, whose step is a percentage). nil without such a step, without
    /// fitted values, or with no changepoint near it.
    static func modelStep(_ fit: TrendFit, series s: Series, changepoints: [Month]) -> (changepoint: Int, before: Double, after: Double)? {
        guard let followed = fit.followedChange, followed.effect == .level,
              let step = followed.levelChange?.value, step.isFinite, step != 0 else { return nil }
        let index = s.start.distance(to: followed.month)
        guard index >= 0, index < fit.fitted.count,
              let nearest = changepoints.indices.min(by: { abs(changepoints[$0].distance(to: followed.month)) < abs(changepoints[$1].distance(to: followed.month)) }),
              abs(changepoints[nearest].distance(to: followed.month)) <= ChangeFollowingFit.monthSpread else { return nil }
        let after = fit.seasonallyAdjusted(fit.fitted[index], in: followed.month)
        let before = fit.model.isLogLinear ? after / (1 + step / 100) : after - step
        guard after.isFinite, before.isFinite, !fit.model.isLogLinear || (after > 0 && step > -100) else { return nil }
        return (nearest, before, after)
    }

    /// How near (months either side) a known intervention must be for a changepoint to be told beside it.
    /// A shift of about 1σ (the bundled edge-of-care service's 25% fewer starts) is placed by PELT
    /// within a few months, not at its month: the data's own drop began five months early there.
    public static let interventionWindow = 6

    /// PELT's shortest segment, in months.
    static let minimumSegment = 6
    /// The most autocorrelation ``longRunNoise(_:)`` allows for (a long-run SD at most twice the SD).
    /// The reading is there to keep PELT from cutting noise that wanders for a few months (AR(1),
    /// φ = 0.6); a series that wanders like a stock (ρ near 1: children looked after) moves for
    /// reasons — more starts, fewer exits — and its turns are what the clinic asks about: read at ρ
    /// near 1, the December 2023 turn of the bundled lac series was hidden.
    static let longRunAutocorrelationCap = 0.6

    /// The long-run SD of the noise in `y` (seasonally adjusted, single unusual months out), for PELT's
    /// penalty: what is left around a least-squares line through the whole of `y`, read as an AR(1) —
    /// `s·√((1 + ρ)/(1 − ρ))`, `s²` the mean square around the line and ρ the lag-1 autocorrelation,
    /// floored at 0, plus its small-sample bias `k(2 + 4ρ)/n` for `k` fitted lines (after Kendall 1954),
    /// at most 0.95 — unless one cut explains the wandering: when the same reading around the lines of
    /// the best split in two (segments of at least ``minimumSegment``) is less than half of it, the
    /// wandering was a change, not noise, and the split's reading is used. (On 48 months: clean AR(1)
    /// noise with φ = 0.6 reads 1.74 around one line and 1.20 around a split, its true long-run SD 2.0;
    /// independent noise with a 4σ step reads 2.80 and 1.07, truth 1.) 0 when `y` is shorter than 12.
    static func longRunNoise(_ y: [Double]) -> Double {
        let n = y.count
        guard n >= 2 * minimumSegment else { return 0 }
        func residuals(_ start: Int, _ end: Int) -> (squares: Double, lagged: Double) {
            let fitted = line(y, start, end)
            var squares = 0.0, lagged = 0.0, previous = 0.0
            for i in start..<end {
                let e = y[i] - fitted.intercept - fitted.slope * Double(i)
                squares += e * e
                if i > start { lagged += e * previous }
                previous = e
            }
            return (squares, lagged)
        }
        func reading(_ r: (squares: Double, lagged: Double), lines: Int) -> Double {
            guard let ar1 = ResidualAR1(sumOfSquares: r.squares, laggedProducts: r.lagged, count: n, fittedLines: lines) else { return 0 }
            let rho = min(Self.longRunAutocorrelationCap, ar1.autocorrelation)
            return (ar1.variance * (1 + rho) / (1 - rho)).squareRoot()
        }
        // The best cut by the two lines' residual sum of squares, from prefix sums (O(n) for all cuts;
        // y centred first so the sums do not cancel), then its residuals' lag-1 products.
        let mean = y.reduce(0, +) / Double(n)
        var sums = [(t: 0.0, tt: 0.0, y: 0.0, ty: 0.0, yy: 0.0)]
        sums.reserveCapacity(n + 1)
        for (i, v) in y.enumerated() {
            let t = Double(i), c = v - mean, last = sums[i]
            sums.append((last.t + t, last.tt + t * t, last.y + c, last.ty + t * c, last.yy + c * c))
        }
        func lineSquares(_ start: Int, _ end: Int) -> Double {
            let a = sums[start], b = sums[end], m = Double(end - start)
            let st = b.t - a.t, stt = b.tt - a.tt, sy = b.y - a.y, sty = b.ty - a.ty, syy = b.yy - a.yy
            let sxx = stt - st * st / m, sxy = sty - st * sy / m
            return max(0, syy - sy * sy / m - (sxx > 0 ? sxy * sxy / sxx : 0))
        }
        var bestCut = minimumSegment, bestSquares = Double.infinity
        for cut in minimumSegment...(n - minimumSegment) {
            let squares = lineSquares(0, cut) + lineSquares(cut, n)
            if squares < bestSquares { bestSquares = squares; bestCut = cut }
        }
        let left = residuals(0, bestCut), right = residuals(bestCut, n)
        let whole = reading(residuals(0, n), lines: 1)
        let split = reading((left.squares + right.squares, left.lagged + right.lagged), lines: 2)
        return whole > 2 * split ? split : whole
    }

    /// The least-squares line through `y[start ..< end]` against the index.
    static func line(_ y: [Double], _ start: Int, _ end: Int) -> (intercept: Double, slope: Double) {
        let m = Double(end - start)
        let meanT = (Double(start) + Double(end - 1)) / 2
        let meanY = y[start..<end].reduce(0, +) / m
        var sxy = 0.0, sxx = 0.0
        for i in start..<end {
            let dt = Double(i) - meanT
            sxy += dt * (y[i] - meanY)
            sxx += dt * dt
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        return (meanY - slope * meanT, slope)
    }
}
