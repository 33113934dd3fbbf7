import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files written so that they survive a crash or a power cut once the call returns: the bytes are
/// flushed to the disk (`fsync`) before the file is closed, and a rename into place is flushed in its
/// folder too. Failures carry the path and the operating system's reason in words (never an
/// `NSCocoaErrorDomain` number), for messages a person can act on.
enum DurableFile {
    /// A file operation that failed: which path, and why.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String

        init(_ path: String, errno code: Int32) {
            self.path = path
            self.reason = String(cString: strerror(code))
        }

        init(_ path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        var description: String { "\(path): \(reason)" }
    }

    /// Writes `data` to `path` (created or truncated) and flushes it to the disk.
    static func write(_ data: Data, to path: String) throws {
        try write(to: path) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    /// Writes to `path` (created or truncated) what `produce` hands its `emit` function, block by block,
    /// and flushes it to the disk: a large file is never held whole. The first failed write stops the
    /// producer and is the error thrown.
    static func write(to path: String, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path, errno: errno) }
        var failure: Int32 = 0
        do {
            try produce { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw Failure(path, errno: errno)
                    }
                    offset += n
                }
            }
        } catch {
            close(fd)
            throw error
        }
        if fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw Failure(path, errno: failure) }
    }

    /// Flushes a folder's entries (a file created or renamed in it) to the disk.
    static func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path, errno: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw Failure(path, errno: errno) }
    }

    /// Renames `from` to `to` (replacing a file there in one step).
    static func rename(_ from: String, to: String) throws {
        if Glibc.rename(from, to) != 0 { throw Failure(to, errno: errno) }
    }

    /// Creates the folder `path` and any missing parents; a file in the way is an error that names it.
    static func makeFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw Failure(path, reason: "a file is in the way of a folder")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolder(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw Failure(path, errno: errno) }
    }

    /// Removes `path` and everything under it.
    static func removeTree(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw Failure(path, reason: "cannot be removed (\(error.localizedDescription))")
        }
    }

    /// What is at `path`: nothing, a regular file, a folder, or something else (a device, a FIFO, a socket).
    enum Kind { case none, file, folder, other }

    static func kind(_ path: String) -> Kind {
        var s = stat()
        guard lstat(path, &s) == 0 else { return .none }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }
}
