import Foundation

/// Turns the FILES/INPUT arguments into CSV paths: a file as given, a folder as its `.csv` files
/// (sorted, not recursive). A path that does not exist is a usage error.
enum InputFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        var files = [String]()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageFailure(message: "\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let csvs = names.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
                guard !csvs.isEmpty else { throw UsageFailure(message: "\(path): the folder has no .csv files") }
                files += csvs.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The current calendar month (UTC), the default as-of month.
    static var currentMonth: Month {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Month(year: c.year!, month: c.month!)!
    }

    /// Parses `--as-of YYYY-MM`.
    static func month(_ text: String, option: String) throws -> Month {
        guard case let .month(m) = MonthParser.parse(text) else {
            throw UsageFailure(message: "\(option) expects a month such as 2026-11 (got \"\(text)\")")
        }
        return m
    }
}

import ClinicCore
