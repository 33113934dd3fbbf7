import ClinicData
import ClinicIngest
import ClinicModels

extension Array where Element == Series {
    /// The long CSV of `clinic series`: `area,metric,<dimensions...>,month,value,status`, one row per
    /// series and month, dimension columns the union over all series (sorted, blank where a series lacks
    /// one). `value` is blank unless the month was observed; `status` is observed, suppressed (with the
    /// marker in brackets, `suppressed[c]`) or missing. Numbers are written in shortest round-trip form.
    public func longCSV() -> String {
        let dimensions = Set(flatMap { $0.key.dimensions.map(\.name) }).sorted()
        var out = CSVWriting.row(["area", "metric"] + dimensions + ["month", "value", "status"])
        for s in self {
            let dims = Dictionary(uniqueKeysWithValues: s.key.dimensions.map { ($0.name, $0.value) })
            let prefix = [s.key.area, s.key.metric] + dimensions.map { dims[$0] ?? "" }
            for (i, status) in s.status.enumerated() {
                let value = status == .observed || status == .imputed ? JSONValue.format(s.values[i]) : ""
                let label = status == .suppressed ? "suppressed" + (s.markers[i].map { "[\($0)]" } ?? "") : status.rawValue
                out += CSVWriting.row(prefix + [s.start.advanced(by: i).description, value, label])
            }
        }
        return out
    }

    /// `{"series": [{"area", "metric", "dimensions", "start", "values", "status"}]}`, values null where
    /// not observed.
    public func json() -> JSONValue {
        .object([("series", .array(map { s in
            let values: [JSONValue] = s.values.indices.map { i in
                s.status[i] == .observed || s.status[i] == .imputed ? .number(s.values[i]) : .null
            }
            let fields: [(String, JSONValue)] = [
                ("area", .string(s.key.area)), ("metric", .string(s.key.metric)),
                ("dimensions", .object(s.key.dimensions.map { ($0.name, JSONValue.string($0.value)) })),
                ("start", .string(s.start.description)), ("values", .array(values)),
                ("status", .array(s.status.map { JSONValue.string($0.rawValue) })),
            ]
            return JSONValue.object(fields)
        }))])
    }
}
