import ClinicNumerics
import ClinicData
import ClinicIngest
import ClinicMeasures
import ClinicReports
import ClinicSimulation
import Foundation

/// `clinic simulate`: a fictional authority (or several) child by child, written as SSDA903 and CIN
/// record files, the monthly aggregates derived from them exactly as `clinic series` derives them,
/// `labels.csv` with the injected events, and a `clinic.toml` with the authority and its intervention.
public enum SimulationJob {
    /// Writes the files under `out` and returns a one-line summary.
    public static func run(out: String, seed: UInt64, months: Int, start first: Month, areas: Int, records: Bool) throws -> String {
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
            var set = ChildRecords(), files = [(source: CSVSource, kind: RecordFileKind)]()
            func add(_ text: String, _ name: String, _ kind: RecordFileKind) throws {
                files.append((try CSVSource(data: Data(text.utf8), file: name), kind))
            }
            // Record files for complete collection years only (and the year in progress at the end): a
            // return for a year the simulation starts part-way through would claim months it does not cover.
            let firstYear = CollectionYears.firstComplete(from: first)
            let episodeFiles = output.episodesByYear.filter { $0.key >= firstYear }.sorted { $0.key < $1.key }
            try add(output.header, "header.csv", .ssda903Header)
            for (year, text) in episodeFiles { try add(text, "episodes_\(year).csv", .ssda903Episodes) }
            try add(output.missing, "missing.csv", .ssda903Missing)
            try add(output.referrals, "cin_referrals.csv", .cinReferrals)
            try add(output.uasc, "uasc.csv", .ssda903UASC)
            try set.add(files)
            allSeries += RecordMeasures.monthly(set, area: p.code, through: first.advanced(by: months - 1)).series
            labels += output.labels.split(separator: "\n").dropFirst().map { "\(p.code),\($0)\n" }.joined()
            if records {
                let folder = ((out as NSString).appendingPathComponent("records") as NSString).appendingPathComponent(p.code)
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                func write(_ text: String, _ name: String) throws {
                    try text.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
                try write(output.header, "header.csv")
                for (year, text) in episodeFiles { try write(text, "episodes_\(year).csv") }
                try write(output.missing, "missing.csv")
                try write(output.referrals, "cin_referrals.csv")
                try write(output.uasc, "uasc.csv")
            }
            if k == 0 {
                let event = p.events.first { $0.kind == .levelShift && $0.metric == "lac_starts" }
                let toml = """
                    # Written by clinic simulate --seed \(seed): the simulated authority, its intervention and
                    # two targets (re-referrals near England's 22%, referrals closed with no further action).
                    [authority]
                    name = "\(p.name)"
                    code = "\(p.code)"
                    \(event.map { "\n[[intervention]]\nlabel = \"the edge-of-care service\"\nmonth = \"\($0.month)\"\neffect = \"both\"\nmetrics = [\"lac\", \"lac_starts\"]\n" } ?? "")
                    [[target]]
                    metric = "re_referrals_pct"
                    value = 20
                    amber_percent = 10

                    [[target]]
                    metric = "referrals_nfa_pct"
                    value = 8

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
        return "\(out): \(areas) authorit\(areas == 1 ? "y" : "ies"), \(months) months from \(first), \(allSeries.count) series\(records ? ", record files" : "")"
    }
}
