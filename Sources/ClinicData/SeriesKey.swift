import ClinicNumerics
import ClinicSeeds
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
        self.area = Self.trimmed(area).uppercased()
        self.metric = Self.trimmed(metric).lowercased()
        self.dimensions = dimensions
            .map { Dimension(name: Self.trimmed($0.0).lowercased(), value: Self.trimmed($0.1)) }
            .sorted { $0.name < $1.name }
    }

    /// Without leading and trailing spaces and tabs (the standard library only: Foundation's trimming is
    /// slow on Linux, and keys are made once per series while reading millions of rows).
    package static func trimmed(_ s: String) -> String {
        let utf8 = s.utf8
        guard let first = utf8.first, let last = utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return s }
        let start = utf8.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? utf8.endIndex
        guard start != utf8.endIndex else { return "" }
        let end = utf8.lastIndex { $0 != 0x20 && $0 != 0x09 }!
        return String(s[start...end])
    }

    /// `area/metric[name=value,...]`, for messages.
    public var description: String {
        let dims = dimensions.isEmpty ? "" : "[" + dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",") + "]"
        return (area.isEmpty ? "" : area + "/") + metric + dims
    }

    /// `positions` (indices of `keys`) in ascending order of their keys.
    ///
    /// Here, where `<` can be inlined, sorting positions costs about what sorting the keys does; sorted
    /// from another module (positions by `keys[$0] < keys[$1]`, or keys wrapped with their positions) it
    /// took five to six times as long (national file: 17.5–20 ms against 3.3), copying keys and retaining
    /// their strings for every comparison.
    public static func ascending(_ positions: [Int], of keys: [SeriesKey]) -> [Int] {
        keys.withUnsafeBufferPointer { k in positions.sorted { k[$0] < k[$1] } }
    }

    /// Ordered by area, then metric, then dimensions (name, value) in turn.
    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.area != b.area { return a.area < b.area }
        if a.metric != b.metric { return a.metric < b.metric }
        for (x, y) in zip(a.dimensions, b.dimensions) {
            if x.name != y.name { return x.name < y.name }
            if x.value != y.value { return x.value < y.value }
        }
        return a.dimensions.count < b.dimensions.count
    }
}
