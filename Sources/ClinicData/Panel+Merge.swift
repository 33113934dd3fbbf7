import ClinicNumerics

extension Panel {
    /// This panel with `later` laid over it, as a later extract revises an earlier one: for every series
    /// and month, `later`'s value, status and marker where `later` has that month with any status other
    /// than `.missing`, else this panel's. The axis is the union of both axes; the keys the union of both
    /// key sets (sorted). Neither panel is changed.
    public func merging(_ later: Panel) -> Panel {
        if later.keys.isEmpty { return self }
        if keys.isEmpty { return later }
        let first = Swift.min(start, later.start)
        let last = Swift.max(start.advanced(by: months - 1), later.start.advanced(by: later.months - 1))
        let n = first.distance(to: last) + 1
        let allKeys = Array(Set(keys).union(later.keys)).sorted()
        let mine = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let theirs = Dictionary(uniqueKeysWithValues: later.keys.enumerated().map { ($1, $0) })
        var matrix = Matrix(rows: n, columns: allKeys.count, repeating: .nan)
        var allStatus = [[ObservationStatus]](), allMarkers = [[Int: String]]()
        allStatus.reserveCapacity(allKeys.count)
        for (j, key) in allKeys.enumerated() {
            var status = [ObservationStatus](repeating: .missing, count: n)
            var markers = [Int: String]()
            for (panel, index, revises) in [(self, mine[key], false), (later, theirs[key], true)] {
                guard let c = index else { continue }
                let offset = first.distance(to: panel.start)
                for i in 0..<panel.months where !revises || panel.status[c][i] != .missing {
                    matrix[offset + i, j] = panel.values[i, c]
                    status[offset + i] = panel.status[c][i]
                    markers[offset + i] = panel.markers[c][i]
                }
            }
            allStatus.append(status)
            allMarkers.append(markers)
        }
        return Panel(start: first, keys: allKeys, values: matrix, status: allStatus, markers: allMarkers)
    }

    /// Series `j` from its first to its last month with a status other than `.missing` (so a series
    /// keeps its own span on a shared axis); nil when every month is missing.
    public func trimmedSeries(_ j: Int) -> Series? {
        guard let first = status[j].firstIndex(where: { $0 != .missing }),
              let last = status[j].lastIndex(where: { $0 != .missing }) else { return nil }
        var markers = [Int: String]()
        for (i, marker) in self.markers[j] where (first...last).contains(i) { markers[i - first] = marker }
        return Series(key: keys[j], start: start.advanced(by: first),
                      values: (first...last).map { values[$0, j] }, status: Array(status[j][first...last]), markers: markers)
    }

    /// Every series that has a month with a value or a marker, each on its own span, in key order.
    public var trimmedSeries: [Series] { keys.indices.compactMap(trimmedSeries) }

    /// The metric ids present, sorted.
    public var metrics: [String] { Array(Set(keys.map(\.metric))).sorted() }

    /// The panel restricted to the series whose key satisfies `isIncluded` (same axis).
    public func filter(_ isIncluded: (SeriesKey) -> Bool) -> Panel {
        let kept = keys.indices.filter { isIncluded(keys[$0]) }
        return Panel(start: start, keys: kept.map { keys[$0] }, values: values.selectingColumns(kept),
                     status: kept.map { status[$0] }, markers: kept.map { markers[$0] })
    }
}
