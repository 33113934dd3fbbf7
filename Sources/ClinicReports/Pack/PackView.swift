import ClinicData
import ClinicDetection
import ClinicMeasures
import ClinicModels
import Foundation

/// The pack as preformatted strings for the HTML and Markdown templates (``PackRenderer``): every
/// number is worded here, once, so both formats say the same thing. Text from user files (metric,
/// area and label names, file names) stays raw here; the templates escape it for their format. The
/// only pre-rendered markup is `chart`, the SVG from ``TrendChart``, which escapes its own text.
struct PackView {
    struct AgendaItem {
        let severity: String, severityClass: String, symbol: String
        let measure: String, anchor: String, month: String, method: String, sentence: String
        let chart: String, chartFile: String
    }
    struct SummaryRow {
        let anchor: String, label: String, latest: String, latestMonth: String
        let changeMonth: String, changeYear: String, twelveMonths: String, recent: String
        let variation: String, assurance: String, rag: String, ragClass: String, benchmark: String
    }
    struct ModelRow { let term: String, estimate: String, standardError: String, p: String }
    struct FlagRow { let severity: String, severityClass: String, symbol: String, month: String, method: String, sentence: String }
    struct MeasurePage {
        let anchor: String, label: String, key: String, definition: String
        /// The last ``PackView/recentMonths`` months (the whole series when it is no longer).
        let chart: String, chartFile: String, chartAlt: String
        /// The whole series, below the recent chart, when the series is longer than that.
        let historyChart: String, historyChartFile: String, historyChartAlt: String, hasHistory: Bool
        let sentences: [String]
        let modelName: String, model: [ModelRow], hasModel: Bool
        let flags: [FlagRow], hasFlags: Bool
        let benchmark: String, hasBenchmark: Bool
        /// The published figures over the years against England, the region and the neighbours (two
        /// years or more).
        let benchmarkChart: String, benchmarkChartFile: String, benchmarkChartAlt: String, hasBenchmarkChart: Bool
        let target: String, hasTarget: Bool
        let warnings: [String], hasWarnings: Bool
    }
    struct InputRow { let path: String, format: String, rows: String, accepted: String, suppressed: String, quarantined: String, sha256: String }
    struct Fact { let name: String, value: String }

    let title: String, subtitle: String, asOf: String
    let agenda: [AgendaItem], hasAgenda: Bool, agendaSummary: String
    let summary: [SummaryRow]
    /// Whether any measure has a target or a benchmark (else those columns are left out).
    let hasTargets: Bool, hasBenchmarks: Bool
    let benchmarkNote: String
    /// Measures red or amber against their targets (on the agenda beside the flags).
    struct TargetItem { let label: String, anchor: String, rag: String, ragClass: String, latest: String }
    let targetItems: [TargetItem], hasTargetItems: Bool
    let measures: [MeasurePage]
    let inputs: [InputRow]
    let notes: [String], hasNotes: Bool
    let provenance: [Fact]
    let settings: [String], hasSettings: Bool
    /// Why the number looked after moved and where it is heading (0 or 1 of them: a Mustache section).
    struct LookedAfterView {
        struct FlowRow { let name: String, count: String, yearBefore: String }
        struct GroupRow { let name: String, start: String, end: String, change: String }
        struct ProjectionRow { let month: String, mean: String, range80: String, range95: String }
        let window: String, windowBefore: String
        let sentences: [String]
        let flows: [FlowRow]
        let ages: [GroupRow], placements: [GroupRow]
        let projectionSentence: String
        let projection: [ProjectionRow]
        let chart: String, chartFile: String, chartAlt: String
    }
    let lookedAfter: [LookedAfterView]
    let hasLookedAfter: Bool

    /// The statistical words the pack uses, explained for a head of service.
    let glossary = PackView.words

