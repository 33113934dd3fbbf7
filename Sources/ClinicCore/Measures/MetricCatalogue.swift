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

    /// Counts cannot be negative; other units can.
    public var isCount: Bool { unit == .count }
}

/// The metric catalogue (seeds/metrics.csv): what Clinic knows about each measure.
public struct MetricCatalogue: Sendable {
    public let metrics: [String: MetricDefinition]

    /// The catalogue compiled from seeds/metrics.csv.
    public static let standard: MetricCatalogue = {
        do { return try MetricCatalogue(csv: seedCSV, file: "seeds/metrics.csv") }
        catch { preconditionFailure("the compiled metric catalogue is invalid: \(error)") }
    }()

    /// Parses a catalogue CSV with columns id, label, unit, polarity, kind, definition.
    public init(csv: String, file: String) throws {
        let table = try CSVTable(bytes: Array(csv.utf8), file: file)
        let columns = ["id", "label", "unit", "polarity", "kind", "definition"].map(table.columnIndex)
        guard columns.allSatisfy({ $0 != nil }) else {
            throw Diagnostic(file: file, line: 1, code: "bad_catalogue", message: "expected columns id, label, unit, polarity, kind, definition")
        }
        let c = columns.map { $0! }
        var metrics = [String: MetricDefinition]()
        for (r, row) in table.records.enumerated() {
            guard let unit = MetricDefinition.Unit(rawValue: row[c[2]]), let polarity = MetricDefinition.Polarity(rawValue: row[c[3]]),
                  let kind = MetricDefinition.Kind(rawValue: row[c[4]]) else {
                throw Diagnostic(file: file, line: table.position(record: r, field: 0).line, code: "bad_catalogue",
                                 message: "unit, polarity or kind is not one of the documented values")
            }
            let id = row[c[0]].lowercased()
            metrics[id] = MetricDefinition(id: id, label: row[c[1]], unit: unit, polarity: polarity, kind: kind, definition: row[c[5]])
        }
        self.metrics = metrics
    }

    /// The definition of `id`, or a neutral definition of unknown unit when the catalogue lacks it.
    public func definition(_ id: String) -> MetricDefinition {
        metrics[id] ?? MetricDefinition(id: id, label: id, unit: nil, polarity: .neutral, kind: nil,
                                        definition: "not in the metric catalogue")
    }

    public func knows(_ id: String) -> Bool { metrics[id] != nil }
}
