// swift-tools-version: 6.2
//
// Clinic: performance analysis for children's services.
//
// Capability modules whose dependencies run one way (docs/ARCHITECTURE.md has the picture):
//
//   ClinicNumerics → ClinicData → ClinicIngest → ClinicMeasures
//                              ↘ ClinicModels → ClinicDetection → ClinicReports
//                              ↘ ClinicSimulation        ClinicIngest → ClinicStore
//   all of them → ClinicApp (inputs, settings, one pipeline per command) → clinic (flags, print, exit codes)
//
// The main package stays light: benchmarks live in Benchmarks/Package.swift.

import PackageDescription

/// Our own targets treat every compiler warning as an error (dependencies are not affected).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Clinic",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clinic", targets: ["clinic"]),
        // The libraries, for the benchmarks package and for anyone embedding Clinic.
        .library(name: "ClinicNumerics", targets: ["ClinicNumerics"]),
        .library(name: "ClinicData", targets: ["ClinicData"]),
        .library(name: "ClinicIngest", targets: ["ClinicIngest"]),
        .library(name: "ClinicMeasures", targets: ["ClinicMeasures"]),
        .library(name: "ClinicModels", targets: ["ClinicModels"]),
        .library(name: "ClinicSimulation", targets: ["ClinicSimulation"]),
        .library(name: "ClinicDetection", targets: ["ClinicDetection"]),
        .library(name: "ClinicReports", targets: ["ClinicReports"]),
        .library(name: "ClinicStore", targets: ["ClinicStore"]),
        .library(name: "ClinicApp", targets: ["ClinicApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System library over OpenBLAS (cblas.h) and LAPACKE (lapacke.h). Not a product: only
        // ClinicNumerics imports it, so no other module sees a raw BLAS/LAPACK type.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // System library over libxlsxwriter (xlsxwriter.h): only ClinicReports' PackWorkbook uses it.
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Linear algebra (Matrix, BLAS, pivoted QR, refined least squares), distributions, medians,
        // parallel loops. Knows nothing of months, files or children.
        .target(name: "ClinicNumerics", dependencies: ["CLapack"], swiftSettings: strict),

        // seeds/*.csv compiled in at build time: the CSV files are the one source of truth.
        .executableTarget(name: "SeedEmbed", swiftSettings: strict),
        .plugin(name: "SeedEmbedderPlugin", capability: .buildTool(), dependencies: ["SeedEmbed"],
                path: "Sources/SeedEmbedderPlugin"),
        .target(name: "ClinicSeeds", swiftSettings: strict, plugins: ["SeedEmbedderPlugin"]),

        // The shared vocabulary: Month, Day, SeriesKey, Series, Panel, metric definitions, Diagnostic.
        .target(name: "ClinicData", dependencies: ["ClinicNumerics", "ClinicSeeds"], swiftSettings: strict),
        // CSV bytes → validated series: tokenizer, month and value parsing, format detection,
        // aggregate extracts, record tables, quarantine.
        .target(name: "ClinicIngest", dependencies: ["ClinicData", "ClinicNumerics"], swiftSettings: strict),
        // SSDA903 and CIN record tables → monthly measures; code lists; populations and rates.
        .target(name: "ClinicMeasures", dependencies: ["ClinicIngest", "ClinicData", "ClinicSeeds", "ClinicNumerics"], swiftSettings: strict),
        // Statistical models: OLS (single and batched), robust, Poisson GLM, the trend model, forecasts.
        .target(name: "ClinicModels", dependencies: ["ClinicData", "ClinicNumerics"], swiftSettings: strict),
        // A fictional authority child by child (record files as text) with known injected events.
        .target(name: "ClinicSimulation", dependencies: ["ClinicData", "ClinicNumerics"], swiftSettings: strict),
        // What changed: SPC charts (Making Data Count, as NHSRplotthedots computes them); flags follow.
        .target(name: "ClinicDetection", dependencies: ["ClinicModels", "ClinicNumerics", "ClinicData"], swiftSettings: strict),
        // All wording and formatting: sentences, text summaries, JSON, CSV, SVG charts and the pack
        // (HTML and Markdown through Mustache templates, Excel through libxlsxwriter). Never computes statistics.
        .target(name: "ClinicReports",
                dependencies: ["ClinicDetection", "ClinicModels", "ClinicMeasures", "ClinicIngest", "ClinicData", "CXlsxWriter",
                               .product(name: "Mustache", package: "swift-mustache")],
                swiftSettings: strict),
        // The embedded store (SQLite via GRDB): extracts, observations with their revision history.
        .target(name: "ClinicStore",
                dependencies: ["ClinicIngest", "ClinicData", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),
        // What each command does: inputs from files, folders or the store, clinic.toml into typed
        // settings, merging, and the pipelines (validate, ingest, series, fit, simulate, regress).
        .target(
            name: "ClinicApp",
            dependencies: [
                "ClinicNumerics", "ClinicData", "ClinicIngest", "ClinicMeasures", "ClinicModels", "ClinicDetection",
                "ClinicSimulation", "ClinicReports", "ClinicStore", .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // The command-line tool: parse flags, call ClinicApp, print, map errors to exit codes.
        .executableTarget(
            name: "clinic",
            dependencies: ["ClinicApp", "ClinicData", "ClinicNumerics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict,
            // mimalloc replaces the C library's malloc for the whole process (docs/performance.md, "The
            // allocator"): a national fit makes millions of short-lived blocks.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),

        // Test support shared by the test targets: fixture paths, the NIST loader, seeded generators.
        .target(name: "ClinicTestSupport", path: "Tests/ClinicTestSupport",
                swiftSettings: strict),
        .testTarget(name: "ClinicNumericsTests", dependencies: ["ClinicNumerics", "ClinicTestSupport"], swiftSettings: strict),
        .testTarget(name: "ClinicIngestTests", dependencies: ["ClinicIngest", "ClinicData", "ClinicNumerics", "ClinicTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ClinicMeasuresTests",
                    dependencies: ["ClinicMeasures", "ClinicIngest", "ClinicData", "ClinicSeeds", "ClinicTestSupport"], swiftSettings: strict),
        .testTarget(name: "ClinicModelsTests", dependencies: ["ClinicModels", "ClinicData", "ClinicNumerics", "ClinicIngest", "ClinicReports", "ClinicSimulation",
                                                         "ClinicTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ClinicReportsTests", dependencies: ["ClinicReports", "ClinicModels", "ClinicData", "ClinicTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ClinicDetectionTests", dependencies: ["ClinicDetection", "ClinicModels", "ClinicData", "ClinicReports", "ClinicApp", "ClinicTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ClinicStoreTests", dependencies: ["ClinicStore", "ClinicIngest", "ClinicData", "ClinicTestSupport"], swiftSettings: strict),
        // End-to-end: runs the built `clinic` binary on real files.
        .testTarget(
            name: "ClinicCLITests",
            dependencies: ["clinic", "ClinicNumerics", "ClinicStore", "ClinicTestSupport"],
            swiftSettings: strict
        ),
    ]
)
