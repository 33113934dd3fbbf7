import ClinicData
import ClinicNumerics
/// What `clinic regress` fits: a response column, predictor columns, polynomial expansions and
/// whether to include an intercept, resolved against named data columns.
public struct RegressionSpecification: Sendable, Equatable {
    /// A polynomial expansion `column, column^2, …, column^degree`.
    public struct Polynomial: Sendable, Equatable {
        public let column: String
        public let degree: Int
        public init(column: String, degree: Int) { self.column = column; self.degree = degree }
    }

    public let response: String
    public let predictors: [String]
    public let polynomials: [Polynomial]
    public let intercept: Bool

    public init(response: String, predictors: [String], polynomials: [Polynomial] = [], intercept: Bool = true) {
        self.response = response
        self.predictors = predictors
        self.polynomials = polynomials
        self.intercept = intercept
    }

    /// The design in contract order: intercept, then `predictors` as given, then each polynomial's
    /// powers. `column(name)` supplies a column's values (and throws if it cannot).
    public func design(column: (String) throws -> [ExtendedDouble]) throws -> (design: DesignMatrix, response: [ExtendedDouble]) {
        let y = try column(response)
        var columns = [(name: String, values: [ExtendedDouble])]()
        for name in predictors { columns.append((name, try column(name))) }
        for p in polynomials { columns += DesignMatrix.polynomialColumns(p.column, try column(p.column), degree: p.degree) }
        return (DesignMatrix.build(rows: y.count, intercept: intercept, columns: columns), y)
    }
}
