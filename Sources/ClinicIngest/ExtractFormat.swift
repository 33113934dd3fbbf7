import ClinicData
import ClinicNumerics
/// The layout of an extract, recognised from its header row.
///
/// - Long (canonical): a month, a metric and a value column, optionally an area and a target, and any
///   other columns as dimensions (`age_band`, `gender`, …).
/// - Wide: a month column (optionally an area) and one column per metric.
/// - Record files (SSDA903 Header, Episodes, Missing; CIN referrals): recognised by their key columns
///   and held to their exact header (an unknown or missing column is an error: these are strict formats).
///
/// Header names match case-, space-, underscore- and hyphen-insensitively against the aliases:
/// month | period | date | month_end; metric | measure | indicator | kpi; value | count | figure;
/// area | la | la_code | new_la_code; target; status (long files: `suppressed[c]` with a blank value is
/// a suppressed value with marker `c`, so `clinic series` output reads back as it was).
public enum ExtractFormat: Equatable, Sendable {
    case long(LongLayout)
    case wide(WideLayout)
    case recordFile(RecordFileKind)

    public struct LongLayout: Equatable, Sendable {
        public let month: Int
        public let metric: Int
        public let value: Int
        public let area: Int?
        public let target: Int?
        /// A `status` column, as `clinic series` writes (`observed`, `missing`, `suppressed[c]`).
        public let status: Int?
        /// Column index and dimension name.
        public let dimensions: [Dimension]
    }

    public struct WideLayout: Equatable, Sendable {
        public let month: Int
        public let area: Int?
        /// Column index and metric id.
        public let metrics: [Dimension]
    }

    public struct Dimension: Equatable, Sendable {
        public let column: Int
        public let name: String
    }

    static let aliases: [String: [String]] = [
        "month": ["month", "period", "date", "monthend"],
        "metric": ["metric", "measure", "indicator", "kpi"],
        "value": ["value", "count", "figure"],
        "area": ["area", "la", "lacode", "newlacode"],
        "target": ["target"],
        "status": ["status"],
    ]

    /// `Month End` → `monthend`: lower case without spaces, underscores or hyphens.
    static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" })
    }

    /// A metric id from a wide column name: lower case, runs of spaces and punctuation as `_`.
    static func metricID(_ name: String) -> String {
        var out = "", pendingUnderscore = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingUnderscore && !out.isEmpty { out += "_" }
                out.unicodeScalars.append(scalar)
                pendingUnderscore = false
            } else if scalar == "%" {
                if !out.isEmpty { out += "_" }
                out += "pct"
                pendingUnderscore = false
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }

    /// Recognises the format of a file from its header; throws a ``Diagnostic`` when it cannot.
    public static func detect(header: [String], file: String) throws -> ExtractFormat {
        if let kind = RecordFileKind.recognise(header) {
            try kind.checkHeader(header, file: file)
            return .recordFile(kind)
        }
        let names = header.map(normalised)
        // Each name's first column, in one pass (a header can have hundreds of thousands of columns).
        var firstColumn = [String: Int](minimumCapacity: names.count)
        for (j, name) in names.enumerated() {
            if name.isEmpty {
                throw Diagnostic(file: file, line: 1, column: nil, code: "blank_column_name",
                                 message: "column \(j + 1) of the header has no name")
            }
            if let first = firstColumn[name] {
                throw Diagnostic(file: file, line: 1, code: "duplicate_column",
                                 message: "the header names \"\(header[j])\" twice (columns \(first + 1) and \(j + 1))")
            }
            firstColumn[name] = j
        }
        func find(_ role: String) throws -> Int? {
            let matches = aliases[role]!.compactMap { firstColumn[$0] }.sorted()
            if matches.count > 1 {
                throw Diagnostic(file: file, line: 1, code: "ambiguous_header",
                                 message: "more than one column could be the \(role): \(matches.map { "\"\(header[$0])\"" }.joined(separator: ", "))")
            }
            return matches.first
        }
        guard let month = try find("month") else {
            throw Diagnostic(file: file, line: 1, code: "unrecognised_format",
                             message: "no month column: the header needs one named month, period, date or month_end (then metric and value columns, or one column per metric)")
        }
        let area = try find("area"), target = try find("target"), status = try find("status")
        let metric = try find("metric"), value = try find("value")
        if let metric, let value {
            let used: Set<Int> = [month, metric, value, area ?? -1, target ?? -1, status ?? -1]
            let dimensions = header.indices.filter { !used.contains($0) }
                .map { Dimension(column: $0, name: metricID(header[$0])) }
            return .long(LongLayout(month: month, metric: metric, value: value, area: area, target: target, status: status,
                                    dimensions: dimensions))
        }
        if metric != nil || value != nil {
            let present = metric != nil ? "a metric column but no value column (value, count or figure)" : "a value column but no metric column (metric, measure, indicator or kpi)"
            throw Diagnostic(file: file, line: 1, code: "unrecognised_format", message: "the header has \(present)")
        }
        let used: Set<Int> = [month, area ?? -1]
        let metrics = header.indices.filter { !used.contains($0) }.map { Dimension(column: $0, name: metricID(header[$0])) }
        guard !metrics.isEmpty else {
            throw Diagnostic(file: file, line: 1, code: "unrecognised_format",
                             message: "the header has a month column but no metric columns")
        }
        return .wide(WideLayout(month: month, area: area, metrics: metrics))
    }
}
