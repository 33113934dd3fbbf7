import ClinicData
import Foundation

/// Puts a rendered pack's files into an output folder that may hold other people's files.
///
/// Clinic owns only what it wrote there: the folder's `.clinic-pack-manifest` lists the pack's files,
/// one relative path a line. A run writes every file into a staging folder inside the output folder
/// first, then renames each into place, removes the files of the previous pack that the new one no
/// longer has (only those the manifest lists), and writes the new manifest. A file Clinic did not write
/// is never replaced or removed: one where the pack would go is an error that names it, before
/// anything is written.
enum PackWriter {
    static let manifestName = ".clinic-pack-manifest"
    static let stagingPrefix = ".clinic-staging-"

    /// Writes `files` (paths relative to `out`) into the folder `out`, created if needed.
    static func write(_ files: [(path: String, contents: Data)], to out: String) throws {
        let root = out
        switch DurableFile.kind(root) {
        case .none, .folder: break
        case .file, .other: throw UsageError("--out \(out): not a folder (a file is there); give a folder to write the pack into")
        }
        let created = DurableFile.kind(root) == .none
        do {
            try DurableFile.makeFolder(root)
        } catch let failure as DurableFile.Failure {
            throw Diagnostic(file: failure.path, code: "pack_not_written", message: "the pack cannot be written: \(failure.reason)")
        }
        let owned = Set(manifest(in: root))
        let paths = files.map(\.path)
        for path in paths { try checkPlace(path, root: root, owned: owned) }

        let staging = (root as NSString).appendingPathComponent(stagingPrefix + UUID().uuidString)
        do {
            try DurableFile.makeFolder(staging)
            for file in files {
                let staged = (staging as NSString).appendingPathComponent(file.path)
                try DurableFile.makeFolder((staged as NSString).deletingLastPathComponent)
                try DurableFile.write(file.contents, to: staged)
            }
            let listing = (staging as NSString).appendingPathComponent(manifestName)
            try DurableFile.write(Data(paths.sorted().map { $0 + "\n" }.joined().utf8), to: listing)
            for path in paths {
                let target = (root as NSString).appendingPathComponent(path)
                try DurableFile.makeFolder((target as NSString).deletingLastPathComponent)
                try DurableFile.rename((staging as NSString).appendingPathComponent(path), to: target)
            }
            for stale in owned.subtracting(paths) where DurableFile.kind((root as NSString).appendingPathComponent(stale)) == .file {
                try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(stale))
            }
            try DurableFile.rename(listing, to: (root as NSString).appendingPathComponent(manifestName))
            try DurableFile.syncFolder(root)
            try? FileManager.default.removeItem(atPath: staging)
        } catch let failure as DurableFile.Failure {
            try? FileManager.default.removeItem(atPath: staging)
            if created { rmdir(root) }
            throw Diagnostic(file: failure.path, code: "pack_not_written", message: "the pack cannot be written: \(failure.reason)")
        }
    }

    /// The files the pack written last into `root` consists of (its manifest; none without one). Lines
    /// that are not a plain relative path inside the folder are ignored, so an edited manifest cannot
    /// point outside it.
    static func manifest(in root: String) -> [String] {
        let path = (root as NSString).appendingPathComponent(manifestName)
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
            walked = (walked as NSString).appendingPathComponent(part)
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
}
