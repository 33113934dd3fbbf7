import ClinicData
import ClinicIngest
import ClinicSimulation
import Foundation

/// The SSDA903 workload of DESIGN.md: one simulated authority large enough for about 1.23 M episode rows
/// over ten years (January 2015 to December 2024), as the record files an analyst receives: a header
/// file, a missing-episodes file and one episodes file per year. Generated from a fixed seed and
/// written once per version to the temporary directory (nothing large is committed).
public enum RecordsWorkload {
    public static let start = Month(year: 2015, month: 1)!
    public static let months = 120

    /// Writes the files (when not there yet) and returns each path with its record kind.
    public static func files(population: Double = 12_000_000, seed: UInt64 = 2024) throws -> [(path: String, kind: RecordFileKind)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("clinic-benchmark-records-v2-\(Int(population))-\(seed)")
        let done = folder.appendingPathComponent(".complete")
        if !FileManager.default.fileExists(atPath: done.path) {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var parameters = AuthoritySimulator.Parameters()
            parameters.population = population
            parameters.start = start
            parameters.months = months
            let simulated = AuthoritySimulator(parameters: parameters).run(seed: seed)
            try simulated.header.write(to: folder.appendingPathComponent("header.csv"), atomically: true, encoding: .utf8)
            try simulated.missing.write(to: folder.appendingPathComponent("missing.csv"), atomically: true, encoding: .utf8)
            for (year, text) in simulated.episodesByYear {
                try text.write(to: folder.appendingPathComponent("episodes_\(year).csv"), atomically: true, encoding: .utf8)
            }
            _ = FileManager.default.createFile(atPath: done.path, contents: Data())
        }
        let episodes = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("episodes_") }.sorted()
        return [(folder.appendingPathComponent("header.csv").path, .ssda903Header),
                (folder.appendingPathComponent("missing.csv").path, .ssda903Missing)]
            + episodes.map { (folder.appendingPathComponent($0).path, .ssda903Episodes) }
    }
}
