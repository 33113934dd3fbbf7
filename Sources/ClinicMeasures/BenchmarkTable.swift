import ClinicData
import ClinicSeeds
import Foundation

/// DfE's published annual figures for every authority, region and England (seeds/dfe_benchmarks.csv)
/// and the 2025 statistical neighbour model (seeds/statistical_neighbours.csv), for comparing an
/// authority with England, its region and its ten statistical neighbours, as LAIT does.
public struct BenchmarkTable: Sendable {
    /// The measures compared: those the published table holds, in the catalogue's journey order.
    public let metrics: [String]

    struct Key: Hashable { let year: Int; let code: String; let metric: String }
    struct Area: Sendable { let code: String; let oldCode: String; let name: String; let regionCode: String; let regionName: String }

    /// Published values (nil with the suppression marker when suppressed).
    let values: [Key: (value: Double?, marker: String)]
    let areas: [String: Area]                  // by new code
    let byOldCode: [String: String]            // old code → the newest new code that used it
    let byName: [String: String]               // lower-case name → the newest code with that name
    let neighbours: [String: [String]]         // old code → ten old codes
    /// new code → the authority it replaced with the same area (seeds/la_code_changes.csv), whose
    /// published figures stand for it in the years before
    let predecessors: [String: (code: String, note: String)]
    let nationalCode: String

    public static let standard: BenchmarkTable = {
        do {
            return try BenchmarkTable(SeedTable.named("dfe_benchmarks.csv"), neighbours: SeedTable.named("statistical_neighbours.csv"),
                                      codeChanges: SeedTable.codeChanges)
        }
        catch { preconditionFailure("the compiled benchmark seeds are invalid: \(error)") }
    }()

    init(_ table: SeedTable, neighbours sn: SeedTable, codeChanges: SeedTable) throws {
        let c = ["year", "level", "code", "old_code", "name", "region_code", "region_name", "metric", "value"].map { table.columnIndex($0) }
        guard c.allSatisfy({ $0 != nil }) else {
            throw Diagnostic(file: table.file, line: 1, code: "bad_seed", message: "expected columns year, level, code, old_code, name, region_code, region_name, metric, value")
        }
        var values = [Key: (Double?, String)](), areas = [String: Area](), byOld = [String: String](), byName = [String: String]()
        var newestYear = [String: Int]()        // per new code, old code and name: the year its mapping came from
        var national = "E92000001"
        var published = Set<String>()
        for r in 0..<table.rowCount {
            let row = Array(table.row(r))
            func f(_ i: Int) -> String { row[c[i]!] }
            guard let year = Int(f(0)) else { throw Diagnostic(file: table.file, line: table.line(ofRow: r), code: "bad_seed", message: "year \"\(f(0))\"") }
            // Every published measure is declared in the catalogue (seeds/metrics.csv), so it has a label and a unit.
            if published.insert(f(7)).inserted, !MetricCatalogue.standard.knows(f(7)) {
                throw Diagnostic(file: table.file, line: table.line(ofRow: r), code: "bad_seed", message: "metric \"\(f(7))\" is not in seeds/metrics.csv")
            }
            let text = f(8)
            values[Key(year: year, code: f(2), metric: f(7))] = (Double(text), text)
            if f(1) == "national" { national = f(2) }
            if f(1) == "local_authority", !f(2).isEmpty {
                // The newest year's row decides the name, region and which code an old code or a name
                // means (North Yorkshire's 815 and Somerset's 933 passed to new unitary codes in 2023).
                func newer(_ k: String) -> Bool { year > (newestYear[k] ?? Int.min) }
                if newer("code " + f(2)) { areas[f(2)] = Area(code: f(2), oldCode: f(3), name: f(4), regionCode: f(5), regionName: f(6)); newestYear["code " + f(2)] = year }
                if !f(3).isEmpty, newer("old " + f(3)) { byOld[f(3)] = f(2); newestYear["old " + f(3)] = year }
                if newer("name " + f(4).lowercased()) { byName[f(4).lowercased()] = f(2); newestYear["name " + f(4).lowercased()] = year }
            }
        }
        var neighbours = [String: [String]]()
        if let old = sn.columnIndex("old_code") {
            let columns = (1...10).compactMap { sn.columnIndex("sn_\($0)") }
            for r in 0..<sn.rowCount {
                let row = Array(sn.row(r))
                neighbours[row[old]] = columns.map { row[$0] }.filter { !$0.isEmpty }
            }
        }
        self.values = values.mapValues { (value: $0.0, marker: $0.1) }
        self.areas = areas
        self.byOldCode = byOld
        self.byName = byName
        self.neighbours = neighbours
        self.nationalCode = national
        var predecessors = [String: (code: String, note: String)]()
        if let old = codeChanges.columnIndex("old_code"), let new = codeChanges.columnIndex("new_code"), let note = codeChanges.columnIndex("note") {
            for r in 0..<codeChanges.rowCount {
                let row = Array(codeChanges.row(r))
                predecessors[row[new]] = (row[old], row[note])
            }
        }
        self.predecessors = predecessors
        metrics = MetricCatalogue.standard.journeyOrder(Array(published))
    }

