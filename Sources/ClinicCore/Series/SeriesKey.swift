import Foundation

/// Identifies one monthly series: area code, metric id and dimension values (e.g. `age_band=10-15`).
///
/// Normalised on creation: the metric id is lower-cased and trimmed, the area upper-cased and trimmed,
/// dimension names lower-cased and sorted, so the same series read from differently spelled files has
/// the same key.
public struct SeriesKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let area: String
    public let metric: String
    /// Dimension name → value, sorted by name.
    public let dimensions: [Dimension]

    public struct Dimension: Hashable, Sendable {
        public let name: String
        public let value: String
    }

    public init(area: String, metric: String, dimensions: [(String, String)] = []) {
        self.area = area.trimmingCharacters(in: .whitespaces).uppercased()
        self.metric = metric.trimmingCharacters(in: .whitespaces).lowercased()
        self.dimensions = dimensions
            .map { Dimension(name: $0.0.trimmingCharacters(in: .whitespaces).lowercased(), value: $0.1.trimmingCharacters(in: .whitespaces)) }
            .sorted { $0.name < $1.name }
    }

    /// `area/metric[name=value,...]`, for messages.
    public var description: String {
        let dims = dimensions.isEmpty ? "" : "[" + dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",") + "]"
        return (area.isEmpty ? "" : area + "/") + metric + dims
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool { a.description < b.description }
}
