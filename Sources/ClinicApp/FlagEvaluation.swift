import ClinicData
import ClinicDetection
import ClinicModels
import ClinicNumerics
import ClinicSimulation
import Foundation

/// Measures the clinic's exceptions on simulated series with injected events of known size, against
/// plain XmR rules on the same series (docs/METHODS.md, "Exceptions: measured").
///
/// Design: series of 72 months on four backgrounds — seasonal (100 + 10·sin, noise σ = 5), Poisson
/// counts (mean 20, σ = √20), AR(1) errors (φ = 0.6, marginal σ = 5) and a trend (+0.5 a month, σ = 5) —
/// as the metric `referrals` (neutral polarity, count). Each event series gets one event at a month
/// drawn from 36 … 60 of size `k·σ`: a spike (that month only), a level shift (from that month on), or
/// a trend change (`k·σ` more over the following 12 months). Clean series get none.
/// - Latest-month methods (forecast, red forecasts alone, spc; and plain XmR on the raw values, its last
///   point): each event series is cut at its event month (six months later for a trend change, which
///   shows only as it accumulates), so the event is the latest month; each clean series is cut at a
///   random month from 36 on. Recall = events flagged; false flags = clean cuts flagged, per 100 months
///   tested (one month per cut).
/// - History methods (outlier, changepoint; and plain XmR over every point): on the whole series. A
///   flag is on target within months `m − 2 … m + 6` of the event (the event month itself for a spike).
///   Recall = events with a flag on target; precision = flags on target / flags on event series; false
///   flags = flags on clean series per 100 series-months.
public enum FlagEvaluation {
    public enum Background: String, CaseIterable, Sendable { case seasonal, counts, autocorrelated, trending }
    public enum Event: String, CaseIterable, Sendable { case spike, levelShift = "level_shift", trendChange = "trend_change" }

    /// Counts for one method.
    public struct Tally: Sendable {
        public var events = 0, detected = 0, flagsOnEventSeries = 0, flagsOnTarget = 0, cleanMonths = 0, cleanFlags = 0
        public var recall: Double? { events > 0 ? Double(detected) / Double(events) : nil }
        public var precision: Double? { flagsOnEventSeries > 0 ? Double(flagsOnTarget) / Double(flagsOnEventSeries) : nil }
        public var falseFlagsPer100: Double? { cleanMonths > 0 ? 100 * Double(cleanFlags) / Double(cleanMonths) : nil }
    }

    public static let methods = ["forecast", "forecast_red", "spc", "xmr_latest", "outlier", "changepoint", "xmr_history"]

