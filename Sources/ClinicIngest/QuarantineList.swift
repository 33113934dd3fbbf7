/// The rejected values of one extract, in line order, held as runs so that memory grows with the
/// number of *different* rejections, not with the file.
///
/// A run is a group of rejections on one line (usually one) repeated on consecutive lines with the same
/// columns, codes, reasons, row text and value counts: a file of one repeated row (every repeat set aside
/// as an exact duplicate), or thousands of identical bad rows, is one run. A run never shares a line with
/// another run, so sorting runs by their first line orders every value exactly as sorting them one by
/// one would: single rejections merge into runs only where a line holds at most one (long files and
/// unreadable ones; a wide row can reject several cells), and groups are made only for rows whose every
/// rejection is in the group.
///
/// It is a collection of the values it stands for: `count`, iteration and subscripts expand the runs.
public struct QuarantineList: RandomAccessCollection, Sendable, Equatable {
    public typealias Element = ExtractReading.QuarantinedValue

    struct Run: Sendable {
        /// The first rejection of the run's first line; `rest` the others on that line (usually none).
        var first: Element
        var rest: [Element] = []
        /// Consecutive lines, from `first.line`, each with the same rejections.
        var count: Int

        var width: Int { 1 + rest.count }

        /// The `e`-th rejection of the run's first line.
        func member(_ e: Int) -> Element { e == 0 ? first : rest[e - 1] }
    }

    private(set) var runs: [Run] = []
    /// `ends[r]`: values in runs 0...r (prefix sums, for subscripts).
    private var ends: [Int] = []
    /// Whether consecutive identical single rejections may be merged into runs (see the type's note).
    let mergesRuns: Bool

    init(mergesRuns: Bool) {
        self.mergesRuns = mergesRuns
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.last ?? 0 }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < endIndex, "quarantine index out of range")
        // The first run whose end is past `position`.
        var low = 0, high = ends.count - 1
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] > position { high = mid } else { low = mid + 1 }
        }
        let run = runs[low]
        let k = position - (ends[low] - run.count * run.width)
        return Self.moved(run.member(k % run.width), lines: k / run.width)
    }

    /// The values these rejections stand for (a whole wide row counts its cells).
    public var valueCount: Int {
        runs.reduce(0) { total, run in total + run.count * (run.first.values + run.rest.reduce(0) { $0 + $1.values }) }
    }

    /// Calls `body` once per run: the rejections of its first line and how many consecutive lines have
    /// the same (so a writer can render a run's text once).
    public func forEachRun(_ body: (_ firstLine: [Element], _ lines: Int) throws -> Void) rethrows {
        for run in runs { try body([run.first] + run.rest, run.count) }
    }

    /// Appends `count` copies of `value`, on lines `value.line`, `value.line + 1`, …
    mutating func append(_ value: Element, count: Int = 1) {
        guard count > 0 else { return }
        if mergesRuns, var last = runs.last, last.rest.isEmpty, last.first.line + last.count == value.line,
           last.first.code == value.code, last.first.values == value.values, last.first.column == value.column,
           last.first.reason == value.reason, last.first.row == value.row {
            last.count += count
            runs[runs.count - 1] = last
            ends[ends.count - 1] += count
            return
        }
        precondition(mergesRuns || count == 1, "runs of single rejections need one rejection per line")
        runs.append(Run(first: value, count: count))
        ends.append(endIndex + count)
    }

    /// Appends the rejections `group` (all on one line, and the only ones on it) for `count` consecutive
    /// lines from theirs.
    mutating func append(group: [Element], count: Int) {
        guard count > 0, let first = group.first else { return }
        if group.count == 1 && (mergesRuns || count == 1) { return append(first, count: count) }
        runs.append(Run(first: first, rest: Array(group.dropFirst()), count: count))
        ends.append(endIndex + count * group.count)
    }

    /// Appends every value of `other`, each `lineOffset` lines further down.
    mutating func append(contentsOf other: QuarantineList, lineOffset: Int) {
        for run in other.runs {
            append(group: ([run.first] + run.rest).map { Self.moved($0, lines: lineOffset) }, count: run.count)
        }
    }

    /// The same values ordered by line, then column (no column first); ties keep their order.
    func sortedByLine() -> QuarantineList {
        let order = runs.indices.sorted { a, b in
            let x = runs[a].first, y = runs[b].first
            if x.line != y.line { return x.line < y.line }
            let cx = x.column ?? "", cy = y.column ?? ""
            if cx != cy { return cx < cy }
            return a < b
        }
        var sorted = QuarantineList(mergesRuns: mergesRuns)
        sorted.runs.reserveCapacity(runs.count)
        sorted.ends.reserveCapacity(runs.count)
        for r in order { sorted.append(group: [runs[r].first] + runs[r].rest, count: runs[r].count) }
        return sorted
    }

    static func moved(_ q: Element, lines: Int) -> Element {
        lines == 0 ? q : Element(line: q.line + lines, column: q.column, code: q.code, reason: q.reason, row: q.row, values: q.values)
    }

    public static func == (a: QuarantineList, b: QuarantineList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
