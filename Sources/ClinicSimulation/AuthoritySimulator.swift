import ClinicNumerics
import ClinicData
import Foundation

/// A fictional children's services authority, simulated child by child: who comes into care and when,
/// their legal status, placement moves, missing episodes and how they leave; and the referrals the
/// front door receives. The records are written as SSDA903 and CIN tables, so every derived measure
/// can be checked by hand, and the injected events are known exactly (ground truth for detection).
///
/// Dynamics (all rates per month, all draws from one seeded generator, so a seed reproduces the
/// authority exactly):
/// - entries into care: Poisson with mean `entriesPerTenThousand` × population / 10,000, a slow trend
///   and a winter rise; ages at entry 0 (15%), 1–4 (18%), 5–9 (20%), 10–15 (37%), 16–17 (10%);
/// - legal status at entry: police protection (L1, 6%) lasting 1–3 days, then either home or a
///   back-to-back care episode; short breaks (V3, 3%) of 2–4 days; otherwise C2, C1, V2 or E1;
/// - time in care: exponential, mean 30 months for under-5s, 26 for 5–9, 18 for 10–15, ending at 18 at
///   the latest (REC E17 or E8); other exits return home (E13), adoption (E11, under-5s), orders
///   (E41, E45, E46) or other (E8); placement moves at 3.5% a month (RNE P or T, previous episode
///   REC X1);
/// - missing (M) and away (A) incidents only for children aged 12 or more in care;
/// - referrals: about `referralsPerTenThousand` × population / 10,000 a month (England: about 43), higher in winter,
///   lower in August (school holidays); 22% re-refer a child referred in the previous year; 14% from
///   the police (source 6); 7% no further action.
///
/// - unaccompanied asylum-seeking children: of the children coming into care at 14 to 17, boys 45% (16–17)
///   or 15% (14–15), girls 15% or 5%, their status ceasing on the 18th birthday (the SSDA903 UASC table);
///
/// Injected events (see ``Event``): a level shift in entries when an edge-of-care service starts, a
/// one-month spike in referrals, a trend change (rising missing incidents), and a change in a flow: the
/// share of unaccompanied asylum seekers among older children coming into care doubles when the National
/// Transfer Scheme becomes mandatory (`start:uasc`; it moves the UASC stock, not the other measures).
public struct AuthoritySimulator: Sendable {
    public struct Parameters: Sendable {
        public var code = "E99999999"
        public var name = "Fictional Borough"
        public var start = Month(year: 2012, month: 1)!
        public var months = 180
        public var population = 60_000.0
        public var entriesPerTenThousand = 2.2
        public var referralsPerTenThousand = 43.0
        public var events: [Event] = Event.standard
        public init() {}
    }

    /// A change injected into the simulation, with what it does to which measure.
    public struct Event: Sendable, Equatable {
        public enum Kind: String, Sendable { case spike, levelShift = "level_shift", trendChange = "trend_change" }
        public let kind: Kind
        /// A measure id, or a flow of the looked-after population as `clinic explain` names flows, with a
        /// part of it after a colon (`start:uasc`: unaccompanied asylum seekers coming into care).
        public let metric: String
        public let month: Month
        /// Spike and level shift: the multiplier on the underlying rate (0.8 = 20% fewer). Trend
        /// change: the extra multiplier gained per month after `month` (0.02 = +2% a month).
        public let size: Double
        public let description: String

        public static let standard: [Event] = [
            Event(kind: .levelShift, metric: "lac_starts", month: Month(year: 2022, month: 4)!, size: 0.75,
                  description: "the edge-of-care service starts: 25% fewer children come into care"),
            Event(kind: .spike, metric: "referrals", month: Month(year: 2024, month: 3)!, size: 1.6,
                  description: "a one-month surge of referrals after a serious case review (60% more)"),
            Event(kind: .trendChange, metric: "missing_incidents", month: Month(year: 2019, month: 6)!, size: 0.012,
                  description: "missing incidents start rising by 1.2% a month (county lines exploitation)"),
            Event(kind: .levelShift, metric: "start:uasc", month: Month(year: 2022, month: 2)!, size: 2,
                  description: "the National Transfer Scheme becomes mandatory: twice the share of 14 to 17 year olds coming into care are unaccompanied asylum seekers"),
        ]
    }

    /// The simulated records as CSV texts, and the ground truth.
    public struct Output: Sendable {
        public let header: String
        /// Episodes, one file per collection year (April–March), keyed by the year ending in March;
        /// an episode open across a year boundary appears in both years, as in real returns.
        public let episodesByYear: [Int: String]
        public let missing: String
        public let referrals: String
        /// The SSDA903 UASC table: unaccompanied asylum-seeking children and the date the status ceased.
        public let uasc: String
        /// `metric,month,event,size,description`, for the events up to the last simulated month.
        public let labels: String
        public let childrenSimulated: Int
    }

