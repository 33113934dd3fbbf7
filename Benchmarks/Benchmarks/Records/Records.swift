import Benchmark
import ClinicApp
import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicModels
import SuiteSettings
import Workloads

/// SSDA903 record files → the monthly measures (DESIGN.md: "SSDA903 → monthly measures, 1 M episodes").
/// Ten years of one large simulated authority: about 1.23 M episode rows in ten yearly files, a header
/// file and a missing-episodes file, read, validated, merged and counted into 13 measures × 120 months,
/// as `clinic series` does for a folder of record files. Under the guard the authority has a quarter of
/// the children (about 0.31 M episode rows).
///
/// The stock and its flows for one authority the size of the bundled one (60,000 children, ten years of
/// files): read, linked into periods, the monthly account, the last 12 months explained and a 24-month
/// projection of 2,000 paths, as `clinic explain lac` and `clinic project lac` do (target: under 1 s).
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
        FreedMemory.release()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var records = ChildRecords()
            try records.add(files.map { (try CSVSource(contentsOf: $0.path), $0.kind) })
            let last = RecordsWorkload.start.advanced(by: RecordsWorkload.months - 1)
            blackHole(RecordMeasures.monthly(records, from: RecordsWorkload.start, through: last))
        }
    }

    Benchmark("One authority's ten years of SSDA903 records → why lac moved and a 24-month projection (2,000 paths)") { benchmark in
        let files = try RecordsWorkload.files(population: 60_000).filter { $0.kind != .ssda903Missing }
        FreedMemory.release()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var records = ChildRecords()
            try records.add(files.map { (try CSVSource(contentsOf: $0.path), $0.kind) })
            guard let covered = CareFlows.coveredMonths(records, asOf: nil) else { fatalError("the workload has no episodes") }
            let flows = CareFlows(records, first: covered.lowerBound, last: covered.upperBound)
            blackHole(try CareExplanation(flows, from: covered.upperBound.advanced(by: -11), to: covered.upperBound))
            var options = CareProjection.Options()
            options.horizon = 24
            options.placementGroups = PlacementGroup.allCases.count
            blackHole(try CareProjection(ProjectPipeline.spells(flows), origin: covered.upperBound, historyStart: covered.lowerBound, options: options))
        }
    }
}
