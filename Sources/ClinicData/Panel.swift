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
        // Column by column on every core: each series writes only its own column of the values.
        var storage = [Double](repeating: .nan, count: n * sorted.count)
        let columns = storage.withUnsafeMutableBufferPointer { buffer -> [(status: [ObservationStatus], markers: [Int: String])] in
            let values = ColumnWriter(base: buffer.baseAddress!)
            return Parallel.map(sorted.count) { j in
                let s = sorted[j]
                let offset = first.distance(to: s.start), column = values.base + j * n
                var st = [ObservationStatus](repeating: .missing, count: n)
                for i in s.values.indices {
                    st[offset + i] = s.status[i]
                    if s.status[i] == .observed || s.status[i] == .imputed { column[offset + i] = s.values[i] }
                }
                var mk = [Int: String]()
                for (i, m) in s.markers where s.values.indices.contains(i) { mk[offset + i] = m }
                return (st, mk)
            }
        }
        start = first
        months = n
        keys = sorted.map(\.key)
        values = Matrix(rows: n, columns: sorted.count, columnMajor: storage)
        status = columns.map(\.status)
        markers = columns.map(\.markers)
    }

    /// The values' buffer, shared by the columns being filled (each writes only its own column).
    private struct ColumnWriter: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
    }

    /// The months of the axis.
    public var axis: [Month] { (0..<months).map { start.advanced(by: $0) } }

    /// Series `j` as a ``Series`` on the full axis.
    public func series(_ j: Int) -> Series {
        Series(key: keys[j], start: start, values: values.column(j), status: status[j], markers: markers[j])
    }
}
