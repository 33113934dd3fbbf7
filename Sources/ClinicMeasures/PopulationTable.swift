import ClinicData
import ClinicIngest
import ClinicSeeds
/// Mid-year estimates of the 0–17 population by area (seeds/population_0_17.csv, from the ONS figures
/// DfE publishes), the denominators of rates per 10,000 children.
///
/// A rate for a month uses the latest mid-year (30 June) estimate before it — March 2025 uses mid-2024,
/// as DfE does for 31 March figures; months after the last estimate use the last one. Where an area
/// has replaced another (seeds/la_code_changes.csv: North Yorkshire, Somerset in April 2023), years
/// before the change are found under the predecessor's code.
public struct PopulationTable: Sendable {
    /// code → mid-year → population.
    public let populations: [String: [Int: Double]]
    /// new code → old code.
    public let predecessors: [String: String]

    public static let standard: PopulationTable = {
        do { return try PopulationTable(SeedTable.population, codeChanges: SeedTable.codeChanges) }
        catch { preconditionFailure("the compiled population table is invalid: \(error)") }
    }()

    /// Reads a population table (columns code, mid_year, population) and a code-change table
    /// (columns old_code, new_code). A row whose year or population is not a number gives no estimate.
    package init(_ table: SeedTable, codeChanges changes: SeedTable) throws {
        guard let c = table.columnIndex("code"), let y = table.columnIndex("mid_year"), let p = table.columnIndex("population") else {
            throw Diagnostic(file: table.file, line: 1, code: "bad_seed", message: "expected columns code, mid_year, population")
        }
        var populations = [String: [Int: Double]]()
        for row in table.rows {
            let field = { (k: Int) in row[row.startIndex + k] }
            // DfE's file has a few rows without a figure (an authority before it existed): no estimate.
            guard let year = Int(field(y)), let population = Double(field(p)) else { continue }
            populations[field(c).uppercased(), default: [:]][year] = population
        }
        guard let o = changes.columnIndex("old_code"), let n = changes.columnIndex("new_code") else {
            throw Diagnostic(file: changes.file, line: 1, code: "bad_seed", message: "expected columns old_code, new_code")
        }
        self.populations = populations
        self.predecessors = Dictionary(changes.rows.map { ($0[$0.startIndex + n].uppercased(), $0[$0.startIndex + o].uppercased()) },
                                       uniquingKeysWith: { a, _ in a })
    }

    /// The estimate for `code` at mid-`year`, looking through predecessor codes.
    public func population(_ code: String, midYear year: Int) -> Double? {
        var current: String? = code.uppercased()
        while let c = current {
            if let p = populations[c]?[year] { return p }
            current = predecessors[c]
        }
        return nil
    }

    /// The estimate a rate for `month` uses, and its mid-year; nil when the area is unknown.
    public func population(_ code: String, for month: Month) -> (population: Double, midYear: Int)? {
        let wanted = month.month >= 7 ? month.year : month.year - 1
        if let p = population(code, midYear: wanted) { return (p, wanted) }
        let years = Set((populations[code.uppercased()] ?? [:]).keys)
        guard let latest = years.filter({ $0 < wanted }).max(), let p = population(code, midYear: latest) else { return nil }
        return (p, latest)
    }

    /// The counts Clinic turns into a rate per 10,000 children, and the rate's metric: the catalogue's
    /// `population` rows (seeds/metrics.csv).
    public static let rateMetrics = MetricCatalogue.standard.populationRates

    /// The 0–17 population for every month of `series` and `horizon` months after it (the exposure of a
    /// count model with a log-population offset), for counts with a rate (``rateMetrics``) in areas the
    /// table knows (months before its first estimate take the earliest, months after its last the
    /// latest, carried forward); empty otherwise.
    public func exposure(for series: Series, horizon: Int) -> [Month: Double] {
        guard Self.rateMetrics[series.key.metric] != nil, !series.key.area.isEmpty else { return [:] }
        // Months before the first estimate take the earliest one; months after the last, the latest.
        let years = (populations[series.key.area.uppercased()] ?? [:]).keys
        let earliest = years.min().flatMap { population(series.key.area, midYear: $0) }
        var out = [Month: Double]()
        for i in 0..<(series.values.count + max(0, horizon)) {
            let month = series.start.advanced(by: i)
            guard let p = population(series.key.area, for: month)?.population ?? earliest, p > 0 else { return [:] }
            out[month] = p
        }
        return out
    }

    /// Rates per 10,000 children for a count series with a population rate in the catalogue (`lac` →
    /// `lac_rate_per_10k`, `referrals` → `referrals_rate_per_10k`); nil for other metrics or areas
    /// without a population.
    public func ratePerTenThousand(_ series: Series) -> Series? {
        guard let metric = Self.rateMetrics[series.key.metric], !series.key.area.isEmpty,
              population(series.key.area, for: series.start) != nil else { return nil }
        var values = series.values, status = series.status
        for i in values.indices {
            guard status[i] == .observed || status[i] == .imputed else { continue }
            if let (p, _) = population(series.key.area, for: series.start.advanced(by: i)) {
                values[i] = values[i] * 10_000 / p
            } else {
                values[i] = .nan; status[i] = .missing
            }
        }
        return Series(key: SeriesKey(area: series.key.area, metric: metric, dimensions: series.key.dimensions.map { ($0.name, $0.value) }),
                      start: series.start, values: values, status: status, markers: series.markers)
    }
}
