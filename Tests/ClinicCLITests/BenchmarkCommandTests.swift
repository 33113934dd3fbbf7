import Foundation
import Testing

/// `clinic benchmark` end to end: the JSON contract on Bolton's 2025 figures, and usage errors.
@Suite("clinic benchmark")
struct BenchmarkCommandTests {
    @Test func jsonFollowsTheContract() throws {
        let result = try ClinicProcess.run(["benchmark", "--area", "E08000001", "--year", "2025", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["area"] as? String == "E08000001" && json["name"] as? String == "Bolton" && json["year"] as? Int == 2025)
        let rows = try #require(json["rows"] as? [[String: Any]])
        let rate = try #require(rows.first { $0["metric"] as? String == "lac_rate_per_10k" })
        for field in ["metric", "value", "england", "region", "region_name", "neighbours", "rank", "of", "quartile"] {
            #expect(rate[field] != nil, "missing \(field)")
        }
        #expect(rate["value"] as? Double == 78 && rate["england"] as? Double == 67 && rate["region_name"] as? String == "North West")
        #expect(rate["rank"] as? Int == 95 && rate["of"] as? Int == 151 && rate["quartile"] as? Int == 3)
        #expect(result.stderr.contains("neighbours' values are suppressed"))
    }

    @Test func unknownAreasAndYearsAreUsageErrors() throws {
        #expect(try ClinicProcess.run(["benchmark", "--area", "Atlantis"]).status == 2)
        #expect(try ClinicProcess.run(["benchmark", "--area", "E08000001", "--year", "1999"]).status == 2)
    }
}
