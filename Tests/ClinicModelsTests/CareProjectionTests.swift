import ClinicData
import ClinicModels
import ClinicNumerics
import Foundation
import Testing

/// The stock-and-flow projection on cases whose answer is known: exact ageing out at 18, and the exit
/// rate recovered from children who leave at a known constant rate.
@Suite("Care projection")
struct CareProjectionTests {
    let origin = Month(year: 2024, month: 3)!
    let historyStart = Month(year: 2020, month: 4)!

    func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    /// Children in care since 2015 who never left and no new children for years: no exit other than the
    /// 18th birthday can happen (the estimated rate is 0, with no uncertainty), so every path is the same
    /// and the total falls by one on each month end after a birthday: known by hand.
    @Test func childrenLeaveExactlyOnTheir18thBirthdays() throws {
        // Birthdays: 18 on 15 May 2024 (leaves by the end of May), 1 July 2024 (by the end of July), 31 July
        // 2024 (by the end of July), 1 August 2024 (by the end of August); two much younger.
        let births = [day(2006, 5, 15), day(2006, 7, 1), day(2006, 7, 31), day(2006, 8, 1), day(2012, 1, 10), day(2019, 6, 30)]
        let spells = births.map { CareProjection.Spell(birth: $0, start: day(2015, 1, 5), end: nil, placements: [.init(start: day(2015, 1, 5), group: 0)]) }
        var options = CareProjection.Options()
        options.horizon = 6
        options.paths = 40
        let p = try CareProjection(spells, origin: origin, historyStart: historyStart, options: options)
        #expect(p.startTotal == 6)
        #expect(p.total.map(\.mean) == [6, 5, 5, 3, 2, 2])                 // Apr, May, Jun, Jul, Aug, Sep
        #expect(p.total.allSatisfy { $0.lower95 == $0.mean && $0.upper95 == $0.mean })
        #expect(p.dueToTurn18 == 4)
        // Ages: the 16 and 17 band empties as they turn 18; the child born June 2019 turns 5 on 30 June.
        #expect(p.byAge[AgeBand.sixteenToSeventeen.index].map(\.mean) == [4, 3, 3, 1, 0, 0])
        #expect(p.byAge[AgeBand.oneToFour.index].map(\.mean) == [1, 1, 0, 0, 0, 0])
        #expect(p.byAge[AgeBand.fiveToNine.index].map(\.mean) == [0, 0, 1, 1, 1, 1])
    }

    /// 1,200 children in care, each leaving in any month with probability 0.05, for four years of
    /// history; none enter. The estimated rate matches the exits over the window, and the projected
    /// mean after 12 months is within 2% of N·(1 − ĥ)^12 for the N in care at the origin.
    @Test func aConstantExitRateIsRecovered() throws {
        var random = SplitMix64(seed: 7)
        var spells = [CareProjection.Spell]()
        let first = historyStart
        for child in 0..<1200 {
            let start = Day(year: 2019, month: 1, day: 1 + child % 28)!
            var end: Day?
            var m = first
            while m <= origin {
                if random.uniform() < 0.05 { end = Day(year: m.year, month: m.month, day: 10)!; break }
                m = m.advanced(by: 1)
            }
            // Born so that nobody is near 18: aged 5 to 9 throughout.
            spells.append(.init(birth: Day(year: 2016, month: 1 + child % 12, day: 3)!, start: start, end: end, placements: [.init(start: start, group: 0)]))
        }
        var options = CareProjection.Options()
        options.horizon = 12
        options.paths = 400
        options.exitWindow = 24
        let p = try CareProjection(spells, origin: origin, historyStart: historyStart, options: options)
        // Exits and exposure over the 24 months to the origin, counted here by hand.
        var exposure = 0.0, exits = 0.0
        for k in 0..<24 {
            let e1 = Day.last(of: origin.advanced(by: -k)), e0 = Day.last(of: origin.advanced(by: -k - 1))
            for s in spells where s.start <= e0 && (s.end.map { $0 > e0 } ?? true) {
                exposure += 1
                if let end = s.end, end <= e1 { exits += 1 }
            }
        }
        let h = exits / exposure
        let rate = p.exitRates[AgeBand.fiveToNine.index][TimeInCareBand.threeYearsOrMore.index]
        #expect(abs(rate - h) < 1e-12, "\(rate) against \(h)")      // one cell: the pooled prior is the same rate
        #expect(abs(h - 0.05) < 0.01)
        let expected = Double(p.startTotal) * pow(1 - h, 12)
        #expect(abs(p.total[11].mean - expected) / expected < 0.02, "\(p.total[11].mean) against \(expected)")
        // The 95% range is about the binomial spread's (±1.96 SD) or wider, as the rate is uncertain too, but not wild.
        let binomialSD = (Double(p.startTotal) * pow(1 - h, 12) * (1 - pow(1 - h, 12))).squareRoot()
        let width = p.total[11].upper95 - p.total[11].lower95
        #expect(width > 3.5 * binomialSD && width < 8 * binomialSD, "\(width) against binomial SD \(binomialSD)")
    }

