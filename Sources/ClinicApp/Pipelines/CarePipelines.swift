import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicModels
import ClinicReports
import Foundation

/// What `clinic explain lac` and `clinic project lac` read: SSDA903 record files (Header and Episodes;
/// other files are skipped with a note), the settings, and the month the records are read as of.
public struct CareRequest: Sendable {
    public var inputs: [String]
    public var config: String?
    /// The month the records are read as of (default: this month). Events after its end have not
    /// happened yet: episodes starting later are left out and later ends erased (counted in a note), so
    /// a past month gives the records as they stood then.
    public var asOf: String?

    public init(inputs: [String], config: String?, asOf: String?) {
        self.inputs = inputs
        self.config = config
        self.asOf = asOf
    }

    /// The records as of the as-of month, the months whose stock they cover, the area, and whether the
    /// files had errors (each diagnostic and note went to `log`).
    /// `quiet`: no note on the settings file nor on the files skipped (the pack's section, whose command
    /// has said which settings it read, and whose records folder may hold Missing and CIN files).
    func load(quiet: Bool = false, log: (String) -> Void) throws
        -> (flows: CareFlows, covered: ClosedRange<Month>, asOf: Month, area: String, hadErrors: Bool) {
        let settings = try ClinicConfiguration.load(config)
        if !quiet { log(settings.note) }
        let asOf = try asOf.map { try InputFiles.month($0, option: "--as-of") } ?? InputFiles.currentMonth
        var records = ChildRecords()
        var hadErrors = false, sawEpisodes = false
        var recordFiles = [String](), sources = [(source: CSVSource, kind: RecordFileKind)]()
        for reading in try ExtractJobs.read(inputs, asOf: asOf, log: log) {
            guard case let .recordFile(kind)? = reading.format, [.ssda903Episodes, .ssda903Header, .ssda903UASC].contains(kind) else {
                if !quiet { log("note: \(reading.file): skipped: the stock and its flows are read from SSDA903 Header, Episodes and UASC files") }
                continue
            }
            for d in reading.diagnostics { log(d.description) }
            hadErrors = hadErrors || reading.hasErrors
            sources.append((try CSVSource(contentsOf: reading.file), kind))
            sawEpisodes = sawEpisodes || kind == .ssda903Episodes
            recordFiles.append(reading.file)
        }
        guard sawEpisodes else { throw UsageError("no SSDA903 Episodes file among the inputs: the looked-after stock is counted from them") }
        try records.add(consume sources)
        for d in records.diagnostics { log(d.description) }
        for d in records.sequenceWarnings() { log(d.description) }
        hadErrors = hadErrors || records.diagnostics.contains { $0.severity == .error }
        let later = records.episodes.filter { $0.start.month > asOf || ($0.end.map { $0.month > asOf } ?? false) }.count
        if later > 0 {
            log("note: \(later) episode\(later == 1 ? " starts or ends" : "s start or end") after \(asOf), the as-of month: read as the records stood at its end")
        }
        let known = records.known(atEndOf: asOf)
        guard let covered = CareFlows.coveredMonths(known, asOf: asOf) else {
            throw UsageError("the Episodes files hold no episode up to \(asOf)")
        }
        let flows = CareFlows(known, first: covered.lowerBound, last: covered.upperBound)
        for note in flows.notes { log("note: \(note)") }
        return (flows, covered, asOf, RecordArea.code(configured: settings.authorityCode, recordFiles: recordFiles), hadErrors)
    }
}

