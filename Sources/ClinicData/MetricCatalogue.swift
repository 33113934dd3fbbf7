import ClinicNumerics
import ClinicSeeds
/// How a metric's values are read and judged, where it sits in the child's journey, and how Clinic
/// comes by it: one row of seeds/metrics.csv, the one place a measure is declared.
public struct MetricDefinition: Sendable, Equatable {
    public enum Unit: String, Sendable { case count, rate, percent, ratio }
    public enum Polarity: String, Sendable { case lowerBetter = "lower_better", higherBetter = "higher_better", neutral }
    public enum Kind: String, Sendable { case stock, flow }
    /// The stage of the child's journey through children's social care a measure belongs to, in the
    /// order the pack presents them (referral → assessment → protection → care → leaving care, then the
    /// workforce that serves them all).
    public enum Journey: String, Sendable, CaseIterable {
        case referral, assessment, protection, care, leavingCare = "leaving_care", workforce
    }
    /// Where Clinic gets the measure: derived from SSDA903 / CIN record files (`records`), a count's rate
    /// per 10,000 children worked out from the seeds' 0–17 population each month (`population`), read
    /// only from an authority's aggregate extract (`extract`), or an annual figure DfE publishes that
    /// Clinic does not derive monthly (`published`, for benchmarks).
    public enum Source: String, Sendable { case records, population, extract, published }
    /// An upper bound a value cannot exceed: `population_0_17`, the area's children (no more children
    /// can be looked after than live there).
    public enum Cap: String, Sendable { case population0To17 = "population_0_17" }

    public let id: String
    public let label: String
    /// nil for a metric the catalogue does not know.
    public let unit: Unit?
    public let polarity: Polarity
    public let kind: Kind?
    public let definition: String
    /// nil for a metric the catalogue does not know (it goes after every known one).
    public let journey: Journey?
    /// For a rate per 10,000 children: the count it is the rate of.
    public let rateOf: String?
    public let source: Source?
    public let cap: Cap?

    public init(id: String, label: String, unit: Unit?, polarity: Polarity, kind: Kind?, definition: String,
                journey: Journey? = nil, rateOf: String? = nil, source: Source? = nil, cap: Cap? = nil) {
        self.id = id
        self.label = label
        self.unit = unit
        self.polarity = polarity
        self.kind = kind
        self.definition = definition
        self.journey = journey
        self.rateOf = rateOf
        self.source = source
        self.cap = cap
    }

    /// Counts cannot be negative; other units can.
    public var isCount: Bool { unit == .count }

    /// This definition with another polarity.
    public func with(polarity: Polarity) -> MetricDefinition {
        MetricDefinition(id: id, label: label, unit: unit, polarity: polarity, kind: kind, definition: definition,
                         journey: journey, rateOf: rateOf, source: source, cap: cap)
    }
}

/// The metric catalogue (seeds/metrics.csv): what Clinic knows about each measure. Adding a measure is
/// one row there: its label, unit and polarity; its place in the journey (the pack's order); and, for
/// rates, caps and benchmarks, what they need (``MetricDefinition/rateOf``, ``MetricDefinition/source``,
/// ``MetricDefinition/cap``). Only how a record-derived measure is counted is code (RecordMeasures), and
/// a test holds the two to the same list.
public struct MetricCatalogue: Sendable {
    public let metrics: [String: MetricDefinition]
    /// Every id in the catalogue's own order (the rows of seeds/metrics.csv, then metrics added later).
    public let ids: [String]

    /// The catalogue compiled from seeds/metrics.csv.
    public static let standard: MetricCatalogue = {
        do { return try MetricCatalogue(SeedTable.metrics) }
        catch { preconditionFailure("the compiled metric catalogue is invalid: \(error)") }
    }()

    /// A catalogue of the given definitions, in their order (a later definition of the same id replaces
    /// the earlier one in its place).
    public init(_ definitions: [MetricDefinition]) {
        metrics = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        var seen = Set<String>()
        ids = definitions.map(\.id).filter { seen.insert($0).inserted }
    }

