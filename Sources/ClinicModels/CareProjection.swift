import ClinicData
import ClinicNumerics
import Foundation

/// A stock-and-flow projection of the looked-after population by age band and placement group, with
/// intervals from seeded simulation of paths.
///
/// The model works on month ends. A child looked after at the end of month t−1:
/// 1. leaves at 18: a child whose 18th birthday falls on or before the end of month t has left (the
///    date of birth is known, so this part is exact, not estimated);
/// 2. otherwise leaves with probability h[a][d][g], by age band a, time-in-care band d and placement
///    group g at the end of t−1, estimated from the transitions of the `exitWindow` months before the
///    origin (a child placed for adoption is about to leave; one in foster care of the same age and
///    time in care is not);
/// 3. otherwise moves between placement groups with the observed monthly transition frequencies by age
///    band (estimated over the same months);
/// and new children (in care at the end of month t and not at the end of t−1) arrive by age band as
/// Poisson counts with the mean of the `entryWindow` months before the origin, each a copy of an
/// entrant of that band in those months (their age, time since the period began and placement at the
/// month end), so entrants age on their own dates of birth. The entrants of the window may have shifted
/// in level (an edge-of-care service that cut entries by a quarter): each path draws from the posterior
/// over "no shift" and "a shift before month k" (``entryShiftPosterior(_:prior:minimumSegment:)``) and
/// takes its entry means from the months since, so a clear shift shows in the projection within months,
/// a possible one in proportion to the evidence, and none is forced on a steady window.
///
/// Shrinkage, twice: h[a][d] under a Beta prior centred on the rate of band d pooled over ages, and
/// h[a][d][g] under one centred on h[a][d], each worth `shrinkage` child-months; so a cell with few
/// children borrows from its age and time-in-care cell, and that from its time-in-care band.
/// Uncertainty: each path first draws its rates from their posteriors (Beta for exits; Gamma(count) for
/// an entry mean, the posterior under the scale-free prior 1/λ, whose mean is the observed mean and
/// which keeps a band with no entrants at none), then simulates children one by one; the bands are the paths' 10/90% and
/// 2.5/97.5% quantiles (type 7) and the mean their average. After the origin the entry rate and the
/// rates of leaving each wander as a mean-corrected random walk on the log scale (``entryDrift``,
/// ``exitDrift``: the authority's own year-to-year wander, at least English authorities', ``Wander``).
/// So the intervals carry the chance of who leaves, the uncertainty of the rates over a short reference
/// window, and changes in demand and in leaving of the size authorities see; not a particular change
/// in policy after the origin (that is what the clinic watches the flows for).
///
/// Numeric contract: the same spells, origin and options (seed included) give the same result on
/// every machine and thread count (paths are simulated in fixed chunks, each from its own seed).
/// Cost: O(paths × horizon × children); no matrix algebra pays here (the state is each child).
public struct CareProjection: Sendable {
    /// A period of care, as the projection needs it.
    public struct Spell: Sendable, Equatable {
        public struct PlacementStart: Sendable, Equatable {
            public let start: Day
            public let group: Int
            public init(start: Day, group: Int) { self.start = start; self.group = group }
        }
        public let birth: Day?
        public let start: Day
        public let end: Day?
        /// Placement groups (indexes below ``Options/placementGroups``) in order of their starts.
        public let placements: [PlacementStart]

        public init(birth: Day?, start: Day, end: Day?, placements: [PlacementStart]) {
            self.birth = birth
            self.start = start
            self.end = end
            self.placements = placements
        }

        func isOpen(atEndOf day: Day) -> Bool { start <= day && end.map { $0 > day } ?? true }
        func group(on day: Day) -> Int { (placements.last { $0.start <= day } ?? placements.first)?.group ?? 0 }
    }

