import ClinicData
import ClinicDetection
import ClinicModels
import ClinicNumerics
import ClinicSimulation
import Foundation

/// Detection measured per kind of event as the clinic would have seen it: the checks replayed as of each
/// month after the event on the data known then (as `clinic flags --replay` runs them), on generated
/// series with events of known kind, size and month (docs/METHODS.md §12c).
///
/// Design: series of 72 months on three backgrounds of noise σ — seasonal (100 + 10·sin, σ = 5),
/// Poisson counts (mean 20, σ = √20) and AR(1) errors (φ = 0.6, marginal σ = 5) — as the metric
/// `referrals` (neutral polarity, count). Each event series gets one event at a month `m` drawn from
/// 36 … 54 of size `k·σ`: a spike (that month only), a level shift (from `m` on), a trend change (`k·σ`
/// more each year from `m`), or a sustained rise (a ramp to `k·σ` over the 12 months from `m`, then
/// kept). Clean series get none. Each series is cut at every month `t = m … m + 12` (clean series at
/// the same months) and ``Exceptions/find(_:catalogue:options:interventions:population:)`` runs on
/// the cut; the flags new at `t` are those ``FlagNovelty`` calls new (the cut at `m − 1` seeds what was
/// known before).
/// - On target: for a spike, a flag dated `m`; for the other kinds, a flag dated `m − 2 … m + 12`
///   (a change is seen in the months after it, and a sustained flag is dated at the cut).
/// - Recall: events with an on-target flag at some cut; delay: `t − m` at the first; location error:
///   `|month − m|` of the first changepoint flag on target (level shifts and trend changes).
/// - Precision: on-target new flags over all new flags on event series; false flags: new flags on clean
///   series per 100 series-months replayed.
public enum FlagReplayEvaluation {
    public enum Kind: String, CaseIterable, Sendable {
        case spike, levelShift = "level_shift", trendChange = "trend_change", sustainedRise = "sustained_rise"
    }
    public enum Background: String, CaseIterable, Sendable { case seasonal, counts, autocorrelated }

