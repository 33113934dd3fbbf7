import Foundation

/// Folders for files a test writes, all under one root per test process that is removed when the
/// process exits, so a test run leaves nothing behind in the temporary directory (a run used to leave
/// about fifty folders).
public enum ScratchFolder {
    /// The process's root: `clinic-tests-<pid>` in the temporary directory, created on first use.
    private static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("clinic-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
        return url
    }()

    /// A new, empty folder named `prefix-<UUID>` under the process's root.
    public static func make(_ prefix: String) throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
