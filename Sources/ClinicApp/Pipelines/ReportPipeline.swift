import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import ClinicReports
import ClinicStore
import Foundation

/// The version Clinic reports (`clinic --version`, the pack's provenance).
public enum ClinicVersion {
    public static let current = "0.1.0"
}

/// `clinic report INPUT... --out DIR [--format html,md,json,xlsx] [--area CODE] [--as-of YYYY-MM]`: one
/// authority's Performance Clinic pack (``Pack``), written under `DIR` only, after everything has been
/// computed and rendered (an error leaves no half-written pack).
public enum ReportPipeline {
    public static func run(_ request: SeriesRequest, out: String, formats: String, area: String?, now: Date = Date(),
                           log: (String) -> Void) throws -> CommandOutput {
        var chosen = Set<PackRenderer.Format>()
        for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let f = PackRenderer.Format(rawValue: name) else {
                throw UsageError("--format takes html, md, json and xlsx, separated by commas (got \"\(name)\")")
            }
            chosen.insert(f)
        }
        guard !chosen.isEmpty else { throw UsageError("--format needs at least one of html, md, json, xlsx") }

        // Read, keeping what the log says for the pack's data-quality section.
        var notes = [String]()
        let (settings, loaded) = try request.load { line in
            log(line)
            if !line.hasPrefix("note: settings from") && !line.hasPrefix("note: no clinic.toml") { notes.append(line) }
        }
        let asOf = try request.months.asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        let areas = Set(loaded.panel.keys.map(\.area))
        let code: String
        if let area { code = area.uppercased() } else if let configured = settings.authorityCode, areas.contains(configured.uppercased()) {
            code = configured.uppercased()
        } else if areas.count == 1, let only = areas.first {
            code = only
        } else {
            throw UsageError("the input has \(areas.count) areas (\(areas.sorted().prefix(5).joined(separator: ", "))\(areas.count > 5 ? ", …" : "")): choose one with --area CODE")
        }
        guard areas.contains(code) else {
            throw UsageError("no series for area \"\(code)\"; the areas in the input are: \(areas.sorted().prefix(10).joined(separator: ", "))")
        }
        let panel = loaded.panel.filter { $0.area == code }
        let catalogue = SeriesRequest.catalogue(for: panel, settings: settings, log: log)
        let series = panel.trimmedSeries

        // The models, flags and charts (ClinicModels and ClinicDetection; the pack only words them).
        var options = TrendOptions()
        options.diagnostics = true
        options.fittedValues = true
        let fits = TrendModel.fitAll(series, options: options, catalogue: catalogue,
                                     interventions: { settings.interventions(for: $0.metric) },
                                     population: { PopulationTable.standard.exposure(for: $0, horizon: 6) })
        let flags = Exceptions.find(series, catalogue: catalogue,
                                    interventions: { settings.interventions(for: $0.metric) },
                                    population: { PopulationTable.standard.exposure(for: $0, horizon: 1) })
        let comparison = BenchmarkTable.standard.comparison(area: code)
        let measures = zip(series, fits).map { s, fit -> Pack.Measure in
            let definition = catalogue.definition(s.key.metric)
            let target = settings.targets[s.key.metric]
            let latest = s.status.lastIndex { $0 == .observed }.map { s.values[$0] }
            let benchmark = comparison.flatMap { c in
                c.rows.first { $0.metric == s.key.metric && s.key.dimensions.isEmpty }.map { r in
                    Pack.Benchmark(year: c.year, value: r.value, england: r.england, region: r.region, regionName: c.regionName,
                                   neighbours: r.neighbours, rank: r.rank, of: r.of, quartile: r.quartile)
                }
            }
            return Pack.Measure(series: s, definition: definition, fit: fit,
                                residualChart: ModelResidualChart(series: s, fit: fit, definition: definition, target: target?.value),
                                flags: flags.filter { $0.key == s.key },
                                target: target.map { t in
                                    Pack.Target(value: t.value, amberPercent: t.amberPercent,
                                                status: latest.flatMap { RAGStatus(value: $0, target: t.value, amberPercent: t.amberPercent, polarity: definition.polarity) })
                                },
                                benchmark: benchmark, interventions: settings.interventions(for: s.key.metric))
        }
        var settingLines = settings.interventions.map { i, metrics in
            "intervention \"\(i.label)\" from \(i.month) (\(i.effect.rawValue)) on \(metrics.map { $0.sorted().joined(separator: ", ") } ?? "every measure")"
        }
        settingLines += settings.targets.keys.sorted().map { id in
            let t = settings.targets[id]!
            return "target \(id): \(Wording.significant(t.value, figures: 6)) (amber within \(Wording.significant(t.amberPercent, figures: 3))%)"
        }
        settingLines += settings.polarities.keys.sorted().map { "polarity \($0): \(settings.polarities[$0]!.rawValue)" }
        var revisions: Int?
        if let db = request.db { revisions = try? ClinicDatabase(path: db).revisions().count }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let inputs = loaded.files.isEmpty && request.db != nil
            ? [Pack.InputFile(path: request.db!, sha256: "", format: "store", rows: 0, values: 0, accepted: 0, suppressed: 0, quarantined: 0, errors: 0, warnings: 0)]
            : loaded.files
        let provenance = Pack.Provenance(clinicVersion: ClinicVersion.current, generated: formatter.string(from: now), asOf: asOf,
                                         area: code, authorityName: settings.authorityCode?.uppercased() == code ? settings.authorityName : nil,
                                         settingsFile: settings.source, settings: settingLines, inputs: inputs)
        let pack = Pack(provenance: provenance, measures: measures, notes: notes, revisions: revisions)

        // Render everything, then write: nothing is written unless every file rendered.
        let files = try PackRenderer.files(pack, formats: chosen)
        let root = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, options: .atomic)
            }
        } catch {
            throw UsageError("\(out): the pack cannot be written (\(error.localizedDescription))")
        }

        var lines = ["Wrote \(files.map { root.appendingPathComponent($0.path).path }.filter { !$0.contains("/charts/") }.joined(separator: ", "))"
                     + (files.contains { $0.path.hasPrefix("charts/") } ? " and \(files.filter { $0.path.hasPrefix("charts/") }.count) charts" : ""),
                     "\(measures.count) measures for \(provenance.authorityName.map { "\($0) (\(code))" } ?? code), data to \(Wording.monthName(asOf)); agenda:"]
        if pack.agenda.isEmpty { lines.append("  nothing flagged for discussion") }
        for flag in pack.agenda {
            let definition = catalogue.definition(flag.key.metric)
            lines.append("  [\(flag.severity.rawValue)] \(flag.sentence(definition: definition))")
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: loaded.hadErrors)
    }
}