    init(_ pack: Pack) {
        let p = pack.provenance
        let who = p.authorityName.map { "\($0) (\(p.area))" } ?? p.area
        title = "Performance Clinic pack: \(who)"
        asOf = Wording.monthName(p.asOf)
        subtitle = pack.dataWhen.prefix(1).uppercased() + pack.dataWhen.dropFirst() + "; made by Clinic \(p.clinicVersion) on \(p.generated)"

        // Anchors and chart files from the measures' unique identifiers. Each measure's chart of its
        // last 36 months leads (the agenda's too, each with ids of its own); the whole series is below.
        let anchors = pack.measures.map { "m-" + $0.id }
        let chartData = pack.measures.map { PackView.chartData($0) }
        let recentData = zip(pack.measures, chartData).map { m, full in
            var data = full.lastMonths(PackView.recentMonths)
            data.description = PackView.describe(m, data)
            return data
        }
        let charts = zip(recentData, anchors).map { data, anchor in TrendChart.svg(data, id: anchor) }
        let histories = zip(chartData, anchors).map { data, anchor in TrendChart.svg(data, id: anchor + "-history") }
        let index = Dictionary(uniqueKeysWithValues: pack.measures.enumerated().map { ($1.series.key, $0) })

        agenda = pack.agenda.enumerated().map { k, item in
            let flag = item.lead
            let i = index[flag.key]
            let m = i.map { pack.measures[$0] }
            let definition = m?.definition ?? MetricCatalogue.standard.definition(flag.key.metric)
            var methods = [String]()
            for f in item.flags where !methods.contains(PackView.methodName(f.method)) { methods.append(PackView.methodName(f.method)) }
            return AgendaItem(severity: PackView.severityName(flag.severity), severityClass: flag.severity.rawValue,
                              symbol: PackView.severitySymbol(flag.severity), measure: PackView.measureName(definition, flag.key),
                              anchor: i.map { anchors[$0] } ?? "", month: Wording.monthName(flag.month),
                              method: methods.joined(separator: "; "), sentence: item.sentence(definition: pack.definition(of:)),
                              chart: i.map { TrendChart.svg(recentData[$0], id: "a\(k + 1)-" + anchors[$0]) } ?? "",
                              chartFile: i.map { "charts/\(anchors[$0]).svg" } ?? "")
        }
        hasAgenda = !agenda.isEmpty
        let reds = pack.agenda.filter { $0.lead.severity == .red }.count, ambers = pack.agenda.filter { $0.lead.severity == .amber }.count
        let infos = pack.agenda.count - reds - ambers
        agendaSummary = "\(reds) red, \(ambers) amber and \(infos) information item\(infos == 1 ? "" : "s"), one per change (information items from the last \(Pack.agendaMonths) months, and changes of trend still in force however old; the rest are on each measure's page)."

        summary = zip(pack.measures, anchors).map { m, anchor in PackView.summaryRow(m, anchor: anchor) }
        hasTargets = pack.measures.contains { $0.target != nil }
        hasBenchmarks = pack.measures.contains { $0.benchmark != nil }
        benchmarkNote = hasBenchmarks ? "" : "DfE publishes no figures for \(p.area), so the pack has no benchmark column."
        targetItems = zip(pack.measures, summary).compactMap { m, row in
            guard let status = m.target?.status, status != .green else { return nil }
            return TargetItem(label: row.label, anchor: row.anchor, rag: row.rag, ragClass: row.ragClass,
                              latest: "\(row.latest) in \(m.latest.map { Wording.shortMonthName($0.month) } ?? "")")
        }
        hasTargetItems = !targetItems.isEmpty
        measures = pack.measures.indices.map { i in
            PackView.page(pack.measures[i], anchor: anchors[i], chart: charts[i], recentData: recentData[i],
                          history: recentData[i].actual.count < chartData[i].actual.count ? (histories[i], chartData[i]) : nil)
        }
        inputs = p.inputs.map { f in
            InputRow(path: f.path, format: f.format, rows: Wording.grouped(String(f.rows)), accepted: Wording.grouped(String(f.accepted)),
                     suppressed: Wording.grouped(String(f.suppressed)), quarantined: Wording.grouped(String(f.quarantined)),
                     sha256: f.sha256)
        }
        var notes = pack.notes
        if let r = pack.revisions { notes.insert("\(r) month-value\(r == 1 ? "" : "s") revised by a later extract in the store", at: 0) }
        self.notes = notes
        hasNotes = !notes.isEmpty
        provenance = [Fact(name: "Clinic version", value: p.clinicVersion), Fact(name: "Run at (UTC)", value: p.generated),
                      Fact(name: "As of (the month the pack is for)", value: Wording.monthName(p.asOf)),
                      Fact(name: "Latest data", value: pack.latestMonth.map(Wording.monthName) ?? "none"), Fact(name: "Area", value: who),
                      Fact(name: "Settings file", value: p.settingsFile ?? "none")]
        settings = p.settings
        hasSettings = !settings.isEmpty
        let lacFit = pack.measures.first { $0.series.key.metric == "lac" }?.fit
        lookedAfter = pack.lookedAfter.map { [PackView.lookedAfterView($0, trend: lacFit, area: p.area)] } ?? []
        hasLookedAfter = !lookedAfter.isEmpty
    }