    /// Reads a catalogue table with columns id, label, unit, polarity, kind, journey, rate_of, source,
    /// cap, definition. A value outside the documented ones, a `rate_of` that names no metric of the
    /// table, or a `population` rate without one, is a ``Diagnostic`` at its line.
    package init(_ table: SeedTable) throws {
        let names = ["id", "label", "unit", "polarity", "kind", "journey", "rate_of", "source", "cap", "definition"]
        let columns = names.map(table.columnIndex)
        guard columns.allSatisfy({ $0 != nil }) else {
            throw Diagnostic(file: table.file, line: 1, code: "bad_catalogue", message: "expected columns \(names.joined(separator: ", "))")
        }
        let c = columns.map { $0! }
        var definitions = [MetricDefinition]()
        var lines = [Int]()
        for (r, row) in table.rows.enumerated() {
            let field = { (k: Int) in row[row.startIndex + c[k]] }
            func bad(_ message: String) -> Diagnostic {
                Diagnostic(file: table.file, line: table.line(ofRow: r), code: "bad_catalogue", message: message)
            }
            guard let unit = MetricDefinition.Unit(rawValue: field(2)), let polarity = MetricDefinition.Polarity(rawValue: field(3)),
                  let kind = MetricDefinition.Kind(rawValue: field(4)) else {
                throw bad("unit, polarity or kind is not one of the documented values")
            }
            guard let journey = MetricDefinition.Journey(rawValue: field(5)) else {
                throw bad("journey \"\(field(5))\" is not one of \(MetricDefinition.Journey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let source = MetricDefinition.Source(rawValue: field(7)) else { throw bad("source \"\(field(7))\" is not records, population, extract or published") }
            let cap: MetricDefinition.Cap? = field(8).isEmpty ? nil : MetricDefinition.Cap(rawValue: field(8))
            if !field(8).isEmpty && cap == nil { throw bad("cap \"\(field(8))\" is not population_0_17") }
            let rateOf = field(6).isEmpty ? nil : field(6).lowercased()
            if source == .population && (rateOf == nil || unit != .rate) { throw bad("a population rate needs unit rate and the count it is the rate of (rate_of)") }
            definitions.append(MetricDefinition(id: field(0).lowercased(), label: field(1), unit: unit, polarity: polarity, kind: kind,
                                                definition: field(9), journey: journey, rateOf: rateOf, source: source, cap: cap))
            lines.append(table.line(ofRow: r))
        }
        let known = Set(definitions.map(\.id))
        for (d, line) in zip(definitions, lines) {
            if let base = d.rateOf, !known.contains(base) {
                throw Diagnostic(file: table.file, line: line, code: "bad_catalogue", message: "\(d.id) is the rate of \(base), which is not in the catalogue")
            }
        }
        self.init(definitions)
    }

    /// The counts Clinic turns into rates per 10,000 children from the 0–17 population, and each one's
    /// rate (`lac` → `lac_rate_per_10k`): the `population` rows.
    public var populationRates: [String: String] {
        Dictionary(metrics.values.filter { $0.source == .population }.compactMap { d in d.rateOf.map { ($0, d.id) } },
                   uniquingKeysWith: { first, _ in first })
    }

    /// Where `id` comes in the pack: by journey stage, then the catalogue's order; unknown metrics last,
    /// in the order of their ids.
    public func journeyRank(_ id: String) -> (stage: Int, position: Int) {
        guard let d = metrics[id], let journey = d.journey, let stage = MetricDefinition.Journey.allCases.firstIndex(of: journey) else {
            return (MetricDefinition.Journey.allCases.count, ids.firstIndex(of: id) ?? ids.count)
        }
        return (stage, ids.firstIndex(of: id) ?? ids.count)
    }

    /// `ids` in journey order (``journeyRank(_:)``); with `first`, those named there lead in that order.
    public func journeyOrder(_ ids: [String], first: [String] = []) -> [String] {
        ids.sorted { a, b in
            let fa = first.firstIndex(of: a) ?? first.count, fb = first.firstIndex(of: b) ?? first.count
            if fa != fb { return fa < fb }
            let ra = journeyRank(a), rb = journeyRank(b)
            return ra.stage != rb.stage ? ra.stage < rb.stage : ra.position != rb.position ? ra.position < rb.position : a < b
        }
    }

    /// The definition of `id`, or a neutral definition of unknown unit when the catalogue lacks it.
    public func definition(_ id: String) -> MetricDefinition {
        metrics[id] ?? MetricDefinition(id: id, label: id, unit: nil, polarity: .neutral, kind: nil,
                                        definition: "not in the metric catalogue")
    }

    public func knows(_ id: String) -> Bool { metrics[id] != nil }

    /// This catalogue plus a definition for every metric of `panel` it does not know, with its unit
    /// inferred from the observed values: non-negative whole numbers → a count; anything else → no unit
    /// (modelled as a continuous measure). Returns one note per inferred metric, saying what was assumed.
    public func inferringUnknownMetrics(of panel: Panel) -> (catalogue: MetricCatalogue, notes: [String]) {
        var added = [MetricDefinition]()
        var notes = [String]()
        for metric in panel.metrics where !knows(metric) {
            var sawValue = false, wholeNonNegative = true
            for (j, key) in panel.keys.enumerated() where key.metric == metric {
                for i in 0..<panel.months where panel.status[j][i] == .observed || panel.status[j][i] == .imputed {
                    let v = panel.values[i, j]
                    sawValue = true
                    if v < 0 || v != v.rounded() { wholeNonNegative = false }
                }
            }
            let count = sawValue && wholeNonNegative
            added.append(MetricDefinition(id: metric, label: metric, unit: count ? .count : nil, polarity: .neutral, kind: nil,
                                          definition: "not in the metric catalogue; unit inferred from the data"))
            notes.append(count
                ? "metric \"\(metric)\" is not in the catalogue; its values are non-negative whole numbers, so it is treated as a count (neutral polarity)"
                : "metric \"\(metric)\" is not in the catalogue; its values are not all non-negative whole numbers, so it is treated as a continuous measure (neutral polarity)")
        }
        return (MetricCatalogue(ids.compactMap { metrics[$0] } + added), notes)
    }
}
