import Benchmark
import ClinicModels
import ClinicNumerics
import SuiteSettings
import Workloads

/// Least-squares benchmarks: the batched hot paths on the national fitting workload (OLS and Huber), and
/// single fits (refined OLS, a Filip-sized polynomial, regression with AR(1) errors by REML).
/// Thresholds are explicit so that `swift package benchmark baseline check` does not flap; `make
/// bench-check` compares with main by its own rule (Benchmarks/bench_check.py).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: GuardMetrics.all,
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: BenchmarkMode.duration(10),
        maxIterations: BenchmarkMode.iterations(50, quick: 15),
        thresholds: GuardMetrics.thresholds
    )

    let national = TrendWorkload(series: 60_000, months: 120)
    Benchmark("Batched OLS: 60,000 series × 120 months × 15 terms") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BatchedLinearModel.fit(national.design, responses: national.responses))
        }
    }

    // Under the guard the robust fit runs on the first 20,000 series (same code, a third of the time).
    let robust = BenchmarkMode.quick ? TrendWorkload(series: 20_000, months: 120) : national
    Benchmark("Batched robust (Huber) fit: \(BenchmarkMode.quick ? "20,000" : "60,000") series × 120 months × 15 terms",
              configuration: .init(timeUnits: .milliseconds, maxDuration: BenchmarkMode.duration(30),
                                   maxIterations: BenchmarkMode.iterations(5, quick: 3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BatchedRobustLinearModel.fit(robust.design, responses: robust.responses, norm: .huber))
        }
    }

    let one = TrendWorkload(series: 1, months: 120)
    let y = one.responses.column(0)
    Benchmark("Single OLS with extended-precision refinement: 120 months × 15 terms",
              configuration: .init(timeUnits: .microseconds, maxIterations: BenchmarkMode.iterations(2_000, quick: 200))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LinearModel.fit(one.design, response: y))
        }
    }

    let filipX: [ExtendedDouble] = (0..<82).map { ExtendedDouble(-9 + 6 * Double($0) / 81) }
    let filipY: [ExtendedDouble] = filipX.map { 0.8 + 0.01 * $0 }
    let filip = DesignMatrix.polynomial("x", filipX, degree: 10, intercept: true)
    Benchmark("Single OLS, degree-10 polynomial (Filip-sized, κ ≈ 1e10)",
              configuration: .init(timeUnits: .microseconds, maxIterations: BenchmarkMode.iterations(2_000, quick: 200))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LinearModel.fit(filip, response: filipY))
        }
    }

    // Regression with AR(1) errors: REML search over φ with the Kalman whitener, then GLS (what the
    // trend engine does for a series whose residuals are autocorrelated).
    let ar = TrendWorkload(series: 1, months: 120, seed: 903, errorAutocorrelation: 0.6)
    let arResponse = ar.responses.column(0)
    let months = Array(0..<120)
    Benchmark("Single fit with AR(1) errors (REML): 120 months × 15 terms",
              configuration: .init(timeUnits: .microseconds, maxIterations: BenchmarkMode.iterations(1_000, quick: 100))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ARMARegression.fit(x: ar.design.matrix, y: arResponse, terms: ar.design.terms, times: months, model: .ar1))
        }
    }
}
