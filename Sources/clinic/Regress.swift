import ArgumentParser
import ClinicApp

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

    func run() throws {
        try Output.emit(RegressPipeline.run(file: file, response: response, predictors: predictors, polynomials: polynomials,
                                            intercept: !noIntercept, json: json))
    }
}
