import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import ClinicNumerics
import ClinicReports
import ClinicSimulation
import Foundation

/// INPUT... or `--db`, with the settings file, the metric and the months, as `series` and `fit` take them.
public struct SeriesRequest: Sendable {
    public var inputs: [String]
    public var db: String?
    public var metric: String?
    public var config: String?
    public var months: MonthOptions

    public init(inputs: [String], db: String?, metric: String?, config: String?, months: MonthOptions) {
        self.inputs = inputs
        self.db = db
        self.metric = metric
        self.config = config
        self.months = months
    }

    /// The settings (a note on which file to `log`) and the panel, only `metric`'s series when given.
    /// A metric that is not in the input is a ``UsageError`` listing the metrics that are.
    func load(summarise: Bool = false, log: (String) -> Void) throws -> (ClinicConfiguration, SeriesInput.Loaded) {
        let settings = try ClinicConfiguration.load(config)
        log(settings.note)
        let asOf = try months.asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        let from = try months.from.map { try InputFiles.month($0, option: "--from") }
        var loaded = try SeriesInput.load(files: inputs, db: db, asOf: asOf, area: settings.authorityCode ?? "", from: from,
                                          summarise: summarise, log: log)
        if let metric {
            let id = metric.lowercased()
            let present = loaded.panel.metrics
            guard present.contains(id) else {
                throw UsageError("no series for metric \"\(metric)\"; the metrics in the input are: \(present.isEmpty ? "none" : present.joined(separator: ", "))")
            }
            loaded.panel = loaded.panel.filter { $0.metric == id }
        }
        return (settings, loaded)
    }

    /// The series the exceptions look at: all, except the rates Clinic adds from its population seeds
    /// where the panel has their counts (a rate repeats its count's events, so they would be flagged twice).
    static func flaggable(_ panel: Panel) -> [Series] {
        let added = Set(PopulationTable.rateMetrics.values)
        let counted = Set(panel.keys.map { "\($0.area)|\($0.metric)" })
        return panel.trimmedSeries.filter { s in
            guard added.contains(s.key.metric), let count = PopulationTable.rateMetrics.first(where: { $0.value == s.key.metric })?.key else { return true }
            return !counted.contains("\(s.key.area)|\(count)")
        }
    }

    /// The standard catalogue with definitions inferred for metrics it does not know (each inference
    /// logged as a note) and the settings' polarity overrides applied.
    static func catalogue(for panel: Panel, settings: ClinicConfiguration, log: (String) -> Void) -> MetricCatalogue {
        let (catalogue, notes) = MetricCatalogue.standard.inferringUnknownMetrics(of: panel)
        for note in notes { log("note: \(note)") }
        return settings.applyingPolarities(to: catalogue)
    }
}

/// `clinic series INPUT... [--json]`.
public enum SeriesPipeline {
    public static func run(_ request: SeriesRequest, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        let (_, loaded) = try request.load(log: log)
        let series = loaded.panel.trimmedSeries
        return CommandOutput(stdout: json ? series.json().rendered() + "\n" : series.longCSV(), hadProblems: loaded.hadErrors)
    }
}

/// `clinic fit INPUT... [--area CODE] [--model M] [--seasonality S] [--errors E] [--horizon N] [--hac-lag N] [--no-recent] [--json]`.
public enum FitPipeline {
    /// The `--model` values.
    public static let modelNames = ["auto"] + TrendModelKind.allCases.filter { $0 != .none }.map(\.rawValue)
    /// The `--seasonality` values.
    public static let seasonalityNames = ["auto", "none", "month_dummies", "fourier_1", "fourier_2"]

    /// The `--errors` values.
    public static let errorNames = ["auto"] + ErrorModel.allCases.map(\.rawValue)

