import ClinicData
import ClinicDetection
import ClinicModels
import Foundation

extension Pack {
    /// The pack as one JSON document (`pack.json`; schema in docs/report.md). Numbers at full precision.
    public func json() -> JSONValue {
        .object([
            ("schema", .string("clinic-pack/1")),
            ("provenance", provenanceJSON),
            // Each item: its lead flag's fields, the item's sentence, and the flags merged into it ("also").
            ("agenda", .array(agenda.map { item in
                var fields = flagJSON(item.lead)
                fields.append(("item_sentence", .string(item.sentence(definition: definition(of:)))))
                fields.append(("also", .array(item.others.map { .object(flagJSON($0)) })))
                return .object(fields)
            })),
            ("measures", .array(measures.map(\.json))),
            ("looked_after", lookedAfter.map { l in
                .object([("explanation", l.explanation.json(area: provenance.area)), ("projection", l.projection.json(area: provenance.area))])
            } ?? .null),
            ("data_quality", .object([
                ("inputs", .array(provenance.inputs.map(\.json))),
                ("notes", .array(notes.map { .string($0) })),
                ("revisions", revisions.map { .integer($0) } ?? .null),
            ])),
        ])
    }

    /// A flag's fields with the pack's identifier of its measure first.
    func flagJSON(_ flag: Flag) -> [(String, JSONValue)] {
        var fields = [("measure", JSONValue.string(measure(of: flag)?.id ?? flag.key.metric))]
        if case let .object(members) = flag.json(definition: definition(of: flag.key)) { fields += members }
        return fields
    }

    /// The definition the pack used for a series (its measure's), else the standard catalogue's.
    func definition(of key: SeriesKey) -> MetricDefinition {
        measures.first { $0.series.key == key }?.definition ?? MetricCatalogue.standard.definition(key.metric)
    }

    var provenanceJSON: JSONValue {
        .object([
            ("clinic_version", .string(provenance.clinicVersion)), ("generated", .string(provenance.generated)),
            ("as_of", .string(provenance.asOf.description)), ("latest_data", latestMonth.map { .string($0.description) } ?? .null),
            ("area", .string(provenance.area)),
            ("authority", provenance.authorityName.map { .string($0) } ?? .null),
            ("settings_file", provenance.settingsFile.map { .string($0) } ?? .null),
            ("settings", .array(provenance.settings.map { .string($0) })),
            ("inputs", .array(provenance.inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
        ])
    }
}

extension Pack.InputFile {
    var json: JSONValue {
        .object([("path", .string(path)), ("format", .string(format)), ("rows", .integer(rows)), ("values", .integer(values)),
                 ("accepted", .integer(accepted)), ("suppressed", .integer(suppressed)), ("quarantined", .integer(quarantined)),
                 ("errors", .integer(errors)), ("warnings", .integer(warnings))])
    }
}

extension Pack.Measure {
    /// One measure: identity, the summary row's numbers, the residual chart, target, benchmark, the fit
    /// (as `clinic fit --json` writes it), the data and fitted values by month, and its flags.
    var json: JSONValue {
        func optional(_ x: Double?) -> JSONValue { x.map { JSONValue.number($0) } ?? .null }
        func optionalInt(_ x: Int?) -> JSONValue { x.map { JSONValue.integer($0) } ?? .null }
        let latest = self.latest
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("area", .string(series.key.area)), ("metric", .string(series.key.metric)),
            ("dimensions", .object(series.key.dimensions.map { ($0.name, JSONValue.string($0.value)) })),
            ("label", .string(definition.label)), ("unit", definition.unit.map { .string($0.rawValue) } ?? .null),
            ("polarity", .string(definition.polarity.rawValue)),
            ("latest", latest.map { .object([("month", .string($0.month.description)), ("value", .number($0.value))]) } ?? .null),
            ("change_on_previous_month", optional(change(overMonths: 1))),
            ("change_on_year_earlier", optional(change(overMonths: 12))),
            ("mean_last_12_months", optional(yearAverages?.last)), ("mean_previous_12_months", optional(yearAverages?.previous)),
        ]
        if let r = fit.recentDirection {
            fields.append(("recent_direction", .object([
                ("month", .string(r.month.description)), ("level", .number(r.level.value)),
                ("slope_per_month", .number(r.slopePerMonth.value)), ("lower", .number(r.slopePerMonth.lower)),
                ("upper", .number(r.slopePerMonth.upper)), ("seasonally_adjusted", .bool(r.seasonallyAdjusted)),
                ("level_path_start", .string(r.pathStart.description)), ("level_path", .array(r.levelPath.map { .number($0) })),
            ])))
        } else {
            fields.append(("recent_direction", .null))
        }
        if let c = residualChart {
            fields.append(("spc", .object([
                ("chart", .string(c.kind.rawValue)),
                ("variation", c.variation.map { .string($0.rawValue) } ?? .null),
                ("assurance", c.assurance.map { .string($0.rawValue) } ?? .null),
                ("points", .array(c.months.indices.map { i in
                    let p = c.chart.points[i]
                    return .object([("month", .string(c.months[i].description)), ("observed", .number(c.observed[i])),
                                    ("expected", .number(c.expected[i])), ("lower", optional(c.lower[i])), ("upper", optional(c.upper[i])),
                                    ("special_cause", .string(p.specialCause)), ("point_type", .string(p.pointType.rawValue))])
                })),
            ])))
        } else {
            fields.append(("spc", .null))
        }
        fields.append(("target", target.map { t in
            .object([("value", .number(t.value)), ("amber_percent", .number(t.amberPercent)),
                     ("rag", t.status.map { .string($0.rawValue) } ?? .null)])
        } ?? .null))
        fields.append(("benchmark", benchmark.map { b in
            .object([("year", .integer(b.year)), ("value", optional(b.value)), ("england", optional(b.england)),
                     ("region", optional(b.region)), ("region_name", .string(b.regionName)), ("neighbours", optional(b.neighbours)),
                     ("rank", optionalInt(b.rank)), ("of", optionalInt(b.of)), ("quartile", optionalInt(b.quartile))])
        } ?? .null))
        fields.append(("benchmark_history", .array(benchmarkHistory.map { b in
            .object([("year", .integer(b.year)), ("value", optional(b.value)), ("england", optional(b.england)),
                     ("region", optional(b.region)), ("neighbours", optional(b.neighbours)),
                     ("neighbours_lowest", optional(b.neighboursLowest)), ("neighbours_highest", optional(b.neighboursHighest)),
                     ("quartile", optionalInt(b.quartile))])
        })))
        fields.append(("interventions", .array(interventions.map {
            .object([("label", .string($0.label)), ("month", .string($0.month.description)), ("effect", .string($0.effect.rawValue))])
        })))
        fields.append(("fit", fit.json(definition: definition)))
        fields.append(("start", .string(series.start.description)))
        fields.append(("values", .array(series.values.indices.map { i in
            series.status[i] == .observed || series.status[i] == .imputed ? .number(series.values[i]) : .null
        })))
        fields.append(("status", .array(series.status.map { .string($0.rawValue) })))
        fields.append(("fitted", .array(fit.fitted.map { .number($0) })))
        fields.append(("exposure", exposure.isEmpty ? .null : .array(exposure.map { $0.map { JSONValue.number($0) } ?? .null })))
        fields.append(("flags", .array(flags.map { $0.json(definition: definition) })))
        return .object(fields)
    }
}
