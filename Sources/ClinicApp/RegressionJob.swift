import ClinicData
import ClinicIngest
import ClinicModels
import Foundation

/// `clinic regress`: a linear model fitted to columns of a CSV file.
public enum RegressionJob {
    /// A polynomial term request `COLUMN:DEGREE`.
    public static func polynomial(_ spec: String) -> RegressionSpecification.Polynomial? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty,
              let degree = Int(parts[1].trimmingCharacters(in: .whitespaces)), (1...30).contains(degree) else { return nil }
        return .init(column: parts[0].trimmingCharacters(in: .whitespaces), degree: degree)
    }

    /// Column names from a comma-separated list (blank names dropped).
    public static func splitList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Reads `file` and fits `response` on an intercept (unless `intercept` is false), the `predictors`
    /// in order, then each polynomial's powers; with neither predictors nor polynomials, on every other
    /// column. A column that is not in the file, or one named twice, is a ``UsageError``; a cell that is
    /// not a number, or a rank-deficient design, is a ``Diagnostic`` naming the file (and cell).
    public static func fit(file: String, response: String, predictors: [String], polynomials: [RegressionSpecification.Polynomial],
                           intercept: Bool) throws -> LinearModelFit {
        let table = try CSVTable(contentsOf: file)
        func missingColumn(_ name: String) -> UsageError {
            UsageError("\(file) has no column \"\(name)\"; its columns are: \(table.header.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        guard table.columnIndex(response) != nil else { throw missingColumn(response) }
        var xs = predictors
        if xs.isEmpty && polynomials.isEmpty {
            xs = table.header.filter { $0.lowercased() != response.lowercased() }
            guard !xs.isEmpty else {
                throw UsageError("\(file) has only the response column \"\(response)\"; name predictors with --x or --poly")
            }
        }
        for name in xs + polynomials.map(\.column) where table.columnIndex(name) == nil { throw missingColumn(name) }
        let named = ([response] + xs + polynomials.map(\.column)).map { $0.lowercased() }
        if let repeated = named.enumerated().first(where: { named.firstIndex(of: $0.element)! != $0.offset }) {
            throw UsageError("column \"\(repeated.element)\" is named more than once in the model (as the response, in --x or in --poly)")
        }
        let spec = RegressionSpecification(response: response, predictors: xs, polynomials: polynomials, intercept: intercept)
        let (design, y) = try spec.design { try table.numericColumn(table.columnIndex($0)!) }
        let fit: LinearModelFit
        do {
            fit = try LinearModel.fit(design, response: y)
        } catch let error as LinearModelError {
            throw Diagnostic(file: file, code: error.code, message: error.description)
        }
        guard fit.dropped.isEmpty else {
            let names = fit.dropped.map { "\"\($0.term)\" (\($0.reason))" }.joined(separator: "; ")
            throw Diagnostic(file: file, code: "rank_deficient",
                             message: "the design is rank-deficient, so its coefficients are not identifiable: \(names). Remove the dependent column\(fit.dropped.count == 1 ? "" : "s") and fit again.")
        }
        return fit
    }
}
