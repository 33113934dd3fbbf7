import CLapack
import Foundation

/// The one way Clinic changes how many threads OpenBLAS uses.
///
/// OpenBLAS's thread count is process-wide state. The batched fits parallelise across blocks of series
/// themselves and want each BLAS call single-threaded; if two such fits (or a test running in parallel
/// with another) each saved, changed and restored the count on their own, one could restore a value
/// the other had just set. So every change goes through ``withThreads(_:_:)``: a recursive lock
/// serialises the scopes that change the count, the previous value is restored when the body returns
/// or throws, and nested scopes on the same thread work.
public enum BLASThreads {
    private static let lock = NSRecursiveLock()

    /// The number of threads OpenBLAS uses for one call now.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Makes OpenBLAS single-threaded for the whole process, unless the user set its thread count
    /// (`OPENBLAS_NUM_THREADS`, `GOTO_NUM_THREADS` or `OMP_NUM_THREADS`); for the `clinic` command,
    /// before anything else runs.
    ///
    /// Clinic spreads its series over the cores itself, and its matrices are small (120 months by at most
    /// a few dozen terms), so OpenBLAS's own threads never paid. They cost: each time one is woken for
    /// a call it spins on `sched_yield` for about 0.1 s before sleeping again, and with both cores busy
    /// fitting series that spin takes time from them. A national `clinic flags` run spent about 0.15 s
    /// of CPU in it, half at start-up (the threads OpenBLAS starts as it loads spin before they first
    /// sleep). The variable is set as well as the count, so a process started again by
    /// ``BLASKernels/reexecutingWithFasterKernelsIfNeeded()`` loads OpenBLAS without those threads at all.
    public static func singleThreadedProcess() {
        let environment = ProcessInfo.processInfo.environment
        guard ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"].allSatisfy({ environment[$0] == nil }) else { return }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        openblas_set_num_threads(1)
    }

    /// Runs `body` with OpenBLAS set to `count` threads (at least 1), restoring the previous count
    /// afterwards. Scopes that change the count run one at a time.
    public static func withThreads<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let previous = openblas_get_num_threads()
        let wanted = Int32(max(1, count))
        if wanted != previous { openblas_set_num_threads(wanted) }
        defer { if wanted != previous { openblas_set_num_threads(previous) } }
        return try body()
    }
}