    /// The entry rate's wander, by hand: the history (47 months) holds three 12-month blocks back from
    /// the origin, with 10, 30 and 10 entrants; mean 50/3, mean squared change 400, so the excess over
    /// Poisson counts is 400 − 2·50/3 = 1100/3, the yearly variance of the log rate's random walk
    /// (1100/3) / (50/3)² = 1.32, and the monthly SD √(1.32/12) = √0.11.
    /// Steady blocks (20, 20, 20) show no excess, so no wander of their own: the projection then takes
    /// the least wander English authorities show (``CareProjection/Wander/england``), or none without it.
    @Test func entryDriftFromYearToYearChanges() throws {
        func spells(_ blocks: [Int]) -> [CareProjection.Spell] {
            blocks.enumerated().flatMap { j, n in
                (0..<n).map { i in
                    let month = origin.advanced(by: -12 * j - 5)
                    let start = Day(year: month.year, month: month.month, day: 1 + i % 20)!
                    return CareProjection.Spell(birth: Day(year: 2015, month: 1, day: 1)!, start: start, end: nil, placements: [.init(start: start, group: 0)])
                }
            }
        }
        var options = CareProjection.Options()
        options.horizon = 1
        options.paths = 20
        let wandering = try CareProjection(spells([10, 30, 10]), origin: origin, historyStart: historyStart, options: options)
        #expect(abs(wandering.entryDrift - 0.11.squareRoot()) < 1e-12, "\(wandering.entryDrift)")
        let steady = try CareProjection(spells([20, 20, 20]), origin: origin, historyStart: historyStart, options: options)
        #expect(abs(steady.entryDrift - (0.0092 / 12).squareRoot()) < 1e-15)
        options.wanderFloor = .none
        #expect(try CareProjection(spells([20, 20, 20]), origin: origin, historyStart: historyStart, options: options).entryDrift == 0)
    }

    /// The rates of leaving's wander, by hand. 100 children in care throughout, and children in care
    /// since 2015 who leave on the 15th of the month 6 months into each 12-month block back from the
    /// origin (block 0 the latest): 10, 20 and 10 of them. A leaver is at risk for the 7 month-ends up
    /// to its exit in its own block and all 12 in the blocks before it, so the child-months at risk are
    /// 1,200 + 70 = 1,270 (block 0), 1,200 + 140 + 120 = 1,460 (block 1) and 1,200 + 70 + 360 = 1,630
    /// (block 2). The log rates' changes, less the Poisson part 1/10 + 1/20, squared and averaged over
    /// the two pairs, over 12, give the monthly variance.
    @Test func exitDriftFromYearToYearChanges() throws {
        let birth = day(2015, 1, 1)
        var spells = (0..<100).map { _ in
            CareProjection.Spell(birth: birth, start: day(2016, 1, 5), end: nil, placements: [.init(start: day(2016, 1, 5), group: 0)])
        }
        for (block, leavers) in [10, 20, 10].enumerated() {
            let month = origin.advanced(by: -12 * block - 5)
            let end = Day(year: month.year, month: month.month, day: 15)!
            spells += (0..<leavers).map { _ in
                CareProjection.Spell(birth: birth, start: day(2016, 1, 5), end: end, placements: [.init(start: day(2016, 1, 5), group: 0)])
            }
        }
        let first = log((20.0 / 1460) / (10.0 / 1270)), second = log((10.0 / 1630) / (20.0 / 1460))
        let variance = ((first * first - 0.15) + (second * second - 0.15)) / 2 / 12
        var options = CareProjection.Options()
        options.horizon = 1
        options.paths = 20
        options.wanderFloor = .none
        let p = try CareProjection(spells, origin: origin, historyStart: Month(year: 2021, month: 3)!, options: options)
        #expect(abs(p.exitDrift - variance.squareRoot()) < 1e-12, "\(p.exitDrift) against \(variance.squareRoot())")
        // The same blocks with 10 leavers each vary less than Poisson counts: no wander of their own, so
        // the English floor.
        options.wanderFloor = .england
        let stayers = spells.filter { $0.end == nil }, leavers = spells.filter { $0.end != nil }
        var steady: [CareProjection.Spell] = stayers
        steady += leavers.prefix(10)
        steady += leavers.dropFirst(10).prefix(10)
        steady += leavers.suffix(10)
        let q = try CareProjection(steady, origin: origin, historyStart: Month(year: 2021, month: 3)!, options: options)
        #expect(q.exitDrift == CareProjection.Wander.england.exit)
        options.wanderFloor = .none
        #expect(try CareProjection(steady, origin: origin, historyStart: Month(year: 2021, month: 3)!, options: options).exitDrift == 0)
    }

