// swift-tools-version: 6.1
//
// Clinic: performance analysis for children's services.
// The main package stays light: benchmarks live in Benchmarks/Package.swift.

import PackageDescription

let package = Package(
    name: "Clinic",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ClinicCore", targets: ["ClinicCore"]),
        .library(name: "ClinicStore", targets: ["ClinicStore"]),
        .library(name: "ClinicReports", targets: ["ClinicReports"]),
        .executable(name: "clinic", targets: ["clinic"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // System library over OpenBLAS (cblas.h) and LAPACKE (lapacke.h). Not a product:
        // nothing outside ClinicCore sees a raw BLAS/LAPACK type.
        .systemLibrary(
            name: "CLapack",
            path: "Sources/CLapack",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // The numeric core: linear algebra, models, distributions, CSV ingest. No database, no templates.
        .target(
            name: "ClinicCore",
            dependencies: ["CLapack"]
        ),
        // The embedded store (SQLite via GRDB): extracts, observations with their revision history.
        .target(
            name: "ClinicStore",
            dependencies: ["ClinicCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Formatting of what ClinicCore computed: JSON, text tables. Never recomputes statistics.
        .target(
            name: "ClinicReports",
            dependencies: ["ClinicCore"]
        ),
        // The command-line tool: parse flags, call the libraries, print, map errors to exit codes.
        .executableTarget(
            name: "clinic",
            dependencies: [
                "ClinicCore",
                "ClinicStore",
                "ClinicReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .testTarget(
            name: "ClinicCoreTests",
            dependencies: ["ClinicCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ClinicStoreTests",
            dependencies: ["ClinicStore"]
        ),
        // End-to-end: runs the built `clinic` binary on real files.
        .testTarget(
            name: "ClinicCLITests",
            dependencies: ["clinic", "ClinicStore"],
            exclude: ["Fixtures"]                      // read in place through #filePath
        ),
    ]
)
