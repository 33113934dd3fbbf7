import ClinicData

/// Collects diagnostics for one file, keeping at most `limitPerCode` of each code and counting the rest,
/// so that a file with 100,000 bad rows gives a readable report (the quarantine keeps every row).
package struct DiagnosticLog {
    package static let limitPerCode = 20
    package private(set) var kept: [Diagnostic] = []
    private var counts: [String: Int] = [:]
    /// Diagnostics added so far, kept or not.
    package private(set) var total = 0
    private var severities: [String: Diagnostic.Severity] = [:]
    package let file: String
    /// Whether the rows behind this log's errors go to a quarantine file (aggregate extracts: yes; record
    /// files: no, their rows with errors are left out), so that the note for diagnostics not shown
    /// promises only a file that is written.
    package let quarantined: Bool

    package init(file: String, quarantined: Bool = true) {
        self.file = file
        self.quarantined = quarantined
    }

    package mutating func add(_ d: Diagnostic) {
        counts[d.code, default: 0] += 1
        total += 1
        severities[d.code] = d.severity
        if counts[d.code]! <= Self.limitPerCode { kept.append(d) }
    }

    /// Adds `count` diagnostics of `code`, building only those that are kept: `make(k)` is the k-th
    /// (0-based). A file with millions of repeated rows costs a counter, not millions of messages.
    package mutating func add(code: String, severity: Diagnostic.Severity, count: Int, _ make: (Int) -> Diagnostic) {
        guard count > 0 else { return }
        let before = counts[code, default: 0]
        counts[code] = before + count
        total += count
        severities[code] = severity
        for k in 0..<max(0, min(count, Self.limitPerCode - before)) { kept.append(make(k)) }
    }

    /// Adds another log's diagnostics (from a later part of the same file), moving their lines down by
    /// `lineOffset`; `skip` drops diagnostics already reported.
    package mutating func absorb(_ other: DiagnosticLog, lineOffset: Int, skip: (Diagnostic) -> Bool = { _ in false }) {
        var keptPerCode = [String: Int]()
        for d in other.kept {
            keptPerCode[d.code, default: 0] += 1
            if skip(d) { continue }
            add(Diagnostic(file: d.file, line: d.line.map { $0 + lineOffset }, column: d.column, code: d.code,
                           severity: d.severity, message: d.message))
        }
        for (code, count) in other.counts where count > keptPerCode[code, default: 0] {
            counts[code, default: 0] += count - keptPerCode[code, default: 0]
            total += count - keptPerCode[code, default: 0]
            severities[code] = other.severities[code]
        }
    }

    /// Diagnostics added so far of `severity`, kept or not.
    package func total(_ severity: Diagnostic.Severity) -> Int {
        counts.reduce(0) { $0 + (severities[$1.key] == severity ? $1.value : 0) }
    }

    /// The kept diagnostics, then one line per code that went over the limit.
    package func finished() -> [Diagnostic] {
        kept + counts.filter { $0.value > Self.limitPerCode }.sorted { $0.key < $1.key }.map { code, count in
            let severity = severities[code]!
            let rest = quarantined && severity == .error ? "; the quarantine file lists every rejected row"
                : !quarantined && severity == .error ? "; those rows are left out" : ""
            return Diagnostic(file: file, code: code, severity: severity,
                              message: "\(count - Self.limitPerCode) more \(code) diagnostic\(count - Self.limitPerCode == 1 ? "" : "s") not shown (\(count) in all\(rest))")
        }
    }
}
