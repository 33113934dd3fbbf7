import ClinicData
import ClinicNumerics
import Foundation

/// Reads an aggregate extract (long or wide, see ``ExtractFormat``) into observations, validating every
/// value and losing none: each ends accepted, suppressed, or quarantined with a reason.
///
/// Errors (the value is quarantined): unreadable month (`bad_month`, `ambiguous_month`), non-numeric
/// value (`non_numeric`), negative value of a count metric (`negative_count`), a percentage outside
/// 0–100 (`implausible_percent`) or a rate per 10,000 outside 0–10,000 (`implausible_rate`) for metrics
/// the catalogue gives those units, a value above its ``upperBound`` (`implausible_count`: for example
/// more children looked after than the area's 0–17 population), a value larger than 2^53 in size for
/// any metric (`implausible_value`: 1e308 passed every other check and broke the fits), blank metric
/// (`missing_metric`), a row with the wrong number of fields (`ragged_row`), conflicting duplicates
/// (`conflicting_duplicate`: same series and month, different values — every such row is quarantined,
/// since Clinic cannot know which is right), and an unterminated quote (`unterminated_quote`: the rest of
/// the file cannot be read and is quarantined as one entry). File-level errors: empty file, header only,
/// unrecognised header.
///
/// Warnings (the value is kept): exact duplicate rows (`duplicate_row`: the repeat is quarantined, the
/// first kept), unknown metric (`unknown_metric`: neutral polarity, negatives allowed), gaps in a series
/// (`gap`), months after the as-of month (`future_month`), implausible jumps (`implausible_jump`: a
/// month-to-month change more than 10 times the series' median absolute change — at least 1 for
/// whole-number series — and more than half the previous value; needs 6 observed months), a target that is not a number (`bad_target`), and a file
/// read as Windows-1252.
public struct AggregateReader: Sendable {
    public var catalogue: MetricCatalogue
    /// Months after this one get a `future_month` warning.
    public var asOf: Month
    /// How many chunks a large file is read in at once (default: one per core). Results never depend on it.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// The largest value a series can take, when something caps it: (area, metric) → its
    /// ``ValueCap``, asked once per series; nil: no cap. The app layer passes the area's 0–17
    /// population for `lac`.
    public var upperBound: (@Sendable (_ area: String, _ metric: String) -> ValueCap?)?

    /// The largest value one series can take, month by month: `bound(month)` (nil: no cap that month),
    /// and `what(month)`, the phrase naming it in the message (asked only when a value is over it).
    /// ``upperBound`` gives it once per series, so a metric without a cap costs nothing per value.
    public struct ValueCap: Sendable {
        public let bound: @Sendable (Month) -> Double?
        public let what: @Sendable (Month) -> String

        public init(bound: @escaping @Sendable (Month) -> Double?, what: @escaping @Sendable (Month) -> String) {
            self.bound = bound
            self.what = what
        }
    }

    public init(catalogue: MetricCatalogue = .standard, asOf: Month) {
        self.catalogue = catalogue
        self.asOf = asOf
    }

    /// Reads the file at `path`. Never throws: an unreadable file is a reading with an error diagnostic.
    public func read(path: String) -> ExtractReading {
        do {
            return read(try CSVSource(contentsOf: path))
        } catch let d as Diagnostic {
            return Self.failed(file: path, d)
        } catch {
            return Self.failed(file: path, Diagnostic(file: path, code: "unreadable_file", message: "\(error)"))
        }
    }

    static func failed(file: String, _ d: Diagnostic, summary: ExtractReading.Summary = .init()) -> ExtractReading {
        ExtractReading(file: file, format: nil, keys: [], observations: .init(), quarantine: QuarantineList(mergesRuns: true), diagnostics: [d], summary: summary)
    }

    /// Files at least this large are read in parallel chunks (when they hold no quotes).
    var parallelMinimumBytes = 4 << 20

    public func read(_ source: CSVSource) -> ExtractReading {
        var state = ReadState(file: source.file, catalogue: catalogue, upperBound: upperBound)
        if let warning = source.encodingWarning { state.log.add(warning) }
        source.withTokenizer { t in
            guard state.readHeader(&t) else { return }
            let rest = UnsafeRawBufferPointer(rebasing: t.bytes[t.index...])
            let chunks = Self.chunks(of: rest, count: parallelism, minimumBytes: parallelMinimumBytes)
            if chunks.count <= 1 || state.format == nil || state.valuesPerRow == 0 {
                state.readRows(&t)
            } else {
                // Each chunk starts at a line start; without quotes no record can span two chunks.
                let template = state.emptyCopy()
                let pieces = Chunks(pieces: chunks)                  // read-only views of the mapped file
                let parts = Parallel.map(chunks.count) { k -> (ReadState, Int) in
                    var part = template
                    var tokenizer = CSVTokenizer(bytes: pieces.pieces[k], file: source.file, skipByteOrderMark: false)
                    part.readRows(&tokenizer)
                    return (part, tokenizer.line - 1)
                }
                state.absorb(parts, lineOffset: t.line - 1)
            }
            if state.summary.rows == 0 && state.format != nil {
                state.log.add(Diagnostic(file: source.file, line: 1, code: "header_only", message: "the file has a header row but no data rows"))
            }
        }
        return state.finish(asOf: asOf)
    }