    public struct Options: Sendable {
        /// Months projected after the origin.
        public var horizon = 12
        public var paths = 2000
        public var seed: UInt64 = 20_261_203
        /// Months of transitions the exit and placement-move rates are estimated from (fewer when the
        /// history is shorter, down to 12).
        public var exitWindow = 36
        /// Months of entrants the entry means and entrant profiles come from (fewer when the history is
        /// shorter, down to 12).
        public var entryWindow = 24
        /// The prior probability that the entrants of the entry window shifted in level at some month
        /// (``CareProjection/entryShiftPosterior(_:prior:minimumSegment:)``), in [0, 1); 0 never
        /// considers a shift. 0.25: in DfE's figures, one English authority-year in six (16% of 584
        /// year-on-year pairs, 2021 to 2025) saw its starts change by more than a quarter and by more
        /// than 2.5 Poisson standard errors, so about 30% of two-year windows hold such a change; some of
        /// them pass within the year (Benchmarks/Backtests/entry_shift_calibration.py).
        public var entryShiftPrior = 0.25
        /// Prior weight, in child-months, of the rate pooled over ages within a time-in-care band.
        public var shrinkage = 24.0
        /// How many placement groups the spells' group indexes run over.
        public var placementGroups = 1
        /// The least wander of the entry rate and of the rates of leaving (``Wander``).
        public var wanderFloor = Wander.england
        public init() {}
    }

    /// The least the entry rate and the rates of leaving are taken to wander after the origin: the monthly
    /// SDs of random walks on their log scales. An authority's history holds at most nine pairs of
    /// consecutive years, too few to read a wander from alone: a calm decade says little about the next
    /// change in demand (the bundled authority's history read less wander than England's for entries,
    /// and none for leaving, before its entries fell by a quarter in April 2022). So the wander is the authority's own (``CareProjection/entryWander(_:origin:history:)``,
    /// ``CareProjection/exitWander(_:origin:history:)``) where it is larger, and this one otherwise.
    public struct Wander: Sendable, Equatable {
        public var entry: Double
        public var exit: Double
        public init(entry: Double, exit: Double) {
            self.entry = entry
            self.exit = exit
        }
        /// English local authorities, 2021 to 2025 (DfE's published starts, ceased and 31 March counts
        /// by authority, seeds/dfe_benchmarks.csv; Benchmarks/Backtests/care_drift_prior.py): the
        /// random-walk part of the year-to-year change, beyond Poisson counts, in 148 authorities' starts
        /// (q = 0.0092 a year) and in their ceased over the stock a year before (q = 0.0086); monthly SDs
        /// √(q/12) = 0.028 and 0.027.
        public static let england = Wander(entry: (0.0092 / 12).squareRoot(), exit: (0.0086 / 12).squareRoot())
        /// No floor: the authority's own history alone.
        public static let none = Wander(entry: 0, exit: 0)

        /// The larger of `floor` and the SD of the authority's own variance a month.
        static func atLeast(_ floor: Double, own variance: Double) -> Double {
            max(floor, max(0, variance).squareRoot())
        }
    }

    /// A projected quantity at one month: the mean of the paths and their 80% and 95% ranges.
    public struct Interval: Sendable, Equatable {
        public let mean: Double
        public let lower80: Double
        public let upper80: Double
        public let lower95: Double
        public let upper95: Double
    }