    /// Fit options from the command's text values; an unknown value is a ``UsageError``.
    public static func options(model: String, seasonality: String, errors: String = "auto", horizon: Int,
                               hacLag: Int?, recentDirection: Bool = true) throws -> TrendOptions {
        var options = TrendOptions()
        options.recentDirection = recentDirection
        switch model {
        case "auto": options.model = .automatic
        default:
            guard let kind = TrendModelKind(rawValue: model), kind != .none else {
                throw UsageError("--model must be \(modelNames.joined(separator: ", ")) (got \"\(model)\")")
            }
            options.model = .fixed(kind)
        }
        switch seasonality {
        case "auto": options.seasonality = .automatic
        case "none": options.seasonality = .fixed(.none)
        case "month_dummies": options.seasonality = .fixed(.monthDummies)
        case "fourier_1": options.seasonality = .fixed(.fourier(harmonics: 1))
        case "fourier_2": options.seasonality = .fixed(.fourier(harmonics: 2))
        default: throw UsageError("--seasonality must be \(seasonalityNames.joined(separator: ", ")) (got \"\(seasonality)\")")
        }
        switch errors {
        case "auto": options.errorModel = .automatic
        default:
            guard let m = ErrorModel(rawValue: errors) else {
                throw UsageError("--errors must be \(errorNames.joined(separator: ", ")) (got \"\(errors)\")")
            }
            options.errorModel = .fixed(m)
        }
        guard (0...60).contains(horizon) else { throw UsageError("--horizon must be between 0 and 60") }
        if let hacLag, hacLag < 0 { throw UsageError("--hac-lag must not be negative") }
        options.horizon = horizon
        options.hacLag = hacLag
        return options
    }

    public static func run(_ request: SeriesRequest, area: String?, options: TrendOptions, json: Bool,
                           log: (String) -> Void) throws -> CommandOutput {
        let (settings, loaded) = try request.load(log: log)
        let panel = area.map { code in loaded.panel.filter { $0.area == code.uppercased() } } ?? loaded.panel
        guard !panel.keys.isEmpty else {
            // Errors in the input (an empty file, a header with no rows) left nothing: that is a problem in
            // the input (exit 1), reported above, not a usage error.
            if loaded.panel.keys.isEmpty && loaded.hadErrors {
                log("clinic: no series to fit: the input's errors above left none")
                return CommandOutput(stdout: "", hadProblems: true)
            }
            throw UsageError("no series to fit\(request.metric.map { " for metric \"\($0)\"" } ?? "")\(area.map { " in area \"\($0)\"" } ?? "")")
        }
        let catalogue = SeriesRequest.catalogue(for: panel, settings: settings, log: log)
        // Counts with a published rate (lac, referrals) are modelled per child when a count model is used.
        let horizon = options.horizon
        var first = options
        first.fittedValues = true // the changepoint noise of ChangeFollowingFit
        let series = panel.trimmedSeries
        var refined = TrendModel.fitAll(series, options: first, catalogue: catalogue,
                                        interventions: { settings.interventions(for: $0.metric) },
                                        population: { PopulationTable.standard.exposure(for: $0, horizon: horizon) })
        // A supported recent change is followed, as the pack and `clinic flags` do (one account).
        ChangeFollowingFit.refineAll(series, fits: &refined, options: options, catalogue: catalogue,
                                     interventions: { settings.interventions(for: $0.metric) },
                                     population: { PopulationTable.standard.exposure(for: $0, horizon: horizon) })
        let fits = refined   // captured by the streamed output
        // Written a block of series at a time (the national document is 64 MB), each block rendered on
        // every core: on one thread the rendering was a tenth of a national run's CPU, after the fits.
        let streamed: @Sendable (([UInt8]) -> Void) -> Void
        if json {
            streamed = { write in
                JSONValue.streamObject(key: "series", count: fits.count, indent: 2, block: 512, render: { range in
                    Parallel.map(range.count) { k in
                        let fit = fits[range.lowerBound + k]
                        return fit.json(definition: catalogue.definition(fit.key.metric)).renderedArrayItemText(indent: 2)
                    }
                }, emit: write)
                write([UInt8(ascii: "\n")])
            }
        } else {
            streamed = { write in for fit in fits { write(Array(fit.text(definition: catalogue.definition(fit.key.metric)).utf8)) } }
        }
        return CommandOutput(stdout: "", hadProblems: loaded.hadErrors, streamed: streamed)
    }
}