    /// Splits `bytes` into about `count` pieces that each end just after a line feed, or returns the
    /// whole as one piece when it is small or holds a double quote (a quoted field may span lines).
    static func chunks(of bytes: UnsafeRawBufferPointer, count: Int, minimumBytes: Int) -> [UnsafeRawBufferPointer] {
        guard count > 1, bytes.count >= minimumBytes, memchr(bytes.baseAddress!, 0x22, bytes.count) == nil else { return [bytes] }
        var pieces = [UnsafeRawBufferPointer]()
        var start = 0
        for k in 1...count {
            var end = k == count ? bytes.count : max(start, bytes.count * k / count)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            if end > start { pieces.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
            start = end
        }
        return pieces
    }
}

/// The row loop's small tools (internal, so that tests can reach them).
extension AggregateReader {
    /// Whether the `count` bytes at `a` and at `b` are the same: a word at a time, then byte by byte, in
    /// line. Keys and rows are a few dozen bytes and usually differ early, so a call to `memcmp` for each
    /// (four a row) cost more than the comparing (4% of reading the national file).
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// About how many rows `t` has left: its bytes over the mean length of the lines in its next 64 KB,
    /// plus 1%, and no more than rows of `fields` one-byte fields would make (each with its comma), so
    /// that the columns are allocated once rather than grown by doubling (which copied every value about
    /// once more: 3–4% of reading the national file). Only capacity: a wrong guess costs only growth.
    static func estimatedRows(_ t: CSVTokenizer, fields: Int) -> Int {
        let left = t.bytes.count - t.index, sample = min(left, 65_536)
        var lines = 0
        for i in t.index..<(t.index + sample) where t.bytes[i] == 0x0A { lines += 1 }
        guard lines > 0 else { return 0 }
        let estimate = Int(Double(left) * Double(lines) / Double(sample) * 1.01) + 16
        return min(estimate, left / max(2 * fields, 1) + 1)
    }
}

/// Chunks of one buffer that outlives the parallel read; only ever read.
private struct Chunks: @unchecked Sendable {
    let pieces: [UnsafeRawBufferPointer]
}

/// Lines `line..<line + count`, each a byte-for-byte repeat of the row that gave observations
/// `of..<of + width` (one in a long file, one per metric in a wide one).
private struct RepeatRun {
    var line: Int32
    var count: Int32
    var of: Int32
    var width: Int32
}

/// A row among the rows of one series and month: an observation, or a run of byte-for-byte repeats
/// of one.
private enum DuplicateMember {
    case observation(Int)
    case repeats(line: Int, count: Int, of: Int)

    /// The observation it is, or the one it repeats.
    var first: Int {
        switch self {
        case let .observation(i): return i
        case let .repeats(_, _, of): return of
        }
    }
}

/// The mutable state of one read; kept in one place so the row loop stays a straight line.
private struct ReadState {
    let file: String
    let catalogue: MetricCatalogue
    var log: DiagnosticLog
    var summary = ExtractReading.Summary()
    var format: ExtractFormat?
    var header: [String] = []
    var keys: [SeriesKey] = []
    var isCount: [Bool] = []
    /// The catalogue unit of each series' metric (nil when unknown), for the plausibility checks.
    var units: [MetricDefinition.Unit?] = []
    var observations = ExtractReading.Observations()
    /// Runs of identical rejections are merged except in wide files (see ``QuarantineList``).
    var quarantine = QuarantineList(mergesRuns: true)
    /// Rows that repeat the row before them byte for byte, held as runs and settled with the duplicates
    /// (``resolveDuplicates()``) as if each were read: a file of one row repeated millions of times
    /// then costs a run, not observations and quarantine entries per row.
    var repeats: [RepeatRun] = []
    /// The previous row, when it gave a value for each of its cells and no diagnostic (so a byte-for-byte
    /// repeat of it would give the same): its bytes and its first observation.
    var repeatable: (offset: Int, length: Int, observation: Int32)?

    // Key interning: raw key bytes → series, then normalised key → series.
    var rawKeyIndex: [String: Int32] = [:]
    var keyIndex: [SeriesKey: Int32] = [:]
    var keyBuffer: [UInt8] = []
    /// The key fields (area, metric, dimensions) of the last row whose series was looked up.
    var previousKeyFields: [CSVTokenizer.Field] = []
    var previousSeries: Int32 = -1
    var monthCache: [String: MonthParser.Result] = [:]
    var long = LongColumns()
    var unknownMetrics: Set<String> = []

    let upperBound: (@Sendable (String, String) -> AggregateReader.ValueCap?)?
    /// Each series' cap (``AggregateReader/upperBound``), asked when the series is first seen.
    var caps: [AggregateReader.ValueCap?] = []

    init(file: String, catalogue: MetricCatalogue, upperBound: (@Sendable (String, String) -> AggregateReader.ValueCap?)? = nil) {
        self.file = file
        self.catalogue = catalogue
        self.upperBound = upperBound
        self.log = DiagnosticLog(file: file)
    }

    /// Reads the header and recognises the format; false when there is nothing more to read (an empty
    /// file, or a header that was not recognised: then every remaining row is quarantined).
    mutating func readHeader(_ t: inout CSVTokenizer) -> Bool {
        var fields = [CSVTokenizer.Field]()
        var recordStart = t.index, recordLine = t.line
        do {
            var headerRecord: CSVTokenizer.Record?
            repeat {
                recordStart = t.index
                recordLine = t.line
                headerRecord = try t.nextRecord(into: &fields)
            } while headerRecord != nil && Self.isBlank(fields)
            guard headerRecord != nil else {
                log.add(Diagnostic(file: file, code: "empty_file", message: "the file is empty; expected a header row and data rows"))
                return false
            }
            header = fields.map { t.text($0).trimmingCharacters(in: .whitespaces) }
            do {
                format = try ExtractFormat.detect(header: header, file: file)
            } catch let d as Diagnostic {
                log.add(d)
                try quarantineRest(&t, &fields, code: d.code, reason: "the file's header was not recognised: \(d.message)")
                return false
            }
            if case let .long(layout)? = format { long = LongColumns(layout) }
            if case .wide? = format { quarantine = QuarantineList(mergesRuns: false) }
            return true
        } catch let d as Diagnostic {
            unreadableRest(d, &t, recordStart: recordStart, recordLine: recordLine)
        } catch {
            log.add(Diagnostic(file: file, code: "unreadable_file", message: "\(error)"))
        }
        return false
    }

