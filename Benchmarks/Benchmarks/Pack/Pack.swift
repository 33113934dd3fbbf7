import Benchmark
import ClinicApp
import ClinicReports
import Foundation
import SuiteSettings
import Workloads

/// The pack of one authority with 104 measures (13 metrics × 8 breakdowns, 175 months; DESIGN.md's
/// "one authority's HTML pack, ≈100 charts"): the whole job (read, models, flags, every format, files
/// written) and the rendering alone (HTML, Markdown with charts, JSON, Excel from a computed pack); and the
/// bundled authority's whole report (13 measures), the latency one clinic waits for.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: GuardMetrics.all,
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: BenchmarkMode.duration(20),
        maxIterations: BenchmarkMode.iterations(20, quick: 5),
        thresholds: GuardMetrics.thresholds
    )

    let input = AuthorityPackWorkload.csvFile()
    let request = SeriesRequest(inputs: [input], db: nil, metric: nil, config: nil, months: MonthOptions(asOf: "2026-11"))
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-benchmark-pack").path

    Benchmark("Pack of one authority (104 measures): read, models, flags, html+md+json+xlsx written") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ReportPipeline.run(request, out: out, formats: "html,md,json,xlsx", area: nil, log: { _ in }))
        }
    }

    // The bundled fictional authority as `make demo` reports it without its record files (13 measures,
    // 14 years, its clinic.toml's interventions): the per-authority latency of issue 22, recent direction
    // included. The repository's data/ is found from this file's path.
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let bundled = SeriesRequest(inputs: [repository.appendingPathComponent("data/aggregates").path], db: nil, metric: nil,
                                config: repository.appendingPathComponent("data/clinic.toml").path,
                                months: MonthOptions(asOf: "2026-11"))
    let bundledOut = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-benchmark-bundled-pack").path
    Benchmark("Report of the bundled authority (13 measures, 14 years): read, models, flags, html+md+json+xlsx written") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ReportPipeline.run(bundled, out: bundledOut, formats: "html,md,json,xlsx", area: nil, log: { _ in }))
        }
    }

    for formats in [Set(PackRenderer.Format.allCases), [.html], [.md], [.json], [.xlsx]] as [Set<PackRenderer.Format>] {
        let names = formats.count > 1 ? "html+md+json+xlsx" : formats.first!.rawValue
        Benchmark("Pack of one authority (104 measures): rendering only (\(names) in memory)") { benchmark in
            let pack = try PackBuilder.build(request, area: nil, now: Date(), log: { _ in }).pack
            FreedMemory.release()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try PackRenderer.files(pack, formats: formats))
            }
        }
    }
}