    /// The section's rows, sentences and chart: the last 36 months of the stock, the projection's mean
    /// and 95% range, and the trend model's forecast of `lac` beside it when the pack has one.
    static func lookedAfterView(_ l: Pack.LookedAfter, trend: TrendFit?, area: String) -> LookedAfterView {
        let e = l.explanation, p = l.projection
        let flows = e.flows.map { f in
            LookedAfterView.FlowRow(name: f.exit.map { "Left: \($0.label)" } ?? "Started to be looked after", count: String(f.count),
                                    yearBefore: f.countYearBefore.map(String.init) ?? "–")
        }
        func rows(_ list: [CareExplanation.GroupChange], capitalised: Bool) -> [LookedAfterView.GroupRow] {
            list.filter { $0.start > 0 || $0.end > 0 }.map { g in
                .init(name: capitalised ? g.label.prefix(1).uppercased() + g.label.dropFirst() : g.label, start: String(g.start), end: String(g.end),
                      change: CareExplanation.signed(g.change))
            }
        }
        let shown = [2, 5, 11, 17, 23].filter { $0 < p.months.count }
        let projection = shown.map { k in
            let i = p.total[k]
            func r(_ x: Double) -> String { String(Int(x.rounded())) }
            return LookedAfterView.ProjectionRow(month: Wording.monthName(p.months[k]), mean: r(i.mean), range80: "\(r(i.lower80)) to \(r(i.upper80))",
                                                 range95: "\(r(i.lower95)) to \(r(i.upper95))")
        }
        // Chart: 36 months of history, then the projection.
        let history = Array(l.stock.suffix(36))
        let start = history.first?.month ?? p.origin
        var data = TrendChartData(title: "Children looked after, \(area): projection", description: "", start: start,
                                  actual: history.map { Double($0.count) })
        let offset = start.distance(to: p.origin)
        data.forecast = zip(p.months, p.total).map { month, i in .init(index: start.distance(to: month), mean: i.mean, lower: i.lower95, upper: i.upper95) }
        data.forecastLabel = "Projection and 95% range"
        if let trend, !trend.forecast.isEmpty {
            var line = [Double?](repeating: nil, count: offset + 1 + p.months.count)
            for f in trend.forecast {
                let k = start.distance(to: f.month)
                if k > offset && k < line.count { line[k] = f.mean }
            }
            if line.contains(where: { $0 != nil }) {
                line[offset] = history.last.map { Double($0.count) }
                data.fitted = line
                data.fittedLabel = "Trend model's forecast"
            }
        }
        let end = p.total[p.total.count - 1]
        data.description = "Children looked after at each month end from \(Wording.monthName(start)) to \(Wording.monthName(p.origin)), "
            + "then projected to \(Wording.monthName(p.months[p.months.count - 1])): about \(Int(end.mean.rounded())) "
            + "(95% range \(Int(end.lower95.rounded())) to \(Int(end.upper95.rounded())))."
        let id = "looked-after-projection"
        return LookedAfterView(window: e.windowName, windowBefore: e.windowYearBeforeName, sentences: e.sentences, flows: flows,
                               ages: rows(e.byAge, capitalised: false), placements: rows(e.byPlacement, capitalised: true), projectionSentence: p.sentence, projection: projection,
                               chart: TrendChart.svg(data, id: id), chartFile: "charts/\(id).svg", chartAlt: data.description)
    }

    // MARK: Words

    static let words: [Fact] = [
        Fact(name: "Sustained change over a year", value: "The average of the last 12 months against the 12 before, when the difference is more than month-to-month noise explains (a t test that allows for one month resembling the next), it is at least 5% and it stays clear across all the measures tested together. Red when it is 20% or more and not an improvement."),
        Fact(name: "Recent direction", value: "Which way the measure is heading: the last 12 months against the 12 before when the difference is clear, the change of trend still in force (\"rising since December 2023\", as on the agenda), and the latest months from a local trend that follows changes within about two years (\"no clear direction\" when its 95% range includes no change). Slopes whose range lies within ±0.1 a month are given a year."),
        Fact(name: "Change found in the data", value: "A month where the level or the trend of a measure changed, found by searching every split of the series (PELT). When the data support it clearly, the model and its forecast follow it from that month."),
        Fact(name: "Forecast range", value: "Where the next months are expected to fall, with 95% confidence, if the measure carries on as the model describes; widened where a change found in the data is not yet clear enough to follow, as far as the data lean towards it."),
        Fact(name: "Outside the forecast range", value: "The latest month fell outside the range the months before predicted for it: red outside 99.9%, amber outside 99%."),
        Fact(name: "XmR chart, process limits", value: "The Making Data Count chart: each month against limits set by the usual month-to-month variation (about three standard deviations either side). Here it is drawn for what the trend model does not explain, so trends and seasons are not mistaken for special causes."),
        Fact(name: "Common cause, special cause", value: "Common cause: variation of the usual kind, nothing to investigate on its own. Special cause: a month outside the limits, or a run of months on one side or in one direction, worth asking why."),
        Fact(name: "Unusual month (q)", value: "A month the rest of the series does not explain. q is the chance of such a flag being a false alarm, after allowing for every month of every measure tested: below 0.05 is flagged."),
        Fact(name: "95% CI", value: "The range within which the true value lies with 95% confidence, given the data and the model."),
    ]