    /// Entrants over the last 12 months, counted as the rate counts them (in care at the end of the
    /// month they came in), beside the 24-month rate: two children a month who stay from April 2022 to
    /// March 2023, then three who stay and one who leaves within its month: 24 + 36 = 60 counted over
    /// 24 months (2.5 a month), 36 in the last 12. A step from 2 to 3 a month over a year is weak
    /// evidence of a shift: its posterior probability is 0.19395 (worked in Python from the same formula,
    /// x̄ = 2.5), so the rate the paths expect is 30.78 a year (each reading's months since its shift
    /// with one more month at 2.5), not the window's 30, and no month is named.
    @Test func theLastYearsEntrantsBesideTheRate() throws {
        var spells = [CareProjection.Spell]()
        var m = Month(year: 2022, month: 4)!
        while m <= origin {
            let start = Day(year: m.year, month: m.month, day: 5)!
            let staying = m < Month(year: 2023, month: 4)! ? 2 : 3
            for _ in 0..<staying {
                spells.append(.init(birth: day(2016, 2, 3), start: start, end: nil, placements: [.init(start: start, group: 0)]))
            }
            if staying == 3 {
                spells.append(.init(birth: day(2016, 2, 3), start: start, end: Day(year: m.year, month: m.month, day: 20)!,
                                    placements: [.init(start: start, group: 0)]))
            }
            m = m.advanced(by: 1)
        }
        var options = CareProjection.Options()
        options.horizon = 3
        options.paths = 20
        let p = try CareProjection(spells, origin: origin, historyStart: historyStart, options: options)
        #expect(p.entryShiftMonth == nil && p.entriesBeforeShift == nil)
        #expect(abs(p.entryShiftProbability - 0.193952425990238) < 1e-12)
        #expect(abs(p.entriesOverWindow - 2.5) < 1e-12)
        #expect(abs(p.entriesPerMonth.reduce(0, +) * 12 - 30.781087886668328) < 1e-10)
        #expect(p.entrantsLast12Months == 36)
        #expect(p.sentence.contains("arrivals at about 31 a year (the last 24 months' rate, 30, allowing for a shift in their level: "
                                    + "probability 19%; 36 in the last 12 months, counting children"), "\(p.sentence)")
    }

    /// The paths follow the posterior: 10 children a month come into care (and stay) for a year, then 2
    /// a month for a year, nobody leaves. A shift is certain to 12 digits, likeliest from April 2023 (the
    /// first month of the new level), and the rate the paths expect is 2.309 a month (worked in Python:
    /// the readings' (X + 6)/(m + 1) weighed by their posterior), not the window's 6. So one month on,
    /// the 2,000 paths' mean is the 144 children now plus about 2.3, within 0.2 (five times the Monte
    /// Carlo error); a projection that ignored the readings would add 6. A steady 5 a month makes a shift
    /// less likely than its prior and gives exactly 5 a month, whatever the readings' weights.
    @Test func pathsFollowTheShiftInEntries() throws {
        func spells(_ perMonth: (Month) -> Int) -> [CareProjection.Spell] {
            var out = [CareProjection.Spell]()
            var m = Month(year: 2022, month: 4)!
            while m <= origin {
                let start = Day(year: m.year, month: m.month, day: 5)!
                for _ in 0..<perMonth(m) { out.append(.init(birth: day(2016, 2, 3), start: start, end: nil, placements: [.init(start: start, group: 0)])) }
                m = m.advanced(by: 1)
            }
            return out
        }
        var options = CareProjection.Options()
        options.horizon = 1
        let stepped = try CareProjection(spells { $0 < Month(year: 2023, month: 4)! ? 10 : 2 }, origin: origin, historyStart: historyStart,
                                         options: options)
        #expect(stepped.startTotal == 144)
        #expect(stepped.entryShiftProbability > 1 - 1e-11)
        #expect(stepped.entryShiftMonth == Month(year: 2023, month: 4)!)
        #expect(stepped.entriesBeforeShift == 10 && stepped.entriesSinceShift == 2 && stepped.entriesOverWindow == 6)
        #expect(stepped.sentence.contains("likeliest a fall in April 2023 from about 120 a year over the 12 months before it to 24 over the 12 months since;"),
                "\(stepped.sentence)")
        #expect(abs(stepped.entriesPerMonth.reduce(0, +) - 2.3091574069497707) < 1e-9)
        #expect(abs(stepped.total[0].mean - (144 + stepped.entriesPerMonth.reduce(0, +))) < 0.2, "\(stepped.total[0].mean)")
        let steady = try CareProjection(spells { _ in 5 }, origin: origin, historyStart: historyStart, options: options)
        #expect(steady.entryShiftProbability > 0 && steady.entryShiftProbability < options.entryShiftPrior)
        #expect(steady.entryShiftMonth == nil && steady.entriesSinceShift == nil)
        #expect(abs(steady.entriesPerMonth.reduce(0, +) - 5) < 1e-12)
    }

    /// The posterior over shifts against Bayes' rule worked by quadrature, not by the conjugate formula:
    /// each reading's marginal likelihood is ∫ Π Poisson(xᵢ | λ_segment) Gamma(λ | x̄, 1) dλ per segment,
    /// integrated numerically (Simpson, λ from 0 to 60 in 60,000 steps, in logs scaled by their
    /// maximum), times the prior (0.75 for none, 0.25 / 19 for each month). 12 months of 10 entrants
    /// then 12 of 5: a shift above 99% likely, most likely before month 12. An even window makes a shift
    /// less likely than the prior says; no prior, no entrants or too few months leave "no shift" alone.
    @Test func entryShiftPosteriorIsBayesRule() {
        func logMarginal(_ x: ArraySlice<Double>, mean: Double) -> Double {
            // log ∫ λ^(X + a − 1) e^(−λ(m + 1)) dλ / Γ(a) − Σ log xᵢ!, a = mean, by Simpson's rule.
            let total = x.reduce(0, +), m = Double(x.count), a = mean
            let steps = 60_000, width = 60.0 / Double(steps)
            func logIntegrand(_ l: Double) -> Double { l > 0 ? (total + a - 1) * log(l) - l * (m + 1) : -.infinity }
            let values = (0...steps).map { logIntegrand(Double($0) * width) }
            let top = values.max()!
            var sum = 0.0
            for (i, v) in values.enumerated() { sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * exp(v - top) }
            return top + log(sum * width / 3) - lgamma(a) - x.reduce(0) { $0 + lgamma($1 + 1) }
        }
        let x = [Double](repeating: 10, count: 12) + [Double](repeating: 5, count: 12)
        let mean = 7.5
        var logs = [log(0.75) + logMarginal(x[...], mean: mean)]
        for k in 3...21 { logs.append(log(0.25 / 19) + logMarginal(x[..<k], mean: mean) + logMarginal(x[k...], mean: mean)) }
        let top = logs.max()!, weights = logs.map { exp($0 - top) }, sum = weights.reduce(0, +)
        let posterior = CareProjection.entryShiftPosterior(x, prior: 0.25)
        #expect(posterior.map(\.start) == [0] + Array(3...21))
        for (p, w) in zip(posterior, weights) { #expect(abs(p.weight - w / sum) < 1e-9, "\(p.start)") }
        #expect(posterior[0].weight < 0.01)
        #expect(posterior.max { $0.weight < $1.weight }?.start == 12)
        let even = CareProjection.entryShiftPosterior([Double](repeating: 10, count: 24), prior: 0.25)
        #expect(1 - even[0].weight < 0.25 && 1 - even[0].weight > 0)
        for none in [CareProjection.entryShiftPosterior(x, prior: 0), CareProjection.entryShiftPosterior([Double](repeating: 0, count: 24), prior: 0.25),
                     CareProjection.entryShiftPosterior([4, 6, 5, 5, 4], prior: 0.25)] {
            #expect(none.count == 1 && none[0].start == 0 && none[0].weight == 1)
        }
    }

    @Test func tooLittleHistoryIsAProblemNotACrash() throws {
        let spell = CareProjection.Spell(birth: nil, start: day(2023, 1, 1), end: nil, placements: [.init(start: day(2023, 1, 1), group: 0)])
        #expect(throws: CareProjection.Problem.tooLittleHistory(needed: 12)) {
            try CareProjection([spell], origin: origin, historyStart: Month(year: 2023, month: 6)!, options: .init())
        }
    }
}
