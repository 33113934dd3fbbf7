import Foundation
import Testing
@testable import ClinicIngest
@testable import ClinicSeeds
import ClinicTestSupport

/// The seeds compiled into the binary (by the SeedEmbed build tool) are exactly the files in seeds/,
/// read independently by Clinic's own CSV reader.
@Suite("Embedded seeds")
struct SeedTableTests {
    static let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.repository.appendingPathComponent("seeds").path))?
        .filter { $0.hasSuffix(".csv") }.sorted() ?? []

    @Test func everySeedFileIsEmbedded() {
        #expect(Self.files == ["dfe_benchmarks.csv", "la_code_changes.csv", "metrics.csv", "population_0_17.csv", "record_codes.csv",
                               "statistical_neighbours.csv"])
        #expect(Set(SeedTable.embedded.keys) == Set(Self.files))
    }

    @Test(arguments: files)
    func embeddedTableMatchesTheFile(name: String) throws {
        let table = try CSVTable(contentsOf: Fixtures.repository.appendingPathComponent("seeds/\(name)").path)
        let embedded = SeedTable.named(name)
        #expect(embedded.file == "seeds/\(name)")
        #expect(embedded.columns == table.header)
        #expect(embedded.rowCount == table.records.count)
        #expect(embedded.rowCount > 0)
        for (r, record) in table.records.enumerated() {
            #expect(Array(embedded.row(r)) == record, "row \(r + 1)")
        }
    }
}
