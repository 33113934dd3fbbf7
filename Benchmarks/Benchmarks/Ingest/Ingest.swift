import Benchmark
import ClinicData
import ClinicIngest
import Foundation
import SuiteSettings
import Workloads

/// Ingest benchmarks: the national long CSV of DESIGN.md (1.75 M rows, ~72 MB) read into a validated
/// Panel, the same file's tokenizing alone (the floor under everything else), and a file of one row
/// repeated a million times (its memory must not grow with the repeats: the malloc count guards that).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: GuardMetrics.all,
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: BenchmarkMode.duration(15),
        maxIterations: BenchmarkMode.iterations(30, quick: 7),
        thresholds: GuardMetrics.thresholds
    )

    let path = NationalExtract.cachedFile()
    let reader = AggregateReader(asOf: Month(year: 2026, month: 11)!)

    Benchmark("National long CSV (1.75 M rows) → validated Panel") { benchmark in
        for _ in benchmark.scaledIterations {
            let reading = reader.read(try CSVSource(contentsOf: path))
            blackHole(reading.panel())
        }
    }

    // One long row repeated: every repeat is an exact duplicate, set aside as one run (a few mallocs,
    // not one per row; a per-row allocation would multiply the guarded malloc count).
    let repeated = Data(("area,metric,month,value,status\n" + String(repeating: "E99999999,away_incidents,2012-04,0,observed\n", count: 1_000_000)).utf8)
    Benchmark("One row repeated 1 M times (44 MB) → validated reading") { benchmark in
        for _ in benchmark.scaledIterations {
            let reading = reader.read(try CSVSource(data: repeated, file: "repeated.csv"))
            precondition(reading.summary.quarantined == 999_999)
            blackHole(reading)
        }
    }

    Benchmark("National long CSV: tokenize only") { benchmark in
        let source = try CSVSource(contentsOf: path)
        for _ in benchmark.scaledIterations {
            var records = 0
            source.withTokenizer { t in
                var fields = [CSVTokenizer.Field]()
                while (try? t.nextRecord(into: &fields)) != nil { records += 1 }
            }
            blackHole(records)
        }
    }
}
