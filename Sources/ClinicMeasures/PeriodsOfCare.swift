import ClinicData

/// One period of care: a run of a child's episodes with no gap (docs/DOMAIN.md, "Flows"), short breaks
/// (LS V3, V4) removed first.
public struct PeriodOfCare: Sendable, Equatable {
    /// A placement within the period: the PLACE code from the day an episode started.
    public struct Placement: Sendable, Equatable {
        public let start: Day
        public let code: String
    }

    public let child: String
    public let start: Day
    /// The end of its last episode; nil while the period is open.
    public let end: Day?
    /// REC of its last episode (nil while open).
    public let reasonCeased: String?
    /// The child's date of birth from the Header table, when there is one.
    public let birth: Day?
    /// Placements in the order they started (one per episode; a repeated code is kept, as a move between
    /// two carers of one group is still a move).
    public let placements: [Placement]
    /// Whether the first episode has RNE = S. A period starting otherwise (a return that lost its start,
    /// or a gap between episodes) still counts as a start in the flows, and is counted in the notes.
    public let startsWithS: Bool
    /// Where the first episode is (file:line), for notes.
    public let source: String

    /// How the period ended (nil while open).
    public var exit: CareExit? {
        guard let end, let rec = reasonCeased else { return nil }
        return CareExit.of(reasonCeased: rec, end: end, birth: birth)
    }

    /// Whether the child is in this period at the end of `day` (started on or before it, not ended by it:
    /// a period ending on `day` has ended, as for `lac`).
    public func isOpen(atEndOf day: Day) -> Bool { start <= day && end.map { $0 > day } ?? true }

    /// The placement group on `day` (the latest placement started on or before it).
    public func placementGroup(on day: Day) -> PlacementGroup {
        let current = placements.last { $0.start <= day } ?? placements.first
        return current.map { PlacementGroup(place: $0.code) } ?? .other
    }

    /// Whole months in care by `day` (``TimeInCareBand/wholeMonths(from:to:)``).
    public func monthsInCare(on day: Day) -> Int { TimeInCareBand.wholeMonths(from: start, to: day) }
}

/// Links the episodes of ``ChildRecords`` into periods of care.
public enum PeriodsOfCare {
    /// The periods of every child, sorted by child then start, with notes on what was unusual (periods
    /// ending with X1; see ``PeriodOfCare/startsWithS`` for the other). An episode joins the period before it when it
    /// starts on or before the day the previous one ended (back to back, or overlapping: the return's
    /// validators reject overlaps and ``ChildRecords/sequenceWarnings()`` reports them).
    public static func link(_ records: ChildRecords) -> (periods: [PeriodOfCare], notes: [String]) {
        var periods = [PeriodOfCare]()
        var endingX1 = 0
        let kept = records.episodes.filter { !RecordMeasures.isShortBreak($0.legalStatus) }
        let byChild = ChildGroups(count: records.children.count, kept.map { $0.childID })
        let children = records.children
        for id in children.indices.sorted(by: { children[$0] < children[$1] }) where byChild.start[id] < byChild.start[id + 1] {
            let child = children[id]
            let episodes = byChild[id].map { kept[Int($0)] }.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            var i = 0
            while i < episodes.count {
                let first = episodes[i]
                var placements = [PeriodOfCare.Placement(start: first.start, code: first.placement.text)]
                // The furthest the period reaches so far (nil: open), and the episode that ends it.
                var reach = first.end, last = first
                var j = i + 1
                while j < episodes.count, let r = reach, episodes[j].start <= r {
                    let e = episodes[j]
                    placements.append(.init(start: e.start, code: e.placement.text))
                    if let end = e.end { if end >= r { reach = end; last = e } } else { reach = nil; last = e }
                    j += 1
                }
                if j < episodes.count && reach == nil {
                    // An open episode followed by others: they overlap it, so they belong to it.
                    while j < episodes.count { placements.append(.init(start: episodes[j].start, code: episodes[j].placement.text)); j += 1 }
                }
                let startsWithS = first.reasonNewEpisode == .started
                if reach != nil && last.reasonCeased == .x1 { endingX1 += 1 }
                periods.append(PeriodOfCare(child: child, start: first.start, end: reach, reasonCeased: reach == nil ? nil : last.reasonCeased?.text,
                                            birth: records.dateOfBirth[id], placements: placements.sorted { $0.start < $1.start },
                                            startsWithS: startsWithS, source: "\(records.file(of: first)):\(first.line)"))
                i = j
            }
        }
        var notes = [String]()
        if endingX1 > 0 {
            notes.append("\(endingX1) period\(endingX1 == 1 ? "" : "s") of care \(endingX1 == 1 ? "ends" : "end") with REC = X1 and no episode the same day; each is counted as an exit for another reason")
        }
        return (periods, notes)
    }
}
