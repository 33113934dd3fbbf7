import ClinicData
import ClinicDetection
import ClinicModels
import ClinicNumerics

/// What following a change found in the data (``ChangeFollowingFit``) does where there is a change and
/// where there is none, on generated series (docs/METHODS.md §6, "Forecasts that follow a supported
/// change"). Two measurements, each per background of noise σ = 5 — independent (100 + 0.5t), seasonal
/// (100 + 10·sin), AR(1) errors (φ = 0.6, marginal σ = 5), a persistent stock (100 + 0.2t, AR(1)
/// errors with φ = 0.9, marginal σ = 5), and Poisson counts of mean 20 (σ = √20, modelled as
/// quasi-Poisson counts), as the metric `referrals`:
///
/// - ``clean(_:series:seed:)``: series of 37 … 66 months with no change, cut before their last month as
///   `clinic flags` cuts them for its forecast check (``Exceptions/oneStepFits(_:catalogue:options:interventions:population:)``):
///   how many one-step fits follow a "change", and how often the last month falls outside the 99%
///   range (the forecast check's amber flag; nominal 1%), among the fits that follow one and the rest.
/// - ``backtest(_:series:seed:size:)``: series of 60 … 120 months, a third clean, a third with a level
///   shift of `size` σ (4 unless asked) and a third with a change of trend of `size` σ a year, 6 … 24
///   months before the end (on the counts background a changed month is a Poisson draw of the changed
///   mean, so the series stays a count); rolling
///   origins at each of the last 12 months, 1, 6 and 12 months ahead (``Backtest``): the long-run model,
///   the model that follows a supported change with its forecast from the one refit at the change's
///   month, and with its forecast averaged over the months around it (as Clinic forecasts). The changed
///   series' scores are also split by how much of the change the data at each origin hold (``ChangeAge``).
public enum ChangeFollowingEvaluation {
    public enum Background: String, CaseIterable, Sendable {
        case independent, seasonal, autocorrelated, persistent, counts

        /// Values of `months` months and their σ.
        func values(months: Int, random: inout SplitMix64) -> (values: [Double], sigma: Double) {
            switch self {
            case .independent: return FlagEvaluation.background(.trending, months: months, random: &random)
            case .seasonal: return FlagEvaluation.background(.seasonal, months: months, random: &random)
            case .autocorrelated: return FlagEvaluation.background(.autocorrelated, months: months, random: &random)
            case .counts: return FlagEvaluation.background(.counts, months: months, random: &random)
            case .persistent:
                // A stock like children looked after: AR(1) errors with φ = 0.9 (marginal σ 5) about a line.
                let phi = 0.9, innovation = 5 * (1 - phi * phi).squareRoot()
                var e = 5 * random.normal()
                return ((0..<months).map { t in
                    if t > 0 { e = phi * e + innovation * random.normal() }
                    return 100 + 0.2 * Double(t) + e
                }, 5)
            }
        }
    }

    /// One-step fits of clean series.
    public struct CleanScore: Sendable {
        public var series = 0, followed = 0
        /// Last months outside the one-step 99% range, among fits that follow a change and the rest.
        public var outsideWhenFollowed = 0, outsideOtherwise = 0
        /// The same split by the specification the one-step fit chose: its error model, whether it took
        /// seasonal terms, and whether it follows a change (``Specification``).
        public var bySpecification = [Specification: Split]()

        /// What the one-step fit chose.
        public struct Specification: Hashable, Sendable, Comparable {
            /// `iid`, `ar1`, `ar2`, `arma11`, or the count or robust model's name.
            public let errors: String
            public let seasonal: Bool
            public let follows: Bool
            public init(errors: String, seasonal: Bool, follows: Bool) {
                self.errors = errors
                self.seasonal = seasonal
                self.follows = follows
            }
            public static func < (a: Self, b: Self) -> Bool {
                (a.errors, a.seasonal ? 1 : 0, a.follows ? 1 : 0) < (b.errors, b.seasonal ? 1 : 0, b.follows ? 1 : 0)
            }
        }

        /// Series, last months outside the 99% range, and the sum of squared standardised errors
        /// `((y − centre) / SE)²` (about `df/(df − 2)` a series for a calibrated Student t range).
        public struct Split: Sendable {
            public var series = 0, outside = 0
            public var squaredErrors = 0.0
        }
    }

