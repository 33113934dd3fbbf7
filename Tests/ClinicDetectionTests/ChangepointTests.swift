import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicDetection

/// PELT against ruptures 1.1.10 (`Pelt(model, min_size=6, jump=1)`, Tests/Fixtures/changepoints made by
/// make_pelt_fixtures.py): the same breakpoints and the same objective on real and synthetic series,
/// for the mean ("l2") and linear-trend ("linear") costs at three penalties each.
@Suite("Changepoints (PELT)")
struct ChangepointTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let y: [Double]
            let runs: [Run]
        }
        struct Run: Decodable {
            let model: String
            let multiplier: Double
            let pen: Double
            let breakpoints: [Int]
            let cost: Double
        }
        let cases: [Case]
    }

    static let reference: Reference = {
        try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: Fixtures.url("changepoints/pelt_reference.json")))
    }()

    @Test(arguments: ["nile", "seatbelts_drivers", "fictional_lac", "fictional_referrals", "step_noise"])
    func matchesRuptures(_ name: String) throws {
        let c = try #require(Self.reference.cases.first { $0.name == name })
        for run in c.runs {
            let cost: Changepoints.Cost = run.model == "l2" ? .mean : .linearTrend
            let found = Changepoints.pelt(c.y, cost: cost, penalty: run.pen, minimumSegment: 6)
            #expect(found == run.breakpoints, "\(name) \(run.model) ×\(run.multiplier): \(found) vs \(run.breakpoints)")
            // The fixture's cost charges the penalty once per changepoint.
            let objective = Changepoints.totalCost(c.y, cost: cost, breakpoints: found) + run.pen * Double(found.count - 1)
            #expect(abs(objective - run.cost) <= 1e-9 * abs(run.cost), "\(name) \(run.model) ×\(run.multiplier) cost \(objective) vs \(run.cost)")
        }
    }

    /// Too short for two segments: one segment; every segment at least the minimum.
    @Test func shortSeriesAndMinimumSegments() {
        #expect(Changepoints.pelt([1, 2, 3, 4, 5], cost: .mean, penalty: 0) == [5])
        let y = (0..<40).map { Double($0 % 7) }
        let found = Changepoints.pelt(y, cost: .mean, penalty: 0)
        var start = 0
        for end in found { #expect(end - start >= 6); start = end }
        #expect(found.last == 40)
    }
}
