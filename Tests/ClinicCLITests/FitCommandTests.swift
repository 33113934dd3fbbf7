import Foundation
import Testing

/// `clinic fit` end to end: the JSON contract, interventions from clinic.toml, and usage errors.
@Suite("clinic fit")
struct FitCommandTests {
    /// 48 months of a falling count with a drop when "the new front door" opened in Jan 2017 (month 25).
    static func extract() -> String {
        var text = "month,area,metric,value\n"
        for t in 0..<48 {
            let month = String(format: "%04d-%02d", 2015 + t / 12, t % 12 + 1)
            let wiggle = [3.0, -2, 1, -3, 2, 0][t % 6]
            let lac = 600 - 2 * Double(t) + (t >= 24 ? -40 - 1.0 * Double(t - 24) : 0) + wiggle
            text += "\(month),E99999999,lac,\(Int(lac))\n"
            text += "\(month),E99999999,ppo,\([4, 7, 5, 6, 3, 8, 5, 6][t % 8])\n"
        }
        return text
    }

    func folder(config: String? = nil) throws -> URL {
        let folder = try ClinicProcess.temporaryFolder()
        try Self.extract().write(to: folder.appendingPathComponent("extract.csv"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: folder.appendingPathComponent("clinic.toml"), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func jsonFollowsTheContractAndUsesTheConfiguredIntervention() throws {
        let dir = try folder(config: """
            [authority]
            name = "Fictional Borough"
            code = "E99999999"

            [[intervention]]
            label = "the new front door"
            month = "Jan 2017"
            effect = "both"
            metrics = ["lac"]
            """)
        let result = try ClinicProcess.run(["fit", "extract.csv", "--json", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.map { $0["metric"] as? String } == ["lac", "ppo"])
        let lac = series[0]
        for field in ["area", "metric", "dimensions", "model", "n", "coefficients", "slope_per_month", "slope_ci", "forecast", "summary"] {
            #expect(lac[field] != nil, "missing \(field)")
        }
        #expect(lac["model"] as? String == "ols" && lac["n"] as? Int == 48)
        let terms = (lac["coefficients"] as! [[String: Any]]).map { $0["term"] as! String }
        #expect(terms.prefix(2) == ["(Intercept)", "trend"])
        #expect(terms.contains("level:the new front door") && terms.contains("slope:the new front door"))
        #expect((lac["coefficients"] as! [[String: Any]]).allSatisfy { $0["hac_std_error"] is Double })
        let forecast = lac["forecast"] as! [[String: Any]]
        #expect(forecast.count == 6 && forecast[0]["month"] as? String == "2019-01")
        let summary = lac["summary"] as! String
        #expect(summary.hasPrefix("Children looked after: 443 in December 2018, down 36 (7.5%) on December 2017. "), "\(summary)")
        #expect(summary.contains("Since the new front door began in January 2017: falling by about 3"), "\(summary)")
        #expect(summary.contains(", after a fall of about 40 when it began"), "\(summary)")
        #expect(summary.contains("; before it, falling by about 2"), "\(summary)")
        let errors = try #require(lac["errors"] as? [String: Any])
        // This lac line is exact (no residuals), so there is nothing to model: independent errors.
        #expect(errors["model"] as? String == "iid" && (errors["ar"] as? [Any])?.isEmpty == true)
        let ppo = series[1]
        #expect(ppo["model"] as? String == "quasi_poisson")
        #expect((ppo["interventions"] as! [Any]).isEmpty)                 // the intervention is for lac only
        #expect((ppo["coefficients"] as! [[String: Any]]).allSatisfy { $0["hac_std_error"] is NSNull })
    }

    /// A step of 25 (about 4σ) in September 2024 on a rising series, no settings: `clinic fit` follows
    /// the change at September 2024, and its forecast is averaged over the change placed at each of
    /// nine consecutive months around it, as a step alone and as a step with a change of slope, with
    /// weights that sum to 1 and September the heaviest; the fit kept is the heaviest placement's form;
    /// the text output says so.
    /// "2024-05" → "May 2024", as the text output names months.
    static func monthName(_ month: String) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(names[Int(month.suffix(2))! - 1]) \(month.prefix(4))"
    }

    @Test func aFollowedChangeIsPlacedWhereItFitsAndItsForecastAveraged() throws {
        let dir = try ClinicProcess.temporaryFolder()
        var text = "month,metric,value\n"
        // Independent noise of SD 6 from a fixed linear congruential sequence (Box–Muller), so that the
        // answer is the same on every machine.
        var state: UInt64 = 2026
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        for t in 0..<96 {
            let noise = 6 * (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
            let value = 200 + 0.3 * Double(t) + (t >= 80 ? 25 : 0) + noise
            text += String(format: "%04d-%02d,referrals,%.1f\n", 2018 + t / 12, t % 12 + 1, value)
        }
        try text.write(to: dir.appendingPathComponent("shift.csv"), atomically: true, encoding: .utf8)
        let result = try ClinicProcess.run(["fit", "shift.csv", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fit = try #require((json["series"] as? [[String: Any]])?.first)
        let followed = try #require((fit["interventions"] as? [[String: Any]])?.first { $0["label"] as? String == "the change found in the data" })
        #expect(followed["month"] as? String == "2024-09")
        let terms = try #require(fit["coefficients"] as? [[String: Any]]).compactMap { $0["term"] as? String }
        let placements = try #require(fit["forecast_averaged_over"] as? [[String: Any]])
        func consecutive(_ months: [String]) -> Bool {
            zip(months, months.dropFirst()).allSatisfy { a, b in
                let (ya, ma) = (Int(a.prefix(4))!, Int(a.suffix(2))!), (yb, mb) = (Int(b.prefix(4))!, Int(b.suffix(2))!)
                return yb * 12 + mb == ya * 12 + ma + 1
            }
        }
        let slopeMonths: [String] = placements.compactMap { $0["effect"] as? String == "both" ? $0["month"] as? String : nil }
        let months: [String] = placements.compactMap { $0["effect"] as? String == "level" ? $0["month"] as? String : nil }
        // A step with a change of slope at nine consecutive months (four either side of PELT's), the true
        // one among them; a step alone at the same months and at those too late for PELT's shortest
        // segment of 6 that leave three months of data (August to October 2025, the last month being
        // December 2025).
        #expect(slopeMonths.count == 9 && slopeMonths.contains("2024-09") && consecutive(slopeMonths))
        #expect(months == slopeMonths + ["2025-08", "2025-09", "2025-10"], "\(months)")
        #expect(placements.count == slopeMonths.count + months.count)
        let weights = placements.compactMap { $0["weight"] as? Double }
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        let heaviest = placements.max { ($0["weight"] as! Double) < ($1["weight"] as! Double) }
        #expect(heaviest?["month"] as? String == "2024-09")
        let form = try #require(heaviest?["effect"] as? String)
        #expect(terms.contains("level:the change found in the data"))
        #expect(terms.contains("slope:the change found in the data") == (form == "both"), "\(form): \(terms)")
        // The found change of slope is carried into the forecast damped by 0.9 a month, and says so.
        if form == "both" { #expect(followed["forecast_damping"] as? Double == 0.9) } else { #expect(followed["forecast_damping"] is NSNull) }
        let textResult = try ClinicProcess.run(["fit", "shift.csv"], in: dir)
        #expect(textResult.stdout.contains("; a change of slope found in the data carried on damped by 0.9 a month):"), "\(textResult.stdout)")
        #expect(textResult.stdout.contains("averaged over the change placed in each month from \(Self.monthName(slopeMonths.first!)) to "
                                           + "\(Self.monthName(slopeMonths.last!)) as a step alone or as a step with a change of slope, and from "
                                           + "August 2025 to October 2025 as a step alone (too near the end for a change of slope): the step alone carries "),
                "\(textResult.stdout)")
        let heaviestWords = form == "level" ? "(a step in September 2024 carries " : "(a step and a change of slope in September 2024 carries "
        #expect(textResult.stdout.contains(heaviestWords), "\(textResult.stdout)")
    }

    /// A simulated authority's children looked after (`clinic simulate --areas 10 --months 120 --seed
    /// 20261129`, area E99990004): PELT finds a change in April 2020 that is not clear enough to follow,
    /// so the fit keeps the long-run model and its forecast's ranges allow for the change — in the JSON
    /// (`forecast_allows_for`), the text and the pack's caution — while the interventions stay empty.
    @Test func aChangeNotClearEnoughToFollowIsAllowedForInTheRanges() throws {
        let dir = try ClinicProcess.temporaryFolder()
        let simulated = try ClinicProcess.run(["simulate", "--out", "sim", "--areas", "10", "--months", "120", "--seed", "20261129"], in: dir)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let arguments = ["fit", "sim/aggregates", "--config", "sim/clinic.toml", "--metric", "lac", "--area", "E99990004"]
        let result = try ClinicProcess.run(arguments + ["--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fit = try #require((json["series"] as? [[String: Any]])?.first)
        let allowance = try #require(fit["forecast_allows_for"] as? [String: Any])
        #expect(allowance["month"] as? String == "2020-04")
        let weight = try #require(allowance["weight"] as? Double)
        #expect(weight > 0.5 && weight < 1, "\(weight)")
        #expect((fit["interventions"] as? [[String: Any]])?.contains { $0["label"] as? String == "the change found in the data" } == false)
        #expect((fit["forecast_averaged_over"] as? [Any])?.isEmpty == true)
        let text = try ClinicProcess.run(arguments, in: dir)
        #expect(text.stdout.contains("ranges widened for a change in 2020-04 not clear enough to follow (weight 0.637)"), "\(text.stdout)")
        let report = try ClinicProcess.run(["report", "sim/aggregates", "--config", "sim/clinic.toml", "--area", "E99990004", "--out", "pack"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("pack/pack.md"), encoding: .utf8)
        #expect(md.contains("a change in April 2020 is not yet clear enough to follow")
                && md.contains("so the forecast's range is widened to allow for it, as far as the data lean towards it (judged on fit alone, a model with the change carries 64% of the weight)."))
    }

    /// Counts of about 10 a month that step up to about 18 for the last 14 months (Poisson draws from
    /// a fixed linear congruential sequence): `clinic fit` follows the change as a step alone, says so in
    /// its sentence ("a step, …, with no clear change of trend") and tells how the forecast's weight
    /// splits between the two forms.
    @Test func aStepInCountsIsToldAsAStep() throws {
        let dir = try ClinicProcess.temporaryFolder()
        var state: UInt64 = 77
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        func poisson(_ lambda: Double) -> Int {
            var k = 0, p = uniform()
            while p > exp(-lambda) { k += 1; p *= uniform() }
            return k
        }
        var text = "month,metric,value\n"
        for t in 0..<72 { text += String(format: "%04d-%02d,referrals,%d\n", 2018 + t / 12, t % 12 + 1, poisson(t >= 58 ? 18 : 10)) }
        try text.write(to: dir.appendingPathComponent("counts.csv"), atomically: true, encoding: .utf8)
        let json = try ClinicProcess.run(["fit", "counts.csv", "--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let fit = try #require((document["series"] as? [[String: Any]])?.first)
        #expect(fit["model"] as? String == "quasi_poisson")
        let terms = try #require(fit["coefficients"] as? [[String: Any]]).compactMap { $0["term"] as? String }
        #expect(terms.contains("level:the change found in the data") && !terms.contains("slope:the change found in the data"), "\(terms)")
        let result = try ClinicProcess.run(["fit", "counts.csv"], in: dir)
        #expect(result.stdout.contains("Since the change found in the data in "), "\(result.stdout)")
        #expect(result.stdout.contains("; a step, p "), "\(result.stdout)")
        #expect(result.stdout.contains("with no clear change of trend); the trend before and after it, "), "\(result.stdout)")
        #expect(result.stdout.contains("the step alone carries ") && result.stdout.contains("% of the weight and the step with a change of slope "),
                "\(result.stdout)")
    }

    @Test func textOutputAndFilters() throws {
        let dir = try folder()
        let result = try ClinicProcess.run(["fit", "extract.csv", "--metric", "ppo", "--horizon", "2", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("E99999999/ppo  Police protection periods  [quasi_poisson, 48 months 2015-01 to 2018-12"))
        #expect(result.stdout.contains("\n  forecast (normal approximation on the count scale"))
        #expect(result.stdout.contains("\n    2019-01 "))
        #expect(!result.stdout.contains("E99999999/lac"))
    }

    /// `--errors` forces the error model and `--no-recent` leaves the recent direction out; by default
    /// the recent direction is there, at the last month.
    @Test func errorModelAndRecentDirectionOptions() throws {
        let dir = try folder()
        let forced = try ClinicProcess.run(["fit", "extract.csv", "--metric", "lac", "--errors", "ar1", "--no-recent", "--json",
                                            "--as-of", "2026-11"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        let series = try #require((try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as? [String: Any])?["series"] as? [[String: Any]])
        let errors = try #require(series[0]["errors"] as? [String: Any])
        #expect(errors["model"] as? String == "ar1" && (errors["ar"] as? [Double])?.count == 1)
        #expect(series[0]["recent_direction"] is NSNull)
        #expect((series[0]["coefficients"] as! [[String: Any]]).allSatisfy { $0["hac_std_error"] is NSNull })

        let plain = try ClinicProcess.run(["fit", "extract.csv", "--metric", "lac", "--json", "--as-of", "2026-11"], in: dir)
        let first = try #require(((try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])?["series"] as? [[String: Any]])?.first)
        let recent = try #require(first["recent_direction"] as? [String: Any])
        #expect(recent["month"] as? String == "2018-12" && recent["method"] as? String == "local_linear_trend")
        #expect(try ClinicProcess.run(["fit", "extract.csv", "--errors", "ar3"], in: dir).status == 2)
    }

    @Test func usageErrors() throws {
        let dir = try folder()
        #expect(try ClinicProcess.run(["fit", "extract.csv", "--metric", "nothing"], in: dir).status == 2)
        #expect(try ClinicProcess.run(["fit", "extract.csv", "--model", "magic"], in: dir).status == 2)
        #expect(try ClinicProcess.run(["fit"], in: dir).status == 2)
        let bad = try folder(config: "[[intervention]]\nlabel = \"x\"\nmonth = \"soon\"\n")
        let badConfig = try ClinicProcess.run(["fit", "extract.csv"], in: bad)
        #expect(badConfig.status == 2 && badConfig.stderr.contains("clinic.toml: error: intervention \"x\": \"soon\" is not a month"))
    }
}

@Suite("clinic backtest")
struct BacktestCommandTests {
    /// The fit test's 48-month extract, 6 origins: every method (what `clinic fit` forecasts, the
    /// long-run model it refines, independent errors, the seasonal naive baseline) reports every horizon; one-month-ahead
    /// forecasts exist for both series from every origin (2 × 6 = 12).
    @Test func jsonReportsEveryMethodAndHorizon() throws {
        let dir = try FitCommandTests().folder()
        let result = try ClinicProcess.run(["backtest", "extract.csv", "--origins", "6", "--json", "--as-of", "2026-11"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let methods = json["methods"] as! [[String: Any]]
        #expect(methods.map { $0["name"] as! String } == ["default", "long_run", "independent_errors", "seasonal_naive"])
        for m in methods {
            let horizons = m["horizons"] as! [[String: Any]]
            #expect(horizons.map { $0["h"] as! Int } == [1, 3, 6, 12])
            #expect(horizons[0]["forecasts"] as? Int == 12)
            #expect((horizons[0]["mase"] as? Double).map { $0 > 0 } == true)
        }
        #expect(methods[3]["horizons"].map { ($0 as! [[String: Any]])[0]["coverage_95"] is NSNull } == true)
        #expect(try ClinicProcess.run(["backtest", "extract.csv", "--origins", "0"], in: dir).status == 2)
    }

    /// An empty file, or one with a header and no rows, is a problem in the input (exit 1), reported at the
    /// file: `fit` said "no series to fit" with exit 2, the status for a usage error.
    @Test func anEmptyInputIsAProblemInTheInputNotAUsageError() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text, code) in [("zero.csv", "", "empty_file"), ("header.csv", "area,metric,month,value\n", "header_only")] {
            let input = folder.appendingPathComponent(name)
            try text.write(to: input, atomically: true, encoding: .utf8)
            let result = try ClinicProcess.run(["fit", input.path, "--as-of", "2026-11"], in: folder)
            #expect(result.status == 1, "\(name): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("[\(code)]") && result.stderr.contains("no series to fit: the input's errors above left none"), "\(result.stderr)")
            // clinic report likewise: exit 1 with the diagnostic, and no pack written.
            let out = folder.appendingPathComponent("pack-\(name)")
            let report = try ClinicProcess.run(["report", input.path, "--as-of", "2026-11", "--out", out.path], in: folder)
            #expect(report.status == 1, "\(name): \(report.status) \(report.stderr)")
            #expect(report.stderr.contains("[\(code)]") && report.stderr.contains("left no series with values"), "\(report.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        }
    }
}