    /// Reads every data row after the header.
    mutating func readRows(_ t: inout CSVTokenizer) {
        var fields = [CSVTokenizer.Field]()
        if valuesPerRow > 0 { observations.reserve(observations.count + AggregateReader.estimatedRows(t, fields: header.count) * valuesPerRow) }
        var recordStart = t.index, recordLine = t.line
        do {
            while true {
                recordStart = t.index
                recordLine = t.line
                guard let record = try t.nextRecord(into: &fields) else { break }
                if Self.isBlank(fields) { continue }
                summary.rows += 1
                switch format! {
                case .long: readLong(record, fields, &t)
                case let .wide(layout): readWide(layout, record, fields, &t)
                case .recordFile: summary.records += 1
                }
            }
        } catch let d as Diagnostic {
            unreadableRest(d, &t, recordStart: recordStart, recordLine: recordLine)
        } catch {
            log.add(Diagnostic(file: file, code: "unreadable_file", message: "\(error)"))
        }
    }

    /// The tokenizer cannot go on (an unterminated quote): the rest of the file is quarantined whole.
    mutating func unreadableRest(_ d: Diagnostic, _ t: inout CSVTokenizer, recordStart: Int, recordLine: Int) {
        log.add(d)
        let remaining = Self.lineCount(t.bytes, from: recordStart)
        let perRow = max(valuesPerRow, 1)
        summary.rows += remaining
        summary.values += remaining * perRow
        quarantine.append(.init(line: recordLine, column: nil, code: d.code,
                                reason: "\(d.message); the rest of the file (\(remaining) line\(remaining == 1 ? "" : "s") from line \(recordLine)) cannot be read",
                                row: Self.snippet(t.bytes, from: recordStart), values: remaining * perRow))
    }

    /// A state for reading another chunk of the same file: same header and format, nothing read yet.
    func emptyCopy() -> ReadState {
        var copy = ReadState(file: file, catalogue: catalogue, upperBound: upperBound)
        copy.header = header
        copy.format = format
        copy.long = long
        copy.quarantine = QuarantineList(mergesRuns: quarantine.mergesRuns)
        return copy
    }

    /// A new series: its number, with what the checks need of its metric (count or not, unit, cap).
    mutating func addSeries(_ key: SeriesKey) -> Int32 {
        let s = Int32(keys.count)
        keys.append(key)
        keyIndex[key] = s
        let definition = catalogue.definition(key.metric)
        isCount.append(definition.isCount)
        units.append(definition.unit)
        caps.append(upperBound?(key.area, key.metric))
        return s
    }

    /// Appends what the chunks read (`parts`: each chunk's state and its number of lines, in file
    /// order), renumbering their series to ours and moving each chunk's lines down by the lines before it
    /// (`lineOffset`: the lines before the first chunk).
    ///
    /// The observation columns are laid out once at their full length, each column filled on a core of
    /// its own, rather than grown chunk by chunk: on the national file (1.75 M observations in two chunks)
    /// growing them copied the first chunk's columns again and took about 25 ms on one core.
    mutating func absorb(_ parts: [(state: ReadState, lines: Int)], lineOffset: Int) {
        // Our own observations first (none after a header), then each chunk's, with where they go.
        var pieces = [Piece(observations: observations, renumbering: nil, lineShift: 0, base: 0)]
        pieces.reserveCapacity(parts.count + 1)
        var base = observations.count, offset = lineOffset
        for (part, lines) in parts {
            summary.rows += part.summary.rows
            summary.values += part.summary.values
            summary.records += part.summary.records
            var remap: [Int32]?
            if keys.isEmpty {
                // The first chunk with series: its numbers become ours, its tables taken whole.
                keys = part.keys; keyIndex = part.keyIndex; isCount = part.isCount; units = part.units; caps = part.caps
            } else {
                keyIndex.reserveCapacity(keys.count + part.keys.count)
                remap = part.keys.map { key in keyIndex[key] ?? addSeries(key) }
            }
            pieces.append(Piece(observations: part.observations, renumbering: remap, lineShift: Int32(offset), base: base))
            base += part.observations.count
            offset += lines
        }
        let all = pieces
        let layOut = { @Sendable (column: Int) -> ObservationColumn in
            switch column {
            case 0: return .series(Self.joinedSeries(all))
            case 1: return .month(Self.joined(all, \.month))
            case 2: return .value(Self.joined(all, \.value))
            case 3: return .status(Self.joined(all, \.status))
            default: return .line(Self.joinedLines(all))
            }
        }
        // A few observations (a file of repeated rows, say) are not worth a trip to the other core.
        let columns = base >= 1 << 16 ? Parallel.map(5, layOut) : (0..<5).map(layOut)
        for column in columns {
            switch column {
            case let .series(c): observations.series = c
            case let .month(c): observations.month = c
            case let .value(c): observations.value = c
            case let .status(c): observations.status = c
            case let .line(c): observations.line = c
            }
        }
        for (piece, (part, _)) in zip(pieces.dropFirst(), parts) {
            let o = part.observations, base = piece.base, lineOffset = Int(piece.lineShift)
            for (i, m) in o.markers { observations.markers[base + i] = m }
            for (i, v) in o.targets { observations.targets[base + i] = v }
            quarantine.append(contentsOf: part.quarantine, lineOffset: lineOffset)
            for run in part.repeats {
                appendRepeats(line: Int(run.line) + lineOffset, count: Int(run.count), of: Int32(base) + run.of, width: Int(run.width))
            }
            let seen = unknownMetrics
            log.absorb(part.log, lineOffset: lineOffset) { d in
                d.code == "unknown_metric" && part.unknownMetrics.contains { seen.contains($0) && d.message.contains("\"\($0)\"") }
            }
            unknownMetrics.formUnion(part.unknownMetrics)
        }
    }

    /// Observations joined by ``absorb(_:lineOffset:)``: their series renumbered (nil: kept), their lines
    /// moved down, and the place of their first in the whole.
    struct Piece: Sendable {
        let observations: ExtractReading.Observations
        let renumbering: [Int32]?
        let lineShift: Int32
        let base: Int
    }

