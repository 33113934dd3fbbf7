import ClinicNumerics
import ClinicSeeds
/// What is known about one month of a series. Never encoded as a sentinel number.
public enum ObservationStatus: String, Sendable, Equatable {
    /// A value was read.
    case observed
    /// The publisher suppressed the value (small numbers); ``Series/markers`` keeps the marker.
    case suppressed
    /// No value: a blank cell, or a month absent from the extract.
    case missing
    /// A value filled in by Clinic (never by ingest).
    case imputed
}

/// One monthly series on a contiguous month axis.
///
/// `values[i]` is the value for `start.advanced(by: i)`; it is NaN unless `status[i]` is `.observed`
/// or `.imputed`. Suppression markers (`c`, `[x]`, …) are kept per month in `markers`.
public struct Series: Sendable, Equatable {
    public let key: SeriesKey
    public let start: Month
    public internal(set) var values: [Double]
    public internal(set) var status: [ObservationStatus]
    /// Suppression marker by month offset, for suppressed months.
    public internal(set) var markers: [Int: String]

    public init(key: SeriesKey, start: Month, values: [Double], status: [ObservationStatus], markers: [Int: String] = [:]) {
        precondition(values.count == status.count, "one status per value")
        self.key = key
        self.start = start
        self.values = values
        self.status = status
        self.markers = markers
    }

    /// The last month of the series.
    public var end: Month { start.advanced(by: max(0, values.count - 1)) }

    /// The months of the series, in order.
    public var months: [Month] { (0..<values.count).map { start.advanced(by: $0) } }

    /// Value for `month`, or nil outside the series or when not observed.
    public func value(at month: Month) -> Double? {
        let i = start.distance(to: month)
        guard values.indices.contains(i), status[i] == .observed || status[i] == .imputed else { return nil }
        return values[i]
    }
}
