import Foundation
import PackagePlugin

/// Compiles the repository's seeds/*.csv into the target it is applied to (ClinicSeeds): on every build
/// it runs `SeedEmbed` with the CSV files as inputs, so editing a seed rebuilds what depends on it.
@main
struct SeedEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "seeds")
        let seeds = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "csv" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSeeds.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(seeds.count) seed tables",
                executable: try context.tool(named: "SeedEmbed").url,
                arguments: [output.path] + seeds.map(\.path),
                inputFiles: seeds,
                outputFiles: [output]
            ),
        ]
    }
}
