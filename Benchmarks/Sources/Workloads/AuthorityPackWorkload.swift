import ClinicNumerics
import ClinicSimulation
import Foundation

/// One authority with 104 monthly series for the pack benchmark: 13 metrics × 8 breakdowns over 175
/// months (April 2012 to October 2026), generated from a fixed seed. Counts are Poisson-like around a
/// slow trend with a yearly cycle; the two percentages stay within 5–40.
public enum AuthorityPackWorkload {
    public static let metrics = ["lac", "lac_starts", "lac_ceased", "lac_ceased_18", "ppo", "ppo_children", "missing_incidents",
                                 "missing_children", "away_incidents", "referrals", "referrals_police", "re_referrals_pct",
                                 "referrals_nfa_pct"]
    public static let breakdowns = ["all", "age_0_4", "age_5_9", "age_10_15", "age_16_17", "female", "male", "disabled"]

    /// The long CSV's text.
    public static func csv(seed: UInt64 = 2026) -> String {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        var out = "area,metric,breakdown,month,value\n"
        for metric in metrics {
            let base = 5 + 300 * uniform()
            for breakdown in breakdowns {
                let share = breakdown == "all" ? 1 : 0.15 + 0.4 * uniform()
                for m in 0..<175 {
                    let month = 3 + m  // April 2012 is month index 3 of 2012
                    let year = 2012 + month / 12, calendar = month % 12 + 1
                    let cycle = 1 + 0.1 * sin(2 * Double.pi * Double(calendar) / 12)
                    var value: Double
                    if metric.hasSuffix("_pct") {
                        value = (5 + 35 * uniform()).rounded()
                    } else {
                        let mean = base * share * cycle * (1 + 0.002 * Double(m))
                        value = max(0, (mean + mean.squareRoot() * (uniform() + uniform() + uniform() - 1.5) * 2).rounded())
                    }
                    out += "E99999999,\(metric),\(breakdown),\(year)-\(calendar < 10 ? "0" : "")\(calendar),\(Int(value))\n"
                }
            }
        }
        return out
    }

    /// Writes the CSV to a temporary file (once per version) and returns its path.
    public static func csvFile() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-benchmark-authority-pack-v1.csv").path
        if !FileManager.default.fileExists(atPath: path) {
            try? csv().write(toFile: path, atomically: true, encoding: .utf8)
        }
        return path
    }
}