    /// Counts for one kind of event.
    public struct Score: Sendable {
        public var events = 0, detected = 0, newFlags = 0, onTarget = 0
        public var delays = [Int]()
        public var locationErrors = [Int]()
        /// New flags on event series that were not on target, by method (`Flag.Method` raw value).
        public var offTargetByMethod = [String: Int]()
        public var recall: Double? { events > 0 ? Double(detected) / Double(events) : nil }
        public var precision: Double? { newFlags > 0 ? Double(onTarget) / Double(newFlags) : nil }
        /// Adds another set of counts to these.
        mutating func add(_ other: Score) {
            events += other.events; detected += other.detected; newFlags += other.newFlags; onTarget += other.onTarget
            delays += other.delays; locationErrors += other.locationErrors
            for (m, n) in other.offTargetByMethod { offTargetByMethod[m, default: 0] += n }
        }
        /// The median months from the event to its first on-target flag.
        public var medianDelay: Double? {
            guard !delays.isEmpty else { return nil }
            let sorted = delays.sorted(), n = sorted.count
            return n % 2 == 1 ? Double(sorted[n / 2]) : Double(sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        /// The share of located changes whose changepoint is within ±1 month of the truth.
        public var locatedWithinOneMonth: Double? {
            locationErrors.isEmpty ? nil : Double(locationErrors.filter { $0 <= 1 }.count) / Double(locationErrors.count)
        }
    }

    public struct Result: Sendable {
        public var kinds = [Kind: Score]()
        /// The same scores split by background.
        public var kindsBy = [Background: [Kind: Score]]()
        public var cleanMonths = 0, cleanFlags = 0
        /// The new flags on clean series by background and method (`Flag.Method` raw value).
        public var cleanFlagsBy = [Background: [String: Int]]()
        public init() {}
        public var falseFlagsPer100: Double? { cleanMonths > 0 ? 100 * Double(cleanFlags) / Double(cleanMonths) : nil }
        /// All kinds together.
        public var overall: Score {
            var s = Score()
            for k in kinds.values { s.add(k) }
            return s
        }
    }

    /// `replicates` event series per kind, size and background, and as many clean series per background
    /// as event series of one kind.
    public static func run(sizes: [Double], replicates: Int, seed: UInt64) -> Result {
        var random = SplitMix64(seed: seed)
        let months = 72, start = Month(year: 2020, month: 1)!
        struct Job { let values: [Double]; let kind: Kind?; let month: Int; let background: Background }
        var jobs = [Job]()
        for background in Background.allCases {
            for size in sizes {
                for kind in Kind.allCases {
                    for _ in 0..<replicates {
                        let (values, sigma) = FlagEvaluation.background(background.evaluationBackground, months: months, random: &random)
                        let month = 36 + Int(random.uniform() * 19)
                        jobs.append(Job(values: inject(values, kind: kind, month: month, size: size * sigma, counts: background == .counts),
                                        kind: kind, month: month, background: background))
                    }
                }
            }
            for _ in 0..<(replicates * sizes.count) {
                let month = 36 + Int(random.uniform() * 19)
                jobs.append(Job(values: FlagEvaluation.background(background.evaluationBackground, months: months, random: &random).values,
                                kind: nil, month: month, background: background))
            }
        }
        let work = jobs
        let perJob = Parallel.map(work.count) { i -> (kind: Kind?, score: Score, cleanMonths: Int, cleanFlags: [Flag]) in
            let job = work[i]
            var novelty = FlagNovelty()
            var score = Score()
            var cleanFlags = [Flag]()
            var firstDelay: Int?, firstLocation: Int?
            // The cut before the first one only seeds what was already known.
            for t in (job.month - 1)...min(months - 1, job.month + 12) {
                let cut = Array(job.values.prefix(t + 1))
                let series = Series(key: SeriesKey(area: "E99999999", metric: "referrals"), start: start, values: cut,
                                    status: cut.map { _ in .observed })
                let asOf = start.advanced(by: t)
                let new = Exceptions.find([series]).filter { novelty.isNew($0, asOf: asOf) }
                guard t >= job.month else { continue }
                guard let kind = job.kind else { cleanFlags += new; continue }
                for f in new {
                    let at = start.distance(to: f.month)
                    let hit = kind == .spike ? at == job.month : (job.month - 2)...(job.month + 12) ~= at
                    score.newFlags += 1
                    if hit {
                        score.onTarget += 1
                        if firstDelay == nil { firstDelay = t - job.month }
                        if firstLocation == nil, f.method == .changepoint, kind == .levelShift || kind == .trendChange {
                            firstLocation = abs(at - job.month)
                        }
                    } else {
                        score.offTargetByMethod[f.method.rawValue, default: 0] += 1
                    }
                }
            }
            guard let kind = job.kind else {
                return (nil, Score(), min(months - 1, job.month + 12) - job.month + 1, cleanFlags)
            }
            score.events = 1
            if let firstDelay { score.detected = 1; score.delays = [firstDelay] }
            if let firstLocation { score.locationErrors = [firstLocation] }
            return (kind, score, 0, [])
        }
        var result = Result()
        for (i, r) in perJob.enumerated() {
            if let kind = r.kind {
                result.kinds[kind, default: Score()].add(r.score)
                result.kindsBy[work[i].background, default: [:]][kind, default: Score()].add(r.score)
            } else {
                result.cleanMonths += r.cleanMonths
                result.cleanFlags += r.cleanFlags.count
                for f in r.cleanFlags { result.cleanFlagsBy[work[i].background, default: [:]][f.method.rawValue, default: 0] += 1 }
            }
        }
        return result
    }

    static func inject(_ values: [Double], kind: Kind, month: Int, size: Double, counts: Bool) -> [Double] {
        let background: FlagEvaluation.Background = counts ? .counts : .seasonal   // only its rounding matters here
        switch kind {
        case .spike: return FlagEvaluation.inject(values, kind: .spike, month: month, size: size, background: background)
        case .levelShift: return FlagEvaluation.inject(values, kind: .levelShift, month: month, size: size, background: background)
        case .trendChange: return FlagEvaluation.inject(values, kind: .trendChange, month: month, size: size, background: background)
        case .sustainedRise:
            var y = values
            for t in month..<y.count { y[t] += size * Double(min(12, t - month + 1)) / 12 }
            return counts ? y.map { max(0, $0.rounded()) } : y
        }
    }
}

extension FlagReplayEvaluation.Background {
    var evaluationBackground: FlagEvaluation.Background {
        switch self {
        case .seasonal: .seasonal
        case .counts: .counts
        case .autocorrelated: .autocorrelated
        }
    }
}
