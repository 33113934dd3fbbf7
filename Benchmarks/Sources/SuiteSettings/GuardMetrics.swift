import Benchmark

/// The metrics every suite records, and the thresholds package-benchmark's own `baseline check` uses.
///
/// `make bench-check` reads three of them (Benchmarks/bench_check.py):
/// - wall clock, compared with main measured in the same job, alternating, with a wide tolerance;
/// - malloc count, which does not depend on the machine's speed, with a tight tolerance;
/// - instructions, where the kernel lets a process count its own (perf events), also tight.
/// Peak resident memory is recorded for the tables in docs/performance.md.
public enum GuardMetrics {
    public static let all: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .instructions, .peakMemoryResident]

    public static var thresholds: [BenchmarkMetric: BenchmarkThresholds] { [
        .wallClock: .init(relative: [.p50: 25], absolute: [:]),
        .mallocCountTotal: .init(relative: [.p50: 5], absolute: [:]),
        .instructions: .init(relative: [.p50: 5], absolute: [:]),
        .peakMemoryResident: .init(relative: [.p50: 20], absolute: [:]),
    ] }
}
