import Foundation
import Testing

/// A NIST StRD linear least-squares dataset with its certified values, read from the JSON fixtures in
/// Tests/Fixtures/nist (four copied from the project's reference set, seven transcribed from NIST's .dat files
/// and checked against the certified values with a 50-digit solve; see Tests/Fixtures/nist/README.md).
public struct NISTDataset: Decodable, CustomTestStringConvertible, Sendable {
    public struct Parameter: Decodable, Sendable { public let estimate: String; public let std_dev: String }
    public struct Certified: Decodable, Sendable {
        public let parameters: [Parameter]
        public let residual_std_dev: String
        public let r_squared: String
    }
    public let name: String
    public let intercept: Bool
    public let degree: Int?
    public let predictors: [String]
    public let data_strings: [String: [String]]
    public let certified: Certified

    public var testDescription: String { name }

    public static let names = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
                        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

    public static func load(_ name: String) throws -> NISTDataset {
        let url = Fixtures.url("nist/\(name).json")
        return try JSONDecoder().decode(NISTDataset.self, from: Data(contentsOf: url))
    }

    public static func all() throws -> [NISTDataset] { try names.map(load) }

    /// NIST's certified strings use Fortran exponents (`0.1E-01`).
    public static func number(_ s: String) -> Double { Double(s.replacingOccurrences(of: "E", with: "e"))! }
}

/// Log relative error, NIST's measure of correct significant digits, capped at 15. Against a certified
/// zero it is the number of correct decimal places, `−log10 |estimate|`.
public func logRelativeError(_ estimate: Double, certified: Double) -> Double {
    if estimate == certified { return 15 }
    if !estimate.isFinite { return 0 }
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    return min(15, max(0, -log10(error)))
}
