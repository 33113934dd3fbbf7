import ClinicNumerics
import ClinicSimulation
import Foundation

/// The national ingest workload of DESIGN.md: 152 authorities × 12 metrics × 8 breakdowns × 120 months
/// = 1,751,040 rows of a long CSV (`month,area,metric,breakdown,value`, about 75 MB), generated from a
/// fixed seed. Values are plausible non-negative counts with noise (re_referrals_pct a percentage of
/// 10–60) and the area codes (E99000000 …) are fictional, so no value fails a plausibility check
/// against the population seeds: nothing in it is malformed or quarantined.
public enum NationalExtract {
    public static let metrics = ["lac", "lac_starts", "lac_ceased", "ppo", "ppo_children", "missing_incidents",
                                 "away_incidents", "missing_children", "referrals", "re_referrals_pct", "cin", "cp_plans"]
    public static let breakdowns = ["all", "age_0_4", "age_5_9", "age_10_15", "age_16_17", "female", "male", "disabled"]

    /// The CSV bytes for `areas` authorities and `months` months from January 2015.
    public static func csv(areas: Int = 152, months: Int = 120, seed: UInt64 = 2024) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out = [UInt8]()
        out.reserveCapacity(areas * 12 * 8 * months * 44)
        out += Array("month,area,metric,breakdown,value\n".utf8)
        let monthTexts = (0..<months).map { m in Array(String(format: "%04d-%02d,", 2015 + m / 12, m % 12 + 1).utf8) }
        for a in 0..<areas {
            let area = Array(String(format: "E99%06d,", a).utf8)
            for metric in metrics {
                let metricBytes = Array((metric + ",").utf8)
                for breakdown in breakdowns {
                    let breakdownBytes = Array((breakdown + ",").utf8)
                    let isPercent = metric.hasSuffix("_pct")
                    let base = isPercent ? 10 + Int(rng.next() % 40) : 20 + Int(rng.next() % 2_000)
                    let noise: UInt64 = isPercent ? 11 : 41
                    for m in 0..<months {
                        out += monthTexts[m]; out += area; out += metricBytes; out += breakdownBytes
                        out += Array(String(base + Int(rng.next() % noise)).utf8)
                        out.append(0x0A)
                    }
                }
            }
        }
        return out
    }

    /// Writes the CSV for `areas` authorities to the temporary directory (once per version of the
    /// generator) and returns its path, so a benchmark reads a file as `clinic` would.
    public static func cachedFile(areas: Int = 152) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("clinic-benchmark-national-v2\(areas == 152 ? "" : "-\(areas)-areas").csv").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path + ".partial", contents: Data(csv(areas: areas)))
            try? FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        }
        return path
    }
}
