import ClinicApp
import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicModels
import ClinicNumerics
import ClinicReports
import ClinicSimulation
import Foundation
import Workloads

// Usage:
//   PeerWorkload ols OUT_DIR [SERIES] [MONTHS] [REPEATS]
//     Generates the trend workload, times Clinic's batched fit on it, writes the design and responses as
//     raw little-endian float64 (column-major) plus Clinic's results (coefficients, standard errors,
//     residual SDs) for checking.
//   PeerWorkload robust OUT_DIR [SERIES] [MONTHS] [REPEATS]
//     The same workload through the batched robust (Huber) fit; writes the data and Clinic's estimates.
//   PeerWorkload trends OUT_DIR [REPEATS] [auto|iid|ar1|ar2|arma11] [recent|norecent]
//     Reads the national long CSV and fits a trend model to each of its 14,592 series (TrendModel.fitAll).
//   PeerWorkload flags-evaluation OUT_DIR [REPLICATES] [SEED]
//     Prints the exceptions' evaluation table (FlagEvaluation): recall, precision and false flags per
//     method and event size.
//   PeerWorkload records OUT_DIR [POPULATION] [REPEATS]
//     Simulates an authority of POPULATION children (default 12,000,000: about 1 M episodes) for ten
//     years, writes its record files to OUT_DIR/records, and times reading them into monthly measures;
//     writes the measures to OUT_DIR/clinic_measures.csv for the peer to compare.
//   PeerWorkload records-read OUT_DIR [REPEATS]
//     Times reading the record files a `records` run left in OUT_DIR/records, without simulating them
//     again: so that a process's peak memory (`/usr/bin/time -f %M`) is that of the reading alone.
//   PeerWorkload ingest OUT_DIR [REPEATS]
//     Writes the national long CSV to OUT_DIR/national.csv (unless it is there) and times reading it
//     into a validated Panel; writes the panel's matrix and keys (clinic_panel.f64, clinic_keys.txt).
// Prints the timings as JSON on stdout.
// The kernels `clinic` itself would run (it restarts with faster ones when OpenBLAS fell back to generic).
BLASKernels.reexecutingWithFasterKernelsIfNeeded()
let arguments = CommandLine.arguments
guard arguments.count >= 3, ["ols", "robust", "ingest", "trends", "records", "records-read", "flags-evaluation"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: PeerWorkload ols|robust OUT_DIR [SERIES] [MONTHS] [REPEATS] | ingest OUT_DIR [REPEATS] | trends OUT_DIR [REPEATS] [ERRORS] [recent|norecent] | records OUT_DIR [POPULATION] [REPEATS]\n".utf8))
    exit(2)
}
let out = URL(fileURLWithPath: arguments[2])
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Writes `values` as raw little-endian float64 to OUT_DIR/name.
func write(_ values: [Double], _ name: String) throws {
    try values.withUnsafeBytes { try Data($0).write(to: out.appendingPathComponent(name)) }
}

func report(_ fields: [String: Any]) throws {
    print(String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self))
}

