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

    /// As the clinic would have seen it (`--replay`, data cut at each month): the March 2024 referral
    /// surge of data/labels.csv is red the month it arrives and nothing after it is read as a change of
    /// trend (a single month is not a change: once it was "from about +0.04 to +17 a month" and the next
    /// month's forecast check went red on the way back down); April 2024 raises no referral flag.
    @Test func replayShowsTheSurgeAsTheClinicWouldHaveSeenIt() throws {
        let root = Fixtures.repository
        let result = try ClinicProcess.run(["flags", "data/aggregates/", "--config", "data/clinic.toml", "--replay", "2024-02:2024-04", "--json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let months = try #require(json["replay"] as? [[String: Any]])
        #expect(months.map { $0["as_of"] as? String } == ["2024-02", "2024-03", "2024-04"])
        func flags(_ i: Int) -> [[String: Any]] { months[i]["flags"] as? [[String: Any]] ?? [] }
        let referrals = { (f: [String: Any]) in f["metric"] as? String == "referrals" }
        #expect(flags(1).contains { referrals($0) && $0["method"] as? String == "forecast" && $0["severity"] as? String == "red" && $0["month"] as? String == "2024-03" })
        #expect(!months.flatMap { $0["flags"] as? [[String: Any]] ?? [] }.contains { referrals($0) && $0["method"] as? String == "changepoint" })
        #expect(!flags(2).contains(where: referrals), "\(flags(2))")
        #expect(flags(0).filter(referrals).isEmpty)
        let usage = try ClinicProcess.run(["flags", "data/aggregates/", "--replay", "2024-05:2024-01"], in: root)
        #expect(usage.status == 2 && usage.stderr.contains("--replay"))
    }
}