    /// One observation column, laid out by ``absorb(_:lineOffset:)``.
    private enum ObservationColumn {
        case series([Int32]), month([Month]), value([Double]), status([ObservationStatus]), line([Int32])
    }

    /// Column `path` of `pieces` one after the other, in one allocation, each piece's values written by
    /// `write(values, destination, piece)` (called once a piece, not once a value).
    @inline(__always)
    static func joined<T>(_ pieces: [Piece], _ path: KeyPath<ExtractReading.Observations, [T]>,
                          _ write: (UnsafeBufferPointer<T>, UnsafeMutablePointer<T>, Piece) -> Void) -> [T] {
        let total = pieces.reduce(0) { $0 + $1.observations.count }
        return [T](unsafeUninitializedCapacity: total) { buffer, count in
            var at = buffer.baseAddress!
            for piece in pieces {
                piece.observations[keyPath: path].withUnsafeBufferPointer { values in
                    if let first = values.baseAddress { write(UnsafeBufferPointer(start: first, count: values.count), at, piece) }
                }
                at += piece.observations.count
            }
            count = total
        }
    }

    /// Column `path` of `pieces` one after the other, copied as it is.
    static func joined<T>(_ pieces: [Piece], _ path: KeyPath<ExtractReading.Observations, [T]>) -> [T] {
        joined(pieces, path) { values, destination, _ in destination.initialize(from: values.baseAddress!, count: values.count) }
    }

    /// The pieces' series numbers one after the other, each piece's renumbered.
    static func joinedSeries(_ pieces: [Piece]) -> [Int32] {
        joined(pieces, \.series) { values, destination, piece in
            guard let remap = piece.renumbering else {
                destination.initialize(from: values.baseAddress!, count: values.count)
                return
            }
            remap.withUnsafeBufferPointer { r in for (i, s) in values.enumerated() { (destination + i).initialize(to: r[Int(s)]) } }
        }
    }

    /// The pieces' line numbers one after the other, each piece's moved down by its shift.
    static func joinedLines(_ pieces: [Piece]) -> [Int32] {
        joined(pieces, \.line) { values, destination, piece in
            for (i, l) in values.enumerated() { (destination + i).initialize(to: l + piece.lineShift) }
        }
    }

    /// Values one data row holds in this format (0 for a record file).
    var valuesPerRow: Int {
        switch format {
        case let .wide(layout): return layout.metrics.count
        case .recordFile: return 0
        default: return 1
        }
    }

    /// Quarantines every remaining record (the header could not be used).
    mutating func quarantineRest(_ t: inout CSVTokenizer, _ fields: inout [CSVTokenizer.Field], code: String, reason: String) throws {
        while let record = try t.nextRecord(into: &fields) {
            if Self.isBlank(fields) { continue }
            summary.rows += 1
            summary.values += 1
            quarantine.append(.init(line: record.line, column: nil, code: code, reason: reason, row: Self.rowText(t, record)))
        }
    }

    /// Whether this row's key fields hold the same bytes as those of `previousKeyFields` (same buffer).
    func sameKeyAsPrevious(_ fields: [CSVTokenizer.Field], _ t: CSVTokenizer) -> Bool {
        let base = t.bytes.baseAddress!
        for k in 0..<long.keyColumns.count {
            let a = fields[long.keyColumns[k]], b = previousKeyFields[k]
            let length = a.end - a.start
            guard length == b.end - b.start else { return false }
            if !AggregateReader.sameBytes(base + a.start, base + b.start, length) { return false }
        }
        return true
    }

    static func isBlank(_ fields: [CSVTokenizer.Field]) -> Bool {
        fields.count == 1 && !fields[0].quoted && fields[0].start == fields[0].end
    }

    // MARK: Long rows

    /// A long layout as plain column indices, so the row loop touches no strings.
    struct LongColumns {
        var month = 0, metric = 0, value = 0, area = -1, target = -1, status = -1
        var dimensions: [Int] = []
        var dimensionNames: [String] = []
        /// Area (if any), metric and dimension columns: what identifies a series.
        var keyColumns: [Int] = []

        init() {}

        init(_ l: ExtractFormat.LongLayout) {
            month = l.month; metric = l.metric; value = l.value; area = l.area ?? -1; target = l.target ?? -1; status = l.status ?? -1
            dimensions = l.dimensions.map(\.column); dimensionNames = l.dimensions.map(\.name)
            keyColumns = (l.area.map { [$0] } ?? []) + [l.metric] + dimensions
        }
    }

