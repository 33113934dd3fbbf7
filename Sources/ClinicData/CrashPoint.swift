import Foundation

/// Named places where the process can be made to die on purpose, to test that an interrupted write
/// leaves the store, or a pack's folder, as it was or as it is meant to become.
///
/// When the environment variable `CLINIC_CRASH_AT` equals a point's name, reaching that point sends
/// SIGKILL to the process itself: no cleanup, no rollback, exactly as if the machine lost power or the
/// user killed it. Unset (always, outside tests) it costs one environment lookup per call.
package enum CrashPoint {
    /// Inside `ingest`'s write transaction, after an extract's rows have been written and before the
    /// transaction commits.
    package static let ingestBeforeCommit = "ingest-before-commit"
    /// Inside `ingest`'s write transaction, after the quarantine files are written and flushed and before
    /// the transaction commits.
    package static let ingestQuarantineWritten = "ingest-quarantine-written"
    /// `report`: every file of the new pack is staged inside `--out`, and the staging is not yet marked
    /// complete.
    package static let reportStaged = "report-staged"
    /// `report`: the staging is marked complete and the first of the new pack's files has been renamed
    /// into place.
    package static let reportFirstRename = "report-first-rename"
    /// `report`: every file of the new pack is in place and the previous pack's other files are removed,
    /// and the new manifest is not yet in place.
    package static let reportBeforeManifest = "report-before-manifest"

    package static func reach(_ name: String) {
        guard ProcessInfo.processInfo.environment["CLINIC_CRASH_AT"] == name else { return }
        kill(getpid(), SIGKILL)
    }
}
