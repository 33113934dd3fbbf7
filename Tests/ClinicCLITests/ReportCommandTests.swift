import ClinicTestSupport
import Foundation
import Testing

/// `clinic report` end to end: the pack from the bundled data, its JSON against `clinic fit` and the
/// CSV, hostile names kept inert in every format, and errors that write nothing.
@Suite("clinic report")
struct ReportCommandTests {
    /// Every file under `folder`, relative paths, sorted.
    static func listing(_ folder: URL) -> [String] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { !$0.hasSuffix("/") && (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.type] as? FileAttributeType) == .typeRegular }.sorted()
    }

    /// Reads `pack.xlsx` back with openpyxl (installed by `make test`): sheet names, each sheet's cells
    /// as (value, data type, number format), its number of charts and their series' names, frozen panes,
    /// column widths and conditional-format rules, as JSON.
    static func workbook(_ path: URL) throws -> [String: Any] {
        let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": wb.sheetnames, "cells": {}, "charts": {}, "series": {}, "frozen": {}, "widths": {}, "rules": {}}
        for ws in wb.worksheets:
            out["cells"][ws.title] = [[[str(c.value) if c.value is not None else None, c.data_type, c.number_format] for c in row] for row in ws.iter_rows()]
            out["charts"][ws.title] = len(ws._charts)
            out["series"][ws.title] = [s.tx.v if s.tx.v is not None else s.tx.strRef.f for ch in ws._charts for s in ch.series]
            out["frozen"][ws.title] = ws.freeze_panes
            out["widths"][ws.title] = {k: d.width for k, d in ws.column_dimensions.items()}
            out["rules"][ws.title] = [r.formula[0] if r.formula else r.text for cf in ws.conditional_formatting for r in cf.rules]
        print(json.dumps(out))
        """
        let run = try ClinicProcess.python(script, [path.path])
        guard run.status == 0, let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "openpyxl could not read \(path.path): \(run.stderr)"])
        }
        return json
    }

    @Test func bundledDataPack() throws {
        let root = Fixtures.repository
        let out = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ClinicProcess.run(["report", "data/aggregates/", "--config", "data/clinic.toml", "--as-of", "2026-11",
                                            "--out", out.path], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let files = Self.listing(out)
        #expect(files.contains("index.html") && files.contains("pack.md") && files.contains("pack.json") && files.contains("pack.xlsx"))
        // Each measure's last 36 months (charts/m-<id>.svg, leading its page) and its whole series.
        #expect(files.filter { $0.hasPrefix("charts/") && $0.hasSuffix(".svg") }.count == 2 * 13)
        #expect(files.contains("charts/m-lac.svg") && files.contains("charts/m-lac-history.svg"))

        let pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("pack.json"))) as? [String: Any])
        #expect(pack["schema"] as? String == "clinic-pack/1")
        let measures = try #require(pack["measures"] as? [[String: Any]])
        // The child's journey, referral to leaving care; ppo_children equals ppo in every month of the
        // simulated data (one police protection period per child), so it is shown once, with a note.
        #expect(measures.map { $0["metric"] as? String ?? "" } == ["referrals", "referrals_police", "re_referrals_pct", "referrals_nfa_pct", "ppo",
                                                                   "lac", "lac_starts", "lac_uasc", "missing_incidents", "missing_children", "away_incidents",
                                                                   "lac_ceased", "lac_ceased_18"])
        #expect(((pack["data_quality"] as? [String: Any])?["notes"] as? [String])?.contains("note: Children taken into police protection (ppo_children) equals Police protection periods (ppo) in every month, so the pack shows it once, as ppo") == true,
                "\(pack["data_quality"] ?? "")")

        // The summary's numbers against the CSV itself: lac was 305 in September 2026, 303 in October 2026
        // and 296 in October 2025 (data/aggregates/monthly.csv).
        let lac = try #require(measures.first { $0["metric"] as? String == "lac" })
        let latest = try #require(lac["latest"] as? [String: Any])
        #expect(latest["month"] as? String == "2026-10" && latest["value"] as? Double == 303)
        #expect(lac["change_on_previous_month"] as? Double == -2)
        #expect(lac["change_on_year_earlier"] as? Double == 7)
        #expect((lac["interventions"] as? [[String: Any]])?.first?["label"] as? String == "the edge-of-care service")

        // The pack's fits are `clinic fit`'s: the same coefficients for every series.
        let fit = try ClinicProcess.run(["fit", "data/aggregates/", "--config", "data/clinic.toml", "--as-of", "2026-11", "--json"], in: root)
        #expect(fit.status == 0, "\(fit.stderr)")
        let fits = try #require((try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])?["series"] as? [[String: Any]])
        for measure in measures {
            let metric = measure["metric"] as? String
            let reference = try #require(fits.first { $0["metric"] as? String == metric })
            let mine = try #require((measure["fit"] as? [String: Any])?["coefficients"] as? [[String: Any]])
            let theirs = try #require(reference["coefficients"] as? [[String: Any]])
            #expect(mine.map { $0["term"] as? String } == theirs.map { $0["term"] as? String }, "\(metric ?? "")")
            for (a, b) in zip(mine, theirs) { #expect(a["estimate"] as? Double == b["estimate"] as? Double, "\(metric ?? "")") }
            // One fitted value per month of the series, and the values as in the input.
            #expect((measure["fitted"] as? [Any])?.count == (measure["values"] as? [Any])?.count)
        }

        // The agenda: red before amber before information, each naming a measure of the pack.
        let agenda = try #require(pack["agenda"] as? [[String: Any]])
        let ranks = agenda.map { ["red": 0, "amber": 1, "info": 2][$0["severity"] as? String ?? ""] ?? 9 }
        #expect(ranks == ranks.sorted())
        let ids = Set(measures.compactMap { $0["id"] as? String })
        #expect(agenda.allSatisfy { ids.contains($0["measure"] as? String ?? "") })

        // One story: the year's rise in missing incidents (278 against 183 in data/aggregates/monthly.csv)
        // leads, merged with the step that began it, told as the model tells it (a step alone in October
        // 2025, about 46% above the trend before: 15.3 to 22.3), not as a change of trend from PELT's lines;
        // the turn in children looked after is there.
        let first = try #require(agenda.first)
        #expect(first["measure"] as? String == "missing_incidents" && first["method"] as? String == "sustained" && first["severity"] as? String == "red")
        #expect((first["item_sentence"] as? String)?.contains("278 in the last 12 months against 183 in the 12 before, up 52%; a step up in October 2025, from about 15.3 to 22.3.") == true,
                "\(first["item_sentence"] ?? "")")
        #expect(agenda.contains { $0["measure"] as? String == "lac" })
        let md = try String(contentsOf: out.appendingPathComponent("pack.md"), encoding: .utf8)
        let missingRow = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Children missing from care |") })
        #expect(missingRow.contains("Up 49% on the year before") && !missingRow.contains("| No clear direction"), "\(missingRow)")
        // One account: the summary tells each measure as the agenda does. Missing children: the year's
        // totals the agenda quotes (253 against 170, not 12-month averages) and the step of October 2025;
        // looked after: the change of trend the agenda keeps ("December 2023"), not "no clear direction"
        // alone.
        #expect(missingRow.contains("| 253 against 170 (+49%) |") && missingRow.contains("Up 49% on the year before; a step up in October 2025, from about 14.1 to 20.5"), "\(missingRow)")
        // The flag on the page says the same: a level change, not "the trend changed … to +0.46 a month".
        #expect(md.contains("Children missing from care: the level changed in October 2025 from about 14.1 to 20.5.") && !md.contains("Children missing from care: the trend changed"))
        let lacSummary = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Children looked after |") })
        #expect(lacSummary.contains("| average 308 against 290 (+6.1%) |") && lacSummary.contains("| Rising since December 2023 (about +1.1 a month); latest months: no clear direction"), "\(lacSummary)")
        #expect(md.contains("Children looked after: the trend changed in December 2023 from about −2.4 to +1.1 a month."))
        // The page's model sentence tells the change it follows by where the series now stands against
        // the trend before it (the agenda's step), not "no clear trend" from its slope alone.
        #expect(md.contains("Missing from care incidents: 20 in October 2026") && md.contains("Since the change found in the data in October 2025: by October 2026 about ")
                && !md.contains("Since the change found in the data began"))
        // Numbers rounded to what the data support: no slope or bound written to ten-thousandths
        // ("−0.0058 percentage points a month, 95% CI −0.014 to 0.0022" had been the long-run re-referrals).
        let finePrint = md.matches(of: /(about|CI|to) −?0\.00\d\d/).map { String(md[$0.range]) }
        #expect(finePrint.isEmpty, "\(finePrint)")
        #expect(md.contains("Trend from April 2012 to October 2026: no clear trend (about −0.07 percentage points a year, 95% CI −0.17 to 0.03)"))
        // The forecast follows the change found in October 2025: it starts inside the last year's range (18–29).
        let children = try #require(measures.first { $0["metric"] as? String == "missing_children" })
        let childFit = try #require(children["fit"] as? [String: Any])
        #expect((childFit["interventions"] as? [[String: Any]])?.contains { $0["label"] as? String == "the change found in the data" } == true)
        let nextMonth = try #require((childFit["forecast"] as? [[String: Any]])?.first?["mean"] as? Double)
        #expect(nextMonth >= 18 && nextMonth <= 29, "forecast \(nextMonth)")
        // Its forecast is averaged over placements some of which carry a change of slope, damped, and the
        // page says so in words. The series is a count (quasi-Poisson), so the damping is the count
        // fits' 0.5: 50% in the first month, 8% of twelve months' worth a year ahead
        // (0.5 + 0.25 + … + 0.5¹² = 0.9998 of 12).
        #expect((childFit["model"] as? String) == "quasi_poisson")
        #expect(md.contains("The forecast follows the change found in the data in October 2025")
                && md.contains("A change of slope is carried into the forecast damped: 50% of it the first month ahead, less each month after, about 8% of the full amount a year ahead."))
        // Where the plain XmR chart and the residual chart disagree, the page says why.
        #expect(md.contains("The plain XmR chart of the monthly values themselves (as the clinic spc command draws it) reads special cause: concern"))

        // The HTML: self-contained, accessible, one chart per measure plus one per agenda item.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"en-GB\">"))
        // No script and nothing fetched: the only URL is the SVG namespace.
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!html.contains("<script") && !withoutNamespace.contains("http") && !html.contains("src=\"") && !html.contains("url("))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 * 13 + agenda.count)
        // Every id in the page is unique (each agenda chart has ids of its own), and the charts' descriptions
        // say what they show: the direction and where the latest month lies against the expected range.
        let elementIDs = html.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        #expect(Set(elementIDs).count == elementIDs.count, "duplicate ids")
        #expect(html.contains("<desc id=\"m-missing_incidents-desc\">Missing from care incidents: up 52% on the year before; a step up in October 2025, from about 15.3 to 22.3"))
        #expect(html.contains("the latest month, October 2026, is 20, inside the expected range"))
        #expect(html.contains("The chart shows the monthly values from November 2023 to October 2026"))
        #expect(html.contains("role=\"img\"") && html.contains("<th scope=\"col\">Measure</th>"))
        #expect(html.contains("Children looked after") && html.contains("Fictional Borough (E99999999)"))
        let markdown = try String(contentsOf: out.appendingPathComponent("pack.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# Performance Clinic pack: Fictional Borough (E99999999)"))
        #expect(markdown.contains("](charts/m-lac.svg)"))
        #expect(result.stdout.contains("13 measures for Fictional Borough (E99999999), latest data October 2026 (as of November 2026)"))
        #expect(result.stdout.contains("[amber] Re-referrals within 12 months: 22% in October 2026 against a target of 20% (lower is better)"))

        // The workbook, read back by openpyxl: summary, agenda, a sheet per measure with a native chart.
        let book = try Self.workbook(out.appendingPathComponent("pack.xlsx"))
        let sheets = try #require(book["sheets"] as? [String])
        #expect(Array(sheets.prefix(2)) == ["Summary", "Agenda"] && Array(sheets.suffix(2)) == ["Data quality", "Provenance"])
        #expect(sheets.count == 13 + 4)
        let cells = try #require(book["cells"] as? [String: [[[Any]]]])
        let charts = try #require(book["charts"] as? [String: Int])
        #expect(charts["lac"] == 1 && charts["referrals"] == 1)
        // lac on its sheet: April 2012 first, 256 (data/aggregates/monthly.csv), as a number.
        let lacRow = try #require(cells["lac"]?[1])
        #expect(lacRow[0][0] as? String == "2012-04-01 00:00:00" && lacRow[1][0] as? String == "256" && lacRow[1][1] as? String == "n")
        let summaryLac = try #require(cells["Summary"]?.first { $0[1][0] as? String == "lac" })
        #expect(summaryLac[4][0] as? String == "303" && summaryLac[6][0] as? String == "7")

        // Formats by unit, as an analyst would keep them: counts whole, percentages as Excel percentages
        // (21.97% is stored as 0.2197), their changes in points; dates as dates. The summary carries the
        // 12-month averages and the direction words of the HTML; RAG is coloured by conditional formats.
        #expect(summaryLac[4][2] as? String == "#,##0" && summaryLac[3][2] as? String == "mmm yyyy")
        #expect(Double(summaryLac[7][0] as! String) == lac["mean_last_12_months"] as? Double
                && Double(summaryLac[8][0] as! String) == lac["mean_previous_12_months"] as? Double)
        let reReferrals = try #require(cells["Summary"]?.first { $0[1][0] as? String == "re_referrals_pct" })
        #expect(abs(Double(reReferrals[4][0] as! String)! - 0.2196969696969697) < 1e-15 && reReferrals[4][2] as? String == "0.0%")
        #expect((reReferrals[6][2] as? String)?.contains("pts") == true && reReferrals[17][0] as? String == "Amber")
        #expect((reReferrals[10][0] as? String)?.isEmpty == false)
        let rules = try #require((book["rules"] as? [String: [String]])?["Summary"])
        #expect(rules.count == 3 && rules.contains { $0.contains("Red") } && rules.contains { $0.contains("Amber") } && rules.contains { $0.contains("Green") },
                "\(rules)")
        let frozen = try #require(book["frozen"] as? [String: Any])
        #expect(frozen["Summary"] as? String == "B2" && frozen["lac"] as? String == "A2" && frozen["Agenda"] as? String == "A2")
        let widths = try #require(book["widths"] as? [String: [String: Double]])
        #expect((widths["Summary"]?.count ?? 0) >= 20 && (widths["lac"]?.count ?? 0) >= 9)
        // lac's chart: the process limits, the forecast range and the edge-of-care service's marker.
        let series = try #require((book["series"] as? [String: [String]])?["lac"])
        #expect(series.contains("Process limit (lower)") && series.contains("Forecast upper 95%")
                && series.contains("Starts: the edge-of-care service (Apr 2022)"), "\(series)")
        let lacSheet = try #require(cells["lac"])
        #expect(lacSheet[1][1][2] as? String == "#,##0" && lacSheet[1][3][2] as? String == "#,##0.0")
        let reSheet = try #require(cells["re_referrals_pct"])
        let lastObserved = try #require(reSheet.last { $0[1][0] is String })
        #expect(lastObserved[1][2] as? String == "0.0%" && abs(Double(lastObserved[1][0] as! String)! - 0.2196969696969697) < 1e-15)
        // What the page says of a forecast stands beside its first month: missing incidents follow their
        // October 2025 step (the page's own sentence, word for word); lac's forecast is the long-run model's.
        let incidents = try #require(cells["missing_incidents"])
        #expect(incidents[0][10][0] as? String == "Forecast note")
        let firstForecast = try #require(incidents.first { !($0[1][0] is String) && $0[6][0] is String })
        #expect(firstForecast[0][0] as? String == "2026-11-01 00:00:00")
        let note = try #require(firstForecast[10][0] as? String)
        #expect(note.hasPrefix("The forecast follows the change found in the data in October 2025") && markdown.contains(note.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")), "\(note)")
        #expect(incidents.filter { $0[10][0] is String }.count == 2) // the header and the note
        #expect(lacSheet.filter { $0[10][0] is String }.count == 1)
    }

    /// A newcomer's first try: the whole bundled folder, without settings. The record files in
    /// data/records/E99999999/ are that area's (their folder names it), so they join the aggregate
    /// extract's area instead of making an unnamed second one; the measures they give are the extract's.
    @Test func wholeBundledFolderWithoutSettings() throws {
        let out = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ClinicProcess.run(["report", "data", "--as-of", "2026-11", "--out", out.path], in: Fixtures.repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("13 measures for E99999999, latest data October 2026 (as of November 2026)"), "\(result.stdout)")
        let pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("pack.json"))) as? [String: Any])
        let lac = try #require((pack["measures"] as? [[String: Any]])?.first { $0["metric"] as? String == "lac" })
        #expect((lac["latest"] as? [String: Any])?["value"] as? Double == 303)
        // Provenance states both months, as the header does.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("As of (the month the pack is for)</th><td>November 2026") && html.contains("Latest data</th><td>October 2026"),
                "\(html.components(separatedBy: "Provenance").last?.prefix(800) ?? "")")
    }

    /// A real authority's pack (Manchester, E08000003, four years of a made-up monthly lac): each rate
    /// DfE publishes gets the five published years against England, the North West and the neighbours
    /// (pack.json's benchmark_history, a small chart with a description that says where it stands); a
    /// count gets none (its total beside England's says nothing).
    @Test func benchmarksOverTimeForARealAuthority() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "area,metric,month,value\n"
        for m in 0..<48 { csv += "E08000003,lac,\(2022 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(1300 + (m * 7) % 23)\n" }
        try csv.write(to: folder.appendingPathComponent("manchester.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try ClinicProcess.run(["report", "manchester.csv", "--as-of", "2026-01", "--out", out.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("pack.json"))) as? [String: Any])
        let measures = try #require(pack["measures"] as? [[String: Any]])
        let rate = try #require(measures.first { $0["metric"] as? String == "lac_rate_per_10k" })
        let history = try #require(rate["benchmark_history"] as? [[String: Any]])
        // seeds/dfe_benchmarks.csv, from DfE's CLA table: 108, 109, 104, 100 and 97 per 10,000.
        #expect(history.map { $0["year"] as? Int } == [2021, 2022, 2023, 2024, 2025])
        #expect(history.map { $0["value"] as? Double } == [108, 109, 104, 100, 97] && history.last?["england"] as? Double == 67)
        let files = Self.listing(out)
        #expect(files.contains("charts/m-lac_rate_per_10k-benchmark.svg") && !files.contains("charts/m-lac-benchmark.svg"), "\(files)")
        let svg = try String(contentsOf: out.appendingPathComponent("charts/m-lac_rate_per_10k-benchmark.svg"), encoding: .utf8)
        #expect(svg.contains("97 per 10,000 in 2024-25 against England 67 per 10,000") && svg.contains("above England&#39;s every year"))
        #expect(svg.contains("class=\"neighbours-range\"") && svg.contains(">Manchester<"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("class=\"benchmark-chart\""))
    }

    @Test func hostileNamesStayInert() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let area = "\"); import os; os.system(\"x\")#"
        let metric = "<script>alert(1)</script>"
        let formula = "=HYPERLINK(\"http://x\",\"y\")"
        var csv = "area,metric,month,value\n"
        let quotedArea = "\"" + area.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        for (k, name) in [metric, formula].enumerated() {
            let quotedMetric = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for m in 0..<36 {
                csv += "\(quotedArea),\(quotedMetric),\(2023 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(50 + 10 * k + (m * 7) % 11)\n"
            }
        }
        let input = folder.appendingPathComponent("hostile [x](y) *z*.csv")
        try csv.write(to: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try ClinicProcess.run(["report", input.path, "--as-of", "2026-01", "--out", out.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // Only the pack, only under --out.
        #expect(Self.listing(folder).allSatisfy { $0 == input.lastPathComponent || $0.hasPrefix("out/") })
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Area codes are upper-cased on reading.
        #expect(!html.contains(area.uppercased()) && html.contains("OS.SYSTEM(&quot;X&quot;)"))
        let markdown = try String(contentsOf: out.appendingPathComponent("pack.md"), encoding: .utf8)
        #expect(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;"))
        #expect(!markdown.contains("[x](y)") && markdown.contains("\\[x\\](y) \\*z\\*"))
        for chart in Self.listing(out).filter({ $0.hasSuffix(".svg") }) {
            let svg = try String(contentsOf: out.appendingPathComponent(chart), encoding: .utf8)
            #expect(!svg.contains("<script"), "\(chart)")
        }
        let pack = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("pack.json"))) as? [String: Any]
        let measure = (pack?["measures"] as? [[String: Any]])?.first { $0["metric"] as? String == metric }
        #expect(measure?["area"] as? String == area.uppercased())
        // Excel: names that look like formulas are text cells, never formulas.
        let book = try Self.workbook(out.appendingPathComponent("pack.xlsx"))
        let summary = try #require((book["cells"] as? [String: [[[Any]]]])?["Summary"])
        let labels = summary.dropFirst().map { $0[0] }
        #expect(labels.contains { $0[0] as? String == formula.lowercased() && $0[1] as? String == "s" })
        #expect(labels.contains { $0[0] as? String == metric && $0[1] as? String == "s" })
        #expect(summary.allSatisfy { row in row.allSatisfy { $0[1] as? String != "f" } })
    }

    @Test func badRequestsWriteNothing() throws {
        let root = Fixtures.repository
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("pack")
        let format = try ClinicProcess.run(["report", "data/aggregates/", "--as-of", "2026-11", "--out", out.path, "--format", "pdf"], in: root)
        #expect(format.status == 2 && format.stderr.contains("--format takes html, md, json and xlsx"))
        let area = try ClinicProcess.run(["report", "data/aggregates/", "--as-of", "2026-11", "--out", out.path, "--area", "E09000001"], in: root)
        #expect(area.status == 2 && area.stderr.contains("no series for area \"E09000001\""))
        let empty = folder.appendingPathComponent("empty.csv")
        try "area,metric,month,value\n".write(to: empty, atomically: true, encoding: .utf8)
        let nothing = try ClinicProcess.run(["report", empty.path, "--as-of", "2026-11", "--out", out.path], in: folder)
        // A header without rows is a problem in the input (exit 1, with its diagnostic), not usage.
        #expect(nothing.status == 1 && nothing.stderr.contains("[header_only]") && nothing.stderr.contains("left no series with values"),
                "\(nothing.status) \(nothing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let config = folder.appendingPathComponent("bad.toml")
        try "[polarity]\nlac = \"sideways\"\n".write(to: config, atomically: true, encoding: .utf8)
        let polarity = try ClinicProcess.run(["report", "data/aggregates/", "--as-of", "2026-11", "--out", out.path, "--config", config.path], in: root)
        #expect(polarity.status == 2 && polarity.stderr.contains("polarity for \"lac\" must be lower_better, higher_better or neutral"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The bundled settings' targets (re-referrals 20% with amber within 10%, lower better) give the RAG
    /// status a person would work out from the latest value, and a polarity override turns it around.
    @Test func targetsAndPolarityFromTheSettings() throws {
        let root = Fixtures.repository
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func measures(_ config: String) throws -> [[String: Any]] {
            let out = folder.appendingPathComponent(UUID().uuidString)
            let result = try ClinicProcess.run(["report", "data/aggregates/", "--as-of", "2026-11", "--out", out.path, "--format", "json",
                                                "--config", config], in: root)
            #expect(result.status == 0, "\(result.stderr)")
            let pack = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("pack.json"))) as? [String: Any]
            return try #require(pack?["measures"] as? [[String: Any]])
        }
        func measure(_ config: String, _ metric: String) throws -> [String: Any] {
            try #require(try measures(config).first { $0["metric"] as? String == metric })
        }
        // data/aggregates/monthly.csv: re_referrals_pct was 21.96969696969697% in October 2026.
        let reReferrals = try measure("data/clinic.toml", "re_referrals_pct")
        #expect((reReferrals["latest"] as? [String: Any])?["value"] as? Double == 21.96969696969697)
        let target = try #require(reReferrals["target"] as? [String: Any])
        #expect(target["value"] as? Double == 20 && target["amber_percent"] as? Double == 10 && target["rag"] as? String == "amber")
        let flipped = folder.appendingPathComponent("flipped.toml")
        try (String(contentsOfFile: root.appendingPathComponent("data/clinic.toml").path, encoding: .utf8)
            + "\n[polarity]\nre_referrals_pct = \"higher_better\"\n").write(to: flipped, atomically: true, encoding: .utf8)
        let higher = try measure(flipped.path, "re_referrals_pct")
        #expect(higher["polarity"] as? String == "higher_better")
        #expect((higher["target"] as? [String: Any])?["rag"] as? String == "green")
        // The settings' journey order leads the pack; the rest keep the catalogue's.
        let reordered = folder.appendingPathComponent("reordered.toml")
        try (String(contentsOfFile: root.appendingPathComponent("data/clinic.toml").path, encoding: .utf8)
            + "\n[journey]\norder = [\"LAC\", \"missing_incidents\"]\n").write(to: reordered, atomically: true, encoding: .utf8)
        #expect(try measures(reordered.path).prefix(4).map { $0["metric"] as? String ?? "" } == ["lac", "missing_incidents", "referrals", "referrals_police"])
    }
}
