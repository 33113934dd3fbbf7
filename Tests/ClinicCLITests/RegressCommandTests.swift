import Foundation
import Testing
import ClinicTestSupport

/// `clinic regress` end to end: the real binary on CSV files, checked against NIST's certified values
/// (fixtures in Tests/Fixtures/nist) and for its failure modes.
@Suite("clinic regress")
struct RegressCommandTests {
    /// Writes `text` to a new file named `name` in a fresh folder.
    static func write(_ text: String, named name: String = "input.csv") throws -> URL {
        let url = try ClinicProcess.temporaryFolder().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("--json reproduces NIST certified values", arguments: NISTDataset.names)
    func certifiedValuesThroughTheBinary(_ name: String) throws {
        let set = try NISTDataset.load(name)
        // The CSV as an analyst would have it: predictors then the response, decimal text unchanged.
        let columns = set.predictors + ["y"]
        var csv = columns.joined(separator: ",") + "\n"
        for i in set.data_strings["y"]!.indices { csv += columns.map { set.data_strings[$0]![i] }.joined(separator: ",") + "\n" }
        let file = try Self.write(csv, named: "\(name).csv")
        var arguments = ["regress", file.path, "--y", "y", "--json"]
        if let degree = set.degree, degree > 1 { arguments += ["--poly", "x:\(degree)"] }
        if !set.intercept { arguments.append("--no-intercept") }

        let result = try ClinicProcess.run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let p = set.certified.parameters.count
        #expect(json["n"] as? Int == set.data_strings["y"]!.count)
        #expect(json["rank"] as? Int == p)
        #expect(json["df_residual"] as? Int == set.data_strings["y"]!.count - p)
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == p)
        let expectedTerms = (set.intercept ? ["(Intercept)"] : [])
            + (set.degree.map { $0 > 1 ? ["x"] + (2...$0).map { "x^\($0)" } : set.predictors } ?? set.predictors)
        #expect(coefficients.map { $0["term"] as? String } == expectedTerms)
        let bar = name == "Filip" ? 7.0 : 9.0
        for (c, certified) in zip(coefficients, set.certified.parameters) {
            let estimate = try #require(c["estimate"] as? Double)
            let se = try #require(c["std_error"] as? Double)
            #expect(logRelativeError(estimate, certified: NISTDataset.number(certified.estimate)) >= bar, "\(name) \(c["term"]!) estimate \(estimate)")
            #expect(logRelativeError(se, certified: NISTDataset.number(certified.std_dev)) >= bar, "\(name) \(c["term"]!) std error \(se)")
        }
        let sigma = try #require(json["residual_std_error"] as? Double)
        let r2 = try #require(json["r_squared"] as? Double)
        #expect(logRelativeError(sigma, certified: NISTDataset.number(set.certified.residual_std_dev)) >= bar)
        #expect(logRelativeError(r2, certified: NISTDataset.number(set.certified.r_squared)) >= bar)
    }

