import ClinicData
import ClinicIngest
import ClinicModels
import Foundation

extension Diagnostic {
    /// `{"file", "line", "column", "code", "severity", "message"}`; absent positions are null.
    public var json: JSONValue {
        .object([
            ("file", .string(file)), ("line", line.map { .integer($0) } ?? .null), ("column", column.map { .integer($0) } ?? .null),
            ("code", .string(code)), ("severity", .string(severity.rawValue)), ("message", .string(message)),
        ])
    }
}

extension ExtractFormat {
    /// `long`, `wide`, or the record table (`ssda903_episodes`, …).
    public var name: String {
        switch self {
        case .long: return "long"
        case .wide: return "wide"
        case let .recordFile(kind):
            switch kind {
            case .ssda903Header: return "ssda903_header"
            case .ssda903Episodes: return "ssda903_episodes"
            case .ssda903Missing: return "ssda903_missing"
            case .ssda903UASC: return "ssda903_uasc"
            case .cinReferrals: return "cin_referrals"
            }
        }
    }
}

extension ExtractReading {
    /// The month range of the accepted observations, if any.
    public var monthRange: ClosedRange<Month>? {
        guard let first = observations.month.min(), let last = observations.month.max() else { return nil }
        return first...last
    }

    /// One file's part of `clinic validate --json`.
    public var json: JSONValue {
        .object([
            ("file", .string(file)),
            ("format", format.map { .string($0.name) } ?? .null),
            ("series", .integer(Set(observations.series).count)),
            ("first_month", monthRange.map { .string($0.lowerBound.description) } ?? .null),
            ("last_month", monthRange.map { .string($0.upperBound.description) } ?? .null),
            ("summary", .object([
                ("rows", .integer(summary.rows)), ("values", .integer(summary.values)),
                ("accepted", .integer(summary.accepted)), ("blank", .integer(summary.blank)),
                ("suppressed", .integer(summary.suppressed)), ("quarantined", .integer(summary.quarantined)),
                ("records", .integer(summary.records)), ("balances", .bool(summary.balances)),
            ])),
            ("diagnostics", .array(diagnostics.map(\.json))),
        ])
    }

    /// A few lines for a person: what the file is, every diagnostic, and the count that balances.
    public var summaryText: String {
        var lines = [String]()
        var what = format.map { f -> String in
            switch f {
            case .long, .wide:
                let range = monthRange.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""
                return "\(f.name) format, \(Set(observations.series).count) series\(range)"
            case let .recordFile(kind):
                return "\(kind.rawValue) table, \(summary.records) record\(summary.records == 1 ? "" : "s") (structure checked; `clinic series` derives its monthly measures)"
            }
        } ?? "not read"
        if hasErrors { what += " — problems found" }
        lines.append("\(file): \(what)")
        for d in diagnostics { lines.append("  " + d.description) }
        if summary.values > 0 || (summary.rows > 0 && summary.records == 0) {
            lines.append("  values \(summary.values) = accepted \(summary.accepted)\(summary.blank > 0 ? " (\(summary.blank) blank)" : "") + suppressed \(summary.suppressed) + quarantined \(summary.quarantined)\(summary.balances ? "" : "  [DOES NOT BALANCE]")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The quarantine as CSV, `file,line,column,code,reason,values,row`, one line per rejected value or
    /// row, handed to `emit` in blocks of about `blockSize` bytes, so that millions of rejected rows are written without holding the text. A run of
    /// identical rejections is rendered once and only its line numbers change.
    public func writeQuarantineCSV(blockSize: Int = 1 << 20, _ emit: ([UInt8]) throws -> Void) rethrows {
        var block = [UInt8]()
        block.append(contentsOf: CSVWriting.row(["file", "line", "column", "code", "reason", "values", "row"]).utf8)
        let filePrefix = Array((CSVWriting.field(file) + ",").utf8)
        try quarantine.forEachRun { group, lines in
            let rests = group.map { q in Array(("," + CSVWriting.row([q.column ?? "", q.code, q.reason, String(q.values), q.row])).utf8) }
            for k in 0..<lines {
                for (q, rest) in zip(group, rests) {
                    block.append(contentsOf: filePrefix)
                    block.append(contentsOf: String(q.line + k).utf8)
                    block.append(contentsOf: rest)
                }
                if block.count >= blockSize {
                    try emit(block)
                    block.removeAll(keepingCapacity: true)
                }
            }
        }
        if !block.isEmpty { try emit(block) }
    }
}

extension ExtractReading {
    /// The line `clinic ingest` prints for a stored file.
    public func storedLine(extractID: Int64, inserted: Int, revised: Int, unchanged: Int, alreadyIngested: Bool,
                           quarantineFile: String?) -> String {
        if alreadyIngested {
            guard revised > 0 || inserted > 0 else { return "\(file): already ingested as extract #\(extractID); nothing changed" }
            return "\(file): already ingested as extract #\(extractID); sent again, it reverts \(revised) series-month\(revised == 1 ? "" : "s") a later extract had revised (each a revision)"
                + (inserted > 0 ? " and restores \(inserted)" : "")
        }
        var line = "\(file): extract #\(extractID): \(inserted) new, \(revised) revised, \(unchanged) unchanged"
        line += "; values \(summary.values) = accepted \(summary.accepted) + suppressed \(summary.suppressed) + quarantined \(summary.quarantined)"
        if let quarantineFile { line += " (rejected rows in \(quarantineFile))" }
        return line
    }
}
