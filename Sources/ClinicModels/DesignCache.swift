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

    private struct ColumnsKey: Hashable {
        let observed: ObservedKey
        let columns: [Int]
    }

    /// The leverages of a design's columns on its observed rows and their numerical rank
    /// (``LinearModel/leverage(_:options:)``); nil when the design cannot be factored.
    struct Leverage: Sendable {
        let rank: Int
        let values: [Double]
    }

    /// The seasonality choice's factor of one candidate design on one set of observed rows (see
    /// ``TrendModel/chooseSeasonality(series:rows:y:interventions:designs:)``): the pivoted QR of the
    /// column-equilibrated design and its numerical rank; nil when the design cannot be factored.
    struct SeasonalityFactor: Sendable {
        let qr: PivotedQR
        let rank: Int
    }

    // Keys carry their hash (``Prehashed``), worked out outside the lock: an observed-rows key holds the
    // row numbers (120 for ten years), and a national run asks the cache about ten times a series;
    // hashed inside the lock, those hashes serialised both threads' planning.
    private let lock = ReadWriteLock()
    private var trends: [Prehashed<Key>: TrendDesign] = [:]
    private var observed: [Prehashed<ObservedKey>: DesignMatrix] = [:]
    private var factors: [Prehashed<ObservedKey>: SeasonalityFactor?] = [:]
    private var leverages: [Prehashed<ColumnsKey>: Leverage?] = [:]
    /// Leverages asked for once: kept from the second request on, as the factors are.
    private var leveragesAskedOnce: Set<Prehashed<ColumnsKey>> = []
    /// Candidate designs and rows asked for once: a factor is kept from its second request on, so a
    /// series with its own gaps (whose factor no other series shares) does not hold four of them.
    private var factorsAskedOnce: Set<Prehashed<ObservedKey>> = []

    /// The design over `months` months from `start` (see ``TrendDesign/init(start:months:seasonality:interventions:)``).
    func trend(start: Month, months: Int, seasonality: Seasonality, interventions: [Intervention]) -> TrendDesign {
        held(in: \.trends, Key(start: start, months: months, seasonality: seasonality, interventions: interventions)) {
            TrendDesign(start: start, months: months, seasonality: seasonality, interventions: interventions)
        }
    }

    /// The seasonality choice's factor of `trend` on `rows`, made by `make` unless another series on the
    /// same months already made it. Bitwise what `make` gives: the factor is a pure function of the key.
    func seasonalityFactor(of trend: TrendDesign, rows: [Int], _ make: () -> SeasonalityFactor?) -> SeasonalityFactor? {
        held(in: \.factors, Self.key(trend, rows), keep: { self.askedBefore($0, in: \.factorsAskedOnce) }, make)
    }

    /// `trend`'s design restricted to `rows` (the observed months), built by `make` when not held yet.
    func observedRows(of trend: TrendDesign, rows: [Int], _ make: () -> DesignMatrix) -> DesignMatrix {
        held(in: \.observed, Self.key(trend, rows), make)
    }

    /// The leverages of `trend`'s `columns` on `rows`, made by `make` unless another series with the same
    /// design, rows and columns already made them: a pure function of the key, so bitwise what `make`
    /// gives. Every national series on the same months and terms shares one; like the seasonality
    /// factors, one is kept from its second request on, so a series with gaps of its own holds none.
    func leverage(of trend: TrendDesign, rows: [Int], columns: [Int], _ make: () -> Leverage?) -> Leverage? {
        held(in: \.leverages, ColumnsKey(observed: Self.key(trend, rows), columns: columns),
             keep: { self.askedBefore($0, in: \.leveragesAskedOnce) }, make)
    }

    /// Whether `key` was asked for once already (then it is forgotten here, as the table keeps it from
    /// now on); otherwise it is remembered as asked once. The rule that keeps a value from its second
    /// request on; called under the lock (``held(in:_:keep:_:)``).
    private func askedBefore<K: Hashable>(_ key: K, in asked: ReferenceWritableKeyPath<DesignCache, Set<K>>) -> Bool {
        if self[keyPath: asked].remove(key) != nil { return true }
        self[keyPath: asked].insert(key)
        return false
    }

    private static func key(_ trend: TrendDesign, _ rows: [Int]) -> ObservedKey {
        ObservedKey(design: Key(start: trend.start, months: trend.months, seasonality: trend.seasonality,
                                interventions: trend.interventions), rows: rows)
    }

    /// The value `table` holds for `key`, else `make()`'s, stored when `keep(key)` (called under the
    /// lock) says so. Two threads may make the same value at once; the first stored is the one every
    /// later lookup gets. Lookups share the lock for reading; only a store takes it alone.
    private func held<K: Hashable, V>(in table: ReferenceWritableKeyPath<DesignCache, [Prehashed<K>: V]>, _ plainKey: K,
                                      keep: (Prehashed<K>) -> Bool = { _ in true }, _ make: () -> V) -> V {
        let key = Prehashed(plainKey)
        if let found = lock.reading({ self[keyPath: table][key] }) { return found }
        let built = make()
        return lock.writing {
            if let found = self[keyPath: table][key] { return found }
            if keep(key) { self[keyPath: table][key] = built }
            return built
        }
    }
}