    public static func clean(_ background: Background, series count: Int, seed: UInt64) -> CleanScore {
        var random = SplitMix64(seed: seed)
        let start = Month(year: 2020, month: 1)!
        let series = (0..<count).map { i -> Series in
            let months = 37 + Int(random.uniform() * 30)
            let values = background.values(months: months, random: &random).values
            return Series(key: SeriesKey(area: "E\(i)", metric: "referrals"), start: start, values: values,
                          status: values.map { _ in .observed })
        }
        let fits = Exceptions.oneStepFits(series)
        var score = CleanScore()
        for (s, fit) in zip(series, fits) {
            guard let first = fit.forecast.first, let y = s.values.last else { continue }
            let range = first.interval(level: 0.99)
            let outside = y < range.lower || y > range.upper
            let follows = fit.followedChange != nil
            let errors = fit.model == .ols ? (fit.errorProcess?.model ?? .iid).rawValue : fit.model.rawValue
            let specification = CleanScore.Specification(errors: errors, seasonal: fit.seasonality != .none, follows: follows)
            var split = score.bySpecification[specification] ?? CleanScore.Split()
            split.series += 1
            if outside { split.outside += 1 }
            if first.standardError > 0 {
                let z = (y - first.centre) / first.standardError
                split.squaredErrors += z * z
            }
            score.bySpecification[specification] = split
            score.series += 1
            if follows {
                score.followed += 1
                if outside { score.outsideWhenFollowed += 1 }
            } else if outside {
                score.outsideOtherwise += 1
            }
        }
        return score
    }

    /// Scores at one horizon of the three forecasts ``backtest(_:series:seed:size:)`` compares.
    public struct Scores: Sendable {
        public let longRun: Backtest.Score, singleRefit: Backtest.Score, averaged: Backtest.Score
    }

    /// By horizon, for changed and clean series; `changedByAge` splits the changed series' origins by
    /// how much of the change the training data hold (``ChangeAge``).
    public struct BacktestScore: Sendable {
        public var changed = [Int: Scores]()
        public var clean = [Int: Scores]()
        public var changedByAge = [ChangeAge: [Int: Scores]]()
    }

    /// How many months of a change the training data at an origin hold.
    public enum ChangeAge: String, CaseIterable, Sendable {
        /// The change begins after the origin: no model could have seen it.
        case ahead = "not yet begun"
        /// 1 … 6 months of it are in the data.
        case young = "1-6 months seen"
        /// More than 6 months of it are in the data.
        case established = "over 6 months seen"

        static func at(origin: Int, change: Int) -> ChangeAge {
            let seen = origin - change
            return seen <= 0 ? .ahead : seen <= 6 ? .young : .established
        }
    }

    public static let horizons = [1, 6, 12]

    public static func backtest(_ background: Background, series count: Int, seed: UInt64, size: Double = 4) -> BacktestScore {
        var random = SplitMix64(seed: seed)
        let start = Month(year: 2015, month: 1)!
        var changed = [Series](), clean = [Series]()
        var changeMonth = [String: Int]()
        for i in 0..<count {
            let months = 60 + Int(random.uniform() * 61)
            let at = months - 6 - Int(random.uniform() * 19)
            var (values, sigma) = background.values(months: months, random: &random)
            for t in at..<months {
                let change: Double
                switch i % 3 {
                case 1: change = size * sigma
                case 2: change = size * sigma * Double(t - at + 1) / 12
                default: continue
                }
                // Counts stay counts: a changed month is drawn from the Poisson of the changed mean (so the
                // series is still fitted as counts, and its noise grows with its mean).
                if background == .counts { values[t] = Double(random.poisson(FlagEvaluation.countsMean + change)) } else { values[t] += change }
            }
            let s = Series(key: SeriesKey(area: "E\(i)", metric: "referrals"), start: start, values: values,
                           status: values.map { _ in .observed })
            if i % 3 == 0 { clean.append(s) } else { changed.append(s); changeMonth[s.key.area] = at }
        }
        var options = Backtest.Options()
        options.origins = 12
        options.horizons = horizons
        var byAge = options
        byAge.stratum = { [changeMonth] key, origin in changeMonth[key.area].map { ChangeAge.at(origin: origin, change: $0).rawValue } }
        var trend = TrendOptions()
        trend.horizon = horizons.max()!
        let methods = [Backtest.Method(name: "long_run", options: trend),
                       Backtest.Method(name: "single_refit", options: trend, fit: { ChangeFollowingFit.fit($0, definition: $1, options: $2, spread: 0) }),
                       Backtest.Method(name: "averaged", options: trend, fit: ChangeFollowingFit.fit)]
        let onChanged = Backtest.run(changed, methods: methods, options: byAge)
        let onClean = Backtest.run(clean, methods: methods, options: options)
        func scores(_ r: [String: [Int: Backtest.Score]], _ h: Int) -> Scores {
            Scores(longRun: r["long_run"]![h]!, singleRefit: r["single_refit"]![h]!, averaged: r["averaged"]![h]!)
        }
        var score = BacktestScore()
        for h in horizons {
            score.changed[h] = scores(onChanged, h)
            score.clean[h] = scores(onClean, h)
            for age in ChangeAge.allCases {
                let of = { (method: String) in onChanged[method + "|" + age.rawValue]?[h] ?? Backtest.Score() }
                score.changedByAge[age, default: [:]][h] = Scores(longRun: of("long_run"), singleRefit: of("single_refit"), averaged: of("averaged"))
            }
        }
        return score
    }
}