if arguments[1] == "records-read" {
    let repeats = arguments.count > 3 ? Int(arguments[3])! : 3
    let folder = out.appendingPathComponent("records")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
    let files = names.compactMap { name -> (String, RecordFileKind)? in
        name == "header.csv" ? (name, .ssda903Header) : name == "missing.csv" ? (name, .ssda903Missing)
            : name.hasPrefix("episodes_") ? (name, .ssda903Episodes) : nil
    }
    var records = ChildRecords()
    let times = try (0..<repeats).map { _ in
        try seconds {
            records = ChildRecords()
            try records.add(files.map { (try CSVSource(contentsOf: folder.appendingPathComponent($0.0).path), $0.1) })
            let series = RecordMeasures.monthly(records, from: Month(year: 2015, month: 1)!, through: Month(year: 2024, month: 12)!).series
            precondition(!series.isEmpty)
        }
    }.sorted()
    try report(["rows": records.rowsRead, "episodes": records.episodes.count, "repeats": repeats, "best_s": times[0], "median_s": times[times.count / 2]])
} else if arguments[1] == "records" {
    let population = arguments.count > 3 ? Double(arguments[3])! : 12_000_000
    let repeats = arguments.count > 4 ? Int(arguments[4])! : 3
    var parameters = AuthoritySimulator.Parameters()
    parameters.population = population
    parameters.start = Month(year: 2015, month: 1)!
    parameters.months = 120
    let folder = out.appendingPathComponent("records")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let simulated = AuthoritySimulator(parameters: parameters).run(seed: 2024)
    var files: [(String, RecordFileKind)] = [("header.csv", .ssda903Header), ("missing.csv", .ssda903Missing)]
    try simulated.header.write(to: folder.appendingPathComponent("header.csv"), atomically: true, encoding: .utf8)
    try simulated.missing.write(to: folder.appendingPathComponent("missing.csv"), atomically: true, encoding: .utf8)
    for (year, text) in simulated.episodesByYear {
        try text.write(to: folder.appendingPathComponent("episodes_\(year).csv"), atomically: true, encoding: .utf8)
        files.append(("episodes_\(year).csv", .ssda903Episodes))
    }
    var records = ChildRecords()
    var measures = [Series]()
    let times = try (0..<repeats).map { _ in
        try seconds {
            records = ChildRecords()
            try records.add(files.map { (try CSVSource(contentsOf: folder.appendingPathComponent($0.0).path), $0.1) })
            measures = RecordMeasures.monthly(records, from: parameters.start, through: parameters.start.advanced(by: 119)).series
        }
    }.sorted()
    try measures.longCSV().write(to: out.appendingPathComponent("clinic_measures.csv"), atomically: true, encoding: .utf8)
    try report(["episodes": records.episodes.count, "episode_rows": records.rowsRead - simulated.missing.split(separator: "\n").count
                    - simulated.header.split(separator: "\n").count + 2,
                "merged": records.mergedEpisodes, "missing": records.missing.count, "children": records.dateOfBirth.lazy.filter { $0 != nil }.count,
                "repeats": repeats, "best_s": times[0], "median_s": times[times.count / 2]])
} else if arguments[1] == "flags-evaluation" {
    // PeerWorkload flags-evaluation OUT_DIR [REPLICATES] [SEED]: the table of docs/METHODS.md §12b.
    let replicates = arguments.count > 3 ? Int(arguments[3])! : 25
    let seed = arguments.count > 4 ? UInt64(arguments[4])! : 20_261_129
    var lines = ["| method | size | recall | precision | false flags per 100 clean months |", "|---|---|---|---|---|"]
    func f(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "–" }
    var bySize = [Double: [String: FlagEvaluation.Tally]]()
    for size in [1.0, 2, 3, 4, 5] { bySize[size] = FlagEvaluation.run(sizes: [size], replicates: replicates, seed: seed &+ UInt64(size)) }
    for method in FlagEvaluation.methods {
        for size in [1.0, 2, 3, 4, 5] {
            let t = bySize[size]![method]!
            lines.append("| \(method) | \(Int(size))σ | \(f(t.recall, "%.2f")) | \(f(t.precision, "%.2f")) | \(f(t.falseFlagsPer100, "%.2f")) |")
        }
    }
    print(lines.joined(separator: "\n"))
} else if arguments[1] == "trends" {
    let repeats = arguments.count > 3 ? Int(arguments[3])! : 3
    let file = out.appendingPathComponent("national.csv")
    if !FileManager.default.fileExists(atPath: file.path) { try Data(NationalExtract.csv()).write(to: file) }
    let series = AggregateReader(asOf: Month(year: 2026, month: 11)!).read(try CSVSource(contentsOf: file.path)).series()
    // Optional: the error model (auto | iid | ar1 | ar2 | arma11) and "norecent" to skip the recent direction.
    var options = TrendOptions()
    if arguments.count > 4, arguments[4] != "auto", let m = ErrorModel(rawValue: arguments[4]) { options.errorModel = .fixed(m) }
    if arguments.count > 5, arguments[5] == "norecent" { options.recentDirection = false }
    var fits = [TrendFit]()
    let times = (0..<repeats).map { _ in seconds { fits = TrendModel.fitAll(series, options: options) } }.sorted()
    var models = [String: Int]()
    for f in fits { models[f.model.rawValue, default: 0] += 1 }
    try report(["series": series.count, "repeats": repeats, "best_s": times[0], "median_s": times[times.count / 2], "models": models])
} else if arguments[1] == "robust" {
    let series = arguments.count > 3 ? Int(arguments[3])! : 60_000
    let months = arguments.count > 4 ? Int(arguments[4])! : 120
    let repeats = arguments.count > 5 ? Int(arguments[5])! : 3
    let workload = TrendWorkload(series: series, months: months, interventionMonth: months * 3 / 5)
    var fit: BatchedRobustFit!
    let times = try (0..<repeats).map { _ in
        try seconds { fit = try BatchedRobustLinearModel.fit(workload.design, responses: workload.responses, norm: .huber) }
    }.sorted()
    try write(workload.design.matrix.storage, "design.f64")
    try write(workload.responses.storage, "responses.f64")
    try write(fit.coefficients.storage, "clinic_coefficients.f64")
    try write(fit.standardErrors.storage, "clinic_std_errors.f64")
    try report(["series": series, "months": months, "terms": workload.design.terms.count, "repeats": repeats,
                "best_s": times[0], "median_s": times[times.count / 2],
                "mean_iterations": Double(fit.iterations.reduce(0, +)) / Double(series)])
} else if arguments[1] == "ols" {
    let series = arguments.count > 3 ? Int(arguments[3])! : 60_000
    let months = arguments.count > 4 ? Int(arguments[4])! : 120
    let repeats = arguments.count > 5 ? Int(arguments[5])! : 15
    let workload = TrendWorkload(series: series, months: months, interventionMonth: months * 3 / 5)
    var fit: BatchedLinearFit!
    let times = try (0..<repeats).map { _ in try seconds { fit = try BatchedLinearModel.fit(workload.design, responses: workload.responses) } }.sorted()
    try write(workload.design.matrix.storage, "design.f64")
    try write(workload.responses.storage, "responses.f64")
    try write(fit.coefficients.storage, "clinic_coefficients.f64")
    try write(fit.residualStandardErrors, "clinic_sigma.f64")
    try write(fit.standardErrors.storage, "clinic_std_errors.f64")
    try report(["series": series, "months": months, "terms": workload.design.terms.count, "repeats": repeats,
                "best_s": times[0], "median_s": times[times.count / 2], "openblas_threads": BLASThreads.current])
} else {
    let repeats = arguments.count > 3 ? Int(arguments[3])! : 7
    let file = out.appendingPathComponent("national.csv")
    if !FileManager.default.fileExists(atPath: file.path) { try Data(NationalExtract.csv()).write(to: file) }
    let reader = AggregateReader(asOf: Month(year: 2026, month: 11)!)
    var panel: Panel!
    var reading: ExtractReading!
    let times = try (0..<repeats).map { _ in
        try seconds {
            reading = reader.read(try CSVSource(contentsOf: file.path))
            panel = reading.panel()
        }
    }.sorted()
    // The panel's months x series matrix (column-major) and its keys (area, metric, dimension values;
    // tab-separated, one line per column) so that the peer can check that it built the same matrix.
    try write(panel.values.storage, "clinic_panel.f64")
    try panel.keys.map { ([$0.area, $0.metric] + $0.dimensions.map(\.value)).joined(separator: "\t") }
        .joined(separator: "\n").write(to: out.appendingPathComponent("clinic_keys.txt"), atomically: true, encoding: .utf8)
    try report(["rows": reading.summary.rows, "start": panel.start.description, "values": reading.summary.values, "accepted": reading.summary.accepted,
                "errors": reading.diagnostics.filter { $0.severity == .error }.count, "series": panel.keys.count,
                "months": panel.months, "file_bytes": (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0,
                "repeats": repeats, "best_s": times[0], "median_s": times[times.count / 2]])
}
