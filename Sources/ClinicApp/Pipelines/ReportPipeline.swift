import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import ClinicReports
import ClinicStore
import Foundation

/// `clinic report INPUT... --out DIR [--format html,md,json,xlsx] [--area CODE] [--as-of YYYY-MM]`: one
/// authority's Performance Clinic pack (``Pack``), written under `DIR` only, after everything has been
/// computed and rendered (an error leaves no half-written pack), by ``PackWriter``.
public enum ReportPipeline {
    public static func run(_ request: SeriesRequest, out: String, formats: String, area: String?, records: [String] = [], now: Date = Date(),
                           log: (String) -> Void) throws -> CommandOutput {
        var chosen = Set<PackRenderer.Format>()
        for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let f = PackRenderer.Format(rawValue: name) else {
                throw UsageError("--format takes html, md, json and xlsx, separated by commas (got \"\(name)\")")
            }
            chosen.insert(f)
        }
        guard !chosen.isEmpty else { throw UsageError("--format needs at least one of html, md, json, xlsx") }
        guard !out.isEmpty else { throw UsageError("--out needs a folder (got an empty name)") }

        var (pack, catalogue, hadErrors) = try PackBuilder.build(request, area: area, now: now, log: log)
        if !records.isEmpty {
            // The looked-after section, from the SSDA903 files read as of the same month.
            var notes = [String]()
            let care = CareRequest(inputs: records, config: request.config, asOf: request.months.asOf)
            let (section, recordErrors) = try LookedAfterSection.build(care) { line in log(line); notes.append(line) }
            pack.lookedAfter = section
            pack.notes += notes
            hadErrors = hadErrors || recordErrors
        }

        // Render everything, then hand it to the writer: staged inside --out, renamed into place, and
        // only files Clinic wrote there before are ever replaced or removed.
        let files = try PackRenderer.files(pack, formats: chosen)
        let root = URL(fileURLWithPath: out, isDirectory: true)
        try PackWriter.write(files, to: out, log: log)

        var lines = ["Wrote \(files.map { root.appendingPathComponent($0.path).path }.filter { !$0.contains("/charts/") }.joined(separator: ", "))"
                     + { (charts: Int) in charts == 0 ? "" : " and \(charts) chart\(charts == 1 ? "" : "s")" }(files.filter { $0.path.hasPrefix("charts/") }.count),
                     "\(pack.measures.count) measure\(pack.measures.count == 1 ? "" : "s") for \(pack.provenance.authorityName.map { "\($0) (\(pack.provenance.area))" } ?? pack.provenance.area), \(pack.dataWhen); agenda:"]
        if pack.agenda.isEmpty { lines.append("  nothing flagged for discussion") }
        for item in pack.agenda {
            lines.append("  [\(item.lead.severity.rawValue)] \(item.sentence { catalogue.definition($0.metric) })")
        }
        let targeted = pack.measures.filter { $0.target != nil }
        if !targeted.isEmpty { lines.append("targets:") }
        for m in targeted {
            guard let t = m.target, let latest = m.latest else { continue }
            let unit = m.definition.unit
            lines.append("  [\(t.status?.rawValue ?? "no RAG")] \(m.definition.label): \(Wording.value(latest.value, unit: unit)) in \(Wording.monthName(latest.month)) against a target of \(Wording.value(t.value, unit: unit)) (\(m.definition.polarity == .lowerBetter ? "lower is better" : m.definition.polarity == .higherBetter ? "higher is better" : "no better direction is set, so no RAG"))")
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: hadErrors)
    }
}
