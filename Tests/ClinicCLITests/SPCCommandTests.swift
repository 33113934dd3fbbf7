import Foundation
import Testing

/// `clinic spc` end to end on a file written in reverse date order.
@Suite("clinic spc")
struct SPCCommandTests {
    /// NHSRplotthedots' reference series 1,2,1,2,10,1,2,… (Jan 2024 onwards), rows newest first.
    static let values: [Double] = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]

    func folder(_ rows: String? = nil) throws -> URL {
        let dir = try ClinicProcess.temporaryFolder()
        var text = "month,referrals\n"
        for i in Self.values.indices.reversed() {
            text += String(format: "%04d-%02d-01,%g\n", 2024 + i / 12, i % 12 + 1, Self.values[i])
        }
        try (rows ?? text).write(to: dir.appendingPathComponent("spc.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func jsonMatchesTheReferenceInDateOrder() throws {
        let dir = try folder()
        let result = try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--date", "month", "--direction", "increase",
                                            "--target", "5", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.count == 18)
        #expect(points.first?["date"] as? String == "2024-01-01" && points.last?["date"] as? String == "2025-06-01")
        #expect(points.map { $0["value"] as! Double } == Self.values)
        for p in points {
            #expect(abs((p["mean"] as! Double) - 1.9444444444) < 1e-6)
            #expect(abs((p["lpl"] as! Double) + 0.7155555556) < 1e-6 && abs((p["upl"] as! Double) - 4.6044444444) < 1e-6)
        }
        #expect(points.map { $0["point_type"] as! String } == Self.values.indices.map { $0 == 4 ? "special_cause_improvement" : "common_cause" })
        #expect(points[4]["special_cause"] as? String == "Above UCL" && points[4]["outside_limits"] as? Bool == true)
        #expect(json["variation"] as? String == "common_cause" && json["assurance"] as? String == "consistent_fail")
    }

    /// A rebase from January 2025 makes a second group of six points: its own limits and a warning.
    @Test func rebaseMakesTrialLimits() throws {
        let dir = try folder()
        let result = try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--date", "month", "--rebase", "2025-01-01", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let points = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["points"] as? [[String: Any]])
        #expect(points.map { $0["group"] as! Int } == Array(repeating: 1, count: 12) + Array(repeating: 2, count: 6))
        #expect(abs((points[12]["mean"] as! Double) - 1.5) < 1e-12)
        #expect(result.stderr.contains("group 2 has 6 points") && result.stderr.contains("trial limits"))
    }

    @Test func badInputIsLocatedAndUsageErrorsExit2() throws {
        let dir = try folder("month,referrals\n2024-01-01,4\n2024-02-01,five\n")
        let bad = try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--date", "month"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("spc.csv:3:12") && bad.stdout.isEmpty, "\(bad.stderr)")
        let good = try folder()
        #expect(try ClinicProcess.run(["spc", "spc.csv", "--value", "nothing"], in: good).status == 2)
        #expect(try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--fix-after", "5"], in: good).status == 2)
        #expect(try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--direction", "up"], in: good).status == 2)
        #expect(try ClinicProcess.run(["spc", "spc.csv", "--value", "referrals", "--date", "month", "--rebase", "2030-01-01"], in: good).status == 2)
    }
}
