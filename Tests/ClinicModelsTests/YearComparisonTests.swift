import ClinicData
import ClinicModels
import ClinicNumerics
import Testing

/// The year's comparison, against a t test worked by hand.
@Suite("YearComparison")
struct YearComparisonTests {
    static let start = Month(year: 2024, month: 1)!

    static func series(_ values: [Double]) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: "referrals"), start: start, values: values, status: values.map { _ in .observed })
    }

    /// 12 months of 10 then 12 of 13 with independent noise of σ = 2 (the model's): the difference 3
    /// over √(4/12 + 4/12) = 1.1547 is t = 2.598 on 20 df. Moving one recent month down by 6 moves
    /// the recent mean by 0.5 and t to 2.165; moving a month of the earlier year up by 6 does the same.
    @Test func statisticAndShifts() throws {
        let c = try #require(YearComparison.make(Self.series([Double](repeating: 10, count: 12) + [Double](repeating: 13, count: 12)),
                                                 noise: .model(autocovariances: [4], degreesOfFreedom: 20)))
        let se = (4.0 / 12 + 4.0 / 12).squareRoot()
        #expect(abs(c.standardError - se) < 1e-14)
        #expect(abs(c.statistic - 3 / se) < 1e-13)
        #expect(abs(c.pValue - StudentT(degreesOfFreedom: 20).twoSidedPValue(3 / se)) < 1e-15)
        #expect(c.pValue(shifting: [:]) == c.pValue)
        let expected = StudentT(degreesOfFreedom: 20).twoSidedPValue(2.5 / se)
        #expect(abs(c.pValue(shifting: [Self.start.advanced(by: 20): -6]) - expected) < 1e-14)
        #expect(abs(c.pValue(shifting: [Self.start.advanced(by: 3): 6]) - expected) < 1e-14)
        // A month outside both windows changes nothing.
        #expect(c.pValue(shifting: [Self.start.advanced(by: -1): 100]) == c.pValue)
    }

    /// Given the model's residuals, the noise is at least that of their AR(1) reading: residuals in
    /// two long runs (ρ read at the 0.95 cap) make the test far less sure than independent errors.
    @Test func residualsThatWanderWidenTheTest() throws {
        let values = [Double](repeating: 10, count: 12) + [Double](repeating: 13, count: 12)
        let plain = try #require(YearComparison.make(Self.series(values), noise: .model(autocovariances: [4], degreesOfFreedom: 20)))
        let wandering = (0..<24).map { ($0 / 6) % 2 == 0 ? 2.0 : -2.0 }
        let floored = try #require(YearComparison.make(Self.series(values),
                                                       noise: .model(autocovariances: [4], degreesOfFreedom: 20, residuals: wandering)))
        #expect(floored.standardError > 2 * plain.standardError)
        #expect(floored.pValue > 0.1 && plain.pValue < 0.02)
        let reading = try #require(ResidualAR1(wandering, degreesOfFreedom: 20))
        #expect(abs(floored.autocorrelation - reading.autocorrelation) < 1e-15)
    }
}
