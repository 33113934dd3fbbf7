import Benchmark
import ClinicModels
import ClinicNumerics
import Workloads

/// Least-squares benchmarks: the batched hot path on the national fitting workload, and single fits.
/// Thresholds are explicit so that `swift package benchmark baseline check` does not flap.
let benchmarks: @Sendable () -> Void = {
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: .init(relative: [.p50: 25], absolute: [:]),
        .peakMemoryResident: .init(relative: [.p50: 20], absolute: [:]),
    ]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 50,
        thresholds: thresholds
    )

    let national = TrendWorkload(series: 60_000, months: 120)
    Benchmark("Batched OLS: 60,000 series × 120 months × 15 terms") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BatchedLinearModel.fit(national.design, responses: national.responses))
        }
    }

    Benchmark("Batched robust (Huber) fit: 60,000 series × 120 months × 15 terms",
              configuration: .init(timeUnits: .milliseconds, maxDuration: .seconds(30), maxIterations: 5)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BatchedRobustLinearModel.fit(national.design, responses: national.responses, norm: .huber))
        }
    }

    let one = TrendWorkload(series: 1, months: 120)
    let y = one.responses.column(0)
    Benchmark("Single OLS with extended-precision refinement: 120 months × 15 terms",
              configuration: .init(timeUnits: .microseconds, maxIterations: 2_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LinearModel.fit(one.design, response: y))
        }
    }

    let filipX: [ExtendedDouble] = (0..<82).map { ExtendedDouble(-9 + 6 * Double($0) / 81) }
    let filipY: [ExtendedDouble] = filipX.map { 0.8 + 0.01 * $0 }
    let filip = DesignMatrix.polynomial("x", filipX, degree: 10, intercept: true)
    Benchmark("Single OLS, degree-10 polynomial (Filip-sized, κ ≈ 1e10)",
              configuration: .init(timeUnits: .microseconds, maxIterations: 2_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LinearModel.fit(filip, response: filipY))
        }
    }
}