    mutating func readLong(_ record: CSVTokenizer.Record, _ fields: [CSVTokenizer.Field], _ t: inout CSVTokenizer) {
        // Column indices are read from `long` one by one: copying the struct would retain its arrays per row.
        summary.values += 1
        if isRepeat(record, t, width: 1) { return }
        let observationsBefore = observations.count, diagnosticsBefore = log.total
        defer { noteRepeatable(record, t, width: 1, observationsBefore: observationsBefore, diagnosticsBefore: diagnosticsBefore) }
        guard fields.count == header.count else { ragged(record, fields, t, values: 1); return }
        let monthColumn = long.month, metricColumn = long.metric, areaColumn = long.area
        guard let month = month(fields[monthColumn], record, t) else { return }
        let metricBytes = t.rawBytes(fields[metricColumn])
        if metricBytes.allSatisfy({ $0 == 0x20 }) {
            reject(record, t, column: header[metricColumn], at: fields[metricColumn], code: "missing_metric",
                   message: "the metric is blank")
            return
        }
        // The series key: usually the same as the previous row's (files are sorted by series), which is
        // checked by comparing the key fields' bytes in place; only a new key is copied and looked up.
        let series: Int32
        if previousSeries >= 0 && sameKeyAsPrevious(fields, t) {
            series = previousSeries
        } else {
            keyBuffer.removeAll(keepingCapacity: true)
            if areaColumn >= 0 { keyBuffer.append(contentsOf: t.rawBytes(fields[areaColumn])) }
            keyBuffer.append(0x1F)
            keyBuffer.append(contentsOf: metricBytes)
            for k in 0..<long.dimensions.count {
                keyBuffer.append(0x1F)
                keyBuffer.append(contentsOf: t.rawBytes(fields[long.dimensions[k]]))
            }
            let layout = long
            series = intern(keyBuffer) {
                SeriesKey(area: areaColumn >= 0 ? t.text(fields[areaColumn]) : "", metric: t.text(fields[metricColumn]),
                          dimensions: zip(layout.dimensionNames, layout.dimensions).map { ($0, t.text(fields[$1])) })
            }
            previousKeyFields.removeAll(keepingCapacity: true)
            for k in 0..<long.keyColumns.count { previousKeyFields.append(fields[long.keyColumns[k]]) }
            previousSeries = series
        }
        if !isCount.indices.contains(Int(series)) { return }
        // A blank value whose status column says suppressed[marker] (clinic series output) is suppressed.
        if long.status >= 0, t.rawBytes(fields[long.value]).allSatisfy({ $0 == 0x20 }) {
            let status = t.text(fields[long.status])
            if status.hasPrefix("suppressed") {
                let marker = status.dropFirst("suppressed".count).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                observations.markers[observations.count] = marker.isEmpty ? "suppressed" : marker
                observations.append(series: series, month: month, value: .nan, status: .suppressed, line: record.line)
                return
            }
        }
        let accepted = value(fields[long.value], column: long.value, series: series, month: month, record, t)
        let targetColumn = long.target
        if accepted && targetColumn >= 0 {
            switch CellValue.parse(t.rawBytes(fields[targetColumn])) {
            case let .number(v), let .percent(v): observations.targets[observations.count - 1] = v
            case .blank: break
            default:
                log.add(Diagnostic(file: file, line: record.line, column: t.column(ofByte: fields[targetColumn].origin), code: "bad_target",
                                   severity: .warning, message: "the target \"\(t.text(fields[targetColumn]))\" is not a number; the value is kept without a target"))
            }
        }
    }

    // MARK: Wide rows

    /// The bytes of a record without its line break.
    static func length(of record: CSVTokenizer.Record, _ t: CSVTokenizer) -> Int {
        var length = t.index - record.offset
        while length > 0, t.bytes[record.offset + length - 1] == 0x0A || t.bytes[record.offset + length - 1] == 0x0D { length -= 1 }
        return length
    }

    /// Whether `record` repeats the row before it byte for byte, when that row gave a value for each of
    /// its `width` cells and no diagnostic: it would give the same again, so it is noted as a repeat,
    /// settled with the duplicates at the end.
    mutating func isRepeat(_ record: CSVTokenizer.Record, _ t: CSVTokenizer, width: Int) -> Bool {
        if let previous = repeatable, case let length = Self.length(of: record, t), previous.length == length,
           AggregateReader.sameBytes(t.bytes.baseAddress! + previous.offset, t.bytes.baseAddress! + record.offset, length) {
            appendRepeats(line: record.line, count: 1, of: previous.observation, width: width)
            return true
        }
        repeatable = nil
        return false
    }

    /// After a row is read: it may be repeated when it gave `width` observations and no diagnostic.
    mutating func noteRepeatable(_ record: CSVTokenizer.Record, _ t: CSVTokenizer, width: Int, observationsBefore: Int, diagnosticsBefore: Int) {
        if observations.count == observationsBefore + width && log.total == diagnosticsBefore {
            repeatable = (record.offset, Self.length(of: record, t), Int32(observationsBefore))
        }
    }

    /// Notes that lines `line..<line + count` repeat observations `of..<of + width` byte for byte.
    mutating func appendRepeats(line: Int, count: Int, of observation: Int32, width: Int) {
        if let last = repeats.last, last.of == observation, last.width == Int32(width), Int(last.line) + Int(last.count) == line {
            repeats[repeats.count - 1].count += Int32(count)
        } else {
            repeats.append(RepeatRun(line: Int32(line), count: Int32(count), of: observation, width: Int32(width)))
        }
    }

    mutating func readWide(_ layout: ExtractFormat.WideLayout, _ record: CSVTokenizer.Record,
                           _ fields: [CSVTokenizer.Field], _ t: inout CSVTokenizer) {
        summary.values += layout.metrics.count
        if isRepeat(record, t, width: layout.metrics.count) { return }
        let observationsBefore = observations.count, diagnosticsBefore = log.total
        defer {
            noteRepeatable(record, t, width: layout.metrics.count, observationsBefore: observationsBefore, diagnosticsBefore: diagnosticsBefore)
        }
        guard fields.count == header.count else { ragged(record, fields, t, values: layout.metrics.count); return }
        guard let month = month(fields[layout.month], record, t, values: layout.metrics.count) else { return }
        let area = layout.area.map { t.text(fields[$0]) } ?? ""
        for metric in layout.metrics {
            keyBuffer.removeAll(keepingCapacity: true)
            keyBuffer.append(contentsOf: area.utf8)
            keyBuffer.append(0x1F)
            keyBuffer.append(contentsOf: metric.name.utf8)
            let series = intern(keyBuffer) { SeriesKey(area: area, metric: metric.name) }
            _ = value(fields[metric.column], column: metric.column, series: series, month: month, record, t)
        }
    }

    // MARK: Shared checks

    /// The series for raw key bytes, creating it (and checking its metric) on first sight.
    mutating func intern(_ raw: [UInt8], _ makeKey: () -> SeriesKey) -> Int32 {
        let rawKey = String(decoding: raw, as: UTF8.self)
        if let s = rawKeyIndex[rawKey] { return s }
        let key = makeKey()
        let s: Int32
        if let existing = keyIndex[key] {
            s = existing
        } else {
            s = addSeries(key)
            if !catalogue.knows(key.metric) && unknownMetrics.insert(key.metric).inserted {
                log.add(Diagnostic(file: file, code: "unknown_metric", severity: .warning,
                                   message: "the metric \"\(key.metric)\" is not in the metric catalogue (seeds/metrics.csv); it is kept with neutral polarity"))
            }
        }
        rawKeyIndex[rawKey] = s
        return s
    }

