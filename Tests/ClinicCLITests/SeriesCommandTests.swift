import Foundation
import Testing

/// `clinic series` end to end: derived measures from record files, aggregate series, both formats.
@Suite("clinic series")
struct SeriesCommandTests {
    @Test func recordFilesBecomeMonthlyMeasures() throws {
        let dir = try ClinicProcess.temporaryFolder()
        try "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,15/03/2000,WBRI,,,\n".write(to: dir.appendingPathComponent("header.csv"), atomically: true, encoding: .utf8)
        try """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
            1,05/01/2018,S,L1,N1,U1,PR1,07/01/2018,X1,,,,
            1,07/01/2018,L,C2,N1,U1,PR1,20/03/2018,E17,,,,

            """.write(to: dir.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        try "[authority]\ncode = \"E06000065\"\n".write(to: dir.appendingPathComponent("clinic.toml"), atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["series", "header.csv", "episodes.csv", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "area,metric,month,value,status")
        #expect(lines.contains("E06000065,lac,2018-02,1,observed"))
        #expect(lines.contains("E06000065,lac,2018-03,0,observed"))          // left on 20 March
        #expect(lines.contains("E06000065,lac_ceased_18,2018-03,1,observed"))   // 18 on 15 March
        #expect(lines.contains("E06000065,ppo,2018-01,1,observed"))
        // North Yorkshire's 0–17 population at mid-2017 (under its predecessor's code) is 115,686.
        let rate = lines.first { $0.hasPrefix("E06000065,lac_rate_per_10k,2018-02,") }!.split(separator: ",")[3]
        #expect(abs(Double(rate)! - 10_000.0 / 115_686) < 1e-12)
        let json = try ClinicProcess.run(["series", "episodes.csv", "--metric", "lac_starts", "--format", "json", "--as-of", "2026-11"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let series = try #require(doc["series"] as? [[String: Any]])
        // episodes.csv has no year in its name: read as the return of its latest date's year, April 2017 –
        // March 2018, so the months run from April 2017 (0 until the start in January 2018).
        #expect(series.count == 1 && series[0]["start"] as? String == "2017-04"
                && (series[0]["values"] as? [Double]) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(json.stderr.contains("episodes.csv has no collection year in its name"))
    }

    @Test func aggregateSeriesWithDimensionsAndMarkers() throws {
        let dir = try ClinicProcess.temporaryFolder()
        try "month,area,metric,age_band,value\n2015-01,E1,lac,0-9,10\n2015-03,E1,lac,0-9,c\n2015-01,E1,ppo,all,\"1,234\"\n"
            .write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["series", "a.csv", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            area,metric,age_band,month,value,status
            E1,lac,0-9,2015-01,10,observed
            E1,lac,0-9,2015-02,,missing
            E1,lac,0-9,2015-03,,suppressed[c]
            E1,ppo,all,2015-01,1234,observed

            """)
        #expect(try ClinicProcess.run(["series", "a.csv", "--format", "xml"], in: dir).status == 2)
    }
}

/// The bundled record files, with no --from: the months their collection years cover and only those,
/// equal to the bundled aggregates on every month.
@Suite("clinic series: covered months")
struct CoveredMonthsTests {
    @Test func bundledRecordsEqualTheAggregatesWithoutFrom() throws {
        let root = ClinicTestSupportRoot.repository
        let derived = try ClinicProcess.run(["series", "data/records/E99999999/", "--config", "data/clinic.toml", "--as-of", "2026-11"], in: root)
        #expect(derived.status == 0, "\(derived.stderr)")
        let aggregates = try String(contentsOf: root.appendingPathComponent("data/aggregates/monthly.csv"), encoding: .utf8)
        func rows(_ text: String) -> [String: String] {
            var out = [String: String]()
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 5 else { continue }
                out["\(f[1]) \(f[2])"] = "\(f[3]),\(f[4])"
            }
            return out
        }
        let fromRecords = rows(derived.stdout), published = rows(aggregates)
        #expect(fromRecords.count > 2_000 && fromRecords == published)
        #expect(fromRecords.keys.map { String($0.suffix(7)) }.min() == "2012-04")      // the first complete collection year
    }
}

/// The repository root, found from this file's path.
enum ClinicTestSupportRoot {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
