// The detection evaluation behind docs/METHODS.md §12c, printed as the Markdown table there.
//
//   swift run -c release --package-path Benchmarks Evaluation [--sizes 3,4,5] [--replicates 16] [--seed 20261203]
//
// `make evaluate-flags` runs it with the documented settings. Counts, not timings: the same seed gives
// the same table on any machine.
import ClinicApp
import Foundation

var sizes: [Double] = [3, 4, 5], replicates = 16, seed: UInt64 = 20261203
func usage(_ problem: String) -> Never {
    FileHandle.standardError.write(Data("Evaluation: \(problem) (options: --sizes 3,4,5 --replicates 16 --seed 20261203)\n".utf8))
    exit(2)
}
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    guard let value = arguments.next() else { usage("\(argument) needs a value") }
    switch argument {
    case "--sizes":
        sizes = value.split(separator: ",").compactMap { Double($0) }
        if sizes.isEmpty || sizes.contains(where: { $0 <= 0 }) { usage("--sizes takes positive numbers, comma-separated") }
    case "--replicates":
        guard let n = Int(value), n > 0 else { usage("--replicates takes a positive whole number") }
        replicates = n
    case "--seed":
        guard let n = UInt64(value) else { usage("--seed takes a whole number") }
        seed = n
    default: usage("unknown option \(argument)")
    }
}

func format(_ x: Double?, _ style: (Double) -> String) -> String { x.map(style) ?? "–" }
let two = { (x: Double) in String(format: "%.2f", x) }
let percent = { (x: Double) in "\(Int((100 * x).rounded()))%" }
let delay = { (x: Double) in x == x.rounded() ? "\(Int(x))" : String(format: "%.1f", x) }

print("Seed \(seed), \(replicates) events per kind, size and background.\n")
print("| size | kind | recall | precision | median delay | dated ±1 month |")
print("|---|---|---|---|---|---|")
var all = FlagReplayEvaluation.Result()
var offTarget = [String: [String: Int]]()
for size in sizes {
    let r = FlagReplayEvaluation.run(sizes: [size], replicates: replicates, seed: seed &+ UInt64(size * 1000))
    for kind in FlagReplayEvaluation.Kind.allCases {
        let s = r.kinds[kind]!
        let located = kind == .levelShift || kind == .trendChange ? format(s.locatedWithinOneMonth, percent) : "–"
        print("| \(Int(size))σ | \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) | \(format(s.recall, two)) | \(format(s.precision, two)) | \(format(s.medianDelay, delay)) | \(located) |")
    }
    for kind in FlagReplayEvaluation.Kind.allCases {
        for (m, n) in r.kinds[kind]!.offTargetByMethod { offTarget[kind.rawValue, default: [:]][m, default: 0] += n }
    }
    all.cleanMonths += r.cleanMonths
    all.cleanFlags += r.cleanFlags
    for (b, byMethod) in r.cleanFlagsBy { for (m, n) in byMethod { all.cleanFlagsBy[b, default: [:]][m, default: 0] += n } }
}
print("\nFalse flags: \(format(all.falseFlagsPer100, { String(format: "%.1f", $0) })) per 100 clean series-months (\(all.cleanFlags) in \(all.cleanMonths)).")
for background in FlagReplayEvaluation.Background.allCases {
    let byMethod = all.cleanFlagsBy[background] ?? [:]
    let listed: [String] = byMethod.keys.sorted().map { "\($0) \(byMethod[$0]!)" }
    print("On the \(background.rawValue) background: \(listed.isEmpty ? "none" : listed.joined(separator: ", ")).")
}
for kind in FlagReplayEvaluation.Kind.allCases {
    let byMethod = offTarget[kind.rawValue] ?? [:]
    let listed: [String] = byMethod.keys.sorted().map { "\($0) \(byMethod[$0]!)" }
    print("Off target on \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) series: \(listed.isEmpty ? "none" : listed.joined(separator: ", ")).")
}
