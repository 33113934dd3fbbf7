import ClinicTestSupport
import Foundation
import Testing

/// `clinic flags` end to end on the bundled fictional authority, whose injected events are in
/// data/labels.csv.
@Suite("clinic flags")
struct FlagsCommandTests {
    @Test func bundledDataFlagTheReferralSurgeWithReasons() throws {
        let root = Fixtures.repository
        let result = try ClinicProcess.run(["flags", "data/aggregates/", "--config", "data/clinic.toml", "--as-of", "2026-11", "--json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let flags = try #require(json["flags"] as? [[String: Any]])
        // labels.csv: a one-month surge of referrals in March 2024 (60% more).
        let surge = try #require(flags.first { $0["metric"] as? String == "referrals" && $0["month"] as? String == "2024-03" })
        #expect(surge["method"] as? String == "outlier" && (surge["q_value"] as? Double).map { $0 < 0.001 } == true)
        #expect((surge["sentence"] as? String)?.hasPrefix("Referrals to children's social care: 447 in March 2024, well above") == true)
        for f in flags {
            for field in ["area", "metric", "dimensions", "month", "method", "rule", "observed", "expected", "lower", "upper", "direction",
                          "severity", "q_value", "sentence"] {
                #expect(f[field] != nil, "missing \(field)")
            }
        }
        let ranks = flags.map { ["red": 0, "amber": 1, "info": 2][$0["severity"] as! String]! }
        #expect(ranks == ranks.sorted())
        // Few enough for an hour's meeting: the bundled data raise about a dozen.
        #expect(flags.count <= 20)
    }
}