/// `clinic explain lac INPUT... [--from YYYY-MM] [--to YYYY-MM] [--json | --monthly]`.
public enum ExplainPipeline {
    /// The window defaults to the 12 months to the last covered month (`to`), or 12 months to `to`.
    public static func run(_ request: CareRequest, from: String?, to: String?, json: Bool, monthly: Bool, log: (String) -> Void) throws -> CommandOutput {
        let (flows, covered, _, area, hadErrors) = try request.load(log: log)
        if monthly { return CommandOutput(stdout: flows.csv(), hadProblems: hadErrors) }
        let last = try to.map { try InputFiles.month($0, option: "--to") } ?? covered.upperBound
        let first = try from.map { try InputFiles.month($0, option: "--from") } ?? last.advanced(by: -11)
        // The stock at the start is at the end of the month before `from`: complete from the month before
        // the first covered one (the first year's file holds every episode open on its first day).
        guard first >= covered.lowerBound, last <= covered.upperBound, first <= last else {
            if first > last { throw UsageError("--from \(first) is after --to \(last)") }
            throw UsageError("\(first) to \(last) is not inside the months the Episodes files cover: the stock is known from the end of \(covered.lowerBound.advanced(by: -1)) to the end of \(covered.upperBound), so --from can be \(covered.lowerBound) at the earliest and --to \(covered.upperBound) at the latest")
        }
        let explanation = try CareExplanation(flows, from: first, to: last)
        if json { return CommandOutput(stdout: explanation.json(area: area).rendered() + "\n", hadProblems: hadErrors) }
        return CommandOutput(stdout: explanation.text(area: area), hadProblems: hadErrors)
    }
}

/// `clinic project lac INPUT... --horizon N [--as-of YYYY-MM] [--paths N] [--seed N] [--json]`.
public enum ProjectPipeline {
    public static func run(_ request: CareRequest, horizon: Int, paths: Int, seed: UInt64, exitMonths: Int = 36, entryMonths: Int = 24,
                           json: Bool, log: (String) -> Void) throws -> CommandOutput {
        let (flows, covered, _, area, hadErrors) = try request.load(log: log)
        var options = CareProjection.Options()
        options.horizon = horizon
        options.paths = paths
        options.seed = seed
        options.exitWindow = exitMonths
        options.entryWindow = entryMonths
        let projection = try project(flows, covered: covered, options: options)
        if json { return CommandOutput(stdout: projection.json(area: area).rendered() + "\n", hadProblems: hadErrors) }
        return CommandOutput(stdout: projection.text(area: area), hadProblems: hadErrors)
    }

    /// The projection from the last covered month, with the placement groups of ``PlacementGroup``; a
    /// history too short is a ``UsageError`` (its message after `context`, the option that asked for it).
    static func project(_ flows: CareFlows, covered: ClosedRange<Month>, options: CareProjection.Options, context: String = "") throws -> CareProjection {
        var options = options
        options.placementGroups = PlacementGroup.allCases.count
        do {
            return try CareProjection(spells(flows), origin: covered.upperBound, historyStart: covered.lowerBound, options: options)
        } catch let problem as CareProjection.Problem {
            throw UsageError("\(context)cannot project from \(covered.upperBound): \(problem)")
        }
    }

    /// The periods of care as the projection's spells (placement codes as group indexes).
    public static func spells(_ flows: CareFlows) -> [CareProjection.Spell] {
        flows.periods.map { p in
            CareProjection.Spell(birth: p.birth, start: p.start, end: p.end,
                                 placements: p.placements.map { .init(start: $0.start, group: PlacementGroup(place: $0.code).index) })
        }
    }
}

/// The pack's section on children looked after (`clinic report --records`): the last 12 covered months
/// explained, and a 24-month projection from the last covered month.
enum LookedAfterSection {
    static let horizon = 24

    static func build(_ request: CareRequest, log: (String) -> Void) throws -> (section: Pack.LookedAfter, hadErrors: Bool) {
        let (flows, covered, _, _, hadErrors) = try request.load(quiet: true, log: log)
        let last = covered.upperBound, first = max(covered.lowerBound, last.advanced(by: -11))
        let explanation = try CareExplanation(flows, from: first, to: last)
        var options = CareProjection.Options()
        options.horizon = horizon
        let projection = try ProjectPipeline.project(flows, covered: covered, options: options, context: "--records: ")
        let stock = flows.months.map { (month: $0.month, count: $0.stockEnd) }
        return (Pack.LookedAfter(explanation: explanation, projection: projection, stock: stock), hadErrors)
    }
}