    /// The month of a row, or nil after quarantining the row's `values` values.
    mutating func month(_ field: CSVTokenizer.Field, _ record: CSVTokenizer.Record, _ t: CSVTokenizer, values: Int = 1) -> Month? {
        let bytes = t.rawBytes(field)
        // Fast path: the canonical YYYY-MM.
        if bytes.count == 7, bytes[4] == 0x2D, let m = Self.canonicalMonth(bytes) { return m }
        let text = String(decoding: bytes, as: UTF8.self)
        let result: MonthParser.Result
        if let cached = monthCache[text] { result = cached } else { result = MonthParser.parse(bytes); monthCache[text] = result }
        switch result {
        case let .month(m): return m
        case let .failure(code, message):
            reject(record, t, column: header[Self.monthColumn(format)], at: field, code: code, message: message, values: values)
            return nil
        }
    }

    static func monthColumn(_ format: ExtractFormat?) -> Int {
        switch format {
        case let .long(l): return l.month
        case let .wide(w): return w.month
        default: return 0
        }
    }

    static func canonicalMonth(_ b: UnsafeRawBufferPointer) -> Month? {
        var year = 0
        for i in 0..<4 { let d = Int(b[i]) - 48; guard (0...9).contains(d) else { return nil }; year = year * 10 + d }
        let m1 = Int(b[5]) - 48, m2 = Int(b[6]) - 48
        guard (0...1).contains(m1), (0...9).contains(m2), (1900...2100).contains(year) else { return nil }
        return Month(year: year, month: m1 * 10 + m2)
    }

    /// Parses and records one value; false when it was quarantined.
    mutating func value(_ field: CSVTokenizer.Field, column: Int, series: Int32, month: Month,
                        _ record: CSVTokenizer.Record, _ t: CSVTokenizer) -> Bool {
        switch CellValue.parse(t.rawBytes(field)) {
        case let .number(v), let .percent(v):
            if abs(v) > Self.largestPlausible {
                reject(record, t, column: header[column], at: field, code: "implausible_value",
                       message: "\(keys[Int(series)].metric) of \(Self.format(v)) is larger than any measure can be (more than 2^53 = 9007199254740992 in size, where whole numbers stop being exact and a model's sums of squares can overflow)")
                return false
            }
            if v < 0 && isCount[Int(series)] {
                reject(record, t, column: header[column], at: field, code: "negative_count",
                       message: "\(keys[Int(series)].metric) is a count, so \(Self.format(v)) cannot be right")
                return false
            }
            if let cap = caps[Int(series)], let bound = cap.bound(month), v > bound {
                let key = keys[Int(series)]
                reject(record, t, column: header[column], at: field, code: "implausible_count",
                       message: "\(key.metric) of \(Self.format(v)) in \(key.area) for \(month) is more than \(cap.what(month)) (\(Self.format(bound)))")
                return false
            }
            switch units[Int(series)] {
            case .percent? where v < 0 || v > 100:
                reject(record, t, column: header[column], at: field, code: "implausible_percent",
                       message: "\(keys[Int(series)].metric) is a percentage, so \(Self.format(v)) (outside 0–100) cannot be right")
                return false
            case .rate? where v < 0 || v > 10_000:
                reject(record, t, column: header[column], at: field, code: "implausible_rate",
                       message: "\(keys[Int(series)].metric) is a rate per 10,000 children, so \(Self.format(v)) (outside 0–10,000) cannot be right")
                return false
            default: break
            }
            observations.append(series: series, month: month, value: v, status: .observed, line: record.line)
        case .blank:
            observations.append(series: series, month: month, value: .nan, status: .missing, line: record.line)
        case let .suppressed(marker):
            observations.markers[observations.count] = marker
            observations.append(series: series, month: month, value: .nan, status: .suppressed, line: record.line)
        case let .invalid(text):
            reject(record, t, column: header[column], at: field, code: "non_numeric",
                   message: "\"\(text)\" in column \"\(header[column])\" is not a number, a blank or a suppression marker")
            return false
        }
        return true
    }

    mutating func reject(_ record: CSVTokenizer.Record, _ t: CSVTokenizer, column: String, at field: CSVTokenizer.Field,
                         code: String, message: String, values: Int = 1) {
        log.add(Diagnostic(file: file, line: t.line(of: field.origin, in: record), column: t.column(ofByte: field.origin),
                           code: code, message: message))
        quarantine.append(.init(line: record.line, column: column, code: code, reason: message,
                                row: Self.rowText(t, record), values: values))
    }

    mutating func ragged(_ record: CSVTokenizer.Record, _ fields: [CSVTokenizer.Field], _ t: CSVTokenizer, values: Int) {
        let message = "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(header.count)"
        let column = fields.count > header.count ? t.column(ofByte: fields[header.count].origin) : nil
        log.add(Diagnostic(file: file, line: record.line, column: column, code: "ragged_row", message: message))
        quarantine.append(.init(line: record.line, column: nil, code: "ragged_row", reason: message,
                                row: Self.rowText(t, record), values: values))
    }

