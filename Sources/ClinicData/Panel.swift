import ClinicNumerics
import ClinicSeeds
/// Many series on one month axis, stored as one column-major `months × series` ``Matrix`` so that one
/// BLAS-3 call can fit them all (see ``BatchedLinearModel``). NaN marks a month without a value; the
/// per-month status of each series is kept alongside.
public struct Panel: Sendable {
    /// The first month of the axis.
    public let start: Month
    /// Number of months on the axis.
    public let months: Int
    /// Series keys, one per column, sorted.
    public let keys: [SeriesKey]
    /// `months × keys.count` values, NaN where not observed.
    public let values: Matrix
    /// `status[j][i]` for series `j`, month `i`.
    public let status: [[ObservationStatus]]
    /// Suppression markers by series, month offset.
    public let markers: [[Int: String]]

    /// A panel from its parts: `values` is `months × keys.count`, one status array (of `months`) and one
    /// marker dictionary per key; `keys` must be sorted and distinct.
    public init(start: Month, keys: [SeriesKey], values: Matrix, status: [[ObservationStatus]], markers: [[Int: String]]) {
        precondition(values.columns == keys.count && status.count == keys.count && markers.count == keys.count, "one column per key")
        precondition(status.allSatisfy { $0.count == values.rows }, "one status per month")
        self.start = start
        self.months = values.rows
        self.keys = keys
        self.values = values
        self.status = status
        self.markers = markers
    }

    /// A panel holding `series`, on the axis from the earliest start to the latest end.
    public init(_ series: [Series]) {
        let sorted = series.sorted { $0.key < $1.key }
        guard let first = sorted.map(\.start).min(), let last = sorted.map(\.end).max() else {
            start = Month(index: 0); months = 0; keys = []; values = Matrix(rows: 0, columns: 0); status = []; markers = []
            return
        }
        let n = first.distance(to: last) + 1
        var matrix = Matrix(rows: n, columns: sorted.count, repeating: .nan)
        var allStatus = [[ObservationStatus]]()
        var allMarkers = [[Int: String]]()
        for (j, s) in sorted.enumerated() {
            let offset = first.distance(to: s.start)
            var st = [ObservationStatus](repeating: .missing, count: n)
            var mk = [Int: String]()
            for i in s.values.indices {
                st[offset + i] = s.status[i]
                if s.status[i] == .observed || s.status[i] == .imputed { matrix[offset + i, j] = s.values[i] }
                if let m = s.markers[i] { mk[offset + i] = m }
            }
            allStatus.append(st)
            allMarkers.append(mk)
        }
        start = first
        months = n
        keys = sorted.map(\.key)
        values = matrix
        status = allStatus
        markers = allMarkers
    }

    /// The months of the axis.
    public var axis: [Month] { (0..<months).map { start.advanced(by: $0) } }

    /// Series `j` as a ``Series`` on the full axis.
    public func series(_ j: Int) -> Series {
        Series(key: keys[j], start: start, values: values.column(j), status: status[j], markers: markers[j])
    }
}
