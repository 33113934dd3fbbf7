import Foundation
import Testing
@testable import ClinicCore

/// A NIST StRD linear least-squares dataset with its certified values, read from the JSON fixtures in
/// Fixtures/nist (four copied from the project's reference set, seven transcribed from NIST's .dat files
/// and checked against the certified values with a 50-digit solve; see Fixtures/nist/README.md).
struct NISTDataset: Decodable, CustomTestStringConvertible {
    struct Parameter: Decodable { let estimate: String; let std_dev: String }
    struct Certified: Decodable {
        let parameters: [Parameter]
        let residual_std_dev: String
        let r_squared: String
    }
    let name: String
    let intercept: Bool
    let degree: Int?
    let predictors: [String]
    let data_strings: [String: [String]]
    let certified: Certified

    var testDescription: String { name }

    static let names = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
                        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

    static func load(_ name: String) throws -> NISTDataset {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/nist/\(name).json")
        return try JSONDecoder().decode(NISTDataset.self, from: Data(contentsOf: url))
    }

    static func all() throws -> [NISTDataset] { try names.map(load) }

    /// NIST's certified strings use Fortran exponents (`0.1E-01`).
    static func number(_ s: String) -> Double { Double(s.replacingOccurrences(of: "E", with: "e"))! }

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

/// Log relative error, NIST's measure of correct significant digits, capped at 15. Against a certified
/// zero it is the number of correct decimal places, `−log10 |estimate|`.
func logRelativeError(_ estimate: Double, certified: Double) -> Double {
    if estimate == certified { return 15 }
    if !estimate.isFinite { return 0 }
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    return min(15, max(0, -log10(error)))
}
