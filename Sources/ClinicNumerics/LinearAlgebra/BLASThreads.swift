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