    /// One measure of the comparison.
    public struct Row: Sendable {
        public let metric: String
        /// The authority's published value (nil when suppressed: `marker` holds the marker).
        public let value: Double?
        public let marker: String?
        public let england: Double?
        public let region: Double?
        /// The mean of the neighbours' published values (those not suppressed), as LAIT shows it, and
        /// their lowest and highest.
        public let neighbours: Double?
        public let neighboursLowest: Double?
        public let neighboursHighest: Double?
        public let neighboursCounted: Int
        /// The code whose published figure stands for the authority's, when it is its predecessor's
        /// (North Yorkshire County Council's referrals before April 2023); nil when it is its own.
        public let publishedAs: String?
        /// 1 = the lowest value among the authorities with a published value.
        public let rank: Int?
        public let of: Int?
        /// 1 = the lowest quarter.
        public let quartile: Int?
    }

    public struct Comparison: Sendable {
        public let code: String
        public let name: String
        public let year: Int
        public let regionName: String
        public let rows: [Row]
        public let notes: [String]
    }

    /// The comparison for `area` (new code `E06000065`, old code `815`, or name, any case) in `year`
    /// (default: the latest year with a published value for it); nil when the area is unknown or has
    /// nothing published for the year.
    public func comparison(area: String, year: Int? = nil) -> Comparison? {
        let wanted = area.trimmingCharacters(in: .whitespaces)
        let code = areas[wanted.uppercased()] != nil ? wanted.uppercased() : byOldCode[wanted] ?? byName[wanted.lowercased()]
        guard let code, let info = areas[code] else { return nil }
        // The latest published year is looked for only when no year is asked for (`comparisons` asks for each).
        guard let year = year ?? values.keys.filter({ $0.code == code && values[$0]?.value != nil }).map(\.year).max() else { return nil }
        var notes = [String]()
        let neighbourCodes = (neighbours[info.oldCode] ?? []).compactMap { byOldCode[$0] }
        if neighbourCodes.isEmpty { notes.append("no statistical neighbours for \(info.name) in the 2025 model") }
        var rows = [Row]()
        for metric in metrics {
            var own = values[Key(year: year, code: code, metric: metric)]
            var publishedAs: String?
            // Not published under the new code that year: the predecessor's figure, for the same area.
            if own == nil, let before = predecessors[code], let theirs = values[Key(year: year, code: before.code, metric: metric)] {
                own = theirs
                publishedAs = before.code
                notes.append("\(metric) for \(year) is published under \(before.code), the authority \(info.name) replaced with the same area (\(before.note))")
            }
            guard own != nil else { continue }
            let value = own?.value
            if value == nil {
                notes.append(own?.marker == "z"
                    ? "\(metric) for \(year) is marked z (not applicable) in the published table: \(info.name) was not an authority that year (created or abolished in a reorganisation, as Cumbria and its two successors in April 2023, whose figures cannot be split or joined)"
                    : "\(metric) for \(year) is suppressed in the published table (\(own?.marker ?? "")), so it has no rank")
            }
            // A neighbour that replaced an authority with the same area stands on its predecessor's figure too.
            let published = neighbourCodes.compactMap { nb in
                values[Key(year: year, code: nb, metric: metric)] ?? predecessors[nb].flatMap { values[Key(year: year, code: $0.code, metric: metric)] }
            }
            let peers = published.compactMap(\.value)
            if published.count > peers.count {
                notes.append("\(metric): \(published.count - peers.count) of the \(neighbourCodes.count) neighbours' values are suppressed; the mean is of the rest")
            }
            if published.count < neighbourCodes.count {
                notes.append("\(metric): \(neighbourCodes.count - published.count) of the \(neighbourCodes.count) neighbours have no published figure for \(year)")
            }
            let all = areas.keys.compactMap { values[Key(year: year, code: $0, metric: metric)]?.value }
            var rank: Int?, of: Int?, quartile: Int?
            if let value {
                let r = 1 + all.filter { $0 < value }.count
                rank = r
                of = all.count
                quartile = min(4, 1 + 4 * (r - 1) / max(1, all.count))
            }
            rows.append(Row(metric: metric, value: value, marker: value == nil ? own?.marker : nil,
                            england: values[Key(year: year, code: nationalCode, metric: metric)]?.value,
                            region: values[Key(year: year, code: info.regionCode, metric: metric)]?.value,
                            neighbours: peers.isEmpty ? nil : peers.reduce(0, +) / Double(peers.count),
                            neighboursLowest: peers.min(), neighboursHighest: peers.max(), neighboursCounted: peers.count,
                            publishedAs: publishedAs, rank: rank, of: of, quartile: quartile))
        }
        guard !rows.isEmpty else { return nil }        // nothing published for that year
        return Comparison(code: code, name: info.name, year: year, regionName: info.regionName, rows: rows, notes: notes)
    }

    /// The comparison for each year of `years` that has one, oldest first (LAIT's view over time).
    public func comparisons(area: String, years: ClosedRange<Int>) -> [Comparison] {
        years.compactMap { comparison(area: area, year: $0) }
    }
}
