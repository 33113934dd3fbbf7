import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import Foundation

/// One authority's Performance Clinic pack, everything computed before a word is written: the source of
/// its JSON (docs/report.md documents the schema), from which the HTML and Markdown are rendered.
public struct Pack: Sendable {
    /// Where the numbers came from.
    public struct Provenance: Sendable {
        public var clinicVersion: String
        /// The time of the run, ISO 8601 in UTC.
        public var generated: String
        public var asOf: Month
        public var area: String
        public var authorityName: String?
        /// The settings file (nil: none).
        public var settingsFile: String?
        /// The settings that shaped the numbers, one line each ("target ppo: 10 (amber within 5%)").
        public var settings: [String]
        public var inputs: [InputFile]
        public init(clinicVersion: String, generated: String, asOf: Month, area: String, authorityName: String?, settingsFile: String?,
                    settings: [String], inputs: [InputFile]) {
            self.clinicVersion = clinicVersion; self.generated = generated; self.asOf = asOf; self.area = area
            self.authorityName = authorityName; self.settingsFile = settingsFile; self.settings = settings; self.inputs = inputs
        }
    }

    /// One input file and what became of its values (`accepted + suppressed + quarantined = values`).
    public struct InputFile: Sendable {
        public var path: String
        public var sha256: String
        public var format: String
        public var rows: Int
        public var values: Int
        public var accepted: Int
        public var suppressed: Int
        public var quarantined: Int
        public var errors: Int
        public var warnings: Int
        public init(path: String, sha256: String, format: String, rows: Int, values: Int, accepted: Int, suppressed: Int, quarantined: Int,
                    errors: Int, warnings: Int) {
            self.path = path; self.sha256 = sha256; self.format = format; self.rows = rows; self.values = values
            self.accepted = accepted; self.suppressed = suppressed; self.quarantined = quarantined; self.errors = errors; self.warnings = warnings
        }
    }

    /// The authority's published figure for a measure beside England, its region and its statistical
    /// neighbours (DfE, year ending 31 March `year`).
    public struct Benchmark: Sendable {
        public var year: Int
        public var value: Double?
        public var england: Double?
        public var region: Double?
        public var regionName: String
        public var neighbours: Double?
        public var rank: Int?
        public var of: Int?
        public var quartile: Int?
        /// The neighbours' lowest and highest published values.
        public var neighboursLowest: Double?
        public var neighboursHighest: Double?
        /// The authority's name as DfE publishes it ("Manchester").
        public var authorityName: String
        public init(year: Int, value: Double?, england: Double?, region: Double?, regionName: String, neighbours: Double?, rank: Int?,
                    of: Int?, quartile: Int?, neighboursLowest: Double? = nil, neighboursHighest: Double? = nil, authorityName: String = "") {
            self.authorityName = authorityName
            self.year = year; self.value = value; self.england = england; self.region = region; self.regionName = regionName
            self.neighbours = neighbours; self.rank = rank; self.of = of; self.quartile = quartile
            self.neighboursLowest = neighboursLowest; self.neighboursHighest = neighboursHighest
        }
    }

    /// A measure's target and the RAG status of its latest value against it.
    public struct Target: Sendable {
        public var value: Double
        public var amberPercent: Double
        public var status: RAGStatus?
        public init(value: Double, amberPercent: Double, status: RAGStatus?) {
            self.value = value; self.amberPercent = amberPercent; self.status = status
        }
    }

    /// One measure (series) of the authority: its data, model, residual chart, flags and comparisons.
    public struct Measure: Sendable {
        public var series: Series
        public var definition: MetricDefinition
        public var fit: TrendFit
        public var residualChart: ModelResidualChart?
        public var flags: [Flag]
        public var target: Target?
        public var benchmark: Benchmark?
        /// Every published year up to ``benchmark``'s (at most ten), oldest first, for the chart over time.
        public var benchmarkHistory: [Benchmark] = []
        public var interventions: [Intervention]
        /// The population whose log is the count model's offset, month by month from the series' start
        /// (nil where there is none); empty when the fit has no offset.
        public var exposure: [Double?]
        /// The latest month's point type on the plain XmR chart of the observed values (as `clinic spc`
        /// draws it, with the measure's polarity), to say why it differs from the residual chart's.
        public var rawLatestPointType: SPCPointType?
        public init(series: Series, definition: MetricDefinition, fit: TrendFit, residualChart: ModelResidualChart?, flags: [Flag],
                    target: Target?, benchmark: Benchmark?, interventions: [Intervention], exposure: [Double?] = [],
                    rawLatestPointType: SPCPointType? = nil) {
            self.series = series; self.definition = definition; self.fit = fit; self.residualChart = residualChart; self.flags = flags
            self.target = target; self.benchmark = benchmark; self.interventions = interventions; self.exposure = exposure
            self.rawLatestPointType = rawLatestPointType
        }

        /// The last observed month and its value.
        public var latest: (month: Month, value: Double)? {
            guard let i = series.status.lastIndex(where: { $0 == .observed }) else { return nil }
            return (series.start.advanced(by: i), series.values[i])
        }

        /// The latest observed value minus the value `months` before it (nil when that month is not
        /// observed): the summary's change on last month (1) and on a year ago (12).
        public func change(overMonths months: Int) -> Double? {
            guard let i = series.status.lastIndex(where: { $0 == .observed }), i - months >= 0,
                  series.status[i - months] == .observed else { return nil }
            return series.values[i] - series.values[i - months]
        }

