@testable import ClinicModels
import ClinicNumerics
import ClinicTestSupport

extension NISTDataset {
    /// The design NIST specifies: a polynomial in the single predictor, or the predictors as given.
    var design: DesignMatrix {
        let columns = predictors.map { (name: $0, values: data_strings[$0]!.map { ExtendedDouble($0)! }) }
        if predictors.count == 1, let degree, degree > 1 {
            return .polynomial(predictors[0], columns[0].values, degree: degree, intercept: intercept)
        }
        return .linear(columns, intercept: intercept)
    }

    var response: [ExtendedDouble] { data_strings["y"]!.map { ExtendedDouble($0)! } }
}
