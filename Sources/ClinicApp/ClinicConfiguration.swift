import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicModels
import ClinicNumerics
import ClinicReports
import ClinicSimulation
import ClinicStore
import Foundation
import TOMLKit

/// The authority's settings, read from `clinic.toml` (or `--config FILE`).
///
/// ```toml
/// [authority]
/// name = "Fictional Borough"
/// code = "E99999999"
///
/// [[intervention]]
/// label = "the new front door"     # used in term names (level:LABEL) and sentences
/// month = "2021-04"                # first month in force (any month form Clinic reads)
/// effect = "both"                  # level | slope | both (default both)
/// metrics = ["referrals"]          # optional: only these metrics (default: every metric)
///
/// [[target]]
/// metric = "ppo"                   # a metric id
/// value = 10                       # the target, in the metric's units
/// amber_percent = 10               # optional: how far (% of the target) on the wrong side is amber
///
/// [rag]
/// amber_percent = 5                # the default for every target (5 when absent)
///
/// [polarity]
/// lac = "neutral"                  # lower_better | higher_better | neutral, overriding the catalogue
///
/// [journey]
/// order = ["lac", "referrals"]     # these measures lead the pack, in this order; the rest follow the
///                                  # catalogue's journey (referral → assessment → protection → care → leaving care)
/// ```
public struct ClinicConfiguration: Sendable {
    struct Authority: Decodable, Sendable { var name: String?; var code: String? }
    struct InterventionEntry: Decodable {
        var label: String
        var month: String
        var effect: String?
        var metrics: [String]?
    }
    /// A TOML number written as an integer (`20`) or a float (`20.5`).
    struct Number: Decodable {
        var value: Double
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d } else { value = Double(try c.decode(Int.self)) }
        }
    }
    struct TargetEntry: Decodable {
        var metric: String
        var value: Number
        var amber_percent: Number?
    }
    struct RAGEntry: Decodable { var amber_percent: Number? }
    struct JourneyEntry: Decodable { var order: [String]? }
    struct File: Decodable {
        var authority: Authority?
        var intervention: [InterventionEntry]?
        var target: [TargetEntry]?
        var rag: RAGEntry?
        var polarity: [String: String]?
        var journey: JourneyEntry?
    }

    /// A metric's target and the RAG rule read against it (``RAGStatus``).
    public struct Target: Sendable, Equatable {
        public var value: Double
        /// On the wrong side of the target by at most this percentage of |target|: amber; further: red.
        public var amberPercent: Double
    }

    public var authorityName: String?
    public var authorityCode: String?
    /// Interventions with the metrics they apply to (nil = all).
    public var interventions: [(Intervention, metrics: Set<String>?)] = []
    /// Targets by metric id.
    public var targets: [String: Target] = [:]
    /// Polarity overrides by metric id.
    public var polarities: [String: MetricDefinition.Polarity] = [:]
    /// Metric ids that lead the pack, in this order (`[journey] order`); the rest follow the catalogue.
    public var journeyOrder: [String] = []
    /// The file the settings came from (nil: none was found, so the defaults apply).
    public var source: String?

    public init() {}

    /// What a note on stderr says about the settings used.
    public var note: String {
        source.map { "note: settings from \($0)" } ?? "note: no clinic.toml in the current folder; no settings (authority, interventions) applied"
    }

    /// `catalogue` with this file's polarity overrides applied.
    public func applyingPolarities(to catalogue: MetricCatalogue) -> MetricCatalogue {
        guard !polarities.isEmpty else { return catalogue }
        let overridden = catalogue.ids.map { id in polarities[id].map { catalogue.definition(id).with(polarity: $0) } ?? catalogue.definition(id) }
        let added = polarities.keys.sorted().filter { !catalogue.knows($0) }.map { catalogue.definition($0).with(polarity: polarities[$0]!) }
        return MetricCatalogue(overridden + added)
    }

    /// The interventions that apply to `metric`.
    public func interventions(for metric: String) -> [Intervention] {
        interventions.filter { $0.metrics?.contains(metric) ?? true }.map(\.0)
    }

    /// Reads `path`; with `path` nil, reads ./clinic.toml if it exists (else an empty configuration).
    /// A missing `--config` file or one that is not valid is a ``UsageError`` (exit 2) naming the file
    /// and, for TOML syntax, the line and column.
    public static func load(_ path: String?) throws -> ClinicConfiguration {
        let file = path ?? "clinic.toml"
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw UsageError("\(file): no such configuration file") }
            return ClinicConfiguration()
        }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw UsageError(Diagnostic(file: file, code: "unreadable_file", message: "cannot be read as UTF-8 text").description)
        }
        let decoded: File
        do {
            decoded = try TOMLDecoder().decode(File.self, from: text)
        } catch let error as TOMLParseError {
            throw UsageError(Diagnostic(file: file, line: Int(error.source.begin.line), column: Int(error.source.begin.column),
                                        code: "bad_config", message: "not valid TOML: \(error.description)").description)
        } catch {
            throw UsageError(Diagnostic(file: file, code: "bad_config", message: "unexpected settings: \(error)").description)
        }
        var config = ClinicConfiguration()
        config.authorityName = decoded.authority?.name
        config.authorityCode = decoded.authority?.code
        config.source = file
        config.journeyOrder = (decoded.journey?.order ?? []).map { $0.lowercased() }
        for entry in decoded.intervention ?? [] {
            guard case let .month(month) = MonthParser.parse(entry.month) else {
                throw UsageError(Diagnostic(file: file, code: "bad_config", message: "intervention \"\(entry.label)\": \"\(entry.month)\" is not a month").description)
            }
            guard let effect = Intervention.Effect(rawValue: entry.effect ?? "both") else {
                throw UsageError(Diagnostic(file: file, code: "bad_config", message: "intervention \"\(entry.label)\": effect must be level, slope or both").description)
            }
            config.interventions.append((Intervention(label: entry.label, month: month, effect: effect),
                                         entry.metrics.map { Set($0.map { $0.lowercased() }) }))
        }
        let defaultAmber = decoded.rag?.amber_percent?.value ?? 5
        for entry in decoded.target ?? [] {
            let amber = entry.amber_percent?.value ?? defaultAmber
            guard entry.value.value.isFinite, amber.isFinite, amber >= 0 else {
                throw UsageError(Diagnostic(file: file, code: "bad_config", message: "target for \"\(entry.metric)\": the value and amber_percent must be numbers, amber_percent not negative").description)
            }
            config.targets[entry.metric.lowercased()] = Target(value: entry.value.value, amberPercent: amber)
        }
        for (metric, text) in decoded.polarity ?? [:] {
            guard let polarity = MetricDefinition.Polarity(rawValue: text) else {
                throw UsageError(Diagnostic(file: file, code: "bad_config", message: "polarity for \"\(metric)\" must be lower_better, higher_better or neutral (got \"\(text)\")").description)
            }
            config.polarities[metric.lowercased()] = polarity
        }
        return config
    }
}
