import ClinicCore
import ClinicStore
import Foundation

/// The monthly series a command works on: read from CSV files and folders (INPUT...), or from the
/// store (`--db PATH`). Several files are combined in the order given: where two give the same series
/// and month, the later one wins, as a later extract revises an earlier one in the store. SSDA903 and
/// CIN record files are read together (several years' files at once) and turned into the derived
/// monthly measures, under the area code `area`. Rates per 10,000 children are added for `lac` and
/// `referrals` where the area's 0–17 population is known (seeds/population_0_17.csv).
enum SeriesInput {
    struct Loaded {
        var series: [Series]
        /// Whether any input had errors (their diagnostics went to stderr).
        var hadErrors: Bool
    }

    static func load(files: [String], db: String?, asOf: Month, area: String = "", from: Month? = nil) throws -> Loaded {
        if files.isEmpty {
            guard let db else { throw UsageFailure(message: "give CSV files or folders, or --db PATH") }
            guard FileManager.default.fileExists(atPath: db) else { throw UsageFailure(message: "\(db): no such database") }
            do {
                let panel = try ClinicDatabase(path: db).panel()
                return Loaded(series: withRates((0..<panel.keys.count).map(panel.series)), hadErrors: false)
            } catch {
                throw Diagnostic(file: db, code: "database_error", message: "cannot be read: \(error)")
            }
        }
        if db != nil { throw UsageFailure(message: "give either input files or --db, not both") }
        let reader = AggregateReader(asOf: asOf)
        var hadErrors = false
        var merged = [SeriesKey: [Month: (Double, ObservationStatus, String?)]]()
        var records = ChildRecords()
        var sawRecords = false
        var derived = [Series]()
        for path in try InputFiles.expand(files) {
            let reading = reader.read(path: path)
            for d in reading.diagnostics { ExitStatus.writeError(d.description) }
            hadErrors = hadErrors || reading.hasErrors
            if case let .recordFile(kind)? = reading.format {
                records.add(try CSVTable(contentsOf: path), kind: kind)
                sawRecords = true
                continue
            }
            for s in reading.series() {
                for (offset, status) in s.status.enumerated() where status != .missing || !s.values[offset].isNaN {
                    merged[s.key, default: [:]][s.start.advanced(by: offset)] = (s.values[offset], status, s.markers[offset])
                }
                if merged[s.key] == nil { merged[s.key] = [:] }
            }
        }
        if sawRecords {
            for d in records.diagnostics { ExitStatus.writeError(d.description) }
            hadErrors = hadErrors || records.diagnostics.contains { $0.severity == .error }
            if records.mergedEpisodes > 0 {
                ExitStatus.writeError("note: \(records.mergedEpisodes) episode\(records.mergedEpisodes == 1 ? "" : "s") appeared in more than one file and \(records.mergedEpisodes == 1 ? "was" : "were") merged")
            }
            let (measures, notes) = RecordMeasures.monthly(records, area: area, from: from, through: asOf)
            for note in notes { ExitStatus.writeError("note: \(note)") }
            derived = measures
        }
        let series = merged.sorted { $0.key < $1.key }.compactMap { key, months -> Series? in
            guard let first = months.keys.min(), let last = months.keys.max() else { return nil }
            let span = first.distance(to: last) + 1
            var values = [Double](repeating: .nan, count: span), status = [ObservationStatus](repeating: .missing, count: span)
            var markers = [Int: String]()
            for (month, (v, st, marker)) in months {
                let i = first.distance(to: month)
                values[i] = v; status[i] = st
                if let marker { markers[i] = marker }
            }
            return Series(key: key, start: first, values: values, status: status, markers: markers)
        }
        return Loaded(series: withRates(series + derived), hadErrors: hadErrors)
    }

    /// Adds `lac_rate_per_10k` and `referrals_rate_per_10k` for areas whose 0–17 population is in the
    /// seeds, unless the input already has them.
    static func withRates(_ series: [Series]) -> [Series] {
        let present = Set(series.map(\.key))
        let rates = series.compactMap { PopulationTable.standard.ratePerTenThousand($0) }.filter { !present.contains($0.key) }
        return (series + rates).sorted { $0.key < $1.key }
    }
}
