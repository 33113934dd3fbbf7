import ClinicData
import ClinicIngest
import ClinicSeeds
/// Monthly measures derived from child-level records (docs/DOMAIN.md's measure table), exactly and
/// explainably:
///
/// Short breaks (episodes with legal status V3 or V4) are removed before every looked-after measure,
/// as DfE's statistics do; police protection (L1) is unaffected.
///
/// - `lac`: children with an episode open at the end of the month (started on or before the last day,
///   not ended by it: an episode ending on the last day has ended), each child once.
/// - `lac_uasc`: of `lac`, the children who were unaccompanied asylum seekers at the month end (listed in
///   an SSDA903 UASC table, the status not ceased (DUC) by then); only when a UASC table is read.
/// - `lac_starts`: children with an episode with RNE = S starting in the month (each child once).
/// - `lac_ceased`: children with an episode ending in the month with REC other than X1; `lac_ceased_18`
///   those 18 or older on the day it ended (date of birth from the Header table).
/// - `ppo`: police protection periods starting in the month: an L1 episode starts a period unless the
///   child's previous episode is also L1 and ended the day this one started (back to back); `ppo_children`
///   counts the children.
/// - `missing_incidents` / `away_incidents`: Missing rows with MISSING = M / A starting in the month;
///   `missing_children`: children with an M incident starting in the month.
/// - `referrals`: referrals dated in the month; `referrals_police`: those with ReferralSource 6;
///   `re_referrals_pct`: the percentage that came within 12 months of the same child's previous referral
///   (previous referral on or after the same date a year before; earlier files extend the window);
///   `referrals_nfa_pct`: the percentage with ReferralNFA true. A month without referrals has no
///   percentage (missing, not 0).
///
/// Months: the collection years the files cover (``CollectionYears``; April to March) — Episodes files for
/// the SSDA903 measures, referral files for the CIN ones — from the April of the first to the March of
/// the last — no later than `through`, and, when `through` falls before the last year's March (or is not
/// given), no later than the files' latest date, as that year may be in progress (the SSDA903 measures share one
/// span, Episodes and Missing together). A covered month
/// with no event is 0; a month inside that span whose year has no file is missing, not 0; months before
/// the first covered year are not emitted (before it, episodes that had already ended are absent and
/// `lac` would be understated) unless `from` asks for them. Without coverage (no dated rows) the months
/// run from the first to the last event.
public enum RecordMeasures {
    public static func monthly(_ records: ChildRecords, area: String = "", from start: Month? = nil,
                               through last: Month? = nil) -> (series: [Series], notes: [String]) {
        var out = [Series](), notes = records.coverageNotes
        /// The months to emit for measures of files covering `years`, events from `earliest` to `latest`.
        func span(_ years: Set<Int>, earliest: Month, latest: Month) -> (first: Month, end: Month, covered: (Month) -> Bool) {
            guard let low = years.min(), let high = years.max() else {
                return (start.map { max($0, earliest) } ?? earliest, last.map { min($0, latest) } ?? latest, { _ in true })
            }
            let coveredFirst = CollectionYears.months(of: low).lowerBound
            // The last year is complete when `through` reaches its March; when `through` falls before (or
            // is not given) it may be in progress, so no further than the files' latest date.
            let lastYearEnd = CollectionYears.months(of: high).upperBound
            let coveredEnd: Month
            if let through = last, through >= lastYearEnd { coveredEnd = lastYearEnd }
            else { coveredEnd = min(lastYearEnd, last ?? latest, latest) }
            return (start ?? coveredFirst, coveredEnd, { m in m < coveredFirst || years.contains(CollectionYears.year(of: m)) })
        }
        func series(_ metric: String, _ counts: [Month: Double], _ range: (first: Month, end: Month, covered: (Month) -> Bool),
                    missingWhenAbsent: Bool = false) {
            let (first, end, covered) = range
            guard first <= end else { return }
            let n = first.distance(to: end) + 1
            var values = [Double](repeating: 0, count: n), status = [ObservationStatus](repeating: .observed, count: n)
            for i in 0..<n {
                let month = first.advanced(by: i)
                if !covered(month) { values[i] = .nan; status[i] = .missing }
                else if let v = counts[month] { values[i] = v }
                else if missingWhenAbsent { values[i] = .nan; status[i] = .missing }
            }
            out.append(Series(key: SeriesKey(area: area, metric: metric), start: first, values: values, status: status))
        }
        let gaps903 = gapYears(records.episodeYears), gapsCIN = gapYears(records.referralYears)
        if !gaps903.isEmpty { notes.append("no Episodes file for the collection year\(gaps903.count == 1 ? "" : "s") \(gaps903.map(String.init).joined(separator: ", ")): those months are missing, not 0") }
        if !gapsCIN.isEmpty { notes.append("no referral file for the collection year\(gapsCIN.count == 1 ? "" : "s") \(gapsCIN.map(String.init).joined(separator: ", ")): those months are missing, not 0") }

        // The SSDA903 measures share the months of the 903 tables (Episodes and Missing) together.
        var latestDay: Day?
        // (Loops here index the arrays: iterating them would copy each record, retaining its text.)
        for i in records.episodes.indices {
            let start = records.episodes[i].start
            latestDay = max(latestDay ?? start, start, records.episodes[i].end ?? start)
        }
        for i in records.missing.indices { latestDay = max(latestDay ?? records.missing[i].start, records.missing[i].start) }
        let latest903 = latestDay?.month

        // Looked after children.
        let episodes = records.episodes
        if let first = episodes.map(\.start.month).min() {
            let range = span(records.episodeYears, earliest: first, latest: latest903!)
            let end = range.end
            var lac = [Month: Double](), starts = ChildrenByMonth(), ceased = ChildrenByMonth(), ceased18 = ChildrenByMonth()
            var withoutBirthDate = Set<Int32>()
            for i in episodes.indices where !isShortBreak(episodes[i].legalStatus) {
                let child = episodes[i].childID
                if episodes[i].reasonNewEpisode == .started { starts.insert(child, episodes[i].start.month) }
                if let dec = episodes[i].end, let rec = episodes[i].reasonCeased, rec != .x1 {
                    ceased.insert(child, dec.month)
                    if let dob = records.dateOfBirth[Int(child)] {
                        if dob.age(on: dec) >= 18 { ceased18.insert(child, dec.month) }
                    } else {
                        withoutBirthDate.insert(child)
                    }
                }
            }
            let count = max(0, range.first.distance(to: end) + 1)
            for (k, v) in childrenLookedAfter(records, first: range.first, count: count).enumerated() where v > 0 {
                lac[range.first.advanced(by: k)] = Double(v)
            }
            series("lac", lac, range)
            if records.hasUASCTable {
                var uasc = [Month: Double]()
                for (k, v) in childrenLookedAfter(records, first: range.first, count: count, uascOnly: true).enumerated() where v > 0 {
                    uasc[range.first.advanced(by: k)] = Double(v)
                }
                series("lac_uasc", uasc, range)
            }
            series("lac_starts", starts.counts(), range)
            series("lac_ceased", ceased.counts(), range)
            series("lac_ceased_18", ceased18.counts(), range)
            if !withoutBirthDate.isEmpty {
                notes.append("\(withoutBirthDate.count) child\(withoutBirthDate.count == 1 ? "" : "ren") who ceased to be looked after \(withoutBirthDate.count == 1 ? "has" : "have") no date of birth in a Header table, so lac_ceased_18 may undercount")
            }

            // Police protection periods.
            var periods = [Month: Double](), ppoChildren = ChildrenByMonth()
            let byChild = ChildGroups(count: records.children.count, episodes.map { $0.childID })
            var sorted = [Int32]()
            for child in 0..<byChild.childCount {
                let list = byChild[child]
                // Only children with a police protection episode can start a period.
                guard list.contains(where: { episodes[Int($0)].legalStatus == .l1 }) else { continue }
                sorted.removeAll(keepingCapacity: true)
                sorted.append(contentsOf: list)
                sorted.sort { episodes[Int($0)].start < episodes[Int($1)].start }
                for (k, i) in sorted.enumerated() where episodes[Int(i)].legalStatus == .l1 {
                    let start = episodes[Int(i)].start
                    let previous = k > 0 ? Int(sorted[k - 1]) : nil
                    let continues = previous.map { episodes[$0].legalStatus == .l1 && episodes[$0].end == start } ?? false
                    if !continues {
                        periods[start.month, default: 0] += 1
                        ppoChildren.insert(Int32(child), start.month)
                    }
                }
            }
            series("ppo", periods, range)
            series("ppo_children", ppoChildren.counts(), range)
        }

        // Missing and away incidents.
        if let first = records.missing.map(\.start.month).min() {
            let range = span(records.episodeYears, earliest: first, latest: latest903!)
            var missing = [Month: Double](), away = [Month: Double](), children = ChildrenByMonth()
            for i in records.missing.indices {
                let month = records.missing[i].start.month
                if records.missing[i].kind == .missing {
                    missing[month, default: 0] += 1
                    children.insert(records.missing[i].childID, month)
                } else {
                    away[month, default: 0] += 1
                }
            }
            series("missing_incidents", missing, range)
            series("away_incidents", away, range)
            series("missing_children", children.counts(), range)
        }

        // Referrals.
        if let first = records.referrals.map(\.date.month).min() {
            let range = span(records.referralYears, earliest: first, latest: records.referrals.map(\.date.month).max()!)
            var count = [Month: Double](), police = [Month: Double](), rereferrals = [Month: Double](), nfa = [Month: Double]()
            let byChild = ChildGroups(count: records.children.count, records.referrals.map { $0.childID })
            for child in 0..<byChild.childCount where byChild.start[child] < byChild.start[child + 1] {
                let sorted = byChild[child].map { records.referrals[Int($0)] }.sorted { $0.date < $1.date }
                for (i, r) in sorted.enumerated() {
                    let m = r.date.month
                    count[m, default: 0] += 1
                    if r.source == "6" { police[m, default: 0] += 1 }
                    if r.noFurtherAction { nfa[m, default: 0] += 1 }
                    if i > 0 && sorted[i - 1].date >= r.date.adding(years: -1) { rereferrals[m, default: 0] += 1 }
                }
            }
            series("referrals", count, range)
            series("referrals_police", police, range)
            series("re_referrals_pct", count.reduce(into: [:]) { r, kv in r[kv.key] = 100 * (rereferrals[kv.key] ?? 0) / kv.value },
                   range, missingWhenAbsent: true)
            series("referrals_nfa_pct", count.reduce(into: [:]) { r, kv in r[kv.key] = 100 * (nfa[kv.key] ?? 0) / kv.value },
                   range, missingWhenAbsent: true)
        }
        return (out.sorted { $0.key < $1.key }, notes)
    }

