import ClinicData
import ClinicModels
import ClinicReports
import Foundation
import Testing
@testable import ClinicDetection

/// The clinic's exceptions on series built by hand, where the right answer is known.
@Suite("Exceptions")
struct ExceptionsTests {
    let catalogue = MetricCatalogue.standard
    static let start = Month(year: 2020, month: 1)!

    func series(_ metric: String, _ values: [Double]) -> Series {
        Series(key: SeriesKey(area: "E99999999", metric: metric), start: Self.start, values: values, status: values.map { _ in .observed })
    }

    /// Deterministic noise in [−1, 1].
    func noise(_ n: Int, seed: UInt64) -> [Double] {
        var s = seed
        return (0..<n).map { _ in s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) * 0x1p-52 - 1 }
    }

    /// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04), method = "BH").
    @Test func benjaminiHochbergMatchesR() {
        let q = Exceptions.benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04])
        let r = [0.035000000000000003, 0.055999999999999994, 0.055999999999999994, 0.035000000000000003, 0.5, 0.233333333333333365,
                 0.055999999999999994]
        for (a, b) in zip(q, r) { #expect(abs(a - b) < 1e-15) }
    }

    /// Police protection (lower is better) around 8 a month for three years, then 30 in the last month:
    /// a red forecast exception, a concern, with a sentence that gives the range; the same series
    /// without the spike raises no forecast or outlier flag.
    @Test func aSpikeInTheLatestMonthIsRed() throws {
        let base = noise(36, seed: 3).map { 8 + 2 * $0 }.map { $0.rounded() }
        let flags = Exceptions.find([series("ppo", base + [30])], catalogue: catalogue)
        let forecast = try #require(flags.first { $0.method == .forecast })
        #expect(forecast.severity == .red && forecast.direction == .concern && forecast.rule == "outside_99")
        #expect(flags.first?.method == .forecast)         // red comes first
        let sentence = forecast.sentence(definition: catalogue.definition("ppo"))
        #expect(sentence.hasPrefix("Police protection periods: 30 in January 2023, above the 99% range "), "\(sentence)")
        #expect(sentence.hasSuffix(" expected from the 3 years before."), "\(sentence)")
        let quiet = Exceptions.find([series("ppo", base + [8])], catalogue: catalogue)
        #expect(!quiet.contains { $0.method == .forecast || $0.method == .outlier }, "\(quiet.map(\.rule))")
    }

    /// A spike in the middle of an otherwise clean OLS series is an outlier with a small q-value, at
    /// its month; the clean months are not.
    @Test func aPastSpikeIsAnOutlier() throws {
        var y = noise(60, seed: 11).map { 200 + 5 * $0 }
        y[30] += 60
        let flags = Exceptions.find([series("referrals", y)], catalogue: catalogue)
        let outliers = flags.filter { $0.method == .outlier }
        #expect(outliers.count == 1)
        let spike = try #require(outliers.first)
        #expect(spike.month == Self.start.advanced(by: 30) && spike.qValue! < 0.01 && spike.severity == .info)
        #expect(spike.sentence(definition: catalogue.definition("referrals")).contains("well above"))
    }

    /// A step from about 10 to about 14 after two years is a level change at its month.
    @Test func aStepIsALevelChange() throws {
        let e = noise(48, seed: 5)
        let y = (0..<48).map { ($0 < 24 ? 10.0 : 14.0) + 0.8 * e[$0] }
        let flags = Exceptions.find([series("re_referrals_pct", y)], catalogue: catalogue)
        let change = try #require(flags.first { $0.method == .changepoint })
        #expect(change.month == Self.start.advanced(by: 24) && change.change?.kind == .level)
        #expect(change.direction == .concern)              // re-referrals: lower is better
        let text = change.sentence(definition: catalogue.definition("re_referrals_pct"))
        #expect(abs(change.change!.before - 10) < 0.5 && abs(change.change!.after - 14) < 0.5)
        #expect(text.hasPrefix("Re-referrals within 12 months: the level changed in January 2022 from about "), "\(text)")
        #expect(text.hasSuffix("%.") && flags.filter { $0.method == .changepoint }.count == 1, "\(text)")
    }
}