    static func severityName(_ s: Flag.Severity) -> String { s == .red ? "Red" : s == .amber ? "Amber" : "Information" }
    static func severitySymbol(_ s: Flag.Severity) -> String { s == .red ? "▲" : s == .amber ? "◆" : "■" }
    static func methodName(_ m: Flag.Method) -> String {
        switch m {
        case .forecast: return "outside the forecast range"
        case .spc: return "outside the process limits"
        case .outlier: return "unusual month"
        case .changepoint: return "change in level or trend"
        case .sustained: return "sustained change over a year"
        }
    }
    static func measureName(_ d: MetricDefinition, _ key: SeriesKey) -> String {
        let dims = key.dimensions.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
        return dims.isEmpty ? d.label : "\(d.label) (\(dims))"
    }
    static func signed(_ x: Double, unit: MetricDefinition.Unit?) -> String {
        let text = Wording.amount(abs(x), unit: unit, text: abs(x) >= 100 ? Wording.significant(abs(x).rounded(), figures: 1) : Wording.significant(abs(x), figures: 3))
        return x > 0 ? "+" + text : x < 0 ? "−" + text : "no change"
    }
    static func variationName(_ t: SPCPointType?) -> String {
        switch t {
        case .commonCause?: return "Common cause"
        case .specialCauseImprovement?: return "Special cause: improvement"
        case .specialCauseConcern?: return "Special cause: concern"
        case .specialCauseNeutralHigh?: return "Special cause: higher"
        case .specialCauseNeutralLow?: return "Special cause: lower"
        case nil: return "–"
        }
    }
    /// The latest point's type and, for a special cause, the Making Data Count rule in words.
    static func variationText(_ chart: ModelResidualChart?) -> String {
        guard let chart, let last = chart.chart.points.last else { return "–" }
        let name = variationName(last.pointType)
        guard last.pointType != .commonCause else { return name }
        let rules = ["Above UCL": "above the upper process limit", "Below LCL": "below the lower process limit",
                     "7 Point Trend (Increasing)": "seven months each higher than the one before",
                     "7 Point Trend (Decreasing)": "seven months each lower than the one before",
                     "2 in 3 Above CL": "two of three months near the upper limit", "2 in 3 Below CL": "two of three months near the lower limit",
                     "7 Points Above CL": "seven or more months above the centre line", "7 Points Below CL": "seven or more months below the centre line"]
        return "\(name) (\(rules[last.specialCause] ?? last.specialCause))"
    }

    static func assuranceName(_ a: SPCAssurance?) -> String {
        switch a {
        case .consistentPass?: return "Target consistently met"
        case .consistentFail?: return "Target consistently missed"
        case .inconsistent?: return "Target met some months"
        case nil: return "–"
        }
    }

