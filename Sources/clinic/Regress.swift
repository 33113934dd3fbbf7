import Foundation
import ArgumentParser
import ClinicCore
import ClinicReports

/// `clinic regress FILE.csv --y COL [--x COL,COL...] [--poly COL:DEGREE] [--no-intercept] [--json]`
struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a linear model to columns of a CSV file (least squares, accurate to the digits the data allow).",
        discussion: """
        The file needs a header row; the columns you name must hold plain numbers on every row \
        (a blank or non-numeric cell is reported as file:line:column and nothing is fitted).

        The model is the response (--y) on an intercept, the --x columns in the order given, then the \
        powers of each --poly column. Without --x or --poly, every other column is a predictor.

        Fitting uses Householder QR with column pivoting and refinement in extended precision, so even \
        badly conditioned designs (for example a degree-10 polynomial) are estimated to 7–15 correct \
        digits. A design whose columns are linearly dependent is refused with the names of the \
        dependent columns.

        Examples:
          clinic regress data/nist/Longley.csv --y y
          clinic regress data/nist/Filip.csv --y y --poly x:10
          clinic regress referrals.csv --y referrals --x month_index,population --json
        """
    )

    @Argument(help: "The CSV file to read.")
    var file: String

    @Option(name: .customLong("y"), help: ArgumentHelp("The response column.", valueName: "column"))
    var response: String

    @Option(name: .customLong("x"), parsing: .singleValue,
            help: ArgumentHelp("Predictor columns, comma-separated (repeatable).", valueName: "column,..."))
    var predictors: [String] = []

    @Option(name: .customLong("poly"), parsing: .singleValue,
            help: ArgumentHelp("A polynomial in one column: x:3 adds x, x^2, x^3 (repeatable).", valueName: "column:degree"))
    var polynomials: [String] = []

    @Flag(name: .customLong("no-intercept"), help: "Fit through the origin (R² is then uncentred, as R reports it).")
    var noIntercept = false

    @Flag(help: "Print one JSON document with every number at full (round-trip) precision.")
    var json = false

    func validate() throws {
        for spec in polynomials { _ = try Self.polynomial(spec) }
        if predictors.flatMap(Self.splitList).isEmpty && !predictors.isEmpty {
            throw ValidationError("--x needs at least one column name")
        }
    }

    func run() throws {
        let table = try CSVTable(contentsOf: file)
        guard table.columnIndex(response) != nil else { throw missingColumn(response, in: table) }
        let polys = try polynomials.map(Self.polynomial)
        var xs = predictors.flatMap(Self.splitList)
        if xs.isEmpty && polys.isEmpty {
            xs = table.header.filter { $0.lowercased() != response.lowercased() }
            guard !xs.isEmpty else {
                throw UsageFailure(message: "\(file) has only the response column \"\(response)\"; name predictors with --x or --poly")
            }
        }
        for name in xs + polys.map(\.column) where table.columnIndex(name) == nil { throw missingColumn(name, in: table) }
        let named = ([response] + xs + polys.map(\.column)).map { $0.lowercased() }
        if let repeated = named.enumerated().first(where: { named.firstIndex(of: $0.element)! != $0.offset }) {
            throw UsageFailure(message: "column \"\(repeated.element)\" is named more than once in the model (as the response, in --x or in --poly)")
        }

        let spec = RegressionSpecification(response: response, predictors: xs, polynomials: polys, intercept: !noIntercept)
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
        print(json ? fit.regressionJSON().rendered() : fit.summaryText(response: response), terminator: json ? "\n" : "")
    }

    private func missingColumn(_ name: String, in table: CSVTable) -> UsageFailure {
        UsageFailure(message: "\(file) has no column \"\(name)\"; its columns are: \(table.header.map { "\"\($0)\"" }.joined(separator: ", "))")
    }

    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func polynomial(_ spec: String) throws -> RegressionSpecification.Polynomial {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty,
              let degree = Int(parts[1].trimmingCharacters(in: .whitespaces)), (1...30).contains(degree) else {
            throw ValidationError("--poly expects COLUMN:DEGREE with a degree from 1 to 30, e.g. --poly x:3 (got \"\(spec)\")")
        }
        return .init(column: parts[0].trimmingCharacters(in: .whitespaces), degree: degree)
    }
}