    public let parameters: Parameters

    public init(parameters: Parameters = Parameters()) { self.parameters = parameters }

    /// Months simulated before the window (so that the window starts with children already in care).
    static let burnIn = 72

    /// The months a simulation window may span: its children are born up to 18 years before the burn-in
    /// starts (six years before the window) and turn 18 up to 18 years after its last month, and every
    /// date must be one Clinic reads (``Day``: 1900 to 2100). ``run(seed:)`` requires the window inside.
    public static let supportedMonths = Month(year: 1900 + 18 + burnIn / 12, month: 1)!...Month(year: 2100 - 18, month: 12)!

    public func run(seed: UInt64) -> Output {
        var rng = SplitMix64(seed: seed)
        let p = parameters
        precondition(Self.supportedMonths.contains(p.start) && Self.supportedMonths.contains(p.start.advanced(by: p.months - 1)),
                     "the simulation window must lie within AuthoritySimulator.supportedMonths")
        let burnIn = Self.burnIn
        let first = p.start.advanced(by: -burnIn)
        let last = p.start.advanced(by: p.months - 1)
        let windowEnd = Day.last(of: last)
        func multiplier(_ metric: String, _ month: Month) -> Double {
            var m = 1.0
            for e in p.events where e.metric == metric {
                switch e.kind {
                case .spike: if month == e.month { m *= e.size }
                case .levelShift: if month >= e.month { m *= e.size }
                case .trendChange: if month > e.month { m *= 1 + e.size * Double(e.month.distance(to: month)) }
                }
            }
            return m
        }
        func day(in month: Month) -> Day {
            Day(year: month.year, month: month.month, day: rng.integer(in: 1...Day.length(month.year, month.month)))!
        }

        struct EpisodeRow { let child: Int; let start: Day; let rne: String; let ls: String; let end: Day?; let rec: String?; var place = "U4" }
        // Placements and the exits they lead to come from a stream of their own, so that they do not
        // move any other draw: the measures of a seed are the same with or without them.
        var placing = SplitMix64(seed: seed ^ 0x0050_4C41_4345)
        func placement(age: Int) -> String { Self.placement(age: age, random: &placing) }
        // So does whether a child is an unaccompanied asylum seeker.
        var asylum = SplitMix64(seed: seed ^ 0x0055_4153_4353)
        var uascRows = [(child: Int, row: String)]()
        var headerRows = [(child: Int, row: String)](), episodes = [EpisodeRow](), missingRows = [String]()
        var nextChild = 100_001
        let statuses = ["C2", "C1", "V2", "E1"], statusWeights = [0.5, 0.25, 0.2, 0.05]
        for offset in 0..<(burnIn + p.months) {
            let month = first.advanced(by: offset)
            let winter = [1, 2, 11, 12].contains(month.month) ? 1.12 : 1.0
            let trend = 1 + 0.002 * Double(offset - burnIn)
            let lambda = p.entriesPerTenThousand * p.population / 10_000 * winter * trend * multiplier("lac_starts", month)
            for _ in 0..<rng.poisson(lambda) {
                let child = nextChild
                nextChild += 1
                let entry = day(in: month)
                let ageBand = rng.choose([0.15, 0.18, 0.20, 0.37, 0.10])
                let age = [0, rng.integer(in: 1...4), rng.integer(in: 5...9), rng.integer(in: 10...15), rng.integer(in: 16...17)][ageBand]
                let born = Day(index: entry.index - Int32(age * 365 + rng.integer(in: 0...364)))
                let sex = rng.integer(in: 1...2)
                headerRows.append((child, "\(child),\(sex),\(born),WBRI,,,"))
                let eighteenth = born.adding(years: 18)
                var current = entry
                var rne = "S"
                let draw = rng.uniform()
                if draw < 0.06 {                                    // police protection first
                    let end = Day(index: entry.index + Int32(rng.integer(in: 1...3)))
                    if rng.uniform() < 0.5 {
                        episodes.append(EpisodeRow(child: child, start: entry, rne: "S", ls: "L1", end: end, rec: "E13", place: placement(age: age)))
                        continue
                    }
                    episodes.append(EpisodeRow(child: child, start: entry, rne: "S", ls: "L1", end: end, rec: "X1", place: placement(age: age)))
                    current = end
                    rne = "L"
                } else if draw < 0.09 {                             // a short break
                    let end = Day(index: entry.index + Int32(rng.integer(in: 2...4)))
                    episodes.append(EpisodeRow(child: child, start: entry, rne: "S", ls: "V3", end: end, rec: "E13", place: Self.pick(["U4", "U6", "K2"], [0.4, 0.4, 0.2], &placing)))
                    continue
                }
                if age >= 14 {
                    let share = (sex == 1 ? (age >= 16 ? 0.45 : 0.15) : (age >= 16 ? 0.15 : 0.05)) * multiplier("start:uasc", month)
                    if asylum.uniform() < share {
                        // The status ends on the 18th birthday; blank while it lasts.
                        uascRows.append((child, "\(child),\(sex),\(born),\(eighteenth <= windowEnd ? eighteenth.description : "")"))
                    }
                }
                let ls = statuses[rng.choose(statusWeights)]
                let meanMonths = age < 5 ? 30.0 : age < 10 ? 26.0 : 18.0
                var exit = Day(index: current.index + Int32(rng.exponential(mean: meanMonths) * 30.44))
                var reason: String
                if exit >= eighteenth {
                    exit = eighteenth
                    reason = rng.uniform() < 0.4 ? "E17" : "E8"
                } else {
                    let choices = age < 5 ? ["E13", "E11", "E41", "E45", "E8"] : ["E13", "E41", "E45", "E46", "E8"]
                    reason = choices[rng.choose([0.45, 0.2, 0.12, 0.13, 0.1])]
                    // Half of the other exits of 16 and 17 year olds are moves to independent living.
                    if reason == "E8", born.age(on: exit) >= 16, placing.uniform() < 0.5 { reason = placing.uniform() < 0.7 ? "E5" : "E6" }
                }
                // Placement moves and missing incidents, month by month while in care.
                var episodeStart = current
                var place = placement(age: born.age(on: current))
                var m = current.month
                while m <= min(exit.month, last) {
                    let monthEnd = Day.last(of: m)
                    if rng.uniform() < 0.035, monthEnd < exit {
                        let move = Day(index: max(episodeStart.index + 1, min(monthEnd.index, day(in: m).index)))
                        if move < exit {
                            episodes.append(EpisodeRow(child: child, start: episodeStart, rne: rne, ls: ls, end: move, rec: "X1", place: place))
                            episodeStart = move
                            place = placement(age: born.age(on: move))
                            rne = rng.uniform() < 0.6 ? "P" : "T"
                        }
                    }
                    if m >= p.start, born.age(on: monthEnd) >= 12 {
                        let rate = 0.10 * multiplier("missing_incidents", m)
                        for kind in ["M", "A"] {
                            for _ in 0..<rng.poisson(kind == "M" ? rate : 0.08) {
                                let start = day(in: m)
                                // Only while in care and aged 12 or more on the day it starts.
                                guard start >= current, start < exit, born.age(on: start) >= 12 else { continue }
                                let end = Day(index: start.index + Int32(rng.integer(in: 0...3)))
                                missingRows.append("\(child),\(born),\(kind),\(start),\(end > windowEnd ? "" : end.description)")
                            }
                        }
                    }
                    m = m.advanced(by: 1)
                }
                let ended = exit <= windowEnd
                // An adoption, or a move to independent living, follows a placement of that kind: placed for
                // adoption 3 to 9 months before the order, in supported accommodation 1 to 6 months before.
                let lead = reason == "E11" ? placing.integer(in: 90...270) : ["E5", "E6"].contains(reason) ? placing.integer(in: 30...180) : 0
                let settled = Day(index: exit.index - Int32(lead))
                if lead > 0, settled > episodeStart {
                    episodes.append(EpisodeRow(child: child, start: episodeStart, rne: rne, ls: ls, end: settled <= windowEnd ? settled : nil,
                                               rec: settled <= windowEnd ? "X1" : nil, place: place))
                    episodeStart = settled
                    rne = "P"
                    place = reason == "E11" ? Self.pick(["A3", "A4", "A5", "A6"], [0.05, 0.2, 0.15, 0.6], &placing)
                        : Self.pick(["H5", "P2"], [0.75, 0.25], &placing)
                }
                if settled <= windowEnd || lead == 0 {
                    episodes.append(EpisodeRow(child: child, start: episodeStart, rne: rne, ls: ls,
                                               end: ended ? exit : nil, rec: ended ? reason : nil, place: place))
                }
            }
        }

        // Episodes by collection year: every year (April to March) in which the episode was open.
        let windowStart = Day(year: p.start.year, month: p.start.month, day: 1)!
        let head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        var byYear = [Int: String]()
        let firstYear = p.start.month >= 4 ? p.start.year + 1 : p.start.year
        let lastYear = last.month >= 4 ? last.year + 1 : last.year
        for year in firstYear...lastYear {
            let from = max(Day(year: year - 1, month: 4, day: 1)!, windowStart), to = min(Day(year: year, month: 3, day: 31)!, windowEnd)
            var text = head
            for e in episodes where e.start <= to && (e.end.map { $0 >= from } ?? true) {
                // An episode still open at the end of this year's return has no end in this year's file.
                let closed = e.end.map { $0 <= to } ?? false
                text += "\(e.child),\(e.start),\(e.rne),\(e.ls),N1,\(e.place),PR1,\(closed ? e.end!.description : ""),\(closed ? e.rec! : ""),,,,\n"
            }
            byYear[year] = text
        }
        let childrenInWindow = Set(episodes.filter { $0.end.map { $0 >= windowStart } ?? true }.map(\.child))
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
            + headerRows.filter { childrenInWindow.contains($0.child) }.map(\.row).joined(separator: "\n") + "\n"

        // Referrals.
        var referralRows = [String](), recent = [(Day, Int)]()
        var oldest = 0                                              // recent[oldest...] were referred within a year
        var referralID = 1
        for offset in 0..<p.months {
            let month = p.start.advanced(by: offset)
            let seasonal = 1 + 0.12 * cos(2 * Double.pi * Double(month.month - 2) / 12) - (month.month == 8 ? 0.18 : 0)
            let lambda = p.referralsPerTenThousand * p.population / 10_000 * seasonal * multiplier("referrals", month)
            for _ in 0..<rng.poisson(lambda) {
                let date = day(in: month)
                let yearAgo = date.adding(years: -1)
                while oldest < recent.count && recent[oldest].0 < yearAgo { oldest += 1 }
                let child: Int
                if rng.uniform() < 0.22, oldest < recent.count {
                    child = recent[rng.integer(in: oldest...(recent.count - 1))].1
                } else {
                    child = nextChild; nextChild += 1
                }
                recent.append((date, child))
                let source = rng.uniform() < 0.14 ? "6" : ["1A", "2A", "3A", "5A", "8"][rng.choose([0.2, 0.3, 0.2, 0.2, 0.1])]
                let nfa = rng.uniform() < 0.07
                referralRows.append("\(child),\(referralID),\(date),\(source),N1,,,,\(nfa ? "true" : "false")")
                referralID += 1
            }
        }
        let uasc = "CHILD,SEX,DOB,DUC\n" + uascRows.filter { childrenInWindow.contains($0.child) }.map { $0.row + "\n" }.joined()
        let labels = "metric,month,event,size,description\n" + p.events.filter { $0.month <= last }.map {
            "\($0.metric),\($0.month),\($0.kind.rawValue),\($0.size),\"\($0.description)\""
        }.joined(separator: "\n") + "\n"
        return Output(
            header: header, episodesByYear: byYear,
            missing: "CHILD,DOB,MISSING,MIS_START,MIS_END\n" + missingRows.joined(separator: "\n") + "\n",
            referrals: "LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,DateOfInitialCPC,ReferralNFA\n"
                + referralRows.joined(separator: "\n") + "\n",
            uasc: uasc, labels: labels, childrenSimulated: nextChild - 100_001)
    }

