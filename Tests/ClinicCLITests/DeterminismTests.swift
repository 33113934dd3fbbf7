import Foundation
import Testing

/// Many series fitted on both cores must give the same bytes every run. National `clinic fit` once gave
/// 4 of 14,592 series different fits from run to run (LAPACK's dormqr writing into a QR factorisation
/// shared between threads; docs/performance.md), and no single-run comparison could see it.
@Suite("Runs of a many-series job agree")
struct DeterminismTests {
    /// One authority's 12 metrics × 8 breakdowns (96 series, 120 months): AR(1) errors of φ 0, 0.6 or
    /// 0.85 (so error models are chosen), a yearly cycle on some (so seasonal candidates, whose factors the
    /// series share, are taken) and a level shift on some (so changepoints are found). A fixed xorshift
    /// generator, so every run of the test reads the same file.
    static func extract() -> String {
        let metrics = ["lac", "lac_starts", "lac_ceased", "ppo", "ppo_children", "missing_incidents",
                       "away_incidents", "missing_children", "referrals", "re_referrals_pct", "cin", "cp_plans"]
        let breakdowns = ["all", "age_0_4", "age_5_9", "age_10_15", "age_16_17", "female", "male", "disabled"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
        }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        var text = "month,area,metric,breakdown,value\n"
        for metric in metrics {
            for breakdown in breakdowns {
                let base = 30 + 1_500 * uniform()
                let phi = [0, 0.6, 0.85][Int(3 * uniform())]
                let cycle = uniform() < 0.5 ? 0.1 : 0
                let shiftAt = uniform() < 0.3 ? 40 + Int(70 * uniform()) : Int.max
                var error = 0.0
                for t in 0..<120 {
                    error = phi * error + normal()
                    var value = base * (1 + cycle * sin(2 * Double.pi * Double(t) / 12)) + error * base.squareRoot()
                    if t >= shiftAt { value += 0.25 * base }
                    if metric.hasSuffix("_pct") { value = min(95, max(5, 30 + 3 * error)) }
                    text += String(format: "%04d-%02d,E99000001,%@,%@,%d\n", 2015 + t / 12, t % 12 + 1, metric, breakdown,
                                   max(0, Int(value.rounded())))
                }
            }
        }
        return text
    }

    @Test func fitAndFlagsGiveTheSameBytesEveryRun() throws {
        let dir = try ClinicProcess.temporaryFolder()
        try Self.extract().write(to: dir.appendingPathComponent("authority.csv"), atomically: true, encoding: .utf8)
        for command in ["fit", "flags"] {
            let runs = try (0..<2).map { _ in try ClinicProcess.run([command, "authority.csv", "--json", "--as-of", "2026-11"], in: dir) }
            for run in runs { #expect(run.status == 0, "\(command): \(run.stderr)") }
            #expect(runs[0].stdout.count > 10_000, "\(command) wrote \(runs[0].stdout.count) bytes")
            #expect(runs[0].stdout == runs[1].stdout, "clinic \(command) differs between two runs of the same file")
            // The file reaches the parts that share work between threads.
            let premise = command == "fit" ? ["\"model\": \"ar1\"", "\"model\": \"arma11\"", "\"seasonality\": \"fourier_1\""]
                                           : ["\"method\": \"changepoint\""]
            for text in premise { #expect(runs[0].stdout.contains(text), "\(command): no \(text)") }
        }
    }
}