        /// The mean of the observed months among the 12 ending at the latest observed month, and among
        /// the 12 before them (nil unless each window has at least 9 observed months): the fit's
        /// ``YearComparison``, so the summary, the flags and the sentences read one number.
        public var yearAverages: (last: Double, previous: Double)? {
            fit.yearComparison.map { ($0.recentMean, $0.previousMean) }
        }

        /// The last 12 months against the 12 before as the clinic counts them: totals for a count of
        /// events when both years are complete (278 missing incidents against 183), averages otherwise
        /// (a stock, a percentage, a rate, or a year with a month missing); the agenda's sustained flag
        /// and the summary read the same figures (``Flag/yearWords(recent:previous:months:definition:)``).
        public var yearFigures: (last: Double, previous: Double, totals: Bool)? {
            guard let c = fit.yearComparison else { return nil }
            if Flag.yearIsTotalled(definition), let a = c.recentTotal, let b = c.previousTotal {
                return (a, b, true)
            }
            return (c.recentMean, c.previousMean, false)
        }

        /// The measure's latest change of trend found in the data (a changepoint flag): a change of
        /// trend stays in force until the next, however long ago it began, so the agenda keeps it and
        /// the summary's direction names it ("rising since December 2023").
        public var trendChangeInForce: Flag? {
            flags.filter { $0.method == .changepoint && $0.change?.kind == .trend }.max { $0.month < $1.month }
        }

        /// The measure's latest step found in the data (a changepoint flag told as a change of level)
        /// when it is later than any change of trend in force and within ``Pack/agendaMonths`` of the
        /// pack's as-of month (as the agenda counts them; the measure's latest month outside a pack): the
        /// summary's direction names it ("a step up in October 2025, from about 15.3 to 22.3"), and the
        /// agenda item merges the same step into the year's change when they go the same way.
        public var recentStep: Flag? {
            guard let asOf = asOf ?? latest?.month,
                  let step = flags.filter({ $0.method == .changepoint && $0.change?.kind == .level }).max(by: { $0.month < $1.month }),
                  step.month.distance(to: asOf) < Pack.agendaMonths,
                  trendChangeInForce.map({ $0.month < step.month }) ?? true else { return nil }
            return step
        }

        /// The pack's as-of month (assigned by ``Pack/init``).
        public internal(set) var asOf: Month?

        /// The measure's identifier in the pack (anchors, chart files, pack.json's `id`): unique within
        /// the pack, at most 64 characters of letters, digits, `-` and `_` (assigned by ``Pack/init``).
        public internal(set) var id = ""

        /// The identifier's readable base: "lac" or "lac-breakdown-male", other characters as `-`.
        var slugBase: String {
            let parts = [series.key.metric] + series.key.dimensions.flatMap { [$0.name, $0.value] }
            let text = String(parts.joined(separator: "-").map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "-" })
            return text.isEmpty ? "measure" : text
        }
    }

    public var provenance: Provenance
    /// The changes that need discussion, most important first, one item per change (``agenda(_:asOf:)``).
    public var agenda: [AgendaItem]
    public var measures: [Measure]
    /// Notes and warnings from reading the inputs (data quality), one line each.
    public var notes: [String]
    /// Month-values that a later extract changed (from the store; empty for file inputs).
    public var revisions: Int?
    /// Why the number of children looked after moved and where it is heading, when the pack was given
    /// SSDA903 record files (`clinic report --records`); nil otherwise.
    public var lookedAfter: LookedAfter?

    /// The looked-after stock and its flows (``CareExplanation``) with its projection (``CareProjection``).
    public struct LookedAfter: Sendable {
        public var explanation: CareExplanation
        public var projection: CareProjection
        /// Children looked after at each month end up to the projection's origin.
        public var stock: [(month: Month, count: Int)]
        public init(explanation: CareExplanation, projection: CareProjection, stock: [(month: Month, count: Int)]) {
            self.explanation = explanation
            self.projection = projection
            self.stock = stock
        }
    }

    /// Information flags older than this many months before the as-of month stay on their measure's page.
    public static let agendaMonths = 24

    public init(provenance: Provenance, measures: [Measure], notes: [String], revisions: Int?) {
        self.provenance = provenance
        // Unique identifiers: the readable base (cut to 56 characters), then -2, -3, … on a collision
        // with any identifier already given.
        var used = Set<String>()
        self.measures = measures.map { m in
            var m = m
            let base = String(m.slugBase.prefix(56))
            var id = base, k = 2
            while used.contains(id) { id = "\(base)-\(k)"; k += 1 }
            used.insert(id)
            m.id = id
            m.asOf = provenance.asOf
            return m
        }
        self.notes = notes
        self.revisions = revisions
        agenda = Pack.agenda(self.measures, asOf: provenance.asOf)
    }

    /// The latest observed month of any measure (nil without data).
    public var latestMonth: Month? { measures.compactMap { $0.latest?.month }.max() }

    /// "latest data October 2026 (as of November 2026)", or "as of November 2026" without data.
    public var dataWhen: String {
        let asOf = "as of \(Wording.monthName(provenance.asOf))"
        return latestMonth.map { "latest data \(Wording.monthName($0)) (\(asOf))" } ?? asOf
    }

    /// The measure a flag belongs to.
    public func measure(of flag: Flag) -> Measure? { measures.first { $0.series.key == flag.key } }
}
