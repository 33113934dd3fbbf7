import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import ClinicReports
import ClinicStore
import Foundation

/// One authority's ``Pack`` from INPUT... or the store: the models (as `clinic fit` fits them), the flags
/// (as `clinic flags` finds them), the residual SPC charts, targets and benchmarks. Shared by
/// `clinic report` and `clinic notebook`.
public enum PackBuilder {
    /// The pack, the catalogue it used, and whether the input had errors. The area is `area`, else the
    /// settings' authority when the input has it, else the only area in the input (a ``UsageError``
    /// otherwise).
    ///
    /// Measures come in the order of the child's journey (the catalogue's, led by the settings'
    /// `[journey] order`); a series equal to an earlier one in every month (the same area and
    /// breakdown, the same months and values: a simulated `ppo_children` is `ppo`) is not given a second
    /// page, and a note says so.
    public static func build(_ request: SeriesRequest, area: String?, now: Date, log: (String) -> Void) throws
        -> (pack: Pack, catalogue: MetricCatalogue, hadErrors: Bool) {
        // Read, keeping what the log says for the pack's data-quality section.
        var notes = [String]()
        let (settings, loaded) = try request.load(summarise: true) { line in
            log(line)
            if !line.hasPrefix("note: settings from") && !line.hasPrefix("note: no clinic.toml") { notes.append(line) }
        }
        let asOf = try request.months.asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        let areas = Set(loaded.panel.keys.map(\.area))
        guard !areas.isEmpty else {
            // Errors in the input (reported above) that left nothing are a problem in the input, not usage.
            if loaded.hadErrors { throw InputProblem("the input's errors above left no series with values: there is nothing to report") }
            throw UsageError("the input has no series with values: there is nothing to report")
        }
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
        // The child's journey orders the pack; a series identical to one before it is shown once.
        let rank = Dictionary(uniqueKeysWithValues: catalogue.journeyOrder(Array(Set(panel.metrics)), first: settings.journeyOrder).enumerated().map { ($1, $0) })
        var series = [Series]()
        for s in panel.trimmedSeries.enumerated().sorted(by: { a, b in
            let ra = rank[a.element.key.metric] ?? .max, rb = rank[b.element.key.metric] ?? .max
            return ra != rb ? ra < rb : a.offset < b.offset
        }).map(\.element) {
            if let twin = series.first(where: { Self.identical($0, s) }) {
                let a = catalogue.definition(twin.key.metric), b = catalogue.definition(s.key.metric)
                let note = "note: \(b.label) (\(s.key.metric)) equals \(a.label) (\(twin.key.metric)) in every month, so the pack shows it once, as \(twin.key.metric)"
                log(note)
                notes.append(note)
                continue
            }
            series.append(s)
        }

        // The models, flags and charts (ClinicModels and ClinicDetection; the pack only words them).
        var options = TrendOptions()
        options.diagnostics = true
        options.fittedValues = true
        var fits = TrendModel.fitAll(series, options: options, catalogue: catalogue,
                                     interventions: { settings.interventions(for: $0.metric) },
                                     population: { PopulationTable.standard.exposure(for: $0, horizon: 6) })
        // A supported recent change is followed: the forecast starts where the data are.
        let quiet = ChangeFollowingFit.refineAll(series, fits: &fits, options: options, catalogue: catalogue,
                                                 interventions: { settings.interventions(for: $0.metric) },
                                                 population: { PopulationTable.standard.exposure(for: $0, horizon: 6) })
        // One account per measure: the flags read the same fits as the pages and charts (only the
        // forecast check needs a second fit, without the latest month).
        let flaggable = Set(SeriesRequest.flaggable(panel).map(\.key))
        let flagged = series.indices.filter { flaggable.contains(series[$0].key) }
        let oneStep = Exceptions.oneStepFits(flagged.map { series[$0] }, catalogue: catalogue,
                                             interventions: { settings.interventions(for: $0.metric) },
                                             population: { PopulationTable.standard.exposure(for: $0, horizon: 1) })
        let flags = Exceptions.flags(flagged.map { series[$0] }, fits: flagged.map { fits[$0] }, oneStep: oneStep, catalogue: catalogue,
                                     quietAt: flagged.map { quiet[$0] })
        let comparison = BenchmarkTable.standard.comparison(area: code)
        // LAIT's view over time: every published year up to the latest, at most ten.
        let history = comparison.map { BenchmarkTable.standard.comparisons(area: code, years: ($0.year - 9)...$0.year) } ?? []
        /// The offset's population for each month of the series, as the fit used it.
        func exposure(_ s: Series) -> [Double?] {
            let population = PopulationTable.standard.exposure(for: s, horizon: 6)
            return s.values.indices.map { population[s.start.advanced(by: $0)] }
        }
        /// The latest point of the plain XmR chart of the observed values, with the measure's polarity.
        func rawXmR(_ s: Series, definition: MetricDefinition) -> SPCPointType? {
            let values = s.values.indices.filter { s.status[$0] == .observed }.map { s.values[$0] }
            guard values.count >= 2 else { return nil }
            var options = SPCOptions()
            options.direction = SPCOptions.Direction(definition.polarity)
            return SPCChart(values: values, options: options).points.last?.pointType
        }
        let measures = zip(series, fits).map { s, fit -> Pack.Measure in
            let definition = catalogue.definition(s.key.metric)
            // A target is for the measure as a whole: series without dimensions, or whose every
            // dimension is "all" or "total"; breakdowns get none.
            let whole = s.key.dimensions.allSatisfy { ["all", "total"].contains($0.value.lowercased()) }
            let target = whole ? settings.targets[s.key.metric] : nil
            let latest = s.status.lastIndex { $0 == .observed }.map { s.values[$0] }
            let benchmark = comparison.flatMap { c in
                c.rows.first { $0.metric == s.key.metric && whole }.map { r in
                    Pack.Benchmark(year: c.year, value: r.value, england: r.england, region: r.region, regionName: c.regionName,
                                   neighbours: r.neighbours, rank: r.rank, of: r.of, quartile: r.quartile,
                                   neighboursLowest: r.neighboursLowest, neighboursHighest: r.neighboursHighest)
                }
            }
            var measure = Pack.Measure(series: s, definition: definition, fit: fit,
                                residualChart: ModelResidualChart(series: s, fit: fit, definition: definition, target: target?.value),
                                flags: flags.filter { $0.key == s.key },
                                target: target.map { t in
                                    Pack.Target(value: t.value, amberPercent: t.amberPercent,
                                                status: latest.flatMap { RAGStatus(value: $0, target: t.value, amberPercent: t.amberPercent, polarity: definition.polarity) })
                                },
                                benchmark: benchmark,
                                interventions: settings.interventions(for: s.key.metric)
                                    + (fit.followedChange.map { [Intervention(label: $0.label, month: $0.month, effect: $0.effect)] } ?? []),
                                exposure: fit.populationOffset ? exposure(s) : [],
                                rawLatestPointType: rawXmR(s, definition: definition))
            if whole {
                measure.benchmarkHistory = history.compactMap { c in
                    c.rows.first { $0.metric == s.key.metric }.map { r in
                        Pack.Benchmark(year: c.year, value: r.value, england: r.england, region: r.region, regionName: c.regionName,
                                       neighbours: r.neighbours, rank: r.rank, of: r.of, quartile: r.quartile,
                                       neighboursLowest: r.neighboursLowest, neighboursHighest: r.neighboursHighest, authorityName: c.name)
                    }
                }
            }
            return measure
        }
        var settingLines = settings.interventions.map { i, metrics in
            "intervention \"\(i.label)\" from \(i.month) (\(i.effect.rawValue)) on \(metrics.map { $0.sorted().joined(separator: ", ") } ?? "every measure")"
        }
        settingLines += settings.targets.keys.sorted().map { id in
            let t = settings.targets[id]!
            return "target \(id): \(Wording.significant(t.value, figures: 6)) (amber within \(Wording.significant(t.amberPercent, figures: 3))%)"
        }
        settingLines += settings.polarities.keys.sorted().map { "polarity \($0): \(settings.polarities[$0]!.rawValue)" }
        if !settings.journeyOrder.isEmpty { settingLines.append("journey order: \(settings.journeyOrder.joined(separator: ", ")) first") }
        var revisions: Int?
        if let db = request.db {
            do { revisions = try ClinicDatabase(path: db).revisions().filter { $0.key.area == code }.count } catch {
                notes.append("warning: the store's revisions could not be read (\(error))")
            }
        }
        for id in settings.targets.keys.sorted() where !panel.metrics.contains(id) {
            notes.append("warning: clinic.toml sets a target for \(id), which is not in the input")
        }
        for id in settings.journeyOrder where !panel.metrics.contains(id) {
            notes.append("warning: clinic.toml's journey order names \(id), which is not in the input")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let inputs = loaded.files.isEmpty && request.db != nil
            ? [Pack.InputFile(path: request.db!, sha256: "", format: "store", rows: 0, values: 0, accepted: 0, suppressed: 0, quarantined: 0, errors: 0, warnings: 0)]
            : loaded.files
        let provenance = Pack.Provenance(clinicVersion: ClinicVersion.current, generated: formatter.string(from: now), asOf: asOf,
                                         area: code, authorityName: settings.authorityCode?.uppercased() == code ? settings.authorityName : nil,
                                         settingsFile: settings.source, settings: settingLines, inputs: inputs)
        let pack = Pack(provenance: provenance, measures: measures, notes: notes, revisions: revisions)

        return (pack, catalogue, loaded.hadErrors)
    }

    /// Whether two series of one area and breakdown hold the same months, values and statuses.
    static func identical(_ a: Series, _ b: Series) -> Bool {
        a.key.area == b.key.area && a.key.dimensions.map { "\($0.name)=\($0.value)" } == b.key.dimensions.map { "\($0.name)=\($0.value)" }
            && a.start == b.start && a.status == b.status && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
