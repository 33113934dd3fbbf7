// swift-tools-version: 6.1
//
// Clinic's benchmarks, kept out of the main package so that its build stays light.
//   swift package benchmark                  package-benchmark suites (Benchmarks/*)
//   python3 bench_check.py                   the speed guard: this tree against main (make bench-check)
//   python3 Peers/compare.py                 Clinic against the strongest peers in one run (make bench-peers)

import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was
// cloned; derive it rather than hard-coding it.
let clinicRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let clinicIdentity = clinicRoot.lastPathComponent

let package = Package(
    name: "ClinicBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic generated workloads shared by the benchmarks and the peer comparison.
        .target(
            name: "Workloads",
            dependencies: [
                .product(name: "ClinicNumerics", package: clinicIdentity),
                .product(name: "ClinicData", package: clinicIdentity),
                .product(name: "ClinicIngest", package: clinicIdentity),
                .product(name: "ClinicModels", package: clinicIdentity),
                .product(name: "ClinicSimulation", package: clinicIdentity),
            ]
        ),
        // What every suite records and how long it runs (`CLINIC_BENCH_QUICK` for `make bench-check`).
        .target(name: "SuiteSettings", dependencies: [.product(name: "Benchmark", package: "benchmark")]),
        .executableTarget(
            name: "LeastSquares",
            dependencies: [
                "Workloads", "SuiteSettings",
                .product(name: "ClinicNumerics", package: clinicIdentity),
                .product(name: "ClinicModels", package: clinicIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LeastSquares",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Ingest",
            dependencies: [
                "Workloads", "SuiteSettings",
                .product(name: "ClinicData", package: clinicIdentity),
                .product(name: "ClinicIngest", package: clinicIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Ingest",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Pack",
            dependencies: [
                "Workloads", "SuiteSettings",
                .product(name: "ClinicApp", package: clinicIdentity),
                .product(name: "ClinicReports", package: clinicIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Pack",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Records",
            dependencies: [
                "Workloads", "SuiteSettings",
                .product(name: "ClinicData", package: clinicIdentity),
                .product(name: "ClinicIngest", package: clinicIdentity),
                .product(name: "ClinicMeasures", package: clinicIdentity),
                .product(name: "ClinicModels", package: clinicIdentity),
                .product(name: "ClinicApp", package: clinicIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Records",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "National",
            dependencies: [
                "Workloads", "SuiteSettings",
                .product(name: "ClinicApp", package: clinicIdentity),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/National",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The detection evaluation of docs/METHODS.md §12c (`make evaluate-flags`).
        .executableTarget(name: "Evaluation", dependencies: [.product(name: "ClinicApp", package: clinicIdentity)]),
        // Times Clinic on a workload and writes the same data for a peer (numpy) to time.
        .executableTarget(
            name: "PeerWorkload",
            dependencies: [
                "Workloads",
                .product(name: "ClinicNumerics", package: clinicIdentity),
                .product(name: "ClinicData", package: clinicIdentity),
                .product(name: "ClinicIngest", package: clinicIdentity),
                .product(name: "ClinicMeasures", package: clinicIdentity),
                .product(name: "ClinicModels", package: clinicIdentity),
                .product(name: "ClinicSimulation", package: clinicIdentity),
                .product(name: "ClinicReports", package: clinicIdentity),
                .product(name: "ClinicApp", package: clinicIdentity),
            ]
        ),
    ]
)
