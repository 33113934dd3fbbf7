import ClinicCore
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
/// ```
struct ClinicConfiguration {
    struct Authority: Decodable { var name: String?; var code: String? }
    struct InterventionEntry: Decodable {
        var label: String
        var month: String
        var effect: String?
        var metrics: [String]?
    }
    struct File: Decodable {
        var authority: Authority?
        var intervention: [InterventionEntry]?
    }

    var authorityName: String?
    var authorityCode: String?
    /// Interventions with the metrics they apply to (nil = all).
    var interventions: [(Intervention, metrics: Set<String>?)] = []

    /// The interventions that apply to `metric`.
    func interventions(for metric: String) -> [Intervention] {
        interventions.filter { $0.metrics?.contains(metric) ?? true }.map(\.0)
    }

    /// Reads `path`; with `path` nil, reads ./clinic.toml if it exists (else an empty configuration).
    static func load(_ path: String?) throws -> ClinicConfiguration {
        let file = path ?? "clinic.toml"
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw UsageFailure(message: "\(file): no such configuration file") }
            return ClinicConfiguration()
        }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw Diagnostic(file: file, code: "unreadable_file", message: "cannot be read as UTF-8 text")
        }
        let decoded: File
        do {
            decoded = try TOMLDecoder().decode(File.self, from: text)
        } catch let error as TOMLParseError {
            throw Diagnostic(file: file, line: Int(error.source.begin.line), column: Int(error.source.begin.column),
                             code: "bad_config", message: "not valid TOML: \(error.description)")
        } catch {
            throw Diagnostic(file: file, code: "bad_config", message: "unexpected settings: \(error)")
        }
        var config = ClinicConfiguration(authorityName: decoded.authority?.name, authorityCode: decoded.authority?.code)
        for entry in decoded.intervention ?? [] {
            guard case let .month(month) = MonthParser.parse(entry.month) else {
                throw Diagnostic(file: file, code: "bad_config", message: "intervention \"\(entry.label)\": \"\(entry.month)\" is not a month")
            }
            guard let effect = Intervention.Effect(rawValue: entry.effect ?? "both") else {
                throw Diagnostic(file: file, code: "bad_config", message: "intervention \"\(entry.label)\": effect must be level, slope or both")
            }
            config.interventions.append((Intervention(label: entry.label, month: month, effect: effect),
                                         entry.metrics.map { Set($0.map { $0.lowercased() }) }))
        }
        return config
    }
}
