import Foundation

/// Paths of the shared test fixtures in Tests/Fixtures/, read in place (no resource bundles, no copies).
///
/// `nist/` NIST StRD linear datasets with certified values (JSON), `its/` the Sicily smoking-ban series
/// with R and statsmodels results, `rlm/` statsmodels RLM results, `dfe/` published DfE tables,
/// `records/` small SSDA903 and CIN record files, `cli/` extracts for the end-to-end tests. Each
/// folder's README or generating script says where its numbers come from.
public enum Fixtures {
    /// The repository's Tests/Fixtures folder.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository's root folder.
    public static let repository = folder.deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<relative>`.
    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// The files of `Tests/Fixtures/<relative>` with extension `ext`, sorted by name.
    public static func files(in relative: String, extension ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(relative).path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted().map { url(relative).appendingPathComponent($0) }
    }
}