    /// Children looked after at the end of each of `count` months from `first`: an episode open at the
    /// month end (started on or before its last day, not ended by it: DEC falls within its own month, so
    /// the month before DEC's is the last), short breaks removed, each child once (a child's overlapping
    /// ranges merged). The one rule behind `lac` and ``CareFlows``' stock. `uascOnly`: only children who
    /// were unaccompanied asylum seekers at the month end (``ChildRecords/isUASC(_:on:)``), for `lac_uasc`.
    static func childrenLookedAfter(_ records: ChildRecords, first: Month, count: Int, uascOnly: Bool = false) -> [Int] {
        var diff = [Int](repeating: 0, count: count + 1)
        let episodes = records.episodes
        let byChild = ChildGroups(count: records.children.count, episodes.map { $0.childID })
        var list = [(Int, Int)](), merged = [(Int, Int)]()
        for id in 0..<byChild.childCount where byChild.start[id] < byChild.start[id + 1] {
            let child = records.children[id]
            if uascOnly && records.uascCeased[child] == nil { continue }
            list.removeAll(keepingCapacity: true)
            for i in byChild[id] {
                let i = Int(i)
                guard !isShortBreak(episodes[i].legalStatus) else { continue }
                let a = max(0, first.distance(to: episodes[i].start.month))
                let b = min(count - 1, episodes[i].end.map { first.distance(to: $0.month) - 1 } ?? (count - 1))
                if a <= b { list.append((a, b)) }
            }
            merged.removeAll(keepingCapacity: true)
            for r in list.sorted(by: { $0.0 < $1.0 }) {
                if let last = merged.last, r.0 <= last.1 + 1 { merged[merged.count - 1].1 = max(last.1, r.1) } else { merged.append(r) }
            }
            for (a, b) in merged {
                if uascOnly {
                    // The status may cease while the child is looked after: count the month ends before it.
                    for k in a...b where records.isUASC(child, on: Day.last(of: first.advanced(by: k))) { diff[k] += 1; diff[k + 1] -= 1 }
                } else {
                    diff[a] += 1; diff[b + 1] -= 1
                }
            }
        }
        var out = [Int](), running = 0
        for k in 0..<count { running += diff[k]; out.append(running) }
        return out
    }

    /// Legal status V3 or V4: a short break, left out of every looked-after measure.
    static func isShortBreak(_ legalStatus: RecordCode) -> Bool { legalStatus == .v3 || legalStatus == .v4 }

    /// Collection years missing between the first and the last of `years`.
    static func gapYears(_ years: Set<Int>) -> [Int] {
        guard let low = years.min(), let high = years.max() else { return [] }
        return (low...high).filter { !years.contains($0) }
    }
}

/// Distinct children per month, counted without sets of text: each (month, child) pair is noted, and
/// the pairs are sorted once and counted distinct.
struct ChildrenByMonth {
    private var pairs = [UInt64]()

    mutating func insert(_ child: Int32, _ month: Month) {
        pairs.append(UInt64(UInt32(bitPattern: month.index)) << 32 | UInt64(UInt32(bitPattern: child)))
    }

    /// The number of distinct children noted in each month that has any.
    func counts() -> [Month: Double] {
        var out = [Month: Double]()
        var last: UInt64?
        for p in pairs.sorted() where p != last {
            out[Month(index: Int32(bitPattern: UInt32(p >> 32))), default: 0] += 1
            last = p
        }
        return out
    }
}
