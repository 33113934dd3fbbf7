import ClinicNumerics
import ClinicData
import ClinicSimulation
import Foundation
import Testing
@testable import ClinicModels

/// The recent direction measured by simulation: series whose trend changed 6 to 24 months before the
/// end, the 95% interval of the slope now against the true slope after the change (counts, not times).
@Suite("Recent direction: coverage and sign after a change of trend")
struct RecentDirectionTests {
    struct Tally { var series = 0, covered = 0, signRight = 0, signTested = 0 }

    /// 400 series of 120 months with unit white noise: a slope of `before` a month until `n − k`
    /// (`k` = 6, 12, 18, 24 months before the end), then `after`, the change being 3σ or 6σ a year
    /// (0.25 or 0.5 a month), up or down, from slopes of −0.1 to 0.1. Measured with the recent
    /// direction's slope floor (``RecentDirection/minimumSlopeRatio``) and without it (plain maximum
    /// likelihood, before this floor): the floor must cover the slope now in at least 90% of series
    /// and get its sign right in at least 90% of those whose new slope is at least 3σ a year, and do
    /// far better than plain ML, whose slope is most often that of the whole span.
    @Test func theSlopeNowFollowsARecentChange() {
        var random = SplitMix64(seed: 20_261_203)
        var floored = Tally(), plain = Tally()
        let months = 120
        for s in 0..<400 {
            let k = [6, 12, 18, 24][s % 4]
            let change = (s / 4) % 2 == 0 ? 0.25 : 0.5
            let sign = (s / 8) % 2 == 0 ? 1.0 : -1.0
            let before = -0.1 + 0.2 * Double((s / 16) % 5) / 4
            let after = before + sign * change
            let breakAt = months - k
            var values = [Double]()
            for t in 0..<months {
                let trend = before * Double(t) + (after - before) * Double(max(0, t - breakAt))
                values.append(100 + trend + random.normal())
            }
            let times = Array(0..<months)
            for ratio in [RecentDirection.minimumSlopeRatio, 0] {
                guard let llt = LocalLinearTrend.fit(values, times: times, minimumSlopeRatio: ratio) else { continue }
                let se = llt.covariance[1][1].squareRoot()
                var t = ratio > 0 ? floored : plain
                t.series += 1
                if abs(llt.slope - after) <= 1.959963984540054 * se { t.covered += 1 }
                if abs(after) * 12 >= 3 {
                    t.signTested += 1
                    if (llt.slope > 0) == (after > 0) { t.signRight += 1 }
                }
                if ratio > 0 { floored = t } else { plain = t }
            }
        }
        print("recent direction after a change: floor \(floored), plain ML \(plain)")
        #expect(floored.series == 400 && plain.series == 400)
        #expect(Double(floored.covered) >= 0.90 * Double(floored.series), "coverage \(floored.covered) of \(floored.series)")
        #expect(Double(floored.signRight) >= 0.90 * Double(floored.signTested), "sign \(floored.signRight) of \(floored.signTested)")
        #expect(floored.covered > plain.covered)
    }

    /// Small changes (1σ and 2σ a year, 6 to 24 months before the end, 400 series each, slopes before of
    /// −0.1 to 0.1 a month): the floored slope's sign is right in at least 90% of series whose new slope is
    /// at least 1σ a year, and the direction is never claimed the wrong way (an interval that excludes 0
    /// on the wrong side), which plain ML, reading the whole span's slope, does.
    @Test func aSmallChangeIsNeverReadTheWrongWay() {
        for change in [1.0 / 12, 2.0 / 12] {
            var random = SplitMix64(seed: 7)
            var fitted = 0, signTested = 0, signRight = 0, wrongClaims = 0, plainWrongClaims = 0
            for s in 0..<400 {
                let k = [6, 12, 18, 24][s % 4]
                let sign = (s / 8) % 2 == 0 ? 1.0 : -1.0
                let before = -0.1 + 0.2 * Double((s / 16) % 5) / 4
                let after = before + sign * change
                let values = (0..<120).map { t in
                    100 + before * Double(t) + (after - before) * Double(max(0, t - (120 - k))) + random.normal()
                }
                for ratio in [RecentDirection.minimumSlopeRatio, 0] {
                    guard let llt = LocalLinearTrend.fit(values, times: Array(0..<120), minimumSlopeRatio: ratio) else { continue }
                    let se = llt.covariance[1][1].squareRoot()
                    let wrongClaim = abs(llt.slope) > 1.959963984540054 * se && (llt.slope > 0) != (after > 0)
                    if ratio == 0 { if wrongClaim { plainWrongClaims += 1 }; continue }
                    fitted += 1
                    if wrongClaim { wrongClaims += 1 }
                    if abs(after) * 12 >= 1 - 1e-9 {
                        signTested += 1
                        if (llt.slope > 0) == (after > 0) { signRight += 1 }
                    }
                }
            }
            #expect(signTested > 200 && Double(signRight) >= 0.90 * Double(signTested), "\(change * 12)σ a year: sign \(signRight) of \(signTested)")
            #expect(wrongClaims == 0, "\(change * 12)σ a year: \(wrongClaims) wrong-way claims")
            #expect(fitted == 400, "\(change * 12)σ a year: \(fitted) fits")
            #expect(plainWrongClaims >= 20, "\(change * 12)σ a year: plain ML \(plainWrongClaims)")
        }
    }
}
