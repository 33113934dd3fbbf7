import ClinicData
import ClinicNumerics
import Foundation

/// Trend designs shared by the series of one batch fit, so that 14,592 national series on the same
/// months hold a handful of designs between them, not one each (each design is `rows × terms` values
/// in extended precision, about 27 KB for 14 years with month dummies; held per series they were most
/// of `clinic flags`' memory).
///
/// A design is a pure function of its key, so a shared one is the very design the series would have
/// built: fits are bitwise the same. Safe to use from several threads; two threads may build the same
/// design at once, and the first stored is the one every later lookup gets.
final class DesignCache: @unchecked Sendable {
    struct Key: Hashable {
        let start: Month
        let months: Int
        let seasonality: Seasonality
        let interventions: [Intervention]
    }

    private struct ObservedKey: Hashable {
        let design: Key
        let rows: [Int]
    }

    /// The seasonality choice's factor of one candidate design on one set of observed rows (see
    /// ``TrendModel/chooseSeasonality(series:rows:y:interventions:designs:)``): the pivoted QR of the
    /// column-equilibrated design and its numerical rank; nil when the design cannot be factored.
    struct SeasonalityFactor: Sendable {
        let qr: PivotedQR
        let rank: Int
    }

    private let lock = NSLock()
    private var trends: [Key: TrendDesign] = [:]
    private var observed: [ObservedKey: DesignMatrix] = [:]
    private var factors: [ObservedKey: SeasonalityFactor?] = [:]
    /// Candidate designs and rows asked for once: a factor is kept from its second request on, so a
    /// series with its own gaps (whose factor no other series shares) does not hold four of them.
    private var factorsAskedOnce: Set<ObservedKey> = []

    /// The design over `months` months from `start` (see ``TrendDesign/init(start:months:seasonality:interventions:)``).
    func trend(start: Month, months: Int, seasonality: Seasonality, interventions: [Intervention]) -> TrendDesign {
        let key = Key(start: start, months: months, seasonality: seasonality, interventions: interventions)
        if let found = lock.withLock({ trends[key] }) { return found }
        let built = TrendDesign(start: start, months: months, seasonality: seasonality, interventions: interventions)
        return lock.withLock {
            if let found = trends[key] { return found }
            trends[key] = built
            return built
        }
    }

    /// The seasonality choice's factor of `trend` on `rows`, made by `make` unless another series on the
    /// same months already made it. Bitwise what `make` gives: the factor is a pure function of the key.
    func seasonalityFactor(of trend: TrendDesign, rows: [Int], _ make: () -> SeasonalityFactor?) -> SeasonalityFactor? {
        let key = ObservedKey(design: Key(start: trend.start, months: trend.months, seasonality: trend.seasonality,
                                          interventions: trend.interventions), rows: rows)
        if let found = lock.withLock({ factors[key] }) { return found }
        let built = make()
        return lock.withLock {
            if let found = factors[key] { return found }
            if factorsAskedOnce.remove(key) != nil { factors[key] = built } else { factorsAskedOnce.insert(key) }
            return built
        }
    }

    /// `trend`'s design restricted to `rows` (the observed months), built by `make` when not held yet.
    func observedRows(of trend: TrendDesign, rows: [Int], _ make: () -> DesignMatrix) -> DesignMatrix {
        let key = ObservedKey(design: Key(start: trend.start, months: trend.months, seasonality: trend.seasonality,
                                          interventions: trend.interventions), rows: rows)
        if let found = lock.withLock({ observed[key] }) { return found }
        let built = make()
        return lock.withLock {
            if let found = observed[key] { return found }
            observed[key] = built
            return built
        }
    }
}
