import ClinicData
import ClinicDetection
import Foundation

extension Pack {
    /// One item of the agenda: one change in one measure, with every flag that points at it. A count
    /// and its rate per 10,000 are one measure here, and the methods that agree (a year's rise, the
    /// changepoint where it began, the latest month outside its range) are one item, not one each.
    public struct AgendaItem: Sendable {
        /// The flags of this change, the one that leads first (most severe, then by method: a year's
        /// change, the forecast check, SPC, an unusual month, a changepoint; counts before rates; larger
        /// first).
        public var flags: [Flag]
        public var lead: Flag { flags[0] }
        /// The flags after the lead.
        public var others: ArraySlice<Flag> { flags.dropFirst() }
    }

    /// The agenda from the measures' flags, most important first (severity, then the latest month, then
    /// size). A flag is on it when it is red or amber, or dated within ``agendaMonths`` of `asOf`, or
    /// when it is the latest change of trend its series has had: that change is still in force, however
    /// long ago it began. Flags of one measure (count and rate together) form one item when they are
    /// within three months of each other, or when one of them is a year's change whose 24 months cover
    /// the other.
    static func agenda(_ measures: [Measure], asOf: Month) -> [AgendaItem] {
        var candidates = [Flag]()
        for m in measures {
            let latestTrendChange = m.trendChangeInForce?.month
            for f in m.flags {
                let recent = f.month.distance(to: asOf) < Pack.agendaMonths
                let inForce = f.method == .changepoint && f.change?.kind == .trend && f.month == latestTrendChange
                if f.severity != .info || recent || inForce { candidates.append(f) }
            }
        }
        // A rate and its count are one family (the catalogue's rate_of): one item, led by the count.
        let rateOf = Dictionary(measures.compactMap { m in m.definition.rateOf.map { (m.series.key.metric, $0) } }, uniquingKeysWith: { a, _ in a })
        func family(_ key: SeriesKey) -> String {
            let base = rateOf[key.metric] ?? key.metric
            return ([key.area, base] + key.dimensions.map { "\($0.name)=\($0.value)" }).joined(separator: "\u{1F}")
        }
        func methodRank(_ m: Flag.Method) -> Int {
            switch m {
            case .sustained: 0
            case .forecast: 1
            case .spc: 2
            case .outlier: 3
            case .changepoint: 4
            }
        }
        func leads(_ a: Flag, _ b: Flag) -> Bool {
            if a.severity.rank != b.severity.rank { return a.severity.rank < b.severity.rank }
            if methodRank(a.method) != methodRank(b.method) { return methodRank(a.method) < methodRank(b.method) }
            let rateA = rateOf[a.key.metric] != nil, rateB = rateOf[b.key.metric] != nil
            if rateA != rateB { return !rateA }
            if a.size != b.size { return a.size > b.size }
            return a.month > b.month
        }
        /// Whether `flag` belongs with the flags of `cluster`.
        func joins(_ flag: Flag, _ cluster: [Flag]) -> Bool {
            cluster.contains { other in
                if abs(other.month.distance(to: flag.month)) <= 3 { return true }
                for (year, f) in [(other, flag), (flag, other)] where year.method == .sustained {
                    let before = f.month.distance(to: year.month)
                    if before >= 0 && before < 24 { return true }
                }
                return false
            }
        }
        var order = [String]()
        var groups = [String: [Flag]]()
        for f in candidates {
            let k = family(f.key)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(f)
        }
        var items = [AgendaItem]()
        for k in order {
            var clusters = [[Flag]]()
            for f in groups[k]!.sorted(by: { $0.month > $1.month }) {
                if let i = clusters.firstIndex(where: { joins(f, $0) }) { clusters[i].append(f) } else { clusters.append([f]) }
            }
            items += clusters.map { AgendaItem(flags: $0.sorted(by: leads)) }
        }
        return items.sorted { a, b in
            if a.lead.severity.rank != b.lead.severity.rank { return a.lead.severity.rank < b.lead.severity.rank }
            let latestA = a.flags.map(\.month).max()!, latestB = b.flags.map(\.month).max()!
            if latestA != latestB { return latestA > latestB }
            return a.lead.size > b.lead.size
        }
    }
}

extension Pack.AgendaItem {
    /// The item in words: the lead flag's sentence; when it is a year's change and a change of trend in
    /// the same direction began it, "; rising since October 2025", or a step in the same direction,
    /// "; a step up in October 2025, from about 15.3 to 22.3"; then what the other flags add ("Also: …"),
    /// without repeating the measure's name.
    public func sentence(definition: (SeriesKey) -> MetricDefinition) -> String {
        let leadDefinition = definition(lead.key)
        var text = lead.sentence(definition: leadDefinition)
        var rest = Array(others)
        if lead.method == .sustained, let observed = lead.observed, let expected = lead.expected, observed != expected,
           let start = rest.firstIndex(where: { f in
               f.method == .changepoint && f.change?.kind == .trend && f.key == lead.key
                   && ((f.change?.after ?? 0) > 0) == (observed > expected) && (f.change?.after ?? 0) != 0
           }) {
            if text.hasSuffix(".") { text.removeLast() }
            text += "; \(observed > expected ? "rising" : "falling") since \(Wording.monthName(rest[start].month))."
            rest.remove(at: start)
        } else if lead.method == .sustained, let observed = lead.observed, let expected = lead.expected, observed != expected,
                  // The measure's latest step (the one its summary names), when it goes the year's way.
                  let start = rest.indices.filter({ rest[$0].method == .changepoint && rest[$0].key == lead.key && rest[$0].change?.kind == .level })
                      .max(by: { rest[$0].month < rest[$1].month }),
                  let change = rest[start].change, (change.after > change.before) == (observed > expected),
                  let step = rest[start].stepWords(unit: leadDefinition.unit) {
            if text.hasSuffix(".") { text.removeLast() }
            text += "; \(step)."
            rest.remove(at: start)
        }
        guard !rest.isEmpty else { return text }
        let also = rest.map { f -> String in
            let d = definition(f.key)
            var s = f.sentence(definition: d)
            if f.key == lead.key, s.hasPrefix(d.label + ": ") { s = String(s.dropFirst(d.label.count + 2)) }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        return text + " Also: " + also.joined(separator: "; ") + "."
    }
}
