import ClinicTestSupport
import Foundation
import Testing

/// `clinic notebook`: the exported notebook in notebooks-export/ is current, runs clean with nbclient
/// (its statsmodels refits agree with Clinic to 1e-8), and keeps hostile names out of its code.
@Suite("clinic notebook")
struct NotebookCommandTests {
    static let exported = "notebooks-export/fictional-borough.ipynb"

    /// The notebook's cells, with the embedded data (base64 JSON in the second cell) decoded.
    static func parts(_ text: String) throws -> (cells: [[String: Any]], data: Any) {
        let notebook = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4)
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        let source = (cells[1]["source"] as? [String] ?? []).joined()
        let start = try #require(source.range(of: "b64decode(\""))
        let end = try #require(source.range(of: "\")", range: start.upperBound..<source.endIndex))
        let encoded = String(source[start.upperBound..<end.lowerBound])
        let data = try #require(Data(base64Encoded: encoded))
        return (cells, try JSONSerialization.jsonObject(with: data))
    }

    /// Equal JSON: the data and the specification exactly; estimates (coefficients, ARMA parameters) to
    /// 1e-6 relative, since an error model's parameters come from a likelihood search whose last digits
    /// can differ with another CPU's BLAS kernels.
    static func close(_ a: Any, _ b: Any, path: String = "") -> String? {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            guard Set(x.keys) == Set(y.keys) else { return "\(path): keys differ" }
            for k in x.keys { if let d = close(x[k]!, y[k]!, path: path + "." + k) { return d } }
            return nil
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) items" }
            for (i, (p, q)) in zip(x, y).enumerated() { if let d = close(p, q, path: "\(path)[\(i)]") { return d } }
            return nil
        case let (x as String, y as String):
            return x == y ? nil : "\(path): \"\(x)\" vs \"\(y)\""
        case let (x as NSNumber, y as NSNumber):
            let p = x.doubleValue, q = y.doubleValue
            let estimated = path.hasSuffix(".estimate") || path.contains(".errors.ar[") || path.contains(".errors.ma[")
            return p == q || (estimated && abs(p - q) <= 1e-6 * max(1, abs(p), abs(q))) ? nil : "\(path): \(p) vs \(q)"
        case (is NSNull, is NSNull):
            return nil
        default:
            return "\(path): \(a) vs \(b)"
        }
    }

    @Test func exportedNotebookIsCurrent() throws {
        let root = Fixtures.repository
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("fresh.ipynb")
        let result = try ClinicProcess.run(["notebook", "data/aggregates/", "--config", "data/clinic.toml", "--as-of", "2026-11",
                                            "--out", fresh.path], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try Self.parts(String(contentsOf: root.appendingPathComponent(Self.exported), encoding: .utf8))
        let now = try Self.parts(String(contentsOf: fresh, encoding: .utf8))
        // Refresh with `make notebook`.
        #expect(committed.cells.count == now.cells.count, "stale: run make notebook")
        // Every cell's text is the same once the embedded data (compared next) are taken out.
        func withoutData(_ cell: [String: Any]) -> String {
            let text = (cell["source"] as? [String] ?? []).joined()
            guard let start = text.range(of: "b64decode(\""), let end = text.range(of: "\")", range: start.upperBound..<text.endIndex) else { return text }
            return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "…")
        }
        for (i, (a, b)) in zip(committed.cells, now.cells).enumerated() {
            #expect(withoutData(a) == withoutData(b), "cell \(i) is stale: run make notebook")
        }
        #expect(Self.close(committed.data, now.data) == nil, "the embedded data are stale: run make notebook")
        let measures = (now.data as? [String: Any])?["measures"] as? [[String: Any]]
        #expect(measures?.count == 13)
    }

    /// Runs the exported notebook with nbclient (the Python packages `make test` installs) and reads the
    /// comparison table it computes: every measure refitted, every difference within 1e-8.
    @Test func exportedNotebookRunsClean() throws {
        let root = Fixtures.repository
        let script = """
        import json, sys, nbformat
        from nbclient import NotebookClient
        nb = nbformat.read(sys.argv[1], as_version=4)
        nbformat.validate(nb)
        NotebookClient(nb, timeout=None, kernel_name="python3").execute()
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
        table = [c for c in nb.cells if c.cell_type == "code" and "comparison = pd.DataFrame(rows)" in c.source][0]
        print(json.dumps({"errors": len(errors), "table": table.outputs[0]["data"]["text/plain"]}))
        """
        let run = try ClinicProcess.python(script, [root.appendingPathComponent(Self.exported).path])
        #expect(run.status == 0, "the notebook did not run clean: \(run.stderr.suffix(3000))")
        let data = Data(run.stdout.utf8)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["errors"] as? Int == 0)
        let table = try #require(report["table"] as? String)
        #expect(table.contains("Children looked after") && table.contains("ar1") && table.contains("quasi_poisson"))
        // 13 measures (ppo_children equals ppo and is shown once), one row each.
        #expect(table.split(separator: "\n").filter { $0.first?.isNumber == true }.count == 13)
    }

    @Test func hostileNamesStayOutOfTheCode() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let area = "\"); import os; os.system(\"x\")#"
        let metric = "\"\"\"; import os #"
        var csv = "area,metric,month,value\n"
        for m in 0..<36 {
            csv += "\"\(area.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(metric.replacingOccurrences(of: "\"", with: "\"\""))\",\(2023 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(20 + (m * 7) % 11)\n"
        }
        let input = folder.appendingPathComponent("hostile.csv")
        try csv.write(to: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("n.ipynb")
        let result = try ClinicProcess.run(["notebook", input.path, "--as-of", "2026-01", "--out", out.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let (cells, data) = try Self.parts(String(contentsOf: out, encoding: .utf8))
        for cell in cells where cell["cell_type"] as? String == "code" {
            let source = (cell["source"] as? [String] ?? []).joined()
            #expect(!source.contains("import os") && !source.contains("os.system"))
        }
        let markdown = (cells[0]["source"] as? [String] ?? []).joined()
        #expect(markdown.contains("OS.SYSTEM(\"X\")\\#"))
        // The names arrive intact as data.
        let measure = ((data as? [String: Any])?["measures"] as? [[String: Any]])?.first
        #expect(measure?["metric"] as? String == metric)
        #expect((data as? [String: Any])?["area"] as? String == area.uppercased())
    }
}
