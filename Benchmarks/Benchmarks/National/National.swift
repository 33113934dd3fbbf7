import Benchmark
import ClinicApp
import SuiteSettings
import Workloads

/// The national workload end to end, as the `clinic` commands run it (DESIGN.md: "end to end national
/// flags (ingest → fit → SPC → exceptions → JSON)"): 152 authorities × 12 metrics × 8 breakdowns × 120
/// months, 14,592 series in a 72 MB long CSV.
///
/// - `clinic flags --json`: validation, a trend model per series with its seasonal and error-model
///   choice, the check of the latest month, SPC on the model's errors, outliers with false-discovery
///   control, changepoints, sentences, JSON.
/// - `clinic fit --json`: the same read and the trend models with their diagnostics and recent
///   direction, JSON.
///
/// Under the guard (`CLINIC_BENCH_QUICK`) flags run on the first 16 authorities (1,536 series) and fit
/// is left out, so that a round stays short; the code path is the same.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: GuardMetrics.all,
        timeUnits: .milliseconds,
        warmupIterations: BenchmarkMode.iterations(1, quick: 0),
        maxDuration: BenchmarkMode.duration(60),
        maxIterations: BenchmarkMode.iterations(5, quick: 3),
        thresholds: GuardMetrics.thresholds
    )

    let areas = BenchmarkMode.quick ? 16 : 152
    let series = areas * NationalExtract.metrics.count * NationalExtract.breakdowns.count
    func request() -> SeriesRequest {
        SeriesRequest(inputs: [NationalExtract.cachedFile(areas: areas)], db: nil, metric: nil, config: nil,
                      months: MonthOptions(asOf: "2026-11"))
    }

    Benchmark("clinic flags --json: \(areas) authorities (\(series) series × 120 months), CSV → JSON") { benchmark in
        let request = request()
        FreedMemory.release()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try FlagsPipeline.run(request, json: true, log: { _ in }))
        }
    }

    if !BenchmarkMode.quick {
        Benchmark("clinic fit --json: \(areas) authorities (\(series) series × 120 months), CSV → JSON") { benchmark in
            let request = request()
            let options = try FitPipeline.options(model: "auto", seasonality: "auto", horizon: 6, hacLag: nil)
            FreedMemory.release()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                // The document is rendered too (into nothing): `run` hands it back as a stream.
                let output = try FitPipeline.run(request, area: nil, options: options, json: true, log: { _ in })
                var bytes = 0
                output.streamed? { bytes += $0.count }
                blackHole(bytes)
            }
        }
    }
}
