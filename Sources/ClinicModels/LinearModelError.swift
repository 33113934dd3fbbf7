import ClinicData
import ClinicNumerics
/// Why a linear model could not be fitted. Each case carries what a person needs to fix the input.
public enum LinearModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The design has no columns.
    case emptyDesign
    /// The response and the design disagree on the number of observations.
    case responseLength(response: Int, designRows: Int)
    /// A value is NaN or infinite (`row` zero-based; `term` nil for the response).
    case nonFinite(row: Int, term: String?)
    /// Every column is zero: nothing can be estimated.
    case zeroDesign
    /// Fewer observations than needed: `rank` estimable coefficients need at least `rank + 1` rows
    /// to leave one residual degree of freedom.
    case tooFewObservations(observations: Int, rank: Int)
    /// A new row for prediction has the wrong number of values.
    case predictionWidth(expected: Int, got: Int)

    /// A stable machine-readable identifier, as in ``Diagnostic/code``.
    public var code: String {
        switch self {
        case .emptyDesign: return "empty_design"
        case .responseLength: return "length_mismatch"
        case .nonFinite: return "non_finite"
        case .zeroDesign: return "zero_design"
        case .tooFewObservations: return "too_few_observations"
        case .predictionWidth: return "prediction_width"
        }
    }

    public var description: String {
        switch self {
        case .emptyDesign:
            return "the model has no terms (no intercept and no predictors)"
        case let .responseLength(response, designRows):
            return "the response has \(response) values but the design has \(designRows) rows"
        case let .nonFinite(row, term):
            return "row \(row + 1): \(term.map { "predictor \($0)" } ?? "the response") is not a finite number"
        case .zeroDesign:
            return "every predictor column is zero; nothing can be estimated"
        case let .tooFewObservations(observations, rank):
            return "too few observations: \(observations) cannot estimate \(rank) coefficient\(rank == 1 ? "" : "s") and leave a residual degree of freedom; at least \(rank + 1) are needed"
        case let .predictionWidth(expected, got):
            return "a new row has \(got) values but the model has \(expected) terms"
        }
    }
}
