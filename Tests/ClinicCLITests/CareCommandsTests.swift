import Foundation
import Testing

/// `clinic explain lac` and `clinic project lac` end to end on real files: the bundled authority's
/// records and the synthetic SSDA903 sample, against an independent pandas recount
/// (Fixtures/care_flows/make_reference.py, written without reading the Swift sources).
@Suite("clinic explain and project")
struct CareCommandsTests {
    static let repository = ClinicProcess.testsFolder.deletingLastPathComponent()
    static let bundled = repository.appendingPathComponent("data/records/E99999999").path
    static let fixtures = ClinicProcess.testsFolder.appendingPathComponent("Fixtures/care_flows")

    /// month → column → value from a CSV with a `month` column first.
    func table(_ csv: String) -> [String: [String: Int]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [:] }
        var out = [String: [String: Int]]()
        for row in lines.dropFirst() {
            for (name, cell) in zip(header.dropFirst(), row.dropFirst()) { out[row[0], default: [:]][name] = Int(cell) }
        }
        return out
    }

    func reference(_ name: String) throws -> [String: [String: Int]] {
        table(try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8))
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every month's stock, starts, ends by reason, residual and stock by age, placement and time in care
    /// equal the pandas recount, on the bundled records (175 months) and on the synthetic sample (its
    /// overlapping episodes, X1 endings and every placement code included).
    @Test(arguments: [("bundled", [bundled], "2026-10"),
                      ("sample", [ClinicProcess.testsFolder.appendingPathComponent("Fixtures/records/episodes.csv").path,
                                  ClinicProcess.testsFolder.appendingPathComponent("Fixtures/records/header.csv").path], "2018-04")])
    func monthlyAccountMatchesTheIndependentRecount(name: String, inputs: [String], asOf: String) throws {
        let result = try ClinicProcess.run(["explain", "lac"] + inputs + ["--as-of", asOf, "--monthly"])
        #expect(result.status == 0, "\(result.stderr)")
        let mine = table(result.stdout)
        var expected = try reference("\(name)_monthly.csv")
        // The bundled records have a UASC table: its two columns are recounted on their own.
        if name == "bundled" { for (month, row) in try reference("bundled_uasc.csv") { expected[month, default: [:]].merge(row) { a, _ in a } } }
        let shared = Set(mine.keys).intersection(expected.keys)
        #expect(shared.count >= (name == "bundled" ? 175 : 37), "\(shared.count) months in common")
        for month in shared.sorted() {
            #expect(mine[month] == expected[month], "\(name) \(month)")
        }
        // The identity holds in every month.
        #expect(mine.values.allSatisfy { $0["residual"] == 0 })
    }

    /// The identity on other simulated authorities too: `clinic simulate --records` with two seeds other
    /// than the bundled data's (full-length records, 2012 to 2026), every month's stock at the end equals
    /// the stock at the start plus starts less ends, with no residual, and the flows are not empty.
    @Test(arguments: [7, 11])
    func theIdentityHoldsOnSimulatedAuthorities(seed: Int) throws {
        let dir = try ClinicProcess.temporaryFolder()
        let simulated = try ClinicProcess.run(["simulate", "--out", dir.path, "--seed", String(seed), "--records"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let records = dir.appendingPathComponent("records/E99999999").path
        let result = try ClinicProcess.run(["explain", "lac", records, "--as-of", "2026-12", "--monthly"])
        #expect(result.status == 0, "\(result.stderr)")
        let months = table(result.stdout)
        #expect(months.count >= 170, "\(months.count) months")
        for (month, row) in months {
            let ends = row.filter { $0.key.hasPrefix("end:") }.values.reduce(0, +)
            #expect(row["residual"] == 0 && row["stock_end"]! - row["stock_start"]! == row["starts"]! - ends, "seed \(seed) \(month): \(row)")
        }
        #expect(months.values.reduce(0) { $0 + ($1["starts"] ?? 0) } > 1_000)
    }

    /// 2023-24 on the bundled records, the worked question: looked after fell by 36; returns home
    /// rose from 68 to 104; exits at 18 were 8 (10 the year before), so they do not explain it.
    @Test func explainAnswersTheClinicsQuestion() throws {
        let result = try ClinicProcess.run(["explain", "lac", Self.bundled, "--from", "2023-04", "--to", "2024-03", "--as-of", "2026-10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try json(result.stdout)
        #expect(doc["area"] as? String == "E99999999")
        #expect(doc["from"] as? String == "2023-04" && doc["to"] as? String == "2024-03")
        #expect(doc["stock_start"] as? Int == 310 && doc["stock_end"] as? Int == 274)
        #expect(doc["residual"] as? Int == 0)
        // Flows: the pandas sums over the same months, and a year earlier.
        let monthly = try reference("bundled_monthly.csv")
        func sum(_ column: String, _ year: Int) -> Int {
            monthly.filter { ($0.key >= "\(year - 1)-04") && ($0.key <= "\(year)-03") }.reduce(0) { $0 + ($1.value[column] ?? 0) }
        }
        let flows = try #require(doc["flows"] as? [[String: Any]])
        #expect(flows.map { $0["flow"] as? String } == ["start", "end:aged_18", "end:adoption", "end:special_guardianship",
                                                       "end:child_arrangements", "end:return_home", "end:independent_living", "end:other"])
        for f in flows {
            let column = (f["flow"] as! String) == "start" ? "starts" : f["flow"] as! String
            #expect(f["count"] as? Int == sum(column, 2024), "\(column)")
            #expect(f["count_year_before"] as? Int == sum(column, 2023), "\(column)")
        }
        let returnHome = try #require(flows.first { $0["flow"] as? String == "end:return_home" })
        #expect(returnHome["count"] as? Int == 104 && returnHome["count_year_before"] as? Int == 68)
        let due = try reference("bundled_due_18.csv")["2024-03"]?["due_to_turn_18_next_12_months"]
        #expect(doc["due_to_turn_18_next_12_months"] as? Int == due)
        let sentences = try #require(doc["sentences"] as? [String]).joined(separator: " ")
        #expect(sentences.contains("Looked after fell by 36 in 2023-24, from 310 to 274"), "\(sentences)")
        #expect(sentences.contains("returns home, which rose from 68 to 104"), "\(sentences)")
        #expect(sentences.contains("Children leaving at 18 were 8 (10 the year before), so they do not explain the fall"), "\(sentences)")
    }

    /// Unaccompanied asylum-seeking children: `lac_uasc` from `clinic series` in every month, and the
    /// explanation's UASC starts and stocks for 2025-26 (after the simulated National Transfer Scheme
    /// change), against the recount.
    @Test func unaccompaniedAsylumSeekersMatchTheRecount() throws {
        let reference = try reference("bundled_uasc.csv")
        let series = try ClinicProcess.run(["series", Self.bundled, "--metric", "lac_uasc", "--as-of", "2026-10", "--format", "csv"])
        #expect(series.status == 0, "\(series.stderr)")
        var months = 0
        for line in series.stdout.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // area,metric,month,value,status
            #expect(Int(Double(cells[3]) ?? -1) == reference[cells[2]]?["uasc_stock_end"], "\(cells[2])")
            months += 1
        }
        #expect(months == 175)
        let result = try ClinicProcess.run(["explain", "lac", Self.bundled, "--from", "2025-04", "--to", "2026-03", "--as-of", "2026-10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let uasc = try #require(try json(result.stdout)["uasc"] as? [String: Any])
        func starts(_ from: String, _ to: String) -> Int { reference.filter { $0.key >= from && $0.key <= to }.reduce(0) { $0 + ($1.value["uasc_starts"] ?? 0) } }
        #expect(uasc["starts"] as? Int == starts("2025-04", "2026-03") && uasc["starts_year_before"] as? Int == starts("2024-04", "2025-03"))
        #expect(uasc["stock_start"] as? Int == reference["2025-03"]?["uasc_stock_end"] && uasc["stock_end"] as? Int == reference["2026-03"]?["uasc_stock_end"])
        #expect(uasc["starts"] as? Int == 21 && uasc["starts_year_before"] as? Int == 11)
        // Without a UASC table there is nothing to say, and the JSON says so with null.
        let noUASC = try ClinicProcess.run(["explain", "lac", Self.bundled + "/episodes_2025.csv", Self.bundled + "/episodes_2026.csv",
                                            Self.bundled + "/header.csv", "--as-of", "2026-03", "--json"])
        #expect(noUASC.status == 0, "\(noUASC.stderr)")
        #expect(try json(noUASC.stdout)["uasc"] is NSNull)
    }

    /// The due-to-turn-18 count for several month ends, against the recount.
    @Test(arguments: ["2015-06", "2019-12", "2026-10"])
    func childrenDueToTurn18(month: String) throws {
        let result = try ClinicProcess.run(["explain", "lac", Self.bundled, "--to", month, "--as-of", "2026-10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try reference("bundled_due_18.csv")[month]?["due_to_turn_18_next_12_months"]
        #expect(try json(result.stdout)["due_to_turn_18_next_12_months"] as? Int == expected)
    }

    /// A window outside the months the files cover, or another measure, is a usage error (exit 2)
    /// that says what is covered; nothing is printed on stdout.
    @Test func windowsOutsideTheFilesAreUsageErrors() throws {
        let early = try ClinicProcess.run(["explain", "lac", Self.bundled, "--from", "2011-04", "--to", "2012-03", "--as-of", "2026-10"])
        #expect(early.status == 2 && early.stdout.isEmpty)
        #expect(early.stderr.contains("the stock is known from the end of 2012-03 to the end of 2026-10, so --from can be 2012-04 at the earliest"), "\(early.stderr)")
        let other = try ClinicProcess.run(["explain", "referrals", Self.bundled])
        #expect(other.status == 2 && other.stderr.contains("lac (children looked after) only"), "\(other.stderr)")
        let backwards = try ClinicProcess.run(["explain", "lac", Self.bundled, "--from", "2024-03", "--to", "2023-04", "--as-of", "2026-10"])
        #expect(backwards.status == 2 && backwards.stderr.contains("is after --to"), "\(backwards.stderr)")
    }

    /// The projection's contract: every month has the total, five age bands and six placement groups;
    /// each interval is ordered; bands and groups add up to the total (every child has a date of birth
    /// and a placement); the same seed gives the same document; records after --as-of are not used.
    @Test func projectionContract() throws {
        let arguments = ["project", "lac", Self.bundled, "--as-of", "2024-03", "--horizon", "6", "--paths", "200", "--json"]
        let first = try ClinicProcess.run(arguments), again = try ClinicProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == again.stdout)
        #expect(first.stderr.contains("after 2024-03, the as-of month: read as the records stood at its end"), "\(first.stderr)")
        let doc = try json(first.stdout)
        #expect(doc["origin"] as? String == "2024-03" && doc["start_total"] as? Int == 274)
        let rows = try #require(doc["projection"] as? [[String: Any]])
        #expect(rows.count == 6 * 12)
        var totals = [String: Double](), ages = [String: Double](), places = [String: Double]()
        for row in rows {
            let month = row["month"] as! String, group = row["group"] as! String, mean = row["mean"] as! Double
            let l95 = row["lower_95"] as! Double, l80 = row["lower_80"] as! Double, u80 = row["upper_80"] as! Double, u95 = row["upper_95"] as! Double
            #expect(l95 <= l80 && l80 <= mean && mean <= u80 && u80 <= u95, "\(month) \(group)")
            if group == "total" { totals[month] = mean }
            if group.hasPrefix("age:") { ages[month, default: 0] += mean }
            if group.hasPrefix("placement:") { places[month, default: 0] += mean }
        }
        #expect(totals.keys.sorted() == ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"])
        for (month, total) in totals {
            #expect(abs(ages[month]! - total) < 1e-9 && abs(places[month]! - total) < 1e-9, "\(month)")
        }
    }

    /// The simulated edge-of-care service cut entries by a quarter from April 2022 (data/labels.csv). Cut
    /// at December 2022, the projection finds the shift more likely than not, likeliest from March 2022
    /// (the data's own drop began a month early), and expects arrivals well below the months before it.
    /// Cut at October 2026 the JSON is consistent with itself: a month is named exactly when a shift is
    /// more likely than not, with the rates before and since it.
    @Test func projectionFollowsAShiftInEntries() throws {
        let after = try json(try ClinicProcess.run(["project", "lac", Self.bundled, "--as-of", "2022-12", "--horizon", "12", "--paths", "100", "--json"]).stdout)
        #expect(after["entry_shift_month"] as? String == "2022-03")
        #expect(try #require(after["entry_shift_probability"] as? Double) > 0.5 && after["entry_months"] as? Int == 24)
        let before = try #require(after["entries_per_month_before_shift"] as? Double)
        let since = try #require(after["entries_per_month_since_shift"] as? Double)
        let now = try #require(after["entries_per_month"] as? [String: Double]).values.reduce(0, +)
        #expect(now < 0.8 * before && since < now, "\(now) against \(before) a month before and \(since) since")
        let later = try json(try ClinicProcess.run(["project", "lac", Self.bundled, "--as-of", "2026-10", "--horizon", "1", "--paths", "20", "--json"]).stdout)
        let probability = try #require(later["entry_shift_probability"] as? Double)
        #expect(probability > 0 && probability < 1)
        let named = later["entry_shift_month"] is String
        #expect(named == (probability >= 0.5))
        #expect((later["entries_per_month_before_shift"] is Double) == named && (later["entries_per_month_since_shift"] is Double) == named)
    }

    /// `clinic report --records`: the pack's looked-after section holds the last 12 covered months'
    /// flows (the recount's sums) and a 24-month projection, in pack.json, pack.md and its chart file.
    @Test func packSectionFromTheRecords() throws {
        let out = try ClinicProcess.temporaryFolder()
        let aggregates = Self.repository.appendingPathComponent("data/aggregates").path
        let config = Self.repository.appendingPathComponent("data/clinic.toml").path
        let result = try ClinicProcess.run(["report", aggregates, "--config", config, "--records", Self.bundled, "--as-of", "2026-11",
                                            "--out", out.path, "--format", "json,md,xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let pack = try json(try String(contentsOf: out.appendingPathComponent("pack.json"), encoding: .utf8))
        let section = try #require(pack["looked_after"] as? [String: Any])
        let explanation = try #require(section["explanation"] as? [String: Any])
        #expect(explanation["from"] as? String == "2025-11" && explanation["to"] as? String == "2026-10")
        let monthly = try reference("bundled_monthly.csv")
        let window = monthly.filter { $0.key >= "2025-11" && $0.key <= "2026-10" }
        #expect(window.count == 12)
        #expect(explanation["stock_end"] as? Int == monthly["2026-10"]?["stock_end"])
        let flows = try #require(explanation["flows"] as? [[String: Any]])
        for f in flows {
            let column = (f["flow"] as! String) == "start" ? "starts" : f["flow"] as! String
            #expect(f["count"] as? Int == window.values.reduce(0) { $0 + ($1[column] ?? 0) }, "\(column)")
        }
        let projection = try #require((section["projection"] as? [String: Any])?["projection"] as? [[String: Any]])
        #expect(projection.count == 24 * 12)
        #expect(projection.first?["month"] as? String == "2026-11")
        let markdown = try String(contentsOf: out.appendingPathComponent("pack.md"), encoding: .utf8)
        #expect(markdown.contains("## Children looked after: why the number moved, and where it is heading"))
        #expect(markdown.contains("(charts/looked-after-projection.svg)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/looked-after-projection.svg").path))
        // The Missing and CIN files in the records folder are not the pack's data-quality business.
        #expect(!markdown.contains("skipped: the stock and its flows"))

        // The workbook, read back by openpyxl: the flows on "Looked after", the projection on "Projection"
        // with its chart, the same numbers as pack.json.
        let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        la, pr = wb["Looked after"], wb["Projection"]
        rows = {r[0].value: [c.value for c in r[1:3]] for r in la.iter_rows(min_row=2) if isinstance(r[0].value, str)}
        projected = [[c.value for c in r[:8]] for r in pr.iter_rows(min_row=2) if r[3].value is not None]
        series = [s.tx.v for ch in pr._charts for s in ch.series]
        print(json.dumps({"sheets": wb.sheetnames, "started": rows.get("Started"), "first": projected[0][1:], "rows": len(projected), "series": series}))
        """
        let read = try ClinicProcess.python(script, [out.appendingPathComponent("pack.xlsx").path])
        #expect(read.status == 0, "\(read.stderr)")
        let book = try json(read.stdout)
        #expect((book["sheets"] as? [String])?.suffix(4) == ["Looked after", "Projection", "Data quality", "Provenance"])
        let starts = try #require(flows.first { $0["flow"] as? String == "start" })
        #expect((book["started"] as? [Int]) == [starts["count"] as! Int, starts["count_year_before"] as! Int])
        let firstTotal = try #require(projection.first { $0["group"] as? String == "total" })
        let first = try #require(book["first"] as? [Any])
        #expect(first[0] as? String == "All children looked after" && first[2] as? Double == firstTotal["mean"] as? Double
                && first[6] as? Double == firstTotal["upper_95"] as? Double)
        #expect(book["rows"] as? Int == 24 * 12)
        #expect((book["series"] as? [String])?.contains("Upper 95%") == true)
    }
}
