import ClinicData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a rendered pack's files into an output folder that may hold other people's files, so that the
/// folder holds the old pack or the new one whole, and nothing Clinic did not write is ever touched.
///
/// Clinic owns only what it wrote there: the folder's `.clinic-pack-manifest` lists the pack's files,
/// one relative path a line. A run
/// 1. takes an exclusive lock on the folder (two reports into one folder take turns);
/// 2. finishes or discards what an interrupted run left (see below);
/// 3. checks every place a file goes or goes from: a file Clinic did not write where the pack would go
///    is a usage error, and a place that cannot be written (a read-only or immutable file or folder)
///    is an error; either stops the run before anything is written;
/// 4. writes every file into a staging folder `.clinic-staging-<id>/` inside the output folder, flushed
///    to the disk, and then marks the staging complete by renaming the new manifest into it;
/// 5. renames each file into place, removes the files of the previous pack that the new one no longer
///    has (only those the old manifest lists), and renames the new manifest into place.
///
/// A run killed before step 4 marks its staging complete changed nothing visible: the next run removes
/// the staging folder. A run killed after it has the whole new pack on disk, part in place and part
/// staged: the next run into the folder finishes putting it in place before it does anything else.
enum PackWriter {
    static let manifestName = ".clinic-pack-manifest"
    static let stagingPrefix = ".clinic-staging-"
    /// Inside a staging folder: marks it as Clinic's (only such folders are ever removed).
    static let stagingMark = ".clinic-staging"
    /// Inside a staging folder: the previous pack's files that the new one does not have.
    static let staleName = ".clinic-stale"

    /// Writes `files` (paths relative to `out`) into the folder `out`, created if needed. `log` hears
    /// about an interrupted run finished or discarded.
    static func write(_ files: [(path: String, contents: Data)], to out: String, log: (String) -> Void = { _ in }) throws {
        let root = out
        switch DurableFile.kind(root) {
        case .none, .folder: break
        case .file, .other: throw UsageError("--out \(out): not a folder (a file is there); give a folder to write the pack into")
        }
        let created = DurableFile.kind(root) == .none
        do {
            try DurableFile.makeFolder(root)
            let lock = try lockFolder(root)
            defer { close(lock) }
            try recover(root, log: log)

            let owned = Set(manifest(in: root))
            let paths = files.map(\.path)
            let stale = owned.subtracting(paths).filter { DurableFile.kind(join(root, $0)) == .file }.sorted()
            for path in paths { try checkPlace(path, root: root, owned: owned) }
            for path in paths + stale { try checkWritable(path, root: root) }

            let staging = join(root, stagingPrefix + UUID().uuidString)
            do {
                try DurableFile.makeFolder(staging)
                try DurableFile.write(Data(), to: join(staging, stagingMark))
                for file in files {
                    let staged = join(staging, file.path)
                    try DurableFile.makeFolder((staged as NSString).deletingLastPathComponent)
                    try DurableFile.write(file.contents, to: staged)
                }
                try DurableFile.write(lines(stale), to: join(staging, staleName))
                try DurableFile.write(lines(paths.sorted()), to: join(staging, manifestName + ".new"))
                try syncFolders(under: staging)
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw error
            }
            CrashPoint.reach(CrashPoint.reportStaged)
            // The commit: from here on the new pack is whole on disk and is what the folder will hold.
            try DurableFile.rename(join(staging, manifestName + ".new"), to: join(staging, manifestName))
            try DurableFile.syncFolder(staging)
            try finish(staging, root: root)
        } catch let failure as DurableFile.Failure {
            if created { rmdir(root) }
            throw Diagnostic(file: failure.path, code: "pack_not_written", message: "the pack cannot be written: \(failure.reason)")
        }
    }