    /// 2^53: no count, percentage or rate of children comes near it, and beyond it whole numbers are not
    /// exact in a Double and squares (a fit's sums of squares) head for overflow.
    static let largestPlausible = 9_007_199_254_740_992.0

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// The record's text as it stands in the file (without its line break).
    static func rowText(_ t: CSVTokenizer, _ record: CSVTokenizer.Record) -> String {
        var end = t.index
        while end > record.offset, t.bytes[end - 1] == 0x0A || t.bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: t.bytes[record.offset..<end]), as: UTF8.self)
    }

    static func snippet(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 200, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    /// Physical lines from `offset` to the end (a final line without a break counts).
    static func lineCount(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        var n = 0
        var i = offset
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { n += 1 }
            i += 1
        }
        let last = bytes[bytes.count - 1]
        return n + (last == 0x0A || last == 0x0D ? 0 : 1)
    }

    // MARK: Whole-file checks

    mutating func finish(asOf: Month) -> ExtractReading {
        // The duplicates' grid still describes the observations when none was removed (the usual case).
        let grid = resolveDuplicates() ?? SeriesGrid(observations, seriesCount: keys.count)
        checkSeries(asOf: asOf, grid: grid)
        var suppressed = 0, blank = 0
        for status in observations.status {
            if status == .suppressed { suppressed += 1 } else if status == .missing { blank += 1 }
        }
        summary.accepted = observations.count - suppressed
        summary.suppressed = suppressed
        summary.blank = blank
        summary.quarantined = quarantine.valueCount
        return ExtractReading(file: file, format: format, keys: keys, observations: observations,
                              quarantine: quarantine.sortedByLine(),
                              diagnostics: log.finished(), summary: summary, grid: grid,
                              counts: (log.total(.error), log.total(.warning)))
    }

    /// Same series and month twice: an identical repeat is dropped with a warning; different values are
    /// a conflict and every row of the month is quarantined. Rows noted as byte-for-byte repeats while
    /// reading (``repeats``) are settled here in line order, exactly as if each were an observation.
    /// Returns the observations' grid when no observation was removed (nil when some were, or there are
    /// none), so that it need not be built again.
    mutating func resolveDuplicates() -> SeriesGrid? {
        let n = observations.count
        guard n > 0 else { return nil }
        let grid = SeriesGrid(observations, seriesCount: keys.count)      // holds the last row of each month
        // Every observation in a month of its own and no repeated rows noted: nothing to settle.
        if repeats.isEmpty && grid.filledSlots == n { return grid }
        var remove = [Bool](repeating: false, count: n)
        var firstAt = [Int: Int]()                                        // position → first row, for repeated months
        var conflicted = [Int: [DuplicateMember]]()                       // position → rows
        /// Whether observations `i` and `j` hold the same value (or the same blank or marker).
        func same(_ i: Int, _ j: Int) -> Bool {
            observations.status[i] == observations.status[j]
                && (observations.value[i] == observations.value[j] || (observations.value[i].isNaN && observations.value[j].isNaN))
                && observations.markers[i] == observations.markers[j]
        }
        /// Whether row `member` (holding the value of observation `i`) repeats the first row of its month,
        /// `j`, and no conflict was found there yet; if not, it joins the month's conflict.
        func isDuplicate(_ member: DuplicateMember, value i: Int, first j: Int, position k: Int) -> Bool {
            if same(i, j) && conflicted[k] == nil { return true }
            conflicted[k, default: [.observation(j)]].append(member)
            return false
        }
        /// The rejection of a duplicate of observation `i` on `line`, `j` being its month's first row.
        func duplicate(_ i: Int, first j: Int, line: Int) -> ExtractReading.QuarantinedValue {
            let s = Int(observations.series[i])
            return .init(line: line, column: nil, code: "duplicate_row", reason: "exact repeat of line \(observations.line[j])",
                         row: "\(keys[s]),\(observations.month[i]),\(describe(i))")
        }
        /// Logs duplicates: on each of `lines` lines from `line`, one of each observation in `group`
        /// (with its month's first row).
        func logDuplicates(_ group: [(i: Int, j: Int)], line: Int, lines: Int) {
            log.add(code: "duplicate_row", severity: .warning, count: lines * group.count) { k in
                let (i, j) = group[k % group.count]
                return Diagnostic(file: file, line: line + k / group.count, code: "duplicate_row", severity: .warning,
                                  message: "\(keys[Int(observations.series[i])]) \(observations.month[i]) repeats line \(observations.line[j]) exactly; the repeat is set aside")
            }
        }
        var r = 0
        /// The repeat runs before `line`, in order.
        func settleRepeats(before line: Int) {
            while r < repeats.count && Int(repeats[r].line) < line {
                let run = repeats[r]
                r += 1
                let start = Int(run.line), lines = Int(run.count)
                var duplicates = [(i: Int, j: Int)]()
                for o in Int(run.of)..<Int(run.of + run.width) {
                    let k = grid.position(series: Int(observations.series[o]), month: observations.month[o])
                    // The row repeated came first in its month unless an earlier row was noted as first.
                    let j = firstAt[k] ?? o
                    firstAt[k] = j
                    if isDuplicate(.repeats(line: start, count: lines, of: o), value: o, first: j, position: k) { duplicates.append((o, j)) }
                }
                guard !duplicates.isEmpty else { continue }
                logDuplicates(duplicates, line: start, lines: lines)
                if duplicates.count == Int(run.width) {
                    // Every cell of these rows is a duplicate: they are the only rejections on their lines.
                    quarantine.append(group: duplicates.map { duplicate($0.i, first: $0.j, line: start) }, count: lines)
                } else {
                    // Others conflict, and their rejections will share these lines: one line at a time.
                    for l in start..<start + lines {
                        quarantine.append(group: duplicates.map { duplicate($0.i, first: $0.j, line: l) }, count: 1)
                    }
                }
            }
        }
        for i in 0..<n {
            settleRepeats(before: Int(observations.line[i]))
            let s = Int(observations.series[i])
            let k = grid.position(series: s, month: observations.month[i])
            if Int(grid.slot[k]) == i && firstAt[k] == nil { continue }   // the only row of its month
            guard let j = firstAt[k] else { firstAt[k] = i; continue }
            if isDuplicate(.observation(i), value: i, first: j, position: k) {
                remove[i] = true
                logDuplicates([(i, j)], line: Int(observations.line[i]), lines: 1)
                quarantine.append(duplicate(i, first: j, line: Int(observations.line[i])))
            }
        }
        settleRepeats(before: .max)
        // In the order of each month's first row (always an observation).
        for (_, members) in conflicted.sorted(by: { $0.value[0].first < $1.value[0].first }) {
            // Every row of the month, line by line, with the value each holds.
            var rows = [(line: Int, value: Int)]()
            for m in members {
                switch m {
                case let .observation(i): rows.append((Int(observations.line[i]), i))
                case let .repeats(line, count, o): for k in 0..<count { rows.append((line + k, o)) }
                }
            }
            let first = rows[0].value
            let s = Int(observations.series[first])
            let lines = rows.map { String($0.line) }.joined(separator: ", ")
            let values = rows.map { describe($0.value) }.joined(separator: " vs ")
            let message = "\(keys[s]) \(observations.month[first]) has different values on lines \(lines) (\(values)); all are set aside until the extract is corrected"
            for m in members {
                if case let .observation(i) = m { remove[i] = true }
            }
            for (line, i) in rows {
                log.add(Diagnostic(file: file, line: line, code: "conflicting_duplicate", message: message))
                quarantine.append(.init(line: line, column: nil, code: "conflicting_duplicate",
                                        reason: message, row: "\(keys[s]),\(observations.month[i]),\(describe(i))"))
            }
        }
        guard remove.contains(true) else { return grid }
        observations.removeAll(where: remove)
        return nil
    }

    func describe(_ i: Int) -> String {
        switch observations.status[i] {
        case .suppressed: return observations.markers[i] ?? "suppressed"
        case .missing: return "blank"
        default: return Self.format(observations.value[i])
        }
    }

    /// Gaps, future months and implausible jumps, per series.
    mutating func checkSeries(asOf: Month, grid: SeriesGrid) {
        for i in 0..<observations.count where observations.month[i] > asOf {
            log.add(Diagnostic(file: file, line: Int(observations.line[i]), code: "future_month", severity: .warning,
                               message: "\(observations.month[i]) is after \(asOf), the month this run is as of"))
        }
        // Each series is examined on its own, so blocks of series run in parallel; findings are then
        // logged in series order, so the report does not depend on the number of cores.
        let findings = SeriesFindings.scan(observations, grid: grid, seriesCount: keys.count)
        var gapSeries = [String]()
        for f in findings {
            if let gap = f.gap {
                let start = Month(index: grid.first[f.series])
                gapSeries.append("\(keys[f.series]) (\(gap.count) month\(gap.count == 1 ? "" : "s") from \(start.advanced(by: gap.first)))")
            }
            for jump in f.jumps {
                log.add(Diagnostic(file: file, line: Int(observations.line[jump.to]), code: "implausible_jump", severity: .warning,
                                   message: "\(keys[f.series]) moves from \(Self.format(observations.value[jump.from])) to \(Self.format(observations.value[jump.to])) in \(observations.month[jump.to]), more than 10 times its usual monthly change (\(Self.format(jump.typical))); check the extract"))
            }
        }
        if !gapSeries.isEmpty {
            log.add(Diagnostic(file: file, code: "gap", severity: .warning,
                               message: "\(gapSeries.count) series ha\(gapSeries.count == 1 ? "s" : "ve") months with no accepted value: \(gapSeries.prefix(5).joined(separator: "; "))\(gapSeries.count > 5 ? "; …" : "")"))
        }
    }
}

