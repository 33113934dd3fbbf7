#if canImport(Glibc)
import Glibc
#endif

/// Peak resident memory that belongs to one iteration.
///
/// glibc's allocator keeps memory that an iteration freed, in whichever of its per-thread arenas held it,
/// and the next iteration may or may not reuse it. So without help, an iteration's peak depends on where
/// the previous one left its freed blocks: the quick records workload peaked at 94 MB in some processes
/// and 113 MB in others of the same build, which made the guard's memory check flap (docs/performance.md).
public enum FreedMemory {
    /// Returns the memory earlier iterations freed to the kernel (`malloc_trim(0)`), so the peak measured
    /// next is what the workload itself holds. Call it just before `startMeasurement()`.
    /// (Swift's Glibc module leaves out malloc.h, so the function is looked up by name.)
    public static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }

    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }
    #endif
}
