import ClinicData
import ClinicIngest
import Foundation

/// Turns FILES/INPUT arguments into the CSV files a command reads.
///
/// A file named on the command line is read whatever it holds (so a malformed file is reported, never
/// skipped). A folder is searched recursively for `.csv` files (sorted by path); among those, a file
/// whose header is not an extract or record table Clinic knows (a NIST dataset, `labels.csv`) is
/// skipped with a note, so that `clinic validate data/` checks what it can. A path that does not exist,
/// or a folder with no CSV file at all, is a ``UsageError``.
public enum InputFiles {
    /// One CSV file to read, and whether it was found by searching a folder.
    public struct Candidate: Equatable, Sendable {
        public let path: String
        public let fromFolder: Bool
    }

    /// The CSV files of `paths`, folders expanded recursively.
    public static func expand(_ paths: [String]) throws -> [Candidate] {
        var files = [Candidate]()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(Candidate(path: path, fromFolder: false))
                continue
            }
            let names: [String]
            do { names = try fm.subpathsOfDirectory(atPath: path) } catch {
                throw UsageError("\(path): the folder cannot be read (\(error.localizedDescription))")
            }
            let csvs = names.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
            guard !csvs.isEmpty else { throw UsageError("\(path): the folder has no .csv files") }
            files += csvs.map { Candidate(path: (path as NSString).appendingPathComponent($0), fromFolder: true) }
        }
        return files
    }

    /// Whether a reading found in a folder should be skipped: its header is not one Clinic reads.
    public static func isNotAnExtract(_ reading: ExtractReading, _ candidate: Candidate) -> Bool {
        candidate.fromFolder && reading.format == nil && reading.diagnostics.contains { $0.code == "unrecognised_format" }
    }

    /// The note for a skipped file.
    public static func skippedNote(_ path: String) -> String {
        "note: \(path): skipped: not a monthly extract or record table (its header is not one Clinic reads)"
    }

    /// The current calendar month (UTC), the default as-of month.
    public static var currentMonth: Month {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Month(year: c.year!, month: c.month!)!
    }

    /// Parses a month option such as `--as-of 2026-11`.
    public static func month(_ text: String, option: String) throws -> Month {
        guard case let .month(m) = MonthParser.parse(text) else {
            throw UsageError("\(option) expects a month such as 2026-11 (got \"\(text)\")")
        }
        return m
    }
}