    static func summaryRow(_ m: Pack.Measure, anchor: String) -> SummaryRow {
        let unit = m.definition.unit
        let latest = m.latest
        let monthChange = m.change(overMonths: 1).map { signed($0, unit: unit) } ?? "–"
        let yearChange = m.change(overMonths: 12).map { signed($0, unit: unit) } ?? "–"
        // The last 12 months against the 12 before: totals of a count of events, else averages (the
        // agenda's figures); no relative change below 20 (1 against 0.58 is not "+71%" worth telling).
        var twelve = "–"
        if let a = m.yearFigures {
            let figures = { (x: Double) in abs(x) >= 100 ? Wording.significant(x.rounded(), figures: 1) : Wording.significant(x, figures: 3) }
            let percent = abs(a.previous) >= 20 && unit != .percent ? " (\(a.last >= a.previous ? "+" : "−")\(Wording.number(abs(100 * (a.last - a.previous) / a.previous)))%)" : ""
            let sign = unit == .percent ? "%" : ""
            twelve = "\(a.totals ? "" : "average ")\(figures(a.last))\(sign) against \(figures(a.previous))\(sign)\(percent)"
        }
        // The direction, as the agenda tells it: the year's change when its test is clear at 5% (the
        // comparison behind the agenda's "sustained" items), the change of trend in force ("rising since
        // December 2023", the agenda's change-of-trend item), a later step within the agenda's months
        // ("a step up in October 2025, from about 15.3 to 22.3"), then the local trend of the latest months.
        var parts = [String]()
        if let c = m.fit.yearComparison, c.pValue < 0.05, c.difference != 0 {
            let change = unit == .percent
                ? Wording.amount(abs(c.difference), unit: unit)
                : c.percent.map { "\(Wording.number(abs($0)))%" } ?? Wording.amount(abs(c.difference), unit: unit)
            parts.append("\(c.difference > 0 ? "up" : "down") \(change) on the year before")
        }
        if let f = m.trendChangeInForce, let after = f.change?.after {
            // The sign of the new slope, with the slope itself, as the agenda's item gives it. (A guard
            // that called a new slope under the noise in a year "about level" read the bundled looked-
            // after count, 274 to 322 in 27 months, as level: a stock's changepoint noise is its
            // long-run wandering.)
            let way = after > 0 ? "rising" : after < 0 ? "falling" : "level"
            let slope = after == 0 ? "" : " (about \(after > 0 ? "+" : "−")\(Wording.amount(abs(after), unit: unit)) a month)"
            parts.append("\(way) since \(Wording.monthName(f.month))\(slope)")
        }
        if let step = m.recentStep?.stepWords(unit: unit) {
            // A step later than any change of trend (the model follows it as a step alone, or PELT's
            // lines show a jump): named with its levels, as the agenda item gives it.
            parts.append(step)
        }
        if let r = m.fit.recentDirection {
            let (s, period) = Wording.readablePeriod(r.slopePerMonth, compounding: false)
            let (v, lo, hi) = Wording.supported(s.value, s.lower, s.upper)
            let per = unit == .percent ? " points" : ""
            let local = s.lower > 0 ? "rising: \(v)\(per) \(period) (\(lo) to \(hi))"
                : s.upper < 0 ? "falling: \(v)\(per) \(period) (\(lo) to \(hi))"
                : "no clear direction (\(lo) to \(hi)\(per) \(period))"
            parts.append(parts.isEmpty ? local : "latest months: " + local)
        }
        let joined = parts.joined(separator: "; ")
        let recent = joined.isEmpty ? "–" : joined.prefix(1).uppercased() + joined.dropFirst()
        var rag = "No target", ragClass = "none"
        if let t = m.target {
            let target = Wording.value(t.value, unit: unit)
            // The amber band in the measure's units: amber_percent of the target.
            let band = Wording.amount(abs(t.value) * t.amberPercent / 100, unit: unit)
            let side = m.definition.polarity == .lowerBetter ? "above" : "below"
            switch t.status {
            case .green?: rag = "● Green: meets the target of \(target)"; ragClass = "green"
            case .amber?: rag = "◆ Amber: \(side) the target of \(target) by no more than \(band) (\(Wording.number(t.amberPercent))% of it)"; ragClass = "amber"
            case .red?: rag = "▲ Red: \(side) the target of \(target) by more than \(band) (\(Wording.number(t.amberPercent))% of it)"; ragClass = "red"
            case nil: rag = "Target \(target) (no better direction is set for this measure, so no RAG)"
            }
        }
        var benchmark = "–"
        if let b = m.benchmark {
            func v(_ x: Double?) -> String { x.map { Wording.value($0, unit: unit) } ?? "–" }
            benchmark = "\(b.year): \(v(b.value)); England \(v(b.england)), \(b.regionName) \(v(b.region)), neighbours \(v(b.neighbours))"
                + (b.quartile.map { "; quartile \($0)" } ?? "")
        }
        return SummaryRow(anchor: anchor, label: measureName(m.definition, m.series.key),
                          latest: latest.map { Wording.value($0.value, unit: unit) } ?? "–",
                          // "(Oct 2026)", so that "11 (Oct 2026)" cannot be read as the date 11 October.
                          latestMonth: latest.map { "(\(Wording.shortMonthName($0.month)))" } ?? "",
                          changeMonth: monthChange, changeYear: yearChange, twelveMonths: twelve, recent: recent,
                          variation: variationText(m.residualChart), assurance: assuranceName(m.residualChart?.assurance),
                          rag: rag, ragClass: ragClass, benchmark: benchmark)
    }

    static func modelWords(_ kind: TrendModelKind) -> String {
        switch kind {
        case .ols: return "Least-squares trend model"
        case .robustHuber: return "Robust trend model (Huber weights)"
        case .robustBisquare: return "Robust trend model (bisquare weights)"
        case .poisson: return "Poisson count model"
        case .quasiPoisson: return "Count model (quasi-Poisson, allowing extra variation)"
        case .none: return "No model"
        }
    }

    /// Model terms in plain words.
    static func termName(_ term: String) -> String {
        if term == "(Intercept)" { return "Level at the first month" }
        if term == "trend" { return "Change per month" }
        if term.hasPrefix("month_"), let m = Int(term.dropFirst(6)), (1...12).contains(m) { return "\(Wording.monthNames[m - 1]) compared with January" }
        if term.hasPrefix("sin") || term.hasPrefix("cos") { return "Seasonal wave (\(term))" }
        if term.hasPrefix("level:") { return "Step at \(term.dropFirst(6))" }
        if term.hasPrefix("slope:") { return "Change in the monthly trend after \(term.dropFirst(6))" }
        return term
    }

    /// The months a measure's leading chart and the agenda's charts show: the clinic looks at the last
    /// two or three years first.
    static let recentMonths = 36