    @Test func textOutputReadsLikeRSummary() throws {
        let file = try Self.write("x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n6,12.2\n7,13.8\n8,16.1\n")
        let result = try ClinicProcess.run(["regress", file.path, "--y", "y"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Linear model: y ~ x")
        #expect(lines.contains("              Estimate Std. Error t value Pr(>|t|)"))
        // statsmodels: slope 1.9976190476190472, se 0.02780044426688411, t 71.85565, p 4.889e-10.
        #expect(lines.contains("(Intercept) 0.03571429  0.1403854   0.254    0.808"))
        #expect(lines.contains("x             1.997619 0.02780044  71.856 4.89e-10 ***"))
        #expect(lines.contains("Residual standard error: 0.1801675 on 6 degrees of freedom"))
        #expect(result.stderr.isEmpty)
    }

    @Test func predictorsDefaultToEveryOtherColumnAndFollowTheGivenOrder() throws {
        let file = try Self.write("a,b,y\n1,5,3\n2,3,5\n3,8,6\n4,1,9\n5,7,10\n6,2,13\n")
        let all = try ClinicProcess.run(["regress", file.path, "--y", "y", "--json"])
        let reordered = try ClinicProcess.run(["regress", file.path, "--y", "y", "--x", "b,a", "--json"])
        func terms(_ r: ClinicProcess.Result) throws -> [String] {
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return (json["coefficients"] as! [[String: Any]]).map { $0["term"] as! String }
        }
        #expect(try terms(all) == ["(Intercept)", "a", "b"])
        #expect(try terms(reordered) == ["(Intercept)", "b", "a"])
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let testDescription: String
        let csv: String
        let arguments: [String]
        let status: Int32
        let message: String
    }

    static let failures: [Failure] = [
        .init(testDescription: "non-numeric cell", csv: "y,x\n1,2\n3,abc\n4,5\n", arguments: ["--y", "y"],
              status: 1, message: "input.csv:3:3: error: column \"x\" has \"abc\", which is not a number [non_numeric]"),
        .init(testDescription: "blank cell", csv: "y,x\n1,2\n3,\n4,5\n", arguments: ["--y", "y"],
              status: 1, message: "input.csv:3:3: error: column \"x\" is blank"),
        .init(testDescription: "missing column", csv: "y,x\n1,2\n", arguments: ["--y", "count"],
              status: 2, message: "has no column \"count\"; its columns are: \"y\", \"x\""),
        .init(testDescription: "too few rows", csv: "y,x\n1,2\n3,4\n", arguments: ["--y", "y"],
              status: 1, message: "input.csv: error: too few observations: 2 cannot estimate 2 coefficients and leave a residual degree of freedom; at least 3 are needed [too_few_observations]"),
        .init(testDescription: "rank-deficient design", csv: "y,x,z\n1,2,4\n3,4,8\n3,5,10\n7,1,2\n", arguments: ["--y", "y"],
              status: 1, message: "the design is rank-deficient, so its coefficients are not identifiable: \"z\" (linearly dependent on the other terms"),
        .init(testDescription: "unterminated quote", csv: "y,x\n1,\"2\n3,4\n", arguments: ["--y", "y"],
              status: 1, message: "input.csv:2:3: error: a quoted field starts here but its closing quote is missing"),
        .init(testDescription: "ragged row", csv: "y,x\n1,2\n3,4,5\n", arguments: ["--y", "y"],
              status: 1, message: "input.csv:3:5: error: this row has 3 fields but the header has 2"),
        .init(testDescription: "empty file", csv: "", arguments: ["--y", "y"],
              status: 1, message: "the file is empty"),
        .init(testDescription: "bad --poly", csv: "y,x\n1,2\n", arguments: ["--y", "y", "--poly", "x:zero"],
              status: 2, message: "--poly expects COLUMN:DEGREE"),
        .init(testDescription: "column named twice", csv: "y,x\n1,2\n", arguments: ["--y", "y", "--x", "x", "--poly", "x:2"],
              status: 2, message: "column \"x\" is named more than once in the model"),
        .init(testDescription: "text as a number", csv: "y,x\n1,2\n2,nan\n3,5\n", arguments: ["--y", "y"],
              status: 1, message: "has \"nan\", which is not a number"),
    ]

    @Test("bad input: clear message, non-zero exit, nothing on stdout", arguments: failures)
    func failureModes(_ failure: Failure) throws {
        let file = try Self.write(failure.csv)
        let result = try ClinicProcess.run(["regress", "input.csv"] + failure.arguments, in: file.deletingLastPathComponent())
        #expect(result.status == failure.status, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(failure.message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFileAndHelp() throws {
        let missing = try ClinicProcess.run(["regress", "/nonexistent/file.csv", "--y", "y"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/file.csv: error: no such file"))
        let help = try ClinicProcess.run(["regress", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--poly <column:degree>"))
        #expect(help.stdout.contains("Examples:"))
        let root = try ClinicProcess.run(["--help"])
        #expect(root.status == 0 && root.stdout.contains("regress"))
    }
}