/// `clinic regress FILE.csv --y COL [--x COL,...] [--poly COL:DEGREE] [--no-intercept] [--json]`.
public enum RegressPipeline {
    public static func run(file: String, response: String, predictors: [String], polynomials: [String], intercept: Bool,
                           json: Bool) throws -> CommandOutput {
        let polys = try polynomials.map { spec in
            guard let p = RegressionJob.polynomial(spec) else {
                throw UsageError("--poly expects COLUMN:DEGREE with a degree from 1 to 30, e.g. --poly x:3 (got \"\(spec)\")")
            }
            return p
        }
        let xs = predictors.flatMap(RegressionJob.splitList)
        if xs.isEmpty && !predictors.isEmpty { throw UsageError("--x needs at least one column name") }
        let fit = try RegressionJob.fit(file: file, response: response, predictors: xs, polynomials: polys, intercept: intercept)
        return CommandOutput(stdout: json ? fit.regressionJSON().rendered() + "\n" : fit.summaryText(response: response), hadProblems: false)
    }
}

/// `clinic simulate --out DIR [--seed N] [--months N] [--start YYYY-MM] [--areas N] [--records]`.
public enum SimulatePipeline {
    public static func run(out: String, seed: UInt64, months: Int, start: String, areas: Int, records: Bool) throws -> CommandOutput {
        guard (12...600).contains(months) else { throw UsageError("--months must be between 12 and 600") }
        guard (1...200).contains(areas) else { throw UsageError("--areas must be between 1 and 200") }
        let first = try InputFiles.month(start, option: "--start")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            throw UsageError("--out \(out): not a folder (a file is there); give a folder to write the simulation into")
        }
        guard !out.isEmpty else { throw UsageError("--out needs a folder (got an empty name)") }
        let supported = AuthoritySimulator.supportedMonths
        guard supported.contains(first), supported.contains(first.advanced(by: months - 1)) else {
            throw UsageError("--start \(first) with --months \(months) runs to \(first.advanced(by: months - 1)); a simulation must lie between \(supported.lowerBound) and \(supported.upperBound) (its children are born up to 24 years before --start and turn 18 up to 18 years after its last month, and record dates run from 1900 to 2100)")
        }
        let line = try SimulationJob.run(out: out, seed: seed, months: months, start: first, areas: areas, records: records)
        return CommandOutput(stdout: line + "\n", hadProblems: false)
    }
}

/// `clinic backtest INPUT... [--metric ID] [--origins N] [--json]`: rolling-origin forecast evaluation of
/// the default trend model against the same model with independent errors and the seasonal naive forecast.
public enum BacktestPipeline {
    public static func run(_ request: SeriesRequest, origins: Int, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        guard (1...240).contains(origins) else { throw UsageError("--origins must be between 1 and 240") }
        let (settings, loaded) = try request.load(log: log)
        let catalogue = SeriesRequest.catalogue(for: loaded.panel, settings: settings, log: log)
        var options = Backtest.Options()
        options.origins = origins
        var independent = TrendOptions()
        independent.errorModel = .fixed(.iid)
        // "default" is what `clinic fit` forecasts (following a supported recent change); "long_run"
        // the same model without that, to show what following changes buys.
        let methods = [Backtest.Method(name: "default", options: TrendOptions(), fit: ChangeFollowingFit.fit),
                       Backtest.Method(name: "long_run", options: TrendOptions()),
                       Backtest.Method(name: "independent_errors", options: independent)]
        let series = loaded.panel.trimmedSeries
        let results = Backtest.run(series, methods: methods, catalogue: catalogue, options: options,
                                   interventions: { settings.interventions(for: $0.metric) },
                                   population: { PopulationTable.standard.exposure(for: $0, horizon: $1) })
        if let skipped = results[Backtest.skippedKey]?[0]?.forecasts, skipped > 0 {
            log("note: \(skipped) origin\(skipped == 1 ? "" : "s") left out because a method could not forecast there")
        }
        let names = methods.map(\.name) + [Backtest.baseline]
        if json {
            let value = JSONValue.object([("series", .integer(series.count)), ("origins", .integer(origins)), ("methods", .array(names.map { name in
                .object([("name", .string(name)), ("horizons", .array(options.horizons.map { h in
                    let s = results[name]?[h] ?? Backtest.Score()
                    let intervals = name != Backtest.baseline
                    return .object([("h", .integer(h)), ("forecasts", .integer(s.forecasts)),
                                    ("mase", s.mase.map { .number($0) } ?? .null),
                                    ("coverage_80", intervals ? s.coverage80.map { .number($0) } ?? .null : .null),
                                    ("coverage_95", intervals ? s.coverage95.map { .number($0) } ?? .null : .null)])
                }))])
            }))])
            return CommandOutput(stdout: value.rendered() + "\n", hadProblems: loaded.hadErrors)
        }
        var lines = ["\(series.count) series, up to \(origins) origins each; MASE scaled by the in-sample seasonal naive MAE",
                     "| method | h | forecasts | MASE | 80% covered | 95% covered |", "|---|---|---|---|---|---|"]
        for name in names {
            for h in options.horizons {
                let s = results[name]?[h] ?? Backtest.Score()
                func pct(_ x: Double?) -> String { name == Backtest.baseline ? "–" : x.map { String(format: "%.1f%%", 100 * $0) } ?? "–" }
                lines.append("| \(name) | \(h) | \(s.forecasts) | \(s.mase.map { String(format: "%.3f", $0) } ?? "–") | \(pct(s.coverage80)) | \(pct(s.coverage95)) |")
            }
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: loaded.hadErrors)
    }
}

