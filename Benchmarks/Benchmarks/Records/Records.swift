import Benchmark
import ClinicData
import ClinicIngest
import ClinicMeasures
import SuiteSettings
import Workloads

/// SSDA903 record files → the monthly measures (DESIGN.md: "SSDA903 → monthly measures, 1 M episodes").
/// Ten years of one large simulated authority: about 1.23 M episode rows in ten yearly files, a header
/// file and a missing-episodes file, read, validated, merged and counted into 13 measures × 120 months,
/// as `clinic series` does for a folder of record files. Under the guard the authority has a quarter of
/// the children (about 0.31 M episode rows).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: GuardMetrics.all,
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: BenchmarkMode.duration(30),
        maxIterations: BenchmarkMode.iterations(10, quick: 3),
        thresholds: GuardMetrics.thresholds
    )

    let population = BenchmarkMode.quick ? 3_000_000.0 : 12_000_000
    let rows = BenchmarkMode.quick ? "≈0.31 M" : "1.23 M"
    Benchmark("SSDA903 records (\(rows) episode rows, ten years) → monthly measures") { benchmark in
        let files = try RecordsWorkload.files(population: population)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var records = ChildRecords()
            for file in files { records.add(try CSVTable(contentsOf: file.path), kind: file.kind) }
            let last = RecordsWorkload.start.advanced(by: RecordsWorkload.months - 1)
            blackHole(RecordMeasures.monthly(records, from: RecordsWorkload.start, through: last))
        }
    }
}
