import Foundation
import Testing
@testable import ClinicMeasures

/// Benchmarks against figures computed independently from DfE's published files
/// (cla_number_and_rate_per_10k_children.csv, c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv,
/// sn_model_2025_wide.csv), year to 31 March 2025, by a short pandas-free Python script reading the files
/// directly: the authority's value, England, its region, the mean of its ten neighbours' published
/// values (those not suppressed), its rank among authorities with a value (1 = lowest) and quartile.
@Suite("Published benchmarks")
struct BenchmarkTableTests {
    struct Expected { let value, england, region, neighbours: Double; let rank, of, quartile: Int }

    static let cases: [(area: String, metric: String, Expected)] = [
        ("E08000001", "lac_rate_per_10k", .init(value: 78, england: 67, region: 90, neighbours: 87.1, rank: 95, of: 151, quartile: 3)),
        ("E08000001", "re_referrals_pct", .init(value: 20.5, england: 22.6, region: 21.7, neighbours: 20.85, rank: 82, of: 153, quartile: 3)),
        ("E08000001", "referrals_nfa_pct", .init(value: 5.6, england: 6.5, region: 5.1, neighbours: 5.133333333333333, rank: 82, of: 145, quartile: 3)),
        ("E09000007", "lac_rate_per_10k", .init(value: 58, england: 67, region: 59, neighbours: 62.7, rank: 48, of: 151, quartile: 2)),
        ("E09000007", "re_referrals_pct", .init(value: 18.3, england: 22.6, region: 19.1, neighbours: 18.43, rank: 52, of: 153, quartile: 2)),
        ("E09000007", "referrals_nfa_pct", .init(value: 3.7, england: 6.5, region: 8.4, neighbours: 10.28, rank: 64, of: 145, quartile: 2)),
        ("E09000003", "lac_rate_per_10k", .init(value: 37, england: 67, region: 43, neighbours: 47.9, rank: 11, of: 151, quartile: 1)),
        ("E09000003", "re_referrals_pct", .init(value: 14.8, england: 22.6, region: 19.6, neighbours: 20.25, rank: 13, of: 153, quartile: 1)),
        ("E09000003", "referrals_nfa_pct", .init(value: 8.9, england: 6.5, region: 7.7, neighbours: 6.55, rank: 104, of: 145, quartile: 3)),
    ]

    @Test func threeAuthoritiesMatchThePublishedFiles() throws {
        for (area, metric, e) in Self.cases {
            let c = try #require(BenchmarkTable.standard.comparison(area: area, year: 2025))
            let row = try #require(c.rows.first { $0.metric == metric })
            #expect(row.value == e.value && row.england == e.england && row.region == e.region, "\(area) \(metric)")
            #expect(abs(row.neighbours! - e.neighbours) < 1e-9, "\(area) \(metric) neighbours \(row.neighbours!)")
            #expect(row.rank == e.rank && row.of == e.of && row.quartile == e.quartile, "\(area) \(metric) rank \(row.rank!) of \(row.of!)")
        }
    }

    /// Bolton by new code, old code and name; the latest year is the default; one of Bolton's ten
    /// neighbours has its no-further-action figure suppressed, and a note says the mean is of nine.
    @Test func areasByCodeOrNameAndNotes() throws {
        let byCode = try #require(BenchmarkTable.standard.comparison(area: "E08000001"))
        #expect(byCode.year == 2025 && byCode.name == "Bolton" && byCode.regionName == "North West")
        #expect(BenchmarkTable.standard.comparison(area: "350")?.code == "E08000001")
        #expect(BenchmarkTable.standard.comparison(area: "bolton")?.code == "E08000001")
        #expect(BenchmarkTable.standard.comparison(area: "E99999999") == nil)
        #expect(byCode.rows.first { $0.metric == "referrals_nfa_pct" }?.neighboursCounted == 9)
        #expect(byCode.notes.contains { $0.contains("referrals_nfa_pct: 1 of the 10 neighbours' values are suppressed") })
    }

    /// Cumbria was abolished in April 2023: its 2025 rows are published as "z" (not applicable); they are
    /// kept with no value and no rank, and said so.
    @Test func suppressedValuesAreSkippedAndSaidSo() throws {
        let c = try #require(BenchmarkTable.standard.comparison(area: "E10000006", year: 2025))
        let lac = try #require(c.rows.first { $0.metric == "lac" })
        #expect(lac.value == nil && lac.marker == "z" && lac.rank == nil)
        #expect(c.notes.contains { $0.contains("lac for 2025 is marked z (not applicable)") && $0.contains("Cumbria was not an authority that year") })
    }
}