/// `clinic spc FILE.csv --value COL [--date COL] [--direction D] [--no-screen] [--rebase DATE ...]
/// [--fix-after N] [--target X] [--json]`.
public enum SPCPipeline {
    public static func run(file: String, value: String, date: String?, direction: String, screen: Bool, rebase: [String],
                           fixAfter: Int?, target: Double?, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        var options = SPCOptions()
        guard let d = SPCOptions.Direction(rawValue: direction) else {
            throw UsageError("--direction must be increase, decrease or neutral (got \"\(direction)\")")
        }
        options.direction = d
        options.screenOutliers = screen
        if let fixAfter, fixAfter < 12 { throw UsageError("--fix-after needs at least 12 points (got \(fixAfter))") }
        options.fixAfter = fixAfter
        options.target = target
        if target != nil && d == .neutral { log("note: --target gives an assurance icon only with --direction increase or decrease") }
        let days = try rebase.map { text -> Day in
            guard let day = SPCJob.day(text) else { throw UsageError("--rebase expects a date such as 2024-04-01 (got \"\(text)\")") }
            return day
        }
        let result = try SPCJob.run(file: file, valueColumn: value, dateColumn: date, rebase: days, options: options)
        for w in result.chart.warnings { log("warning: \(w.text)") }
        return CommandOutput(stdout: json ? result.chart.json(dates: result.dates).rendered() + "\n" : result.chart.text(dates: result.dates),
                             hadProblems: false)
    }
}

/// `clinic flags INPUT... [--json]`: the exceptions of ``Exceptions`` for every series, most important first.
public enum FlagsPipeline {
    public static func run(_ request: SeriesRequest, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        // The panel is let go once its series are out: the fits need the memory (national run).
        let (settings, catalogue, series, hadErrors) = try { () throws -> (ClinicConfiguration, MetricCatalogue, [Series], Bool) in
            let (settings, loaded) = try request.load(log: log)
            return (settings, SeriesRequest.catalogue(for: loaded.panel, settings: settings, log: log),
                    SeriesRequest.flaggable(loaded.panel), loaded.hadErrors)
        }()
        let flags = Exceptions.find(series, catalogue: catalogue,
                                    interventions: { settings.interventions(for: $0.metric) },
                                    population: { PopulationTable.standard.exposure(for: $0, horizon: 1) })
        if json {
            let value = JSONValue.object([("flags", .array(flags.map { $0.json(definition: catalogue.definition($0.key.metric)) }))])
            return CommandOutput(stdout: value.rendered() + "\n", hadProblems: hadErrors)
        }
        var lines = ["\(flags.count) flag\(flags.count == 1 ? "" : "s"), most important first"]
        for f in flags {
            lines.append("[\(f.severity.rawValue)] \(f.key)  \(f.month)  \(f.method.rawValue)/\(f.rule)  \(f.direction.rawValue)")
            lines.append("  \(f.sentence(definition: catalogue.definition(f.key.metric)))")
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: hadErrors)
    }

