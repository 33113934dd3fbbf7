import ClinicData
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

    private let lock = NSLock()
    private var trends: [Key: TrendDesign] = [:]
    private var observed: [ObservedKey: DesignMatrix] = [:]

    /// The design over `months` months from `start` (see ``TrendDesign/init(start:months:seasonality:interventions:)``).
    func trend(start: Month, months: Int, seasonality: Seasonality, interventions: [Intervention]) -> TrendDesign {
        held(in: \.trends, Key(start: start, months: months, seasonality: seasonality, interventions: interventions)) {
            TrendDesign(start: start, months: months, seasonality: seasonality, interventions: interventions)
        }
    }

    /// `trend`'s design restricted to `rows` (the observed months), built by `make` when not held yet.
    func observedRows(of trend: TrendDesign, rows: [Int], _ make: () -> DesignMatrix) -> DesignMatrix {
        held(in: \.observed, Self.key(trend, rows), make)
    }

    private static func key(_ trend: TrendDesign, _ rows: [Int]) -> ObservedKey {
        ObservedKey(design: Key(start: trend.start, months: trend.months, seasonality: trend.seasonality,
                                interventions: trend.interventions), rows: rows)
    }

    /// The value `table` holds for `key`, else `make()`'s, stored. Two threads may make the same value at
    /// once; the first stored is the one every later lookup gets (the values are pure functions of their
    /// keys, built without floating-point library calls whose last bits could depend on where they run).
    private func held<K: Hashable, V>(in table: ReferenceWritableKeyPath<DesignCache, [K: V]>, _ key: K, _ make: () -> V) -> V {
        if let found = lock.withLock({ self[keyPath: table][key] }) { return found }
        let built = make()
        return lock.withLock {
            if let found = self[keyPath: table][key] { return found }
            self[keyPath: table][key] = built
            return built
        }
    }
}
