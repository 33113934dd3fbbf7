import ClinicNumerics
import ClinicSeeds
/// How a metric's values are read and judged.
public struct MetricDefinition: Sendable, Equatable {
    public enum Unit: String, Sendable { case count, rate, percent, ratio }
    public enum Polarity: String, Sendable { case lowerBetter = "lower_better", higherBetter = "higher_better", neutral }
    public enum Kind: String, Sendable { case stock, flow }

    public let id: String
    public let label: String
    /// nil for a metric the catalogue does not know.
    public let unit: Unit?
    public let polarity: Polarity
    public let kind: Kind?
    public let definition: String

    public init(id: String, label: String, unit: Unit?, polarity: Polarity, kind: Kind?, definition: String) {
        self.id = id
        self.label = label
        self.unit = unit
        self.polarity = polarity
        self.kind = kind
        self.definition = definition
    }

    /// Counts cannot be negative; other units can.
    public var isCount: Bool { unit == .count }
}

/// The metric catalogue (seeds/metrics.csv): what Clinic knows about each measure.
public struct MetricCatalogue: Sendable {
    public let metrics: [String: MetricDefinition]

    /// The catalogue compiled from seeds/metrics.csv.
    public static let standard: MetricCatalogue = {
        do { return try MetricCatalogue(SeedTable.metrics) }
        catch { preconditionFailure("the compiled metric catalogue is invalid: \(error)") }
    }()

    /// A catalogue of the given definitions (a later definition of the same id wins).
    public init(_ definitions: [MetricDefinition]) {
        metrics = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// Reads a catalogue table with columns id, label, unit, polarity, kind, definition; a unit,
    /// polarity or kind outside the documented values is a ``Diagnostic`` at its line.
    package init(_ table: SeedTable) throws {
        let columns = ["id", "label", "unit", "polarity", "kind", "definition"].map(table.columnIndex)
        guard columns.allSatisfy({ $0 != nil }) else {
            throw Diagnostic(file: table.file, line: 1, code: "bad_catalogue", message: "expected columns id, label, unit, polarity, kind, definition")
        }
        let c = columns.map { $0! }
        var definitions = [MetricDefinition]()
        for (r, row) in table.rows.enumerated() {
            let field = { (k: Int) in row[row.startIndex + c[k]] }
            guard let unit = MetricDefinition.Unit(rawValue: field(2)), let polarity = MetricDefinition.Polarity(rawValue: field(3)),
                  let kind = MetricDefinition.Kind(rawValue: field(4)) else {
                throw Diagnostic(file: table.file, line: table.line(ofRow: r), code: "bad_catalogue",
                                 message: "unit, polarity or kind is not one of the documented values")
            }
            let id = field(0).lowercased()
            definitions.append(MetricDefinition(id: id, label: field(1), unit: unit, polarity: polarity, kind: kind, definition: field(5)))
        }
        self.init(definitions)
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
        return (MetricCatalogue(Array(metrics.values) + added), notes)
    }
}
