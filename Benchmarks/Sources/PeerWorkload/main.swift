import ClinicCore
import Foundation
import Workloads

// Usage: PeerWorkload OUT_DIR [SERIES] [MONTHS] [REPEATS]
// Generates the trend workload, times Clinic's batched fit on it (REPEATS runs), writes the design
// and responses as raw little-endian float64 (column-major) plus Clinic's results for checking, and
// prints the timings as JSON on stdout.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: PeerWorkload OUT_DIR [SERIES] [MONTHS] [REPEATS]\n".utf8))
    exit(2)
}
let out = URL(fileURLWithPath: arguments[1])
let series = arguments.count > 2 ? Int(arguments[2])! : 60_000
let months = arguments.count > 3 ? Int(arguments[3])! : 120
let repeats = arguments.count > 4 ? Int(arguments[4])! : 15

let workload = TrendWorkload(series: series, months: months)
var times = [Double]()
var fit: BatchedLinearFit!
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    fit = try BatchedLinearModel.fit(workload.design, responses: workload.responses)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func write(_ values: [Double], _ name: String) throws {
    try values.withUnsafeBytes { try Data($0).write(to: out.appendingPathComponent(name)) }
}
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
try write(workload.design.matrix.storage, "design.f64")
try write(workload.responses.storage, "responses.f64")
try write(fit.coefficients.storage, "clinic_coefficients.f64")
try write(fit.residualStandardErrors, "clinic_sigma.f64")

let sorted = times.sorted()
let report: [String: Any] = [
    "series": series, "months": months, "terms": workload.design.terms.count,
    "repeats": repeats, "best_s": sorted[0], "median_s": sorted[sorted.count / 2],
    "openblas_threads": BLAS.threadCount,
]
print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