    /// `clinic flags --replay FROM:TO`: the checks run as of each month from FROM to TO on the data known
    /// then (every series cut at that month), as the clinic would have seen them. Each month lists what
    /// is new (``FlagNovelty``; the month before FROM seeds what was known): its red and amber flags, and
    /// information flags the first month they are found (a changepoint is dated in the past but found
    /// later: the replay shows when).
    public static func replay(_ request: SeriesRequest, window: String, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        let parts = window.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw UsageError("--replay expects FROM:TO, two months such as 2024-01:2024-06 (got \"\(window)\")") }
        let from = try InputFiles.month(parts[0], option: "--replay"), to = try InputFiles.month(parts[1], option: "--replay")
        guard from <= to else { throw UsageError("--replay FROM:TO needs FROM no later than TO (got \(from):\(to))") }
        guard from.distance(to: to) < 240 else { throw UsageError("--replay covers at most 240 months") }
        let (settings, loaded) = try request.load(log: log)
        let catalogue = SeriesRequest.catalogue(for: loaded.panel, settings: settings, log: log)
        let series = SeriesRequest.flaggable(loaded.panel)
        var novelty = FlagNovelty()
        var months = [(Month, [Flag])]()
        // The month before FROM only seeds what was known already: the first month shows what is new.
        var month = from.advanced(by: -1)
        while month <= to {
            let cut = series.compactMap { s -> Series? in
                let keep = s.start.distance(to: month) + 1
                guard keep > 0 else { return nil }
                let n = min(keep, s.values.count)
                guard s.status.prefix(n).contains(.observed) else { return nil }
                return Series(key: s.key, start: s.start, values: Array(s.values.prefix(n)), status: Array(s.status.prefix(n)),
                              markers: s.markers.filter { $0.key < n })
            }
            let flags = Exceptions.find(cut, catalogue: catalogue, interventions: { settings.interventions(for: $0.metric) },
                                        population: { PopulationTable.standard.exposure(for: $0, horizon: 1) })
            let shown = flags.filter { novelty.isNew($0, asOf: month) }
            if month >= from { months.append((month, shown)) }
            month = month.advanced(by: 1)
        }
        if json {
            let value = JSONValue.object([("replay", .array(months.map { m, flags in
                .object([("as_of", .string(m.description)),
                         ("flags", .array(flags.map { $0.json(definition: catalogue.definition($0.key.metric)) }))])
            }))])
            return CommandOutput(stdout: value.rendered() + "\n", hadProblems: loaded.hadErrors)
        }
        var lines = [String]()
        for (m, flags) in months {
            lines.append("As of \(Wording.monthName(m)): \(flags.isEmpty ? "nothing new" : "\(flags.count) flag\(flags.count == 1 ? "" : "s")")")
            for f in flags {
                lines.append("  [\(f.severity.rawValue)] \(f.key)  \(f.month)  \(f.method.rawValue)/\(f.rule)  \(f.sentence(definition: catalogue.definition(f.key.metric)))")
            }
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: loaded.hadErrors)
    }
}