    public let origin: Month
    public let months: [Month]
    /// Children looked after at the origin's month end (total, by age band, by placement group).
    public let startTotal: Int
    public let startByAge: [Int]
    public let startByPlacement: [Int]
    /// How many paths the intervals come from.
    public let paths: Int
    /// The months the exit and entry rates were read from (the options' windows, shortened to the
    /// history there is).
    public let exitWindow: Int
    public let entryWindow: Int
    public let total: [Interval]
    /// Indexed by ``AgeBand`` then month (children without a date of birth are in the total only).
    public let byAge: [[Interval]]
    /// Indexed by placement group then month.
    public let byPlacement: [[Interval]]
    /// Mean entrants a month by ``AgeBand`` (the last entry: no date of birth) that the paths expect:
    /// the posterior mean over "no shift" (the entry window's mean) and each shift (the months since
    /// it, with one more month at the window's mean: `(X + x̄)/(m + 1)`),
    /// ``entryShiftPosterior(_:prior:minimumSegment:)``.
    public let entriesPerMonth: [Double]
    /// Mean entrants a month (all bands) over the whole entry window.
    public let entriesOverWindow: Double
    /// The posterior probability that the window's entrants shifted in level at some month.
    public let entryShiftProbability: Double
    /// The most probable first month of a new level, when a shift is more likely than not; nil otherwise.
    public let entryShiftMonth: Month?
    /// Mean entrants a month (all bands) in the window's months before and since ``entryShiftMonth``;
    /// nil without it.
    public let entriesBeforeShift: Double?
    public let entriesSinceShift: Double?
    /// Entrants (counted as in ``entriesPerMonth``: in care at the end of the month they came in) over
    /// the last 12 months of the entry window, beside the window's rate; nil when the window is 12
    /// months or shorter.
    public let entrantsLast12Months: Int?
    /// Posterior-mean monthly exit probability (other than at 18), by ``AgeBand`` (last: no date of
    /// birth) and ``TimeInCareBand``.
    public let exitRates: [[Double]]
    /// How far the entry rate wanders after the origin: the monthly SD of a random walk on its log scale,
    /// the authority's own history's (``entryWander(_:origin:history:)``), at least ``Options/wanderFloor``'s.
    public let entryDrift: Double
    /// How far the rates of leaving (other than at 18) wander after the origin: the monthly SD of a random
    /// walk on the log scale of their multiplier: the authority's own history's
    /// (``exitWander(_:origin:history:)``), at least ``Options/wanderFloor``'s.
    public let exitDrift: Double
    /// Children projected to leave at 18 over the horizon, from those in care at the origin (exact).
    public let dueToTurn18: Int

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case tooLittleHistory(needed: Int)
        case badOptions(String)
        public var description: String {
            switch self {
            case let .tooLittleHistory(needed): return "a projection needs \(needed) months of records before the origin"
            case let .badOptions(text): return text
            }
        }
    }

    /// Projects the children of `spells` (every period of care known at the end of `origin`: later ends
    /// must already be erased) from the end of `origin`. `historyStart` is the first month whose start
    /// stock is complete; the windows must fit after it.
    public init(_ spells: [Spell], origin: Month, historyStart: Month, options: Options) throws {
        guard options.horizon >= 1, options.horizon <= 120 else { throw Problem.badOptions("the horizon must be 1 to 120 months") }
        guard options.paths >= 20 else { throw Problem.badOptions("at least 20 paths are needed for 95% intervals") }
        guard options.entryShiftPrior >= 0, options.entryShiftPrior < 1 else {
            throw Problem.badOptions("the prior probability of a shift in entries must be at least 0 and below 1")
        }
        guard options.placementGroups >= 1, spells.allSatisfy({ $0.placements.allSatisfy { $0.group >= 0 && $0.group < options.placementGroups } }) else {
            throw Problem.badOptions("a placement group index is out of range")
        }
        // The windows shorten to the history there is, down to 12 months (or the window asked for, if shorter).
        let history = historyStart.distance(to: origin)
        let needed = min(12, max(options.exitWindow, options.entryWindow))
        guard history >= needed else { throw Problem.tooLittleHistory(needed: needed) }
        let exitWindow = min(options.exitWindow, history)
        let entryWindowMonths = min(options.entryWindow, history)
        self.exitWindow = exitWindow
        self.entryWindow = entryWindowMonths
        self.origin = origin
        months = (1...options.horizon).map { origin.advanced(by: $0) }

        let ages = AgeBand.allCases.count + 1, times = TimeInCareBand.allCases.count, groups = options.placementGroups
        let unknownAge = ages - 1
        func monthEnd(_ k: Int) -> Day { Day.last(of: origin.advanced(by: k)) }
        func ageIndex(_ birth: Day?, _ day: Day) -> Int { birth.flatMap { AgeBand(birth: $0, on: day)?.index } ?? unknownAge }

        // Transitions over the exit window: exposure and exits by (age, time), moves by (age, from, to).
        var exposure = [[Double]](repeating: [Double](repeating: 0, count: times), count: ages)
        var exits = exposure
        // The same by placement group too: (age × time) × group, flat.
        var exposureByGroup = [Double](repeating: 0, count: ages * times * groups), exitsByGroup = exposureByGroup
        var moves = [Double](repeating: 0, count: ages * groups * groups)
        for k in (1 - exitWindow)...0 {
            let e0 = monthEnd(k - 1), e1 = monthEnd(k)
            for s in spells where s.isOpen(atEndOf: e0) {
                if let birth = s.birth, birth.adding(years: 18) <= e1 { continue }     // leaves at 18: not at risk
                let a = ageIndex(s.birth, e0), d = TimeInCareBand(start: s.start, on: e0).index
                let cell = (a * times + d) * groups + s.group(on: e0)
                exposure[a][d] += 1
                exposureByGroup[cell] += 1
                if let end = s.end, end <= e1 { exits[a][d] += 1; exitsByGroup[cell] += 1; continue }
                moves[(a * groups + s.group(on: e0)) * groups + s.group(on: e1)] += 1
            }
        }
        // Entrants over the entry window, with their profiles at the month end they were first counted.
        var byMonth = [[Double]](repeating: [Double](repeating: 0, count: ages), count: entryWindowMonths)
        var profiles = [[Entrant]](repeating: [], count: ages)
        for k in (1 - entryWindowMonths)...0 {
            let e0 = monthEnd(k - 1), e1 = monthEnd(k)
            for s in spells where s.start > e0 && s.isOpen(atEndOf: e1) {
                let a = ageIndex(s.birth, e1)
                byMonth[k + entryWindowMonths - 1][a] += 1
                profiles[a].append(Entrant(ageDays: s.birth.map { e1.index - $0.index }, timeDays: e1.index - s.start.index, group: s.group(on: e1)))
            }
        }
        let allProfiles = profiles.flatMap { $0 }
        // The entry means: over the window, or since a shift in the entrants' level, in proportion to
        // each one's posterior probability.
        let monthly = byMonth.map { $0.reduce(0, +) }
        let readings = Self.entryShiftPosterior(monthly, prior: options.entryShiftPrior)
        // Each reading's band counts and months carry a prior worth one month at the window's band mean
        // (as the posterior's own prior does for the total), so a short segment in which a band had no
        // entrants does not project none for the whole horizon; over the whole window the mean is the
        // window's. A band with no entrants in the window keeps none.
        let bandMeans = (0..<ages).map { a in byMonth.reduce(0) { $0 + $1[a] } / Double(entryWindowMonths) }
        let readingCounts = readings.map { r in (0..<ages).map { a in byMonth[r.start...].reduce(0) { $0 + $1[a] } + bandMeans[a] } }
        let readingMonths = readings.map { Double(entryWindowMonths - $0.start) + 1 }
        entriesPerMonth = (0..<ages).map { a in readings.indices.reduce(0) { $0 + readings[$1].weight * readingCounts[$1][a] / readingMonths[$1] } }
        entriesOverWindow = monthly.reduce(0, +) / Double(entryWindowMonths)
        let shifts = readings.dropFirst()   // the first reading is "no shift"
        entryShiftProbability = shifts.reduce(0) { $0 + $1.weight }
        let likeliest = shifts.max { $0.weight < $1.weight }?.start
        let reported = entryShiftProbability >= 0.5 ? likeliest : nil
        entryShiftMonth = reported.map { origin.advanced(by: $0 - entryWindowMonths + 1) }
        entriesBeforeShift = reported.map { k in monthly[..<k].reduce(0, +) / Double(k) }
        entriesSinceShift = reported.map { k in monthly[k...].reduce(0, +) / Double(entryWindowMonths - k) }
        entrantsLast12Months = entryWindowMonths > 12 ? Int(monthly.suffix(12).reduce(0, +)) : nil
        let readingWeights = readings.map(\.weight)
        entryDrift = Wander.atLeast(options.wanderFloor.entry, own: Self.entryWander(spells, origin: origin, history: history))
        exitDrift = Wander.atLeast(options.wanderFloor.exit, own: Self.exitWander(spells, origin: origin, history: history))

        // Exit priors: the band's rate pooled over ages (the overall rate where the band has no exposure).
        let overall = exits.joined().reduce(0, +) / max(1, exposure.joined().reduce(0, +))
        var prior = [Double](repeating: overall, count: times)
        for d in 0..<times {
            let n = (0..<ages).reduce(0) { $0 + exposure[$1][d] }, x = (0..<ages).reduce(0) { $0 + exits[$1][d] }
            if n > 0 { prior[d] = (x + options.shrinkage * overall) / (n + options.shrinkage) }
        }
        let k = options.shrinkage
        exitRates = (0..<ages).map { a in (0..<times).map { d in (exits[a][d] + k * prior[d]) / (exposure[a][d] + k) } }
        // Placement moves: each (age, from) row's frequencies, shrunk to the row pooled over ages, and
        // staying put where a group has no history.
        var moveRows = [Double](repeating: 0, count: ages * groups * groups)
        for g in 0..<groups {
            var pooled = [Double](repeating: 0, count: groups)
            for a in 0..<ages { for h in 0..<groups { pooled[h] += moves[(a * groups + g) * groups + h] } }
            let pooledTotal = pooled.reduce(0, +)
            for a in 0..<ages {
                let row = (a * groups + g) * groups
                let n = (0..<groups).reduce(0) { $0 + moves[row + $1] }
                for h in 0..<groups {
                    let base = pooledTotal > 0 ? pooled[h] / pooledTotal : (h == g ? 1 : 0)
                    moveRows[row + h] = (moves[row + h] + k * base) / (n + k)
                }
            }
        }

        // The children at the origin.
        let originEnd = monthEnd(0), horizonEnd = monthEnd(options.horizon)
        let atOrigin = spells.filter { $0.isOpen(atEndOf: originEnd) }
        startTotal = atOrigin.count
        var ageNow = [Int](repeating: 0, count: AgeBand.allCases.count), placeNow = [Int](repeating: 0, count: groups)
        for s in atOrigin {
            let a = ageIndex(s.birth, originEnd)
            if a < unknownAge { ageNow[a] += 1 }
            placeNow[s.group(on: originEnd)] += 1
        }
        startByAge = ageNow
        startByPlacement = placeNow
        self.paths = options.paths
        dueToTurn18 = atOrigin.filter { s in s.birth.map { $0.adding(years: 18) <= horizonEnd } ?? false }.count
        let initial = atOrigin.map { SimulatedChild(birth: $0.birth, start: $0.start, group: $0.group(on: originEnd)) }

        // Paths, in fixed chunks so the result does not depend on the number of threads.
        let chunk = 50, chunks = (options.paths + chunk - 1) / chunk
        let series = 1 + AgeBand.allCases.count + groups
        let horizon = options.horizon
        let exposureNow = exposure, exitsNow = exits, priorNow = prior
        let exposureGroups = exposureByGroup, exitsGroups = exitsByGroup, drift = entryDrift, exitDrift = exitDrift
        let moveTable = moveRows, origin = origin, seed = options.seed, paths = options.paths
        let monthEnds = (0...horizon).map { Day.last(of: origin.advanced(by: $0)) }
        // Each entrant profile as a child arriving at each month end of the horizon, worked out once.
        let arrivals: [[[SimulatedChild]]] = (1...horizon).map { t in
            let e1 = Day.last(of: origin.advanced(by: t))
            return (0..<ages).map { a in
                (profiles[a].isEmpty ? allProfiles : profiles[a]).map { e in
                    SimulatedChild(birth: e.ageDays.map { Day(index: e1.index - $0) }, start: Day(index: e1.index - e.timeDays), group: e.group)
                }
            }
        }
        let counts: [[Double]] = Parallel.map(chunks) { c in
            var random = SplitMix64(seed: seed &+ UInt64(c) &* 0x9E37_79B9_7F4A_7C15)
            let n = min(chunk, paths - c * chunk)
            var out = [Double](repeating: 0, count: n * horizon * series)
            for p in 0..<n {
                // This path's rates, drawn from their posteriors.
                // The (age, time) rate from its posterior, then each placement group's around it.
                var h = [Double](repeating: 0, count: ages * times * groups)
                func draw(_ exits: Double, _ exposure: Double, around centre: Double) -> Double {
                    let alpha = exits + k * centre, beta = exposure - exits + k * (1 - centre)
                    return alpha > 0 && beta > 0 ? random.beta(alpha, beta) : alpha / max(alpha + beta, 1e-300)
                }
                for a in 0..<ages {
                    for d in 0..<times {
                        let rate = draw(exitsNow[a][d], exposureNow[a][d], around: priorNow[d])
                        for g in 0..<groups {
                            let cell = (a * times + d) * groups + g
                            h[cell] = draw(exitsGroups[cell], exposureGroups[cell], around: rate)
                        }
                    }
                }
                // This path's reading of the window (no shift, or a shift at a month), then its entry means.
                let r = random.choose(readingWeights)
                let lambda = readingCounts[r].map { $0 > 0 ? random.gamma(shape: $0) / readingMonths[r] : 0 }
                // The entry rate and the rates of leaving wander after the origin: random walks on their
                // log scales, mean-corrected.
                var wander = 0.0, exitWander = 0.0, exitFactor = 1.0
                var children = initial, kept = [SimulatedChild]()
                children.reserveCapacity(initial.count * 2)
                kept.reserveCapacity(initial.count * 2)
                for t in 1...horizon {
                    let e0 = monthEnds[t - 1], e1 = monthEnds[t]
                    kept.removeAll(keepingCapacity: true)
                    if exitDrift > 0 {
                        exitWander += exitDrift * random.normal()
                        exitFactor = exp(exitWander - Double(t) * exitDrift * exitDrift / 2)
                    }
                    for var child in children {
                        if child.age18 <= e1.index { continue }
                        let a = child.ageIndex(on: e0, unknown: unknownAge), d = child.timeIndex(on: e0)
                        // The wandering rate is capped below 1, so a child is never certain to leave by it.
                        let leave = min(h[(a * times + d) * groups + child.group] * exitFactor, 0.999), draw = random.uniform()
                        if draw < leave { continue }
                        // Placement move, from the same draw: given that the child stays, (draw − h) / (1 − h)
                        // is uniform on [0, 1) again.
                        let row = (a * groups + child.group) * groups
                        var u = (draw - leave) / (1 - leave)
                        for g in 0..<groups { u -= moveTable[row + g]; if u < 0 { child.group = g; break } }
                        kept.append(child)
                    }
                    wander += drift * random.normal()
                    let factor = exp(wander - Double(t) * drift * drift / 2)
                    for a in 0..<ages {
                        let count = random.poisson(lambda[a] * factor)
                        let pool = arrivals[t - 1][a]
                        guard count > 0, !pool.isEmpty else { continue }
                        for _ in 0..<count { kept.append(pool[random.integer(in: 0...(pool.count - 1))]) }
                    }
                    swap(&children, &kept)
                    let base = (p * horizon + t - 1) * series
                    out[base] = Double(children.count)
                    for child in children {
                        let a = child.ageIndex(on: e1, unknown: unknownAge)
                        if a < unknownAge { out[base + 1 + a] += 1 }
                        out[base + ages + child.group] += 1
                    }
                }
            }
            return out
        }
        // Quantiles per month and series.
        var intervals = [[Interval]](repeating: [], count: series)
        var values = [Double](repeating: 0, count: paths)
        for s in 0..<series {
            for t in 0..<horizon {
                var i = 0
                for (c, block) in counts.enumerated() {
                    let n = min(chunk, paths - c * chunk)
                    for p in 0..<n { values[i] = block[(p * horizon + t) * series + s]; i += 1 }
                }
                let sorted = values.sorted()
                intervals[s].append(Interval(mean: sorted.reduce(0, +) / Double(paths),
                                             lower80: Quantile.type7(sorted: sorted, 0.1), upper80: Quantile.type7(sorted: sorted, 0.9),
                                             lower95: Quantile.type7(sorted: sorted, 0.025), upper95: Quantile.type7(sorted: sorted, 0.975)))
            }
        }
        total = intervals[0]
        byAge = Array(intervals[1...AgeBand.allCases.count])
        byPlacement = Array(intervals[(1 + AgeBand.allCases.count)...])
    }

    /// The posterior over where the monthly counts `x` shifted in level: "no shift" (start 0) and "a
    /// shift before month k" for every k leaving at least `minimumSegment` months on each side, with
    /// their probabilities (summing to 1, in that order). `minimumSegment` is 3, not the 6 of PELT: a
    /// shift can then count three months after it (with the weight three months give it); a segment
    /// that short at the window's start barely moves the rate (the months since are nearly the window).
    ///
    /// Each segment's counts are Poisson with one rate, under a Gamma prior centred on the mean of all
    /// of `x` and worth one month of it (shape x̄, rate 1: a unit-information prior, so the extra rate of
    /// a shift is charged about what BIC charges it). The log marginal likelihood of a segment of m
    /// months with total X is then `log Γ(x̄ + X) − log Γ(x̄) − (x̄ + X)·log(1 + m)` (the Σ log xᵢ! that
    /// every reading shares left out). "No shift" has prior probability `1 − prior`, and each month a
    /// shift could start `prior` over the number of such months (19 in a 24-month window). With no
    /// counts at all, or `prior` 0, or too few months, "no shift" has it all.
    ///
    /// Calibration (Benchmarks/Backtests/entry_shift_calibration.py, docs/METHODS.md §14): on 24 months
    /// of Poisson counts without a shift (8, 13 and 20 a month, a 12% winter rise; 2,000 windows each)
    /// the posterior probability of a shift averages 0.22 at a prior of 0.25 and exceeds one half in
    /// 4.0–4.5% of windows; the entry rate the paths expect errs by 6.2% (SD) at 13 a month, against
    /// 5.6% for the window's mean alone: what a steady window pays for the readiness to follow a shift.
    public static func entryShiftPosterior(_ x: [Double], prior: Double, minimumSegment: Int = 3) -> [(start: Int, weight: Double)] {
        let n = x.count, total = x.reduce(0, +)
        guard prior > 0, prior < 1, n >= 2 * max(1, minimumSegment), total > 0 else { return [(0, 1)] }
        let mean = total / Double(n)
        func logMarginal(_ sum: Double, _ months: Int) -> Double {
            lgamma(mean + sum) - lgamma(mean) - (mean + sum) * log(1 + Double(months))
        }
        let starts = Array(max(1, minimumSegment)...(n - max(1, minimumSegment)))
        var logs = [log(1 - prior) + logMarginal(total, n)]
        var left = x[..<starts[0]].reduce(0, +)
        for (i, k) in starts.enumerated() {
            if i > 0 { left += x[k - 1] }
            logs.append(log(prior / Double(starts.count)) + logMarginal(left, k) + logMarginal(total - left, n - k))
        }
        let top = logs.max()!
        let weights = logs.map { exp($0 - top) }, sum = weights.reduce(0, +)
        return zip([0] + starts, weights).map { (start: $0.0, weight: $0.1 / sum) }
    }

    /// The authority's own variance a month of the log entry rate's random walk, from the entrants Y_j of
    /// consecutive 12-month blocks back from the origin (as many as the history holds, up to ten). With
    /// a rate λ_j wandering as a random walk of variance q a year on the log scale, E[(Y_j − Y_{j−1})²] ≈
    /// 2·mean(Y) (Poisson counts) + mean(Y)²·q; so the excess of the mean squared difference over
    /// 2·mean(Y), divided by mean(Y)², is q, and q/12 the monthly variance (the same reading as
    /// ``exitWander(_:origin:history:)`` and as England's figure). Negative when the blocks vary less than
    /// Poisson counts; 0 with fewer than 3 blocks or no entrants.
    static func entryWander(_ spells: [Spell], origin: Month, history: Int) -> Double {
        let blocks = min(10, history / 12)
        guard blocks >= 3 else { return 0 }
        var totals = [Double](repeating: 0, count: blocks)
        for s in spells {
            let back = s.start.month.distance(to: origin)
            guard back >= 0, back < blocks * 12, s.isOpen(atEndOf: Day.last(of: s.start.month)) else { continue }
            totals[back / 12] += 1
        }
        let mean = totals.reduce(0, +) / Double(blocks)
        guard mean > 0 else { return 0 }
        let squares = zip(totals, totals.dropFirst()).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(blocks - 1)
        return (squares - 2 * mean) / (mean * mean) / 12
    }

    /// The authority's own variance a month of the log random walk of the rates of leaving (other than
    /// at 18), from consecutive 12-month blocks back from the origin (as many as the history holds, up to
    /// ten): in each block the exits x_j over the child-months at risk n_j (children in care at a month
    /// end, not turning 18 by the next), r_j = x_j / n_j. With the rate fixed, log r_j − log r_{j−1} has
    /// variance about 1/x_j + 1/x_{j−1} (Poisson counts); the excess of the mean squared change over that
    /// is the variance q of a year's wander, and q/12 a month's. Negative when the blocks vary less than
    /// Poisson counts; 0 with fewer than 3 blocks or a block without exits.
    static func exitWander(_ spells: [Spell], origin: Month, history: Int) -> Double {
        let blocks = min(10, history / 12)
        guard blocks >= 3 else { return 0 }
        var exits = [Double](repeating: 0, count: blocks), atRisk = exits
        for back in 0..<(blocks * 12) {
            let e0 = Day.last(of: origin.advanced(by: -back - 1)), e1 = Day.last(of: origin.advanced(by: -back))
            for s in spells where s.isOpen(atEndOf: e0) {
                if let birth = s.birth, birth.adding(years: 18) <= e1 { continue }
                atRisk[back / 12] += 1
                if let end = s.end, end <= e1 { exits[back / 12] += 1 }
            }
        }
        guard exits.allSatisfy({ $0 > 0 }) else { return 0 }
        let logRates = zip(exits, atRisk).map { log($0 / $1) }
        var excess = 0.0
        for j in 1..<blocks {
            let change = logRates[j] - logRates[j - 1]
            excess += change * change - (1 / exits[j] + 1 / exits[j - 1])
        }
        return excess / Double(blocks - 1) / 12
    }

    /// An entrant's profile at the month end it was first counted.
    struct Entrant: Sendable {
        let ageDays: Int32?
        let timeDays: Int32
        let group: Int
    }

    /// A child in a simulated path, with the days its bands change worked out once (day indexes, so a
    /// copy is a few words and costs no allocation).
    struct SimulatedChild: Sendable {
        /// Birthdays at 1, 5, 10 and 16 (the age bands' lower edges) and the 18th; `Int32.max` for a
        /// child without a date of birth.
        let age1: Int32, age5: Int32, age10: Int32, age16: Int32, age18: Int32
        /// The days 3, 12 and 36 whole months into the period.
        let time3: Int32, time12: Int32, time36: Int32
        var group: Int

        init(birth: Day?, start: Day, group: Int) {
            let edges = birth.map { b in [1, 5, 10, 16, 18].map { b.adding(years: $0).index } } ?? [Int32](repeating: .max, count: 5)
            (age1, age5, age10, age16, age18) = (edges[0], edges[1], edges[2], edges[3], edges[4])
            let times = [3, 12, 36].map { Self.firstDay(months: $0, after: start).index }
            (time3, time12, time36) = (times[0], times[1], times[2])
            self.group = group
        }

        var hasBirth: Bool { age18 != .max }

        func ageIndex(on day: Day, unknown: Int) -> Int {
            guard hasBirth else { return unknown }
            let d = day.index
            return d < age1 ? 0 : d < age5 ? 1 : d < age10 ? 2 : d < age16 ? 3 : 4
        }

        func timeIndex(on day: Day) -> Int {
            let d = day.index
            return d < time3 ? 0 : d < time12 ? 1 : d < time36 ? 2 : 3
        }

        /// The first day on which `months` whole months have passed since `start`.
        static func firstDay(months: Int, after start: Day) -> Day {
            let c = start.components
            let target = Month(year: c.year, month: c.month)!.advanced(by: months)
            var day = Day(year: target.year, month: target.month, day: min(c.day, Day.length(target.year, target.month)))!
            while TimeInCareBand.wholeMonths(from: start, to: day) < months { day = Day(index: day.index + 1) }
            return day
        }
    }
}