    /// What a measure's page says of its forecast beyond the model, the workbook's measure sheet too: that
    /// it follows a change found in the data (``ChangeFollowingFit``), that its range is widened for a
    /// change not clear enough to follow, or that a recent changepoint is not followed (not supported at
    /// 1%; least-squares and count fits also over the months searched). Nil when the forecast is the
    /// long-run model's and nothing recent argues with it.
    static func forecastNote(for m: Pack.Measure) -> String? {
        let fit = m.fit
        let notFollowedToo = ChangeFollowingFit.searchesMonths(fit.model) ? ", at its month or once the search over months is allowed for" : ""
        if !fit.forecast.isEmpty, let followed = fit.followedChange {
            let terms = followed.effect == .level
                ? "a step from that month (a change of slope as well fits no better for its extra term), which the data support (p < 0.01"
                : "a step and a change of slope from that month, which the data support (the step and the change of slope together, p < 0.01"
            // Least-squares and count fits also pass the test that allows for the months searched (BreakSearchTest).
            let searched = ChangeFollowingFit.searchesMonths(fit.model) ? ", allowing for the months searched" : ""
            // A change of slope in the forecast (the kept form, or any placement averaged over) is damped.
            var damped = ""
            if let rho = fit.forecastSlopeDamping {
                let yearShare = Intervention.monthsCarried(12, damping: rho) / 12
                damped = " A change of slope is carried into the forecast damped: \(Int((100 * rho).rounded()))% of it the first month ahead, less each month after, about \(Int((100 * yearShare).rounded()))% of the full amount a year ahead."
            }
            return "The forecast follows the change found in the data in \(Wording.monthName(followed.month)): the model is fitted with \(terms)\(searched)), so the forecast starts where the series is now." + (fit.placementsWording.map { " The month and form of a change are themselves uncertain, so the forecast is \($0)." } ?? "") + damped
        } else if let allowance = fit.forecastAllowance {
            // The forecast is the long-run model's; its ranges allow for a change not clear enough to follow.
            return "Read the forecast with care: it follows the trend model fitted to the whole series; a change in \(Wording.monthName(allowance.month)) is not yet clear enough to follow (not significant at 1%\(notFollowedToo)), so the forecast's range is widened to allow for it, as far as the data lean towards it (judged on fit alone, a model with the change carries \(Int((100 * allowance.weight).rounded()))% of the weight)."
        } else if !fit.forecast.isEmpty, let latest = m.latest?.month,
           let change = m.flags.filter({ $0.method == .changepoint && $0.month.distance(to: latest) < 24 }).max(by: { $0.month < $1.month }) {
            return "Read the forecast with care: it follows the trend model fitted to the whole series; the change found in \(Wording.monthName(change.month)) is not yet clear enough to follow (its step and change of slope together are not significant at 1%\(notFollowedToo)); the recent direction line shows where the series is now."
        }
        return nil
    }

    static func page(_ m: Pack.Measure, anchor: String, chart: String, recentData: TrendChartData,
                     history: (chart: String, data: TrendChartData)?) -> MeasurePage {
        let fit = m.fit
        let level = Int((fit.confidenceLevel * 100).rounded())
        var modelName = modelWords(fit.model)
        if let e = fit.errorProcess, e.model != .iid { modelName += " with \(e.wording) errors" }
        let percent = fit.model.isLogLinear
        let model = fit.coefficients.map { c -> ModelRow in
            ModelRow(term: termName(c.term) + (percent ? " (log scale)" : ""), estimate: Wording.significant(c.estimate, figures: 3),
                     standardError: Wording.significant(c.standardError, figures: 2), p: Wording.pValue(c.pValue))
        }
        var sentences = [fit.sentence(definition: m.definition)]
        if let c = m.residualChart {
            let around = c.kind == .innovations ? "around the model's one-step prediction for each month (its errors are autocorrelated, so the band follows the months before rather than the trend line)" : "around the model's fitted value for each month"
            let flagged = m.fit.model.isLogLinear || m.fit.model == .robustHuber || m.fit.model == .robustBisquare
                ? "A count or robust model's latest month is checked against its forecast range, not these limits."
                : "Only a latest month outside the limits becomes a flag; the run rules alone do not."
            sentences.append("Process limits: the \(c.kind == .innovations ? "one-step errors" : "residuals") of the trend model on an XmR chart with the four Making Data Count rules, shown \(around). The latest month: \(variationText(c).prefix(1).lowercased() + variationText(c).dropFirst()). \(flagged)")
            // The summary's icon reads this chart; `clinic spc` reads the raw values. Say so when they differ.
            if let raw = m.rawLatestPointType, let mine = c.chart.points.last?.pointType, raw != mine {
                sentences.append("The plain XmR chart of the monthly values themselves (as the clinic spc command draws it) reads \(variationName(raw).lowercased()) for the latest month, the chart above \(variationName(mine).lowercased()): the plain chart sets the month against the whole history's average, in which a trend, season or change described above shows as special cause.")
            }
        }
        if let note = Self.forecastNote(for: m) { sentences.append(note) }
        let flags = m.flags.map { f in
            FlagRow(severity: severityName(f.severity), severityClass: f.severity.rawValue, symbol: severitySymbol(f.severity),
                    month: Wording.monthName(f.month), method: methodName(f.method), sentence: f.sentence(definition: m.definition))
        }
        let summary = summaryRow(m, anchor: anchor)
        let benchmarkChart = benchmarkChartSVG(m, anchor: anchor)
        var target = ""
        if m.target != nil { target = summary.rag + (m.residualChart?.assurance.map { "; " + assuranceName($0).lowercased() + " (process limits against the target)" } ?? "") }
        return MeasurePage(anchor: anchor, label: measureName(m.definition, m.series.key), key: m.series.key.description,
                           definition: m.definition.definition, chart: chart, chartFile: "charts/\(anchor).svg", chartAlt: recentData.description,
                           historyChart: history?.chart ?? "", historyChartFile: "charts/\(anchor)-history.svg",
                           historyChartAlt: history?.data.description ?? "", hasHistory: history != nil,
                           sentences: sentences, modelName: "\(modelName), \(fit.observations) months; forecasts and directions at \(level)%",
                           model: model, hasModel: !model.isEmpty, flags: flags, hasFlags: !flags.isEmpty,
                           benchmark: summary.benchmark, hasBenchmark: m.benchmark != nil,
                           benchmarkChart: benchmarkChart?.svg ?? "", benchmarkChartFile: "charts/\(anchor)-benchmark.svg",
                           benchmarkChartAlt: benchmarkChart?.description ?? "", hasBenchmarkChart: benchmarkChart != nil,
                           target: target, hasTarget: m.target != nil,
                           warnings: fit.warnings.map(\.text), hasWarnings: !fit.warnings.isEmpty)
    }

