import Foundation
import Testing
@testable import ClinicMeasures
@testable import ClinicIngest
@testable import ClinicData
@testable import ClinicSeeds
import ClinicTestSupport

@Suite("Metric catalogue")
struct MetricCatalogueTests {
    @Test func coversTheHeadlineMeasures() {
        let catalogue = MetricCatalogue.standard
        for id in ["lac", "lac_rate_per_10k", "lac_starts", "lac_ceased", "lac_ceased_18", "ppo", "ppo_children",
                   "missing_incidents", "away_incidents", "missing_children", "referrals", "referrals_rate_per_10k",
                   "re_referrals_pct", "referrals_nfa_pct", "cin", "cp_plans", "sw_caseload", "pep_completion_pct"] {
            #expect(catalogue.knows(id), "\(id)")
        }
        #expect(catalogue.definition("ppo").polarity == .lowerBetter)
        #expect(catalogue.definition("ppo").isCount)
        #expect(catalogue.definition("pep_completion_pct").polarity == .higherBetter)
        #expect(catalogue.definition("lac").kind == .stock)
        let unknown = catalogue.definition("mystery")
        #expect(unknown.polarity == .neutral && unknown.unit == nil && !unknown.isCount)
    }

    /// The registry is the one declaration: what RecordMeasures derives is exactly the catalogue's
    /// `records` rows, Clinic's population rates are its `population` rows, the published benchmarks are
    /// measures it declares, and the population cap is declared, not coded. A measure added in one place
    /// and not the other fails here.
    @Test func oneDeclarationPerMeasure() throws {
        let catalogue = MetricCatalogue.standard
        let folder = Fixtures.repository.appendingPathComponent("data/records/E99999999")
        var records = ChildRecords()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let kind: RecordFileKind = name.hasPrefix("episodes") ? .ssda903Episodes : name.hasPrefix("header") ? .ssda903Header
                : name.hasPrefix("missing") ? .ssda903Missing : name.hasPrefix("uasc") ? .ssda903UASC : .cinReferrals
            try records.add(CSVSource(contentsOf: folder.appendingPathComponent(name).path), kind: kind)
        }
        let derived = Set(RecordMeasures.monthly(records, area: "E99999999").series.map(\.key.metric))
        #expect(derived == Set(catalogue.ids.filter { catalogue.definition($0).source == .records }))
        #expect(catalogue.populationRates == ["lac": "lac_rate_per_10k", "referrals": "referrals_rate_per_10k"])
        #expect(PopulationTable.rateMetrics == catalogue.populationRates)
        // DfE's tables publish ten of them (counts, rates per 10,000 and two percentages), in journey order.
        #expect(BenchmarkTable.standard.metrics == ["referrals", "referrals_rate_per_10k", "re_referrals_pct", "referrals_nfa_pct",
                                                    "lac", "lac_rate_per_10k", "lac_starts", "lac_starts_rate_per_10k",
                                                    "lac_ceased", "lac_ceased_rate_per_10k"])
        #expect(catalogue.ids.filter { catalogue.definition($0).cap == .population0To17 } == ["lac"])
        // Every rate names its count, and every rate per 10,000 is declared as one.
        for id in catalogue.ids where catalogue.definition(id).unit == .rate {
            let base = try #require(catalogue.definition(id).rateOf, "\(id)")
            #expect(catalogue.knows(base) && catalogue.definition(base).isCount, "\(id)")
        }
    }

    /// The journey: referral → assessment → protection → care → leaving care → workforce; unknown
    /// measures after the known ones; the settings' order leads.
    @Test func journeyOrder() {
        let catalogue = MetricCatalogue.standard
        let shuffled = ["sw_caseload", "mystery", "lac_ceased_18", "lac", "cp_plans", "cin", "referrals_nfa_pct", "referrals", "ppo", "lac_rate_per_10k"]
        #expect(catalogue.journeyOrder(shuffled) == ["referrals", "referrals_nfa_pct", "cin", "cp_plans", "ppo", "lac", "lac_rate_per_10k",
                                                     "lac_ceased_18", "sw_caseload", "mystery"])
        #expect(catalogue.journeyOrder(shuffled, first: ["lac", "sw_caseload"]).prefix(3) == ["lac", "sw_caseload", "referrals"])
    }

    /// A registry row that does not hold together is an error at its line, not a silent default.
    @Test func badRowsAreErrorsAtTheirLine() {
        let columns = ["id", "label", "unit", "polarity", "kind", "journey", "rate_of", "source", "cap", "definition"]
        func table(_ rows: [[String]]) -> SeedTable { SeedTable(file: "seeds/metrics.csv", columns: columns, cells: rows.flatMap { $0 }) }
        let count = ["lac", "Children looked after", "count", "neutral", "stock", "care", "", "records", "population_0_17", "d"]
        #expect((try? MetricCatalogue(table([count])))?.ids == ["lac"])
        let cases: [([String], String)] = [
            (["x_rate", "X", "rate", "neutral", "flow", "care", "nothing", "population", "", "d"], "x_rate is the rate of nothing, which is not in the catalogue"),
            (["x_rate", "X", "rate", "neutral", "flow", "care", "", "population", "", "d"], "a population rate needs unit rate and the count it is the rate of"),
            (["x", "X", "count", "neutral", "flow", "journey's end", "", "records", "", "d"], "journey \"journey's end\" is not one of"),
            (["x", "X", "count", "neutral", "flow", "care", "", "somewhere", "", "d"], "source \"somewhere\" is not"),
        ]
        for (row, message) in cases {
            do {
                _ = try MetricCatalogue(table([count, row]))
                Issue.record("accepted \(row)")
            } catch let d as Diagnostic {
                #expect(d.line == 3 && d.code == "bad_catalogue" && d.message.contains(message), "\(d)")
            } catch { Issue.record("\(error)") }
        }
    }
}