    /// Tallies per method, for events of `sizes` σ (all backgrounds and event kinds), `replicates` series
    /// per combination and as many clean series per background.
    public static func run(sizes: [Double], replicates: Int, seed: UInt64) -> [String: Tally] {
        var random = SplitMix64(seed: seed)
        let months = 72, start = Month(year: 2020, month: 1)!
        var jobs = [(values: [Double], event: (kind: Event, month: Int)?)]()
        for background in Background.allCases {
            for size in sizes {
                for kind in Event.allCases {
                    for _ in 0..<replicates {
                        let (values, sigma) = Self.background(background, months: months, random: &random)
                        let month = 36 + Int(random.uniform() * 25)
                        jobs.append((inject(values, kind: kind, month: month, size: size * sigma, background: background), (kind, month)))
                    }
                }
            }
            for _ in 0..<(replicates * max(1, sizes.count)) {
                jobs.append((Self.background(background, months: months, random: &random).values, nil))
            }
        }
        // A trend change shows only as it accumulates: latest-month methods see it six months on.
        let cuts = jobs.map { job -> Int in
            guard let event = job.event else { return 36 + Int(random.uniform() * 36) }
            return event.kind == .trendChange ? event.month + 6 : event.month
        }
        let work = jobs
        let results = Parallel.map(work.count) { i -> [String: Tally] in
            let job = work[i]
            var tallies = [String: Tally]()
            func series(_ values: [Double]) -> Series {
                Series(key: SeriesKey(area: "E99999999", metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
            }
            // Latest month: cut at the event (or a random month).
            let cut = Array(job.values.prefix(cuts[i] + 1))
            let latest = Exceptions.find([series(cut)])
            let red = latest.contains { $0.method == .forecast && $0.severity == .red }
            let xmrLatest = SPCChart(values: cut).points.last.map { $0.pointType != .commonCause } ?? false
            for (method, flagged) in [("forecast", latest.contains { $0.method == .forecast }), ("forecast_red", red),
                                      ("spc", latest.contains { $0.method == .spc }), ("xmr_latest", xmrLatest)] {
                var t = Tally()
                if job.event != nil { t.events = 1; t.detected = flagged ? 1 : 0 } else { t.cleanMonths = 1; t.cleanFlags = flagged ? 1 : 0 }
                tallies[method] = t
            }
            // History: the whole series.
            let all = Exceptions.find([series(job.values)])
            let xmrPoints = SPCChart(values: job.values).points.enumerated().filter { $0.element.pointType != .commonCause }.map(\.offset)
            let flagged: [String: [Int]] = [
                "outlier": all.filter { $0.method == .outlier }.map { start.distance(to: $0.month) },
                "changepoint": all.filter { $0.method == .changepoint }.map { start.distance(to: $0.month) },
                "xmr_history": xmrPoints,
            ]
            for (method, at) in flagged {
                var t = Tally()
                if let event = job.event {
                    let window = event.kind == .spike ? event.month...event.month : (event.month - 2)...(event.month + 6)
                    t.events = 1
                    t.flagsOnEventSeries = at.count
                    t.flagsOnTarget = at.filter { window.contains($0) }.count
                    t.detected = t.flagsOnTarget > 0 ? 1 : 0
                } else {
                    t.cleanMonths = months
                    t.cleanFlags = at.count
                }
                tallies[method] = t
            }
            return tallies
        }
        var total = [String: Tally]()
        for r in results {
            for (method, t) in r {
                var sum = total[method] ?? Tally()
                sum.events += t.events; sum.detected += t.detected; sum.flagsOnEventSeries += t.flagsOnEventSeries
                sum.flagsOnTarget += t.flagsOnTarget; sum.cleanMonths += t.cleanMonths; sum.cleanFlags += t.cleanFlags
                total[method] = sum
            }
        }
        return total
    }

    /// The mean of the counts background's Poisson months.
    static let countsMean = 20.0

    static func background(_ b: Background, months: Int, random: inout SplitMix64) -> (values: [Double], sigma: Double) {
        switch b {
        case .seasonal:
            return ((0..<months).map { 100 + 10 * sin(2 * Double.pi * Double($0 % 12) / 12) + 5 * random.normal() }, 5)
        case .counts:
            return ((0..<months).map { _ in Double(random.poisson(countsMean)) }, countsMean.squareRoot())
        case .autocorrelated:
            let phi = 0.6, innovation = 5 * (1 - phi * phi).squareRoot()
            var e = 5 * random.normal()
            return ((0..<months).map { t in if t > 0 { e = phi * e + innovation * random.normal() }; return 100 + e }, 5)
        case .trending:
            return ((0..<months).map { 100 + 0.5 * Double($0) + 5 * random.normal() }, 5)
        }
    }

    static func inject(_ values: [Double], kind: Event, month: Int, size: Double, background: Background) -> [Double] {
        var y = values
        for t in month..<y.count {
            switch kind {
            case .spike: if t == month { y[t] += size }
            case .levelShift: y[t] += size
            case .trendChange: y[t] += size * Double(t - month + 1) / 12
            }
        }
        return background == .counts ? y.map { max(0, $0.rounded()) } : y
    }
}