    /// A placement code for a child of `age` (years) starting a placement: foster care for most, more
    /// residential care from 10, supported accommodation at 16 and 17, mother and baby units under 1.
    static func placement(age: Int, random: inout SplitMix64) -> String {
        let groups: [(codes: [String], weights: [Double])] = [
            (["U1", "U2", "U3", "U4", "U5", "U6"], [0.08, 0.02, 0.12, 0.25, 0.03, 0.5]),   // foster
            (["K2", "K1", "R1", "S1"], [0.8, 0.05, 0.05, 0.1]),                              // residential
            (["P1"], [1]),                                                                    // with parents
            (["H5", "P2"], [0.75, 0.25]),                                                     // independent or supported
            (["R3", "Z1"], age < 1 ? [1, 0] : [0, 1]),                                        // other
        ]
        let weights: [Double]
        switch age {
        case ..<1: weights = [0.85, 0, 0.05, 0, 0.10]
        case 1...4: weights = [0.9, 0, 0.08, 0, 0.02]
        case 5...9: weights = [0.88, 0.05, 0.06, 0, 0.01]
        case 10...15: weights = [0.72, 0.2, 0.05, 0, 0.03]
        default: weights = [0.55, 0.15, 0.03, 0.27, 0]
        }
        let g = groups[random.choose(weights)]
        return pick(g.codes, g.weights, &random)
    }

    static func pick(_ codes: [String], _ weights: [Double], _ random: inout SplitMix64) -> String { codes[random.choose(weights)] }
}