/// What the per-series checks found in one series: its gaps and its implausible jumps.
private struct SeriesFindings: Sendable {
    let series: Int
    /// Months with no accepted value between the first and last, and the offset of the first.
    var gap: (count: Int, first: Int)?
    /// Observation indices of each jump and the series' typical monthly change.
    var jumps: [(from: Int, to: Int, typical: Double)] = []

    /// Findings for every series that has any, in series order.
    static func scan(_ observations: ExtractReading.Observations, grid: SeriesGrid, seriesCount: Int) -> [SeriesFindings] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, seriesCount / 256))
        return Parallel.map(workers) { w -> [SeriesFindings] in
            var found = [SeriesFindings]()
            var observed = [Int](), scratch = [Double]()
            let lower = seriesCount * w / workers, upper = seriesCount * (w + 1) / workers
            for s in lower..<upper {
                let span = grid.span(s)
                guard span > 0 else { continue }
                var f = SeriesFindings(series: s)
                observed.removeAll(keepingCapacity: true)
                var gaps = 0, firstGap = -1
                for offset in 0..<span {
                    let i = grid.observation(series: s, offset: offset)
                    if i < 0 {
                        gaps += 1
                        if firstGap < 0 { firstGap = offset }
                    } else if observations.status[i] == .observed {
                        observed.append(i)
                    }
                }
                if gaps > 0 { f.gap = (gaps, firstGap) }
                // Implausible jumps between consecutive observed months (needs 6 observed months).
                // A jump must also move by more than half the value it moves from, which most series never
                // do: only a series with such a move needs its median change (most of the check's time).
                if observed.count >= 6 {
                    scratch.removeAll(keepingCapacity: true)
                    var large = false
                    for k in 1..<observed.count {
                        let from = observations.value[observed[k - 1]], delta = abs(observations.value[observed[k]] - from)
                        scratch.append(delta)
                        if delta > 0.5 * max(abs(from), 1) { large = true }
                    }
                    guard large else {
                        if f.gap != nil { found.append(f) }
                        continue
                    }
                    let typical = Median.inPlace(&scratch)
                    // Whole numbers move by at least 1: a rare count (usually 0, sometimes 1 or 2) has a
                    // typical change of 0, and its every move is not implausible.
                    let whole = observed.allSatisfy { observations.value[$0] == observations.value[$0].rounded() }
                    let usual = whole ? max(typical, 1) : typical
                    for k in 1..<observed.count {
                        let from = observed[k - 1], to = observed[k]
                        let delta = abs(observations.value[to] - observations.value[from])
                        if delta > 10 * usual && delta > 0.5 * max(abs(observations.value[from]), 1) {
                            f.jumps.append((from, to, usual))
                        }
                    }
                }
                if f.gap != nil || !f.jumps.isEmpty { found.append(f) }
            }
            return found
        }.flatMap { $0 }
    }
}
