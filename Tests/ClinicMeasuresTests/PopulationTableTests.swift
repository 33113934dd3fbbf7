import Foundation
import Testing
@testable import ClinicMeasures
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicSeeds
import ClinicTestSupport

/// Rates per 10,000 from the population seeds, checked against DfE's published looked-after rates
/// (Fixtures/dfe/cla_number_and_rate_per_10k_children.csv, OGL v3).
@Suite("Population and rates")
struct PopulationTableTests {
    /// Every authority, 2021–2025: DfE's rate = round(children looked after on 31 March × 10,000 /
    /// mid-year population of the year before), reproduced from the seeds for every row that is not
    /// suppressed.
    @Test func publishedLookedAfterRatesReproduce() throws {
        let url = Fixtures.url("dfe/cla_number_and_rate_per_10k_children.csv")
        let table = try CSVTable(contentsOf: url.path)
        let col = { (name: String) in table.columnIndex(name)! }
        var checked = 0, mismatches = [String]()
        for row in table.records where row[col("geographic_level")] == "Local authority"
            && row[col("population_type")] == "Children looked after on 31 March each year" {
            guard let count = Double(row[col("children_count")]), let rate = Double(row[col("rate_per_10000")]),
                  let year = Int(row[col("time_period")]) else { continue }          // suppressed (z)
            let code = row[col("new_la_code")]
            let month = Month(year: year, month: 3)!
            guard let (population, midYear) = PopulationTable.standard.population(code, for: month) else {
                mismatches.append("\(code) \(year): no population"); continue
            }
            #expect(midYear == year - 1)
            let recomputed = (count * 10_000 / population + 0.5).rounded(.down)
            if recomputed != rate { mismatches.append("\(code) \(year): \(recomputed) vs \(rate)") }
            checked += 1
        }
        #expect(checked == 755, "checked \(checked)")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func rateSeriesAndPredecessorCodes() {
        let table = PopulationTable.standard
        // North Yorkshire's unitary code finds the county's estimates before 2023.
        #expect(table.population("E06000065", midYear: 2020) == 113_716)
        let s = Series(key: SeriesKey(area: "E06000065", metric: "lac"), start: Month(year: 2021, month: 3)!,
                       values: [422, .nan], status: [.observed, .suppressed])
        let rate = table.ratePerTenThousand(s)!
        #expect(rate.key.metric == "lac_rate_per_10k")
        #expect(abs(rate.values[0] - 422 * 10_000 / 113_716) < 1e-12 && rate.status[1] == .suppressed)
        #expect(table.ratePerTenThousand(Series(key: SeriesKey(area: "", metric: "lac"), start: s.start, values: [1], status: [.observed])) == nil)
    }
}
