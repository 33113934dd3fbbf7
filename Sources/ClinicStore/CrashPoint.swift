import Foundation

/// Named places where the process can be made to die on purpose, to test that an interrupted write
/// leaves the store as it was.
///
/// When the environment variable `CLINIC_CRASH_AT` equals a point's name, reaching that point sends
/// SIGKILL to the process itself: no cleanup, no rollback, exactly as if the machine lost power or the
/// user killed it. Unset (always, outside tests) it costs one environment lookup per call.
enum CrashPoint {
    /// Inside `ingest`'s write transaction, after an extract's rows have been written and before the
    /// transaction commits.
    static let ingestBeforeCommit = "ingest-before-commit"

    static func reach(_ name: String) {
        guard ProcessInfo.processInfo.environment["CLINIC_CRASH_AT"] == name else { return }
        kill(getpid(), SIGKILL)
    }
}