    /// The measure's published figures over the years as a small chart, with a description that says
    /// where the authority stands: for rates and percentages only (an authority's count beside England's
    /// total says nothing, so LAIT compares rates), nil with fewer than two years.
    static func benchmarkChartSVG(_ m: Pack.Measure, anchor: String) -> (svg: String, description: String)? {
        let history = m.benchmarkHistory
        guard history.count >= 2, let last = history.last, m.definition.unit == .rate || m.definition.unit == .percent else { return nil }
        let unit = m.definition.unit, label = measureName(m.definition, m.series.key)
        func v(_ x: Double?) -> String { x.map { Wording.value($0, unit: unit) } ?? "not published" }
        let above = history.filter { b in b.value.flatMap { a in b.england.map { a > $0 } } ?? false }.count
        let below = history.filter { b in b.value.flatMap { a in b.england.map { a < $0 } } ?? false }.count
        let against = above == history.count ? "above England's every year" : below == history.count ? "below England's every year"
            : "above England's in \(above) of the \(history.count) years"
        let years = "\(history.first!.year - 1)-\(String(format: "%02d", history.first!.year % 100)) to \(last.year - 1)-\(String(format: "%02d", last.year % 100))"
        var description = "\(label), published by DfE for the years \(years): \(v(last.value)) in \(last.year - 1)-\(String(format: "%02d", last.year % 100)) against England \(v(last.england)), \(last.regionName) \(v(last.region)) and the statistical neighbours' mean \(v(last.neighbours)); \(against)"
        if let q = last.quartile { description += "; quartile \(q) of 4 (1 = the lowest values) in the latest year" }
        description += "."
        var data = BenchmarkChartData(title: "\(label): published figures, \(years)", description: description, years: history.map(\.year),
                                      authorityName: last.authorityName.isEmpty ? m.series.key.area : last.authorityName, regionName: last.regionName)
        data.authority = history.map(\.value)
        data.england = history.map(\.england)
        data.region = history.map(\.region)
        data.neighbours = history.map(\.neighbours)
        data.neighboursLowest = history.map(\.neighboursLowest)
        data.neighboursHighest = history.map(\.neighboursHighest)
        data.unitSuffix = unit == .percent ? "%" : ""
        return (BenchmarkChart.svg(data, id: anchor + "-benchmark"), description)
    }