/// `clinic benchmark --area CODE [--year YYYY] [--json]`: the authority against England, its region and
/// its statistical neighbours on DfE's published figures (``BenchmarkTable``).
public enum BenchmarkPipeline {
    /// One year (`year`, default the latest published) or, with `years`, every published year in the
    /// range, oldest first, each row carrying its year.
    public static func run(area: String, year: Int?, years: ClosedRange<Int>? = nil, json: Bool, log: (String) -> Void) throws -> CommandOutput {
        let table = BenchmarkTable.standard
        let comparisons: [BenchmarkTable.Comparison]
        if let years {
            comparisons = table.comparisons(area: area, years: years)
        } else {
            comparisons = table.comparison(area: area, year: year).map { [$0] } ?? []
        }
        guard let first = comparisons.first, let last = comparisons.last else {
            let when = years.map { " in \($0.lowerBound) to \($0.upperBound)" } ?? year.map { " in \($0)" } ?? ""
            throw UsageError("no published figures for \"\(area)\"\(when): give a local authority's code (E08000001 or 350) or name")
        }
        var notes = [String]()
        for c in comparisons { for note in c.notes where !notes.contains(note) { notes.append(note) } }
        for note in notes { log("note: \(note)") }
        func optional(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }
        func optionalInt(_ x: Int?) -> JSONValue { x.map { JSONValue.integer($0) } ?? .null }
        if json {
            let rows: [JSONValue] = comparisons.flatMap { c in
                c.rows.map { r in
                    JSONValue.object([("year", .integer(c.year)), ("metric", .string(r.metric)), ("value", optional(r.value)), ("england", optional(r.england)),
                                      ("region", optional(r.region)), ("region_name", .string(c.regionName)), ("neighbours", optional(r.neighbours)),
                                      ("neighbours_lowest", optional(r.neighboursLowest)), ("neighbours_highest", optional(r.neighboursHighest)),
                                      ("rank", optionalInt(r.rank)), ("of", optionalInt(r.of)), ("quartile", optionalInt(r.quartile)),
                                      ("suppressed", r.marker.map { JSONValue.string($0) } ?? .null),
                                      ("published_as", r.publishedAs.map { JSONValue.string($0) } ?? .null)])
                }
            }
            var fields: [(String, JSONValue)] = [("area", .string(first.code)), ("name", .string(first.name))]
            fields += years == nil ? [("year", .integer(first.year))] : [("from", .integer(first.year)), ("to", .integer(last.year))]
            fields += [("rows", .array(rows)), ("notes", .array(notes.map { .string($0) }))]
            return CommandOutput(stdout: JSONValue.object(fields).rendered() + "\n", hadProblems: false)
        }
        let catalogue = MetricCatalogue.standard
        func n(_ x: Double?, _ metric: String = "") -> String {
            x.map { Wording.significant($0, figures: 3) + (metric.hasSuffix("_pct") ? "%" : "") } ?? "–"
        }
        let span = first.year == last.year ? "the year ending 31 March \(first.year)" : "the years ending 31 March \(first.year) to \(last.year)"
        var lines = ["\(first.name) (\(first.code)), \(span) (looked-after counts on 31 March), against England, \(first.regionName) and its statistical neighbours (DfE; the 2025 neighbour model for every year)"]
        if years == nil {
            lines.append("measure | value | England | region | neighbours (lowest–highest) | rank (1 = lowest) | quartile")
        }
        for metric in first.rows.map(\.metric) + last.rows.map(\.metric).filter({ m in !first.rows.contains { $0.metric == m } }) {
            let label = catalogue.knows(metric) ? catalogue.definition(metric).label : metric
            if years != nil {
                lines.append("")
                lines.append("\(label) [\(metric)]")
                lines.append("year | value | England | region | neighbours (lowest–highest) | rank (1 = lowest) | quartile")
            }
            for c in comparisons {
                guard let r = c.rows.first(where: { $0.metric == metric }) else { continue }
                let value = r.value.map { n($0, metric) } ?? (r.marker == "z" ? "not applicable (z)" : "suppressed (\(r.marker ?? ""))")
                let rank = r.rank.map { "\($0) of \(r.of!)" } ?? "–"
                let peers = r.neighbours.map { "\(n($0, metric)) (\(n(r.neighboursLowest, metric))–\(n(r.neighboursHighest, metric)))" } ?? "–"
                let head = years == nil ? "\(label) [\(metric)]" : String(c.year)
                lines.append("\(head) | \(value)\(r.publishedAs.map { " (as \($0))" } ?? "") | \(n(r.england, metric)) | \(n(r.region, metric)) | \(peers) | \(rank) | \(r.quartile.map(String.init) ?? "–")")
            }
        }
        return CommandOutput(stdout: lines.joined(separator: "\n") + "\n", hadProblems: false)
    }
}
