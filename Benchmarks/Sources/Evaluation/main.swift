// The detection evaluation behind docs/METHODS.md §12c, printed as the Markdown table there.
//
//   swift run -c release --package-path Benchmarks Evaluation [--sizes 3,4,5] [--replicates 16] [--seed 20261203]
//   swift run -c release --package-path Benchmarks Evaluation --follows [--sizes 4] [--seed 20261203]   (METHODS §6)
//
// `make evaluate-flags` runs it with the documented settings. Counts, not timings: the same seed gives
// the same table on any machine.
import ClinicApp
import Foundation

var sizes: [Double]?, replicates = 16, seed: UInt64 = 20261203, follows = false
func usage(_ problem: String) -> Never {
    FileHandle.standardError.write(Data("Evaluation: \(problem) (options: --sizes 3,4,5 --replicates 16 --seed 20261203, or --follows [--sizes 4] [--seed N])\n".utf8))
    exit(2)
}
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    if argument == "--follows" { follows = true; continue }
    guard let value = arguments.next() else { usage("\(argument) needs a value") }
    switch argument {
    case "--sizes":
        let given = value.split(separator: ",").compactMap { Double($0) }
        if given.isEmpty || given.contains(where: { $0 <= 0 }) { usage("--sizes takes positive numbers, comma-separated") }
        sizes = given
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

// `--follows`: docs/METHODS.md §6, what following a change found in the data does where there is one
// and where there is none (ChangeFollowingEvaluation).
if follows {
    print("Seed \(seed). Clean series cut before their last month (3,000 a background): one-step fits that follow a change,")
    print("and last months outside the 99% range.\n")
    print("| background | follow a change | outside 99%: all | when following | otherwise |")
    print("|---|---|---|---|---|")
    let pct = { (k: Int, n: Int) in n > 0 ? String(format: "%.1f%%", 100 * Double(k) / Double(n)) : "–" }
    var splits = [String]()
    for background in ChangeFollowingEvaluation.Background.allCases {
        let c = ChangeFollowingEvaluation.clean(background, series: 3000, seed: seed)
        print("| \(background.rawValue) | \(pct(c.followed, c.series)) | \(pct(c.outsideWhenFollowed + c.outsideOtherwise, c.series)) | "
              + "\(pct(c.outsideWhenFollowed, c.followed)) | \(pct(c.outsideOtherwise, c.series - c.followed)) |")
        for (spec, split) in c.bySpecification.sorted(by: { $0.key < $1.key }) {
            splits.append("| \(background.rawValue) | \(spec.errors) | \(spec.seasonal ? "yes" : "no") | \(spec.follows ? "yes" : "no") | "
                          + "\(pct(split.series, c.series)) | \(pct(split.outside, split.series)) (\(split.outside)) | "
                          + String(format: "%.2f", split.squaredErrors / Double(split.series)) + " |")
        }
    }
    print("\nThe same one-step fits split by what they chose (METHODS §10): share of series, last months outside the 99% range,")
    print("and the mean squared standardised error (about 1.05 for a calibrated Student t range).\n")
    print("| background | errors | seasonal terms | follows a change | series | outside 99% | mean squared error |")
    print("|---|---|---|---|---|---|---|")
    splits.forEach { print($0) }
    for size in sizes ?? [4] {
        let label = size == size.rounded() ? "\(Int(size))σ" : "\(size)σ"
        print("\nRolling origins (last 12 months; 180 series a background: 60 clean, 60 level shifts and 60 changes of trend of \(label),")
        print("6 to 24 months before the end): MASE, and the share of outcomes inside the 95% range.\n")
        print("| background | h | changed: long-run | one refit | averaged | clean: long-run | one refit | averaged |")
        print("|---|---|---|---|---|---|---|---|")
        var byAge = [String]()
        for background in ChangeFollowingEvaluation.Background.allCases {
            let b = ChangeFollowingEvaluation.backtest(background, series: 180, seed: seed, size: size)
            for h in ChangeFollowingEvaluation.horizons {
                func cells(_ s: ChangeFollowingEvaluation.Scores) -> String {
                    [s.longRun, s.singleRefit, s.averaged].map { String(format: "%.3f (%.0f%%)", $0.mase ?? .nan, 100 * ($0.coverage95 ?? .nan)) }
                        .joined(separator: " | ")
                }
                print("| \(background.rawValue) | \(h) | \(cells(b.changed[h]!)) | \(cells(b.clean[h]!)) |")
                let ages = ChangeFollowingEvaluation.ChangeAge.allCases.map { age -> String in
                    let s = b.changedByAge[age]![h]!
                    return [s.longRun, s.averaged].map { String(format: "%.3f (%.0f%% / %.0f%%)", $0.mase ?? .nan, 100 * ($0.coverage80 ?? .nan),
                                                                100 * ($0.coverage95 ?? .nan)) }.joined(separator: " | ") + " | \(s.averaged.forecasts)"
                }
                byAge.append("| \(background.rawValue) | \(h) | " + ages.joined(separator: " | ") + " |")
            }
        }
        print("\nThe changed series' origins by how much of the change the data hold: MASE (80% / 95% covered), forecasts scored.\n")
        print("| background | h | " + ChangeFollowingEvaluation.ChangeAge.allCases.map { "\($0.rawValue): long-run | averaged | n" }.joined(separator: " | ") + " |")
        print("|---|---|" + String(repeating: "---|", count: 3 * ChangeFollowingEvaluation.ChangeAge.allCases.count))
        byAge.forEach { print($0) }
    }
    exit(0)
}

print("Seed \(seed), \(replicates) events per kind, size and background.\n")
print("| size | kind | recall | precision | median delay | dated ±1 month |")
print("|---|---|---|---|---|---|")
var all = FlagReplayEvaluation.Result()
var offTarget = [String: [String: Int]]()
var recallBy = [String]()
for size in sizes ?? [3, 4, 5] {
    let r = FlagReplayEvaluation.run(sizes: [size], replicates: replicates, seed: seed &+ UInt64(size * 1000))
    for kind in FlagReplayEvaluation.Kind.allCases {
        let s = r.kinds[kind]!
        let located = kind == .levelShift || kind == .trendChange ? format(s.locatedWithinOneMonth, percent) : "–"
        print("| \(Int(size))σ | \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) | \(format(s.recall, two)) | \(format(s.precision, two)) | \(format(s.medianDelay, delay)) | \(located) |")
    }
    for background in FlagReplayEvaluation.Background.allCases {
        let cells = FlagReplayEvaluation.Kind.allCases.map { format(r.kindsBy[background]?[$0]?.recall, two) }
        recallBy.append("| \(Int(size))σ | \(background.rawValue) | \(cells.joined(separator: " | ")) |")
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
print("\nRecall by background (\(replicates) events a cell):\n")
print("| size | background | " + FlagReplayEvaluation.Kind.allCases.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: " | ") + " |")
print("|---|---|" + String(repeating: "---|", count: FlagReplayEvaluation.Kind.allCases.count))
for line in recallBy { print(line) }
print()
for kind in FlagReplayEvaluation.Kind.allCases {
    let byMethod = offTarget[kind.rawValue] ?? [:]
    let listed: [String] = byMethod.keys.sorted().map { "\($0) \(byMethod[$0]!)" }
    print("Off target on \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) series: \(listed.isEmpty ? "none" : listed.joined(separator: ", ")).")
}
