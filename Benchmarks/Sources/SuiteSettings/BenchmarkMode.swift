import Foundation

/// How long the suites run. `make bench` measures in full; `make bench-check` (the guard, which runs every
/// guarded benchmark twice per round for several rounds) sets `CLINIC_BENCH_QUICK=1`, which caps the
/// iterations and time per benchmark, and runs the slowest workloads (robust fit, records, national
/// flags) at a smaller size, so that the whole check fits in a CI job.
/// Benchmark names say what they measure, so a quick run and a full run never share a name by accident.
public enum BenchmarkMode {
    /// True when `CLINIC_BENCH_QUICK` is set in the environment (the plugin passes it through).
    public static let quick = ProcessInfo.processInfo.environment["CLINIC_BENCH_QUICK"] != nil

    /// `full` iterations normally, `quick` under the guard.
    public static func iterations(_ full: Int, quick: Int) -> Int { self.quick ? quick : full }

    /// The time a benchmark may take: `full` normally, at most 3 seconds under the guard (the iteration
    /// under way when it runs out still counts).
    public static func duration(_ full: Int) -> Duration { .seconds(quick ? min(full, 3) : full) }
}
