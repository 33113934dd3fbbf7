import ArgumentParser
import ClinicCore
import ClinicReports
import Foundation

/// `clinic simulate --out DIR [--seed N] [--months N] [--areas N] [--records]`
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a realistic fictional authority: child-level records, monthly aggregates, and the events injected.",
        discussion: """
        Simulates children coming into care (ages, legal status, police protection in a small share of \
        starts, short breaks), placement moves, missing incidents among older children, leaving care \
        (home, orders, adoption, at 18), and referrals with winter peaks and a school-holiday dip. Three \
        events are injected with known size — a level shift in entries into care when an edge-of-care \
        service starts (April 2022), a one-month spike in referrals (March 2024), rising missing \
        incidents from June 2019 — and written to labels.csv as ground truth. The same --seed gives the \
        same files.

        Writes DIR/aggregates/monthly.csv (the measures derived from the records, long format), \
        DIR/labels.csv, DIR/clinic.toml (the authority and its intervention) and, with --records, \
        DIR/records/<area>/ with the SSDA903 Header, one Episodes file per collection year (April to \
        March, episodes open across a year end appear in both, as in real returns), Missing, and the CIN \
        referrals table.

        Examples:
          clinic simulate --out sim --records
          clinic simulate --out national --areas 20 --seed 7
        """
    )

    @Option(help: ArgumentHelp("Folder to write (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 20151120

    @Option(help: "Months to simulate from --start.")
    var months = 180

    @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM"))
    var start = "2012-01"

    @Option(help: "Number of authorities (codes E99990001, E99990002, …; one authority is E99999999).")
    var areas = 1

    @Flag(help: "Also write the child-level record files.")
    var records = false

    func validate() throws {
        guard (12...600).contains(months) else { throw ValidationError("--months must be between 12 and 600") }
        guard (1...200).contains(areas) else { throw ValidationError("--areas must be between 1 and 200") }
        guard case .month = MonthParser.parse(start) else { throw ValidationError("--start expects a month such as 2012-01") }
    }

    func run() throws {
        guard case let .month(first) = MonthParser.parse(start) else { return }
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var allSeries = [Series]()
        var labels = ""
        var generator = SplitMix64(seed: seed)
        for k in 0..<areas {
            var p = AuthoritySimulator.Parameters()
            p.start = first
            p.months = months
            if areas > 1 {
                p.code = String(format: "E9999%04d", k + 1)
                p.name = "Fictional Authority \(k + 1)"
                p.population = 30_000 + 90_000 * generator.uniform()
            }
            let output = AuthoritySimulator(parameters: p).run(seed: seed &+ UInt64(k) &* 0x9E37_79B9)
            // The aggregates are the measures derived from the simulated records, as `clinic series` derives them.
            var set = ChildRecords()
            func add(_ text: String, _ name: String, _ kind: RecordFileKind) throws {
                set.add(try CSVTable(bytes: Array(text.utf8), file: name), kind: kind)
            }
            try add(output.header, "header.csv", .ssda903Header)
            for (year, text) in output.episodesByYear.sorted(by: { $0.key < $1.key }) { try add(text, "episodes_\(year).csv", .ssda903Episodes) }
            try add(output.missing, "missing.csv", .ssda903Missing)
            try add(output.referrals, "cin_referrals.csv", .cinReferrals)
            allSeries += RecordMeasures.monthly(set, area: p.code, from: first, through: first.advanced(by: months - 1)).series
            labels += output.labels.split(separator: "\n").dropFirst().map { "\(p.code),\($0)\n" }.joined()
            if records {
                let folder = ((out as NSString).appendingPathComponent("records") as NSString).appendingPathComponent(p.code)
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                func write(_ text: String, _ name: String) throws {
                    try text.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
                try write(output.header, "header.csv")
                for (year, text) in output.episodesByYear { try write(text, "episodes_\(year).csv") }
                try write(output.missing, "missing.csv")
                try write(output.referrals, "cin_referrals.csv")
            }
            if k == 0 {
                let event = p.events.first { $0.kind == .levelShift }
                let toml = """
                    # Written by clinic simulate --seed \(seed): the simulated authority and its intervention.
                    [authority]
                    name = "\(p.name)"
                    code = "\(p.code)"
                    \(event.map { "\n[[intervention]]\nlabel = \"the edge-of-care service\"\nmonth = \"\($0.month)\"\neffect = \"both\"\nmetrics = [\"lac\", \"lac_starts\"]\n" } ?? "")
                    """
                try toml.write(toFile: (out as NSString).appendingPathComponent("clinic.toml"), atomically: true, encoding: .utf8)
            }
        }
        let aggregates = (out as NSString).appendingPathComponent("aggregates")
        try fm.createDirectory(atPath: aggregates, withIntermediateDirectories: true)
        try allSeries.sorted { $0.key < $1.key }.longCSV()
            .write(toFile: (aggregates as NSString).appendingPathComponent("monthly.csv"), atomically: true, encoding: .utf8)
        try ("area,metric,month,event,size,description\n" + labels)
            .write(toFile: (out as NSString).appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        print("\(out): \(areas) authorit\(areas == 1 ? "y" : "ies"), \(months) months from \(first), \(allSeries.count) series\(records ? ", record files" : "")")
    }
}
