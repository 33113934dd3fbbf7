import Foundation
import Testing

/// `clinic simulate` end to end: reproducible from its seed, records and aggregates consistent, and the
/// dynamics the issue asks for visible in the output.
@Suite("clinic simulate")
struct SimulateCommandTests {
    static let arguments = ["--months", "48", "--start", "2021-01", "--records", "--seed", "42"]

    func simulate(_ extra: [String] = []) throws -> URL {
        let dir = try ClinicProcess.temporaryFolder()
        let result = try ClinicProcess.run(["simulate", "--out", dir.path] + Self.arguments + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    func read(_ url: URL, _ path: String) throws -> String { try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8) }

    /// metric → month → value from a long CSV (area,metric,month,value,status).
    func table(_ csv: String) -> [String: [String: Double]] {
        var out = [String: [String: Double]]()
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let v = Double(f[3]) { out[f[1], default: [:]][f[2]] = v }
        }
        return out
    }

    @Test func sameSeedSameFilesAndDifferentSeedDifferentFiles() throws {
        let a = try simulate(), b = try simulate(), c = try simulate(["--seed", "43"])
        for path in ["aggregates/monthly.csv", "labels.csv", "clinic.toml", "records/E99999999/episodes_2022.csv", "records/E99999999/cin_referrals.csv"] {
            #expect(try read(a, path) == read(b, path), "\(path)")
        }
        #expect(try read(a, "aggregates/monthly.csv") != read(c, "aggregates/monthly.csv"))
    }

    @Test func recordsAndAggregatesTellTheSameStoryWithTheInjectedEvents() throws {
        let dir = try simulate()
        // The aggregates are what `clinic series` derives from the record files.
        // No --from: the record files cover complete collection years (the simulation starts in January,
        // so its first, partial year has no file), the same months as the aggregates.
        let derived = try ClinicProcess.run(["series", "records/E99999999", "--config", "clinic.toml", "--as-of", "2024-12"], in: dir)
        #expect(derived.status == 0, "\(derived.stderr)")
        let aggregates = table(try read(dir, "aggregates/monthly.csv")), fromRecords = table(derived.stdout)
        for metric in ["lac", "lac_starts", "lac_uasc", "lac_ceased", "ppo", "missing_incidents", "referrals", "re_referrals_pct"] {
            #expect(aggregates[metric] == fromRecords[metric], "\(metric)")
        }
        #expect(derived.stderr.contains("episodes appeared in more than one file and were merged"))
        let labels = try read(dir, "labels.csv")
        #expect(labels.contains("E99999999,lac_starts,2022-04,level_shift,0.75,"))
        #expect(labels.contains("E99999999,referrals,2024-03,spike,1.6,"))
        // The change in a flow: unaccompanied asylum seekers among older entrants, named as explain names flows.
        #expect(labels.contains("E99999999,start:uasc,2022-02,level_shift,2.0,"))
        // Every UASC child is in the Header, with the same DOB, and the status ends on the 18th birthday.
        let header = Dictionary(try read(dir, "records/E99999999/header.csv").split(separator: "\n").dropFirst().map {
            let f = $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[2])
        }, uniquingKeysWith: { a, _ in a })
        let uasc = try read(dir, "records/E99999999/uasc.csv").split(separator: "\n").dropFirst()
        #expect(uasc.count > 20)
        for line in uasc {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(header[f[0]] == f[2], "\(line)")
            #expect(f[3].isEmpty || f[3].prefix(6) == f[2].prefix(6) && Int(f[3].suffix(4))! == Int(f[2].suffix(4))! + 18, "\(line)")
        }
        // The spike: March 2024 well above February and April.
        let referrals = aggregates["referrals"]!
        #expect(referrals["2024-03"]! > 1.3 * (referrals["2024-02"]! + referrals["2024-04"]!) / 2)
        // School holidays: August below the year's average.
        let august = ["2021-08", "2022-08", "2023-08", "2024-08"].map { referrals[$0]! }.reduce(0, +) / 4
        #expect(august < referrals.values.reduce(0, +) / Double(referrals.count))
        // Police protection is a small share of starts.
        let ppo = aggregates["ppo"]!.values.reduce(0, +), starts = aggregates["lac_starts"]!.values.reduce(0, +)
        #expect(ppo > 0.02 * starts && ppo < 0.12 * starts)
        // Missing incidents only for children aged 12 or more (the Missing table carries the DOB).
        for line in try read(dir, "records/E99999999/missing.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let dob = f[1].split(separator: "/").map { Int($0)! }, start = f[3].split(separator: "/").map { Int($0)! }
            let age = start[2] - dob[2] - ((start[1], start[0]) < (dob[1], dob[0]) ? 1 : 0)
            #expect(age >= 12, "\(line)")
        }
    }

    @Test func severalAreasAndUsageErrors() throws {
        let dir = try ClinicProcess.temporaryFolder()
        let result = try ClinicProcess.run(["simulate", "--out", dir.path, "--areas", "3", "--months", "24", "--start", "2023-01"])
        #expect(result.status == 0 && result.stdout.contains("3 authorities"))
        let areas = Set(try read(dir, "aggregates/monthly.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] })
        #expect(areas == ["E99990001", "E99990002", "E99990003"])
        #expect(try ClinicProcess.run(["simulate", "--out", dir.path, "--months", "3"]).status == 2)
        #expect(try ClinicProcess.run(["simulate"]).status == 2)
    }

    /// Starts the command accepted crashed the simulator (SIGILL in `Day.adding(years:)` and in its day
    /// picker): a window whose dates would fall outside 1900–2100 is a usage error that gives the range,
    /// and the first and last windows inside it run.
    @Test func windowsOutsideTheDatesClinicReadsAreUsageErrors() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (start, months) in [("2090-01", "24"), ("1901-01", "180"), ("1923-12", "12"), ("2081-02", "24")] {
            let result = try ClinicProcess.run(["simulate", "--out", folder.appendingPathComponent(start).path, "--start", start, "--months", months])
            #expect(result.status == 2, "\(start): \(result.status) \(result.stderr.prefix(300))")
            #expect(result.stderr.contains("a simulation must lie between 1924-01 and 2082-12"), "\(start): \(result.stderr.prefix(300))")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(start).path))
        }
        for (start, months) in [("1924-01", "12"), ("2081-01", "24")] {
            let result = try ClinicProcess.run(["simulate", "--out", folder.appendingPathComponent(start).path, "--start", start, "--months", months,
                                                "--records"])
            #expect(result.status == 0, "\(start): \(result.stderr.prefix(300))")
        }
    }
}
