import ClinicData
import ClinicNumerics
/// The columns of a regression design, named, with their exact values.
///
/// Values are kept in ``ExtendedDouble`` so that decimal input (`"-6.860120914"`) and derived columns
/// (powers `x^k`) keep more digits than `Double` holds; the least-squares solver computes its residuals
/// from these exact values. ``matrix`` is the `Double` rounding used for factorisation.
public struct DesignMatrix: Sendable {
    /// Term names in column order, e.g. `["(Intercept)", "x", "x^2"]`.
    public let terms: [String]
    /// Whether one column is the intercept (all ones); decides centred vs uncentred R².
    public let hasIntercept: Bool
    /// Number of observations.
    public let rows: Int
    /// Column-major `rows × terms.count` values in extended precision.
    public let exact: [ExtendedDouble]

    /// The name R and statsmodels give the intercept term.
    public static let interceptTerm = "(Intercept)"

    /// A design from named columns in extended precision. All columns must have `rows` values.
    public init(terms: [String], exactColumns: [[ExtendedDouble]], hasIntercept: Bool) {
        precondition(terms.count == exactColumns.count, "one name per design column")
        let n = exactColumns.first?.count ?? 0
        precondition(exactColumns.allSatisfy { $0.count == n }, "design columns differ in length")
        self.terms = terms
        self.hasIntercept = hasIntercept
        self.rows = n
        self.exact = exactColumns.flatMap { $0 }
    }

    /// A design from named `Double` columns.
    public init(terms: [String], columns: [[Double]], hasIntercept: Bool) {
        self.init(terms: terms, exactColumns: columns.map { $0.map { ExtendedDouble($0) } }, hasIntercept: hasIntercept)
    }

    /// A design from a `Double` matrix whose columns are named by `terms`.
    public init(terms: [String], matrix: Matrix, hasIntercept: Bool) {
        self.init(terms: terms, columns: (0..<matrix.columns).map(matrix.column), hasIntercept: hasIntercept)
    }

    /// The ordinary regression design: an optional intercept column of ones, then each predictor as given.
    public static func linear(_ predictors: [(name: String, values: [ExtendedDouble])], intercept: Bool) -> DesignMatrix {
        let n = predictors.first?.values.count ?? 0
        return build(rows: n, intercept: intercept, columns: predictors)
    }

    /// Powers of one variable, `x, x^2, …, x^degree` (computed in extended precision), after an optional intercept.
    public static func polynomial(_ name: String, _ x: [ExtendedDouble], degree: Int, intercept: Bool) -> DesignMatrix {
        build(rows: x.count, intercept: intercept, columns: polynomialColumns(name, x, degree: degree))
    }

    /// The columns `name, name^2, …, name^degree`.
    public static func polynomialColumns(_ name: String, _ x: [ExtendedDouble], degree: Int)
        -> [(name: String, values: [ExtendedDouble])]
    {
        precondition(degree >= 1, "polynomial degree must be at least 1")
        var columns: [(name: String, values: [ExtendedDouble])] = [(name, x)]
        var power = x
        for d in stride(from: 2, through: degree, by: 1) {
            for i in power.indices { power[i] *= x[i] }
            columns.append(("\(name)^\(d)", power))
        }
        return columns
    }

    /// An intercept (when asked) followed by `columns`, each of `rows` values.
    public static func build(rows: Int, intercept: Bool, columns: [(name: String, values: [ExtendedDouble])]) -> DesignMatrix {
        var names = [String](), values = [[ExtendedDouble]]()
        if intercept {
            names.append(interceptTerm)
            values.append(Array(repeating: 1, count: rows))
        }
        for column in columns {
            names.append(column.name)
            values.append(column.values)
        }
        return DesignMatrix(terms: names, exactColumns: values, hasIntercept: intercept)
    }

    /// The `Double` rounding of the design, `rows × terms.count`.
    public var matrix: Matrix {
        Matrix(rows: rows, columns: terms.count, columnMajor: exact.map { Double($0) })
    }

    /// Extended value at row `i`, column `j`.
    subscript(i: Int, j: Int) -> ExtendedDouble { exact[i + j * rows] }
}
