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
        #expect(try ClinicProcess.run(["benchmark", "--area", "E08000001", "--years", "2025:2021"]).status == 2)
        #expect(try ClinicProcess.run(["benchmark", "--area", "E08000001", "--years", "2021:2025", "--year", "2025"]).status == 2)
        #expect(try ClinicProcess.run(["benchmark", "--area", "E08000001", "--years", "1990:1995"]).status == 2)
    }

    /// Five years for Manchester, as LAIT shows them, against an independent computation from the
    /// published files themselves (Fixtures/dfe, standard-library Python): for children looked after
    /// on 31 March, count and rate, every year's value, England, the North West, the ten neighbours'
    /// mean, lowest and highest, the rank among authorities (1 = lowest) and the quartile.
    @Test func fiveYearsForManchesterAgainstThePublishedFiles() throws {
        let result = try ClinicProcess.run(["benchmark", "--area", "E08000003", "--years", "2021:2025", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["from"] as? Int == 2021 && json["to"] as? Int == 2025 && json["name"] as? String == "Manchester")
        let rows = try #require(json["rows"] as? [[String: Any]])
        let script = """
        import csv, json, sys
        folder = sys.argv[1]
        with open(folder + "/cla_number_and_rate_per_10k_children.csv", encoding="utf-8-sig") as f:
            cla = [r for r in csv.DictReader(f) if r["population_type"] == "Children looked after on 31 March each year"]
        with open(folder + "/sn_model_2025_wide.csv", encoding="utf-8-sig") as f:
            sn = {r["old_la_code"]: [r["SN_%d" % k] for k in range(1, 11)] for r in csv.DictReader(f)}
        def number(text):
            try: return float(text.replace(",", ""))
            except ValueError: return None
        out = {}
        for year in range(2021, 2026):
            rows = [r for r in cla if r["time_period"] == str(year)]
            las = [r for r in rows if r["geographic_level"] == "Local authority"]
            me = next(r for r in las if r["new_la_code"] == "E08000003")
            by_old = {r["old_la_code"]: r for r in las}
            for metric, column in (("lac", "children_count"), ("lac_rate_per_10k", "rate_per_10000")):
                value = number(me[column])
                england = number(next(r for r in rows if r["geographic_level"] == "National")[column])
                region = number(next(r for r in rows if r["geographic_level"] == "Regional" and r["region_code"] == me["region_code"])[column])
                peers = [number(by_old[c][column]) for c in sn[me["old_la_code"]] if c in by_old]
                peers = [p for p in peers if p is not None]
                everyone = [number(r[column]) for r in las]
                everyone = [v for v in everyone if v is not None]
                rank = 1 + sum(1 for v in everyone if v < value)
                out["%d %s" % (year, metric)] = [value, england, region, sum(peers) / len(peers), min(peers), max(peers),
                                                 rank, len(everyone), min(4, 1 + 4 * (rank - 1) // len(everyone))]
        print(json.dumps(out))
        """
        let reference = try ClinicProcess.python(script, [ClinicProcess.testsFolder.appendingPathComponent("Fixtures/dfe").path])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(reference.stdout.utf8)) as? [String: [Double]])
        #expect(expected.count == 10)
        for (key, want) in expected {
            let parts = key.split(separator: " "), year = Int(parts[0])!, metric = String(parts[1])
            let row = try #require(rows.first { $0["year"] as? Int == year && $0["metric"] as? String == metric }, "\(key)")
            let got: [Double?] = ["value", "england", "region", "neighbours", "neighbours_lowest", "neighbours_highest", "rank", "of", "quartile"]
                .map { (row[$0] as? NSNumber)?.doubleValue }
            for (name, (a, b)) in zip(["value", "england", "region", "neighbours", "lowest", "highest", "rank", "of", "quartile"], zip(got, want)) {
                #expect(a.map { abs($0 - b) <= 1e-9 * max(1, abs(b)) } == true, "\(key) \(name): \(a.map(String.init(describing:)) ?? "nil") against \(b)")
            }
        }
        // Manchester's rate fell from 108 (2021) to 97 (2025) per 10,000, in the top quartile every year.
        let rates = rows.filter { $0["metric"] as? String == "lac_rate_per_10k" }
        #expect(rates.map { $0["value"] as? Double } == [108, 109, 104, 100, 97] && rates.allSatisfy { $0["quartile"] as? Int == 4 })
    }

    /// North Yorkshire Council replaced the county council with the same area in April 2023: its
    /// referrals before then are published under the county's code and stand for it, said so.
    @Test func aPredecessorWithTheSameAreaStandsForItsSuccessor() throws {
        let result = try ClinicProcess.run(["benchmark", "--area", "E06000065", "--years", "2021:2025", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let referrals = try #require(json["rows"] as? [[String: Any]]).filter { $0["metric"] as? String == "referrals" }
        #expect(referrals.map { $0["year"] as? Int } == [2021, 2022, 2023, 2024, 2025])
        #expect(referrals.prefix(3).allSatisfy { $0["published_as"] as? String == "E10000023" } && referrals[3]["published_as"] is NSNull)
        #expect(referrals.first?["value"] as? Double == 3939)      // seeds/dfe_benchmarks.csv: 2021, E10000023, referrals
        #expect(result.stderr.contains("referrals for 2021 is published under E10000023"))
        // Cumberland (Cumbria's successor): no figures before it existed, and the note says why.
        let cumberland = try ClinicProcess.run(["benchmark", "--area", "E06000063", "--years", "2021:2025"])
        #expect(cumberland.status == 0 && cumberland.stderr.contains("marked z (not applicable)"), "\(cumberland.stderr)")
    }
}
