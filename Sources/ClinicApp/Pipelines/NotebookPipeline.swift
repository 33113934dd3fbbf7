import ClinicData
import ClinicReports
import Foundation

/// `clinic notebook INPUT... --out FILE.ipynb [--area CODE] [--as-of YYYY-MM]`: the pack's models as a
/// Jupyter notebook that refits them with statsmodels (``PackNotebook``). The file is written only once
/// the notebook is complete.
public enum NotebookPipeline {
    public static func run(_ request: SeriesRequest, out: String, area: String?, log: (String) -> Void) throws -> CommandOutput {
        guard out.hasSuffix(".ipynb") else { throw UsageError("--out must name a .ipynb file (got \"\(out)\")") }
        let (pack, _, hadErrors) = try PackBuilder.build(request, area: area, now: Date(), log: log)
        let text = PackNotebook.notebook(pack)
        let url = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw UsageError("\(out): the notebook cannot be written (\(error.localizedDescription))")
        }
        let fitted = pack.measures.filter { !$0.fit.coefficients.isEmpty }.count
        return CommandOutput(stdout: "Wrote \(out): \(fitted) measures to refit with statsmodels (run it with Jupyter, or jupyter nbconvert --execute)\n",
                             hadProblems: hadErrors)
    }
}
