import ClinicData

/// The looked-after population month by month as a stock and its flows: children at the month end,
/// periods of care starting and ending in the month (ends by ``CareExit``), and the stock by age band,
/// placement group and time in care; with an SSDA903 UASC table, the unaccompanied asylum-seeking
/// children among them.
///
/// The stock is counted as `lac` is (children with an episode open at the month end, short breaks
/// removed), independently of how episodes were linked into periods; the flows come from the periods.
/// So the identity stock(end) = stock(month before) + starts − ends is a check, and what it fails by is
/// the month's `residual`, reported, never absorbed.
public struct CareFlows: Sendable {
    public struct MonthAccount: Sendable, Equatable {
        public let month: Month
        /// Children looked after at the end of the month before.
        public let stockStart: Int
        public let starts: Int
        /// Ends by reason, indexed by ``CareExit/allCases``.
        public let ends: [Int]
        public let stockEnd: Int
        /// Children at the month end by ``AgeBand`` (the last entry: no date of birth).
        public let byAge: [Int]
        /// Children at the month end by ``PlacementGroup``.
        public let byPlacement: [Int]
        /// Children at the month end by ``TimeInCareBand``.
        public let byTimeInCare: [Int]
        /// Unaccompanied asylum-seeking children; nil without a UASC table.
        public let uasc: UASC?

        public var totalEnds: Int { ends.reduce(0, +) }
        /// stock(end) − (stock(start) + starts − ends): 0 when the periods account for every change.
        public var residual: Int { stockEnd - (stockStart + starts - totalEnds) }
        public func ends(_ reason: CareExit) -> Int { ends[reason.index] }
    }

    /// The unaccompanied asylum-seeking children of a month: looked after at the end of the month
    /// before and of the month (each the `lac` count of children UASC on that day,
    /// ``ChildRecords/isUASC(_:on:)``), and periods of care starting in the month whose child was UASC
    /// on the day it started. The status can end in care (at 18 at the latest), so stockEnd − stockStart
    /// need not equal starts less the UASC children's ends.
    public struct UASC: Sendable, Equatable {
        public let stockStart: Int
        public let starts: Int
        public let stockEnd: Int
    }

    public let periods: [PeriodOfCare]
    public let months: [MonthAccount]
    /// Notes from linking the periods.
    public let notes: [String]

    /// The account of every month from `first` to `last` (the months the Episodes files cover; see
    /// ``coveredMonths(_:)``), read as of the end of `last`: events after it have not happened.
    public init(_ records: ChildRecords, first: Month, last: Month) {
        let (periods, linkNotes) = PeriodsOfCare.link(records)
        self.periods = periods
        // Periods whose first episode lacks RNE = S: expected when it started before the first file's
        // year (its earlier episodes are in no file); worth a look when it started later.
        let withoutS = periods.filter { !$0.startsWithS && $0.start.month >= first }
        var notes = linkNotes
        if !withoutS.isEmpty {
            let n = withoutS.count
            notes.append("\(n) period\(n == 1 ? "" : "s") of care starting from \(first) on \(n == 1 ? "does" : "do") not begin with RNE = S (first at \(withoutS.map(\.source).sorted().first!)); each is counted as a start in the flows")
        }
        self.notes = notes
        let n = max(0, first.distance(to: last) + 1)
        // Month-end stock the `lac` way: each child once, from the episodes themselves.
        let stock = RecordMeasures.childrenLookedAfter(records, first: first.advanced(by: -1), count: n + 1)
        var starts = [Int](repeating: 0, count: n), ends = [[Int]](repeating: [Int](repeating: 0, count: CareExit.allCases.count), count: n)
        var byAge = [[Int]](repeating: [Int](repeating: 0, count: AgeBand.allCases.count + 1), count: n)
        var byPlacement = [[Int]](repeating: [Int](repeating: 0, count: PlacementGroup.allCases.count), count: n)
        var byTime = [[Int]](repeating: [Int](repeating: 0, count: TimeInCareBand.allCases.count), count: n)
        let uascStock = records.hasUASCTable ? RecordMeasures.childrenLookedAfter(records, first: first.advanced(by: -1), count: n + 1, uascOnly: true) : nil
        var uascStarts = [Int](repeating: 0, count: n)
        for p in periods {
            let s = first.distance(to: p.start.month)
            if s >= 0 && s < n { starts[s] += 1 }
            if s >= 0 && s < n && records.isUASC(p.child, on: p.start) { uascStarts[s] += 1 }
            if let end = p.end, let exit = p.exit {
                let e = first.distance(to: end.month)
                if e >= 0 && e < n { ends[e][exit.index] += 1 }
            }
            // Month ends at which the period is open: from its start month to the month before its end's.
            let lastOpen = p.end.map { first.distance(to: $0.month) - 1 } ?? (n - 1)
            let openFrom = max(0, s), openTo = min(n - 1, lastOpen)
            guard openFrom <= openTo else { continue }
            for k in openFrom...openTo {
                let day = Day.last(of: first.advanced(by: k))
                let band = p.birth.flatMap { AgeBand(birth: $0, on: day) }
                byAge[k][band?.index ?? AgeBand.allCases.count] += 1
                byPlacement[k][p.placementGroup(on: day).index] += 1
                byTime[k][TimeInCareBand(months: p.monthsInCare(on: day)).index] += 1
            }
        }
        months = (0..<n).map { k in
            MonthAccount(month: first.advanced(by: k), stockStart: stock[k], starts: starts[k], ends: ends[k], stockEnd: stock[k + 1],
                         byAge: byAge[k], byPlacement: byPlacement[k], byTimeInCare: byTime[k],
                         uasc: uascStock.map { UASC(stockStart: $0[k], starts: uascStarts[k], stockEnd: $0[k + 1]) })
        }
    }

    /// The account of `month`, if it is covered.
    public func account(_ month: Month) -> MonthAccount? {
        guard let first = months.first?.month else { return nil }
        let k = first.distance(to: month)
        return months.indices.contains(k) ? months[k] : nil
    }

    /// The months whose stock is complete: from the April of the first collection year the Episodes files
    /// cover to the latest date in them (no later than `asOf`). Nil without episodes.
    public static func coveredMonths(_ records: ChildRecords, asOf: Month?) -> ClosedRange<Month>? {
        let dates = records.episodes.flatMap { [$0.start.month] + ($0.end.map { [$0.month] } ?? []) }
        guard var latest = dates.max(), var first = dates.min() else { return nil }
        if let low = records.episodeYears.min() { first = CollectionYears.months(of: low).lowerBound }
        if let high = records.episodeYears.max() { latest = min(latest, CollectionYears.months(of: high).upperBound) }
        if let asOf { latest = min(latest, asOf) }
        return first <= latest ? first...latest : nil
    }
}

extension CareExit {
    public var index: Int { CareExit.allCases.firstIndex(of: self)! }
}
