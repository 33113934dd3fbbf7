import ClinicData

/// Why the number of children looked after moved between two month ends: the change decomposed into
/// the periods of care that started and ended (ends by reason), each flow against the same months a
/// year earlier, the stock by age band and placement group at both ends, and the children due to turn
/// 18 in the next 12 months (from their dates of birth).
///
/// Numeric contract: `stockEnd − stockStart = starts − ends + residual` exactly, with `residual` the sum
/// of the months' ``CareFlows/MonthAccount/residual`` (0 when the periods account for every change).
public struct CareExplanation: Sendable, Equatable {
    public struct Flow: Sendable, Equatable {
        /// Nil for starts.
        public let exit: CareExit?
        public let count: Int
        /// The same months a year earlier; nil when those months are not covered.
        public let countYearBefore: Int?

        /// The JSON name: `start` or `end:<group>`.
        public var name: String { exit.map { "end:\($0.rawValue)" } ?? "start" }
    }

    /// A group's children at the two ends of the window.
    public struct GroupChange: Sendable, Equatable {
        public let group: String
        public let label: String
        public let start: Int
        public let end: Int
        public var change: Int { end - start }
    }

    public let from: Month
    public let to: Month
    /// Children looked after at the end of the month before `from`, and at the end of `to`.
    public let stockStart: Int
    public let stockEnd: Int
    /// The stock's change over the same months a year earlier (nil when not covered).
    public let changeYearBefore: Int?
    /// Starts first, then ends in ``CareExit`` order.
    public let flows: [Flow]
    public let residual: Int
    /// Children looked after at the end of `to` whose 18th birthday falls in the 12 months after it.
    public let dueToTurn18: Int
    /// Children at the end of `to` with no date of birth (so not counted in ``dueToTurn18``).
    public let withoutBirthDate: Int
    public let byAge: [GroupChange]
    public let byPlacement: [GroupChange]
    /// Unaccompanied asylum-seeking children: looked after at the two ends, and periods of care they
    /// started in the window and the same months a year earlier. Nil without a UASC table.
    public let uasc: UASCChange?

    public struct UASCChange: Sendable, Equatable {
        public let stockStart: Int
        public let stockEnd: Int
        public let starts: Int
        public let startsYearBefore: Int?
    }

    public var change: Int { stockEnd - stockStart }
    public var starts: Flow { flows[0] }
    public func flow(_ exit: CareExit) -> Flow { flows.first { $0.exit == exit }! }
    public var ends: Int { flows.dropFirst().reduce(0) { $0 + $1.count } }
    public var endsYearBefore: Int? {
        flows.dropFirst().reduce(Optional(0)) { total, f in total.flatMap { t in f.countYearBefore.map { t + $0 } } }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The window reaches outside the months the files cover.
        case notCovered(from: Month, to: Month, covered: ClosedRange<Month>)
        case emptyWindow(from: Month, to: Month)

        public var description: String {
            switch self {
            case let .notCovered(from, to, covered):
                return "\(from) to \(to) is not inside the months the Episodes files cover (\(covered.lowerBound) to \(covered.upperBound)); the stock is complete only there"
            case let .emptyWindow(from, to):
                return "--from \(from) is after --to \(to)"
            }
        }
    }

    /// The explanation of `from`...`to` (whole months). `flows` must cover the month before `from`
    /// through `to`, and a year earlier for the comparison (otherwise that is nil).
    public init(_ flows: CareFlows, from: Month, to: Month) throws {
        guard from <= to else { throw Problem.emptyWindow(from: from, to: to) }
        guard let first = flows.months.first?.month, let last = flows.months.last?.month else {
            throw Problem.notCovered(from: from, to: to, covered: from...to)
        }
        guard from >= first, to <= last else { throw Problem.notCovered(from: from, to: to, covered: first...last) }
        func window(_ a: Month, _ b: Month) -> [CareFlows.MonthAccount]? {
            guard a >= first, b <= last else { return nil }
            return flows.months[first.distance(to: a)...first.distance(to: b)].map { $0 }
        }
        let now = window(from, to)!, before = window(from.advanced(by: -12), to.advanced(by: -12))
        self.from = from
        self.to = to
        stockStart = now.first!.stockStart
        stockEnd = now.last!.stockEnd
        changeYearBefore = before.map { $0.last!.stockEnd - $0.first!.stockStart }
        var list = [Flow(exit: nil, count: now.reduce(0) { $0 + $1.starts }, countYearBefore: before.map { $0.reduce(0) { $0 + $1.starts } })]
        for exit in CareExit.allCases {
            list.append(Flow(exit: exit, count: now.reduce(0) { $0 + $1.ends(exit) }, countYearBefore: before.map { $0.reduce(0) { $0 + $1.ends(exit) } }))
        }
        self.flows = list
        residual = now.reduce(0) { $0 + $1.residual }
        // Due to turn 18: open at the end of `to`, 18th birthday after it and no later than 12 months on.
        let endDay = Day.last(of: to), horizon = Day.last(of: to.advanced(by: 12))
        var due = 0, unknown = 0
        for p in flows.periods where p.isOpen(atEndOf: endDay) {
            guard let birth = p.birth else { unknown += 1; continue }
            let eighteenth = birth.adding(years: 18)
            if eighteenth > endDay && eighteenth <= horizon { due += 1 }
        }
        dueToTurn18 = due
        withoutBirthDate = unknown
        let b = now.last!
        // The stock by group at the end of the month before `from` is that month's account when covered;
        // at the first covered month it is counted from the periods directly.
        let startDay = Day.last(of: from.advanced(by: -1))
        var ageStart = [Int](repeating: 0, count: AgeBand.allCases.count + 1)
        var placeStart = [Int](repeating: 0, count: PlacementGroup.allCases.count)
        if let previous = flows.account(from.advanced(by: -1)) {
            ageStart = previous.byAge
            placeStart = previous.byPlacement
        } else {
            for p in flows.periods where p.isOpen(atEndOf: startDay) {
                ageStart[p.birth.flatMap { AgeBand(birth: $0, on: startDay) }?.index ?? AgeBand.allCases.count] += 1
                placeStart[p.placementGroup(on: startDay).index] += 1
            }
        }
        byAge = AgeBand.allCases.map { GroupChange(group: $0.rawValue, label: $0.label, start: ageStart[$0.index], end: b.byAge[$0.index]) }
            + (ageStart.last! + b.byAge.last! > 0 ? [GroupChange(group: "unknown", label: "no date of birth", start: ageStart.last!, end: b.byAge.last!)] : [])
        byPlacement = PlacementGroup.allCases.map {
            GroupChange(group: $0.rawValue, label: $0.label, start: placeStart[$0.index], end: b.byPlacement[$0.index])
        }
        if let first = now.first?.uasc, let last = now.last?.uasc {
            let beforeStarts = before.flatMap { months in months.allSatisfy { $0.uasc != nil } ? months.reduce(0) { $0 + $1.uasc!.starts } : nil }
            uasc = UASCChange(stockStart: first.stockStart, stockEnd: last.stockEnd, starts: now.reduce(0) { $0 + ($1.uasc?.starts ?? 0) },
                              startsYearBefore: beforeStarts)
        } else {
            uasc = nil
        }
    }
}