    /// A chart's description for a screen reader and the Markdown's alt text: first what it shows for the
    /// clinic (the summary's direction, and where the latest month lies against the expected range),
    /// then what is drawn over which months.
    static func describe(_ m: Pack.Measure, _ data: TrendChartData) -> String {
        let label = measureName(m.definition, m.series.key), unit = m.definition.unit
        let recent = summaryRow(m, anchor: "").recent
        var message = "\(label): \(recent.prefix(1).lowercased() + recent.dropFirst())"
        if let latest = m.latest {
            message += "; the latest month, \(Wording.monthName(latest.month)), is \(Wording.value(latest.value, unit: unit))"
            let i = data.start.distance(to: latest.month)
            if i >= 0, i < data.limitsLower.count, i < data.limitsUpper.count, let lower = data.limitsLower[i], let upper = data.limitsUpper[i] {
                let place = latest.value > upper ? "above" : latest.value < lower ? "below" : "inside"
                // A count's range in whole numbers ("15 to 37", not "14.6 to 37.3"), unless a rounded bound
                // would read as the value itself; then that bound keeps a decimal.
                func bound(_ b: Double) -> String {
                    guard m.definition.isCount, b.rounded() != latest.value.rounded() else { return Wording.value(b, unit: unit) }
                    return Wording.value(b.rounded(), unit: unit)
                }
                message += ", \(place) the expected range (\(bound(lower)) to \(bound(upper)))"
            }
        }
        var layers = [String]()
        if data.fitted.contains(where: { $0 != nil }) { layers.append("the trend model's fitted line") }
        if data.recent.contains(where: { $0 != nil }) { layers.append("the recent direction") }
        if data.limitsLower.contains(where: { $0 != nil }) { layers.append("process limits") }
        if !data.forecast.isEmpty { layers.append("a \(data.forecast.count)-month forecast with its \(Int((m.fit.confidenceLevel * 100).rounded()))% range") }
        if !data.markers.isEmpty { layers.append("\(data.markers.count) flagged point\(data.markers.count == 1 ? "" : "s")") }
        if !data.events.isEmpty { layers.append(data.events.map(\.label).joined(separator: " and ")) }
        let with = layers.isEmpty ? "" : ", with " + (layers.count == 1 ? layers[0] : layers.dropLast().joined(separator: ", ") + " and " + layers.last!)
        let last = data.start.advanced(by: max(0, data.actual.count - 1))
        return "\(message). The chart shows the monthly values from \(Wording.monthName(data.start)) to \(Wording.monthName(last))\(with)."
    }

    /// What the measure's chart shows.
    static func chartData(_ m: Pack.Measure) -> TrendChartData {
        let s = m.series
        let label = measureName(m.definition, s.key)
        let first = s.status.firstIndex { $0 == .observed } ?? 0
        let start = s.start.advanced(by: first)
        let actual: [Double?] = s.values.indices.dropFirst(first).map { i in
            s.status[i] == .observed || s.status[i] == .imputed ? s.values[i] : nil
        }
        let count = actual.count
        var data = TrendChartData(title: "\(label), \(s.key.area)", description: "", start: start, actual: actual)
        if !m.fit.fitted.isEmpty { data.fitted = m.fit.fitted.dropFirst(first).map { Optional($0) } }
        if let r = m.fit.recentDirection, !r.levelPath.isEmpty {
            // The smoothed level over the last two years (the local trend that gives the recent direction).
            var recent = [Double?](repeating: nil, count: count)
            let from = start.distance(to: r.pathStart)
            for (k, level) in r.levelPath.enumerated() where from + k >= count - 24 && from + k >= 0 && from + k < count {
                recent[from + k] = level
            }
            data.recent = recent
        }
        if let c = m.residualChart {
            var lower = [Double?](repeating: nil, count: count), upper = lower
            for (j, month) in c.months.enumerated() {
                let i = start.distance(to: month)
                if i >= 0 && i < count { lower[i] = c.lower[j]; upper[i] = c.upper[j] }
            }
            // A count cannot fall below zero: the band is drawn from zero at most (the JSON keeps the limits).
            let floor = m.definition.isCount ? 0.0 : -Double.infinity
            data.limitsLower = lower.map { $0.map { max(floor, $0) } }
            data.limitsUpper = upper.map { $0.map { max(floor, $0) } }
        }
        data.forecast = m.fit.forecast.map { TrendChartData.Band(index: start.distance(to: $0.month), mean: $0.mean, lower: $0.lower, upper: $0.upper) }
        data.markers = m.flags.compactMap { f in
            let i = start.distance(to: f.month)
            guard i >= 0 else { return nil }
            // Changepoints and a year's change are marked on the month's own value (a sustained flag's
            // `observed` is the 12-month average, not a point of the line).
            let onTheLine = f.method == .changepoint || f.method == .sustained
            let value = onTheLine ? (i < count ? actual[i] : nil) ?? f.observed : f.observed
            guard let value else { return nil }
            let kind: TrendChartData.MarkerKind = f.severity == .red ? .red : f.severity == .amber ? .amber : .info
            return TrendChartData.Marker(index: i, value: value, label: Wording.shortMonthName(f.month), kind: kind)
        }
        data.events = m.interventions.compactMap { iv in
            let i = start.distance(to: iv.month)
            return i >= 0 && i < count + m.fit.forecast.count ? TrendChartData.Event(index: i, label: iv.label) : nil
        }
        data.unitSuffix = m.definition.unit == .percent ? "%" : ""
        data.description = describe(m, data)
        return data
    }
}
