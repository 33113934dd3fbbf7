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
}