    /// Puts a complete staging folder's files in place, removes the stale files it lists, installs its
    /// manifest and removes it. Each step can be repeated, so a run killed here is finished by the next.
    static func finish(_ staging: String, root: String) throws {
        let paths = manifestLines(join(staging, manifestName))
        for path in paths {
            let staged = join(staging, path)
            guard DurableFile.kind(staged) == .file else { continue }      // moved already
            let target = join(root, path)
            try DurableFile.makeFolder((target as NSString).deletingLastPathComponent)
            try DurableFile.rename(staged, to: target)
            CrashPoint.reach(CrashPoint.reportFirstRename)
        }
        for path in manifestLines(join(staging, staleName)) where !paths.contains(path) {
            let target = join(root, path)
            if DurableFile.kind(target) == .file, unlink(target) != 0, errno != ENOENT { throw DurableFile.Failure(target, errno: errno) }
        }
        CrashPoint.reach(CrashPoint.reportBeforeManifest)
        try DurableFile.rename(join(staging, manifestName), to: join(root, manifestName))
        for folder in Set(paths.map { (join(root, $0) as NSString).deletingLastPathComponent }) { try DurableFile.syncFolder(folder) }
        try DurableFile.syncFolder(root)
        try DurableFile.removeTree(staging)
    }

    /// Staging folders an interrupted run left in `root`: complete ones are finished, incomplete ones
    /// removed. Only folders that carry Clinic's mark are touched.
    static func recover(_ root: String, log: (String) -> Void) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names.sorted() where name.hasPrefix(stagingPrefix) {
            let staging = join(root, name)
            guard DurableFile.kind(staging) == .folder, DurableFile.kind(join(staging, stagingMark)) == .file else { continue }
            if DurableFile.kind(join(staging, manifestName)) == .file {
                try finish(staging, root: root)
                log("note: \(root): finished putting in place the pack an interrupted run had written")
            } else {
                try DurableFile.removeTree(staging)
                log("note: \(root): removed the unfinished files of an interrupted run (the pack there was not changed)")
            }
        }
    }

    /// The files the pack written last into `root` consists of (its manifest; none without one).
    static func manifest(in root: String) -> [String] { manifestLines(join(root, manifestName)) }

    /// A manifest's lines. Lines that are not a plain relative path inside the folder are ignored, so an
    /// edited manifest cannot point outside it.
    static func manifestLines(_ path: String) -> [String] {
        guard DurableFile.kind(path) == .file, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter(isPlainRelativePath)
    }

    static func isPlainRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            && !path.hasPrefix(".clinic-")
    }

    /// A pack file may go to `path` only if nothing is there, or the file there is one Clinic wrote, and
    /// every folder on the way is a folder.
    static func checkPlace(_ path: String, root: String, owned: Set<String>) throws {
        var walked = root
        let parts = path.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            walked = join(walked, part)
            let kind = DurableFile.kind(walked)
            if i < parts.count - 1 {
                guard kind == .none || kind == .folder else {
                    throw UsageError("\(walked): a file is where the pack's folder \(part)/ would go; move it away or choose another --out (nothing was written)")
                }
            } else if kind == .folder || kind == .other || (kind == .file && !owned.contains(path)) {
                throw UsageError("\(walked): already there and not written by Clinic (not in \(manifestName)); move it away or choose another --out (nothing was written)")
            }
        }
    }

    /// The file at `path` (if there) can be replaced or removed, and its nearest existing folder can be
    /// written: checked before anything is written, so that a rename cannot fail half-way for want of
    /// permission (a read-only or immutable file or folder).
    static func checkWritable(_ path: String, root: String) throws {
        let target = join(root, path)
        if DurableFile.kind(target) == .file, access(target, W_OK) != 0 {
            throw DurableFile.Failure(target, reason: "cannot be replaced (\(String(cString: strerror(errno)))); nothing was changed")
        }
        var folder = (target as NSString).deletingLastPathComponent
        while DurableFile.kind(folder) == .none { folder = (folder as NSString).deletingLastPathComponent }
        if access(folder, W_OK | X_OK) != 0 {
            throw DurableFile.Failure(folder, reason: "cannot be written (\(String(cString: strerror(errno)))); nothing was changed")
        }
    }

    /// An exclusive lock on the folder itself, held until the descriptor is closed (or the process dies).
    static func lockFolder(_ root: String) throws -> Int32 {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DurableFile.Failure(root, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            throw DurableFile.Failure(root, errno: code)
        }
        return fd
    }

    static func syncFolders(under folder: String) throws {
        try DurableFile.syncFolder(folder)
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] where DurableFile.kind(join(folder, name)) == .folder {
            try DurableFile.syncFolder(join(folder, name))
        }
    }

    static func lines(_ paths: [String]) -> Data { Data(paths.map { $0 + "\n" }.joined().utf8) }

    static func join(_ folder: String, _ path: String) -> String { (folder as NSString).appendingPathComponent(path) }
}
