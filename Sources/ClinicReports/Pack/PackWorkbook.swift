import CXlsxWriter
import ClinicData
import ClinicDetection
import ClinicModels
import Foundation

/// The pack as an Excel workbook (`pack.xlsx`, through libxlsxwriter): a Summary sheet (a row per
/// measure, numbers as numbers in the measure's format, the 12-month averages and direction the HTML
/// has, RAG coloured by conditional formats), the Agenda, a data sheet per measure with a native line
/// chart (actual, fitted, process limits, forecast and its range, intervention markers), Data quality
/// and Provenance; headers frozen and columns sized on every sheet.
///
/// Contract: every text from user files is written with `worksheet_write_string`, so a name starting
/// with `=`, `+`, `-` or `@` is a text cell and is never evaluated as a formula; chart and series
/// titles, which libxlsxwriter would read as a range when they start with `=`, get a leading space.
/// Sheet names keep letters, digits, spaces, `-` and `_`, at most 31 characters, made unique. Cells and
/// titles go through ``SpreadsheetText`` (control characters shown as their pictures, over-long text cut).
enum PackWorkbook {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// The workbook's bytes (written to a private temporary folder first, then read back).
    static func data(_ pack: Pack, view: PackView) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pack.xlsx").path
        // Constant-memory mode: each row goes to the sheet's file as soon as the next begins (rows are
        // written in order), strings inline; the temporary files go to the same private folder.
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        let tmpdir = strdup(folder.path)
        defer { free(tmpdir) }
        options.tmpdir = tmpdir
        guard let workbook = workbook_new_opt(path, &options) else { throw WriteError(description: "the Excel workbook could not be created") }
        var writer = Writer(workbook: workbook)
        let written = Result { try writer.write(pack, view: view) }
        let status = workbook_close(workbook)
        try written.get()
        guard status == LXW_NO_ERROR else {
            throw WriteError(description: "the Excel workbook could not be written (\(String(cString: lxw_strerror(status))))")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Excel's serial day number of the first day of `month`: days since 30 December 1899, that is
    /// ``Day``'s days since 1970 plus 25,569 (nil outside the years `Day` holds, 1900–2100).
    static func serial(_ month: Month) -> Double? {
        Day(year: month.year, month: month.month, day: 1).map { Double(Int($0.index) + 25_569) }
    }

    /// A sheet name Excel accepts, unique (ignoring case) among `used`: ASCII letters, digits, spaces,
    /// `-` and `_` (anything else becomes `_`), at most 31 characters, "Measure" when nothing is left,
    /// `_2`, `_3`, … on a collision.
    static func sheetName(_ text: String, used: inout Set<String>) -> String {
        let cleaned = String(text.unicodeScalars.map { c -> Character in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == " " || c == "-" || c == "_") ? Character(c) : "_"
        }).trimmingCharacters(in: .whitespaces)
        var base = String((cleaned.isEmpty ? "Measure" : cleaned).prefix(27))
        if base.lowercased() == "history" { base += "_" }
        var name = base, k = 2
        while used.contains(name.lowercased()) { name = "\(base)_\(k)"; k += 1 }
        used.insert(name.lowercased())
        return name
    }

    /// A title for a chart or series: never read as a range reference.
    static func title(_ text: String) -> String {
        let safe = SpreadsheetText.cell(text)
        return safe.hasPrefix("=") ? " " + safe : safe
    }

    /// How a measure's numbers read in Excel: formats for its values (and fitted values, limits and
    /// forecasts), for changes, and for slopes a month; and the factor its values are stored with.
    /// Counts are whole numbers with thousands separators, rates and ratios one decimal, percentages
    /// stored as fractions under Excel's % format (22.0%), their changes in percentage points ("+1.2 pts",
    /// stored in points, so a change is never read as a relative one). A measure of unknown unit keeps
    /// Excel's General format.
    struct UnitFormats {
        let value: UnsafeMutablePointer<lxw_format>?
        let fitted: UnsafeMutablePointer<lxw_format>?
        let change: UnsafeMutablePointer<lxw_format>?
        let slope: UnsafeMutablePointer<lxw_format>?
        /// What values (not changes or slopes) are multiplied by before they are written.
        let scale: Double
    }

    struct Writer {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        let bold: UnsafeMutablePointer<lxw_format>?
        let date: UnsafeMutablePointer<lxw_format>?
        let wrap: UnsafeMutablePointer<lxw_format>?
        let whole: UnsafeMutablePointer<lxw_format>?
        /// A relative change of two averages (+49%).
        let relative: UnsafeMutablePointer<lxw_format>?
        /// RAG fills for the conditional formats (red, amber, green), with dark text that keeps 4.5:1.
        let red: UnsafeMutablePointer<lxw_format>?, amber: UnsafeMutablePointer<lxw_format>?, green: UnsafeMutablePointer<lxw_format>?
        let units: [MetricDefinition.Unit: UnitFormats]

        init(workbook: UnsafeMutablePointer<lxw_workbook>) {
            self.workbook = workbook
            func format(_ numbers: String? = nil, bold isBold: Bool = false, wrap wraps: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
                let f = workbook_add_format(workbook)
                if let numbers { format_set_num_format(f, numbers) }
                if isBold { format_set_bold(f) }
                if wraps { format_set_text_wrap(f) }
                return f
            }
            bold = format(bold: true, wrap: true)
            format_set_bottom(bold, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            date = format("mmm yyyy")
            wrap = format(wrap: true)
            format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            whole = format("#,##0")
            relative = format("+0%;-0%;0%")
            func fill(_ background: lxw_color_t, _ font: lxw_color_t) -> UnsafeMutablePointer<lxw_format>? {
                let f = workbook_add_format(workbook)
                format_set_bg_color(f, background)
                format_set_font_color(f, font)
                return f
            }
            red = fill(0xF4C7C3, 0x7A1712)
            amber = fill(0xFCE8B2, 0x6B4A00)
            green = fill(0xB7E1CD, 0x0D5130)
            units = [
                .count: UnitFormats(value: format("#,##0"), fitted: format("#,##0.0"), change: format("+#,##0;-#,##0;0"),
                                    slope: format("+0.00;-0.00;0.00"), scale: 1),
                .rate: UnitFormats(value: format("#,##0.0"), fitted: format("#,##0.0"), change: format("+#,##0.0;-#,##0.0;0.0"),
                                   slope: format("+0.000;-0.000;0.000"), scale: 1),
                .percent: UnitFormats(value: format("0.0%"), fitted: format("0.0%"), change: format("+0.0\" pts\";-0.0\" pts\";0.0\" pts\""),
                                      slope: format("+0.00\" pts\";-0.00\" pts\";0.00\" pts\""), scale: 0.01),
                .ratio: UnitFormats(value: format("0.0"), fitted: format("0.0"), change: format("+0.0;-0.0;0.0"),
                                    slope: format("+0.000;-0.000;0.000"), scale: 1),
            ]
        }

        /// The formats of a measure of `unit` (General, unscaled, when the unit is unknown).
        func formats(_ unit: MetricDefinition.Unit?) -> UnitFormats {
            unit.flatMap { units[$0] } ?? UnitFormats(value: nil, fitted: nil, change: nil, slope: nil, scale: 1)
        }

        func text(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: Int, _ column: Int, _ value: String,
                  _ format: UnsafeMutablePointer<lxw_format>? = nil) {
            worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), SpreadsheetText.cell(value), format)
        }

        func number(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: Int, _ column: Int, _ value: Double?,
                    _ format: UnsafeMutablePointer<lxw_format>? = nil) {
            guard let value, value.isFinite else { return }
            worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format)
        }

        /// Bold, wrapped column names over a thin rule, frozen with the first `frozenColumns` columns.
        func header(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ names: [String], frozenColumns: Int = 0) {
            worksheet_set_row(sheet, 0, 30, nil)
            for (c, name) in names.enumerated() { text(sheet, 0, c, name, bold) }
            worksheet_freeze_panes(sheet, 1, lxw_col_t(frozenColumns))
        }

        /// Column widths in characters, from the first column on.
        func widths(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ list: [Double], format: [Int: UnsafeMutablePointer<lxw_format>?] = [:]) {
            for (c, w) in list.enumerated() { worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), w, format[c] ?? nil) }
        }

        /// A line of a chart: the sheet column it plots (rows 1 to the last) and how it is drawn.
        typealias ChartLine = (column: Int, name: String, colour: lxw_color_t, width: Float, dash: lxw_chart_line_dash_type)

        /// Adds each of `lines` to `chart`: column values of `sheet` from row 1 to `lastRow`, against the
        /// months (or years) in column 0.
        func addLines(_ lines: [ChartLine], to chart: UnsafeMutablePointer<lxw_chart>, sheet: String, lastRow: lxw_row_t) {
            for l in lines {
                let series = chart_add_series(chart, nil, nil)
                chart_series_set_categories(series, sheet, 1, 0, lastRow, 0)
                chart_series_set_values(series, sheet, 1, lxw_col_t(l.column), lastRow, lxw_col_t(l.column))
                chart_series_set_name(series, l.name)
                var line = lxw_chart_line()
                line.color = l.colour
                line.width = l.width
                line.dash_type = UInt8(l.dash.rawValue)
                chart_series_set_line(series, &line)
            }
        }

        /// Puts `chart` on `sheet` at row 1 of `column`, its legend below, 1.6 × 1.5 times the default size.
        func place(_ chart: UnsafeMutablePointer<lxw_chart>, on sheet: UnsafeMutablePointer<lxw_worksheet>, column: Int) {
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
            var options = lxw_chart_options()
            options.x_scale = 1.6
            options.y_scale = 1.5
            worksheet_insert_chart_opt(sheet, 1, lxw_col_t(column), chart, &options)
        }

        /// A new sheet; libxlsxwriter returns nil for a name Excel would refuse.
        func sheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw WriteError(description: "the Excel workbook cannot have a sheet named \"\(name)\"")
            }
            return sheet
        }

        mutating func write(_ pack: Pack, view: PackView) throws {
            var used = Set<String>(["summary", "agenda", "data quality", "provenance"] + (pack.lookedAfter == nil ? [] : ["looked after", "projection"]))
            let summary = try sheet("Summary")
            let agenda = try sheet("Agenda")
            let names = pack.measures.map { m in PackWorkbook.sheetName(m.series.key.metric + m.series.key.dimensions.map { " \($0.value)" }.joined(), used: &used) }

            // Constant-memory mode writes rows in order, so the column widths go first.
            widths(summary, [40, 14, 11, 11, 10, 10, 10, 11, 11, 12, 44, 11, 11, 11, 28, 24, 10, 8, 9, 10, 9, 9, 10, 9],
                   format: [10: wrap, 14: wrap, 15: wrap])
            header(summary, ["Measure", "Sheet", "Area", "Latest month", "Latest value", "Change on last month", "Change on a year ago",
                             "Last 12 months (average)", "12 months before (average)", "Change in the 12-month average", "Direction",
                             "Recent slope a month", "Slope lower 95%", "Slope upper 95%", "Variation", "Assurance", "Target", "RAG",
                             "Benchmark year", "Benchmark value", "England", "Region", "Neighbours", "Quartile"], frozenColumns: 1)
            for (i, m) in pack.measures.enumerated() {
                let r = i + 1, f = formats(m.definition.unit)
                text(summary, r, 0, view.summary[i].label)
                text(summary, r, 1, names[i])
                text(summary, r, 2, m.series.key.area)
                if let latest = m.latest {
                    number(summary, r, 3, PackWorkbook.serial(latest.month), date)
                    number(summary, r, 4, latest.value * f.scale, f.value)
                    number(summary, r, 5, m.change(overMonths: 1), f.change)
                    number(summary, r, 6, m.change(overMonths: 12), f.change)
                }
                if let c = m.fit.yearComparison {
                    number(summary, r, 7, c.recentMean * f.scale, f.fitted)
                    number(summary, r, 8, c.previousMean * f.scale, f.fitted)
                    // A percentage's change is in points; anything else's relative to the year before.
                    if m.definition.unit == .percent { number(summary, r, 9, c.difference, f.change) }
                    else { number(summary, r, 9, c.percent.map { $0 / 100 }, relative) }
                }
                text(summary, r, 10, view.summary[i].recent, wrap)
                if let d = m.fit.recentDirection {
                    number(summary, r, 11, d.slopePerMonth.value, f.slope); number(summary, r, 12, d.slopePerMonth.lower, f.slope)
                    number(summary, r, 13, d.slopePerMonth.upper, f.slope)
                }
                text(summary, r, 14, view.summary[i].variation, wrap)
                text(summary, r, 15, view.summary[i].assurance, wrap)
                if let t = m.target {
                    number(summary, r, 16, t.value * f.scale, f.value)
                    text(summary, r, 17, t.status.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() } ?? "")
                }
                if let b = m.benchmark {
                    number(summary, r, 18, Double(b.year)); number(summary, r, 19, b.value.map { $0 * f.scale }, f.value)
                    number(summary, r, 20, b.england.map { $0 * f.scale }, f.value)
                    number(summary, r, 21, b.region.map { $0 * f.scale }, f.value); number(summary, r, 22, b.neighbours.map { $0 * f.scale }, f.value)
                    number(summary, r, 23, b.quartile.map(Double.init))
                }
            }
            // RAG as colour as well as the word (the word stays, for print and colour blindness).
            if !pack.measures.isEmpty {
                for (word, fill) in [("Red", red), ("Amber", amber), ("Green", green)] {
                    var rule = lxw_conditional_format()
                    rule.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
                    rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING.rawValue)
                    let value = strdup(word)
                    defer { free(value) }
                    rule.value_string = value
                    rule.format = fill
                    worksheet_conditional_format_range(summary, 1, 17, lxw_row_t(pack.measures.count), 17, &rule)
                }
            }

            widths(agenda, [9, 36, 10, 14, 100], format: [4: wrap])
            header(agenda, ["Severity", "Measure", "Month", "Method", "Sentence"])
            for (i, item) in view.agenda.enumerated() {
                text(agenda, i + 1, 0, item.severity)
                text(agenda, i + 1, 1, item.measure)
                number(agenda, i + 1, 2, PackWorkbook.serial(pack.agenda[i].lead.month), date)
                text(agenda, i + 1, 3, item.method)
                text(agenda, i + 1, 4, item.sentence, wrap)
            }

            for (i, m) in pack.measures.enumerated() { try measureSheet(m, name: names[i], label: view.summary[i].label) }
            if let section = pack.lookedAfter { try lookedAfter(section) }
            try quality(pack, view: view)
        }

        /// Month by month: value, status, fitted, process limits, the forecast rows, and the interventions
        /// in force (the fitted value at their first month, for the chart's marker); a line chart of them all.
        /// What the page says of the forecast (``PackView/forecastNote(for:)``: a change followed, a range
        /// widened for one not clear enough to follow, or a recent changepoint not followed) stands beside its
        /// first month, so a forecast read from the sheet is read as the page reads it.
        func measureSheet(_ m: Pack.Measure, name: String, label: String) throws {
            let sheet = try self.sheet(name)
            let f = formats(m.definition.unit)
            widths(sheet, [11, 10, 10, 10, 10, 10, 10, 10, 10, 12, 14])
            header(sheet, ["Month", "Value", "Status", "Fitted", "Process limit (lower)", "Process limit (upper)", "Forecast",
                           "Forecast lower 95%", "Forecast upper 95%", "Intervention starts", "Forecast note"])
            let s = m.series
            var limits = [Month: (Double?, Double?)]()
            if let c = m.residualChart { for (j, month) in c.months.enumerated() { limits[month] = (c.lower[j], c.upper[j]) } }
            let starts = Dictionary(m.interventions.map { ($0.month, $0.label) }, uniquingKeysWith: { a, b in "\(a); \(b)" })
            var row = 1
            for i in s.values.indices {
                let month = s.start.advanced(by: i)
                number(sheet, row, 0, PackWorkbook.serial(month), date)
                if s.status[i] == .observed || s.status[i] == .imputed { number(sheet, row, 1, s.values[i] * f.scale, f.value) }
                text(sheet, row, 2, s.status[i].rawValue)
                if i < m.fit.fitted.count { number(sheet, row, 3, m.fit.fitted[i] * f.scale, f.fitted) }
                if let (lower, upper) = limits[month] {
                    number(sheet, row, 4, lower.map { $0 * f.scale }, f.fitted); number(sheet, row, 5, upper.map { $0 * f.scale }, f.fitted)
                }
                if starts[month] != nil, i < m.fit.fitted.count { number(sheet, row, 9, m.fit.fitted[i] * f.scale, f.fitted) }
                row += 1
            }
            let note = PackView.forecastNote(for: m)
            for (j, fc) in m.fit.forecast.enumerated() {
                number(sheet, row, 0, PackWorkbook.serial(fc.month), date)
                if j == 0, let note { text(sheet, row, 10, note) }
                number(sheet, row, 6, fc.mean * f.scale, f.fitted); number(sheet, row, 7, fc.lower * f.scale, f.fitted)
                number(sheet, row, 8, fc.upper * f.scale, f.fitted)
                row += 1
            }
            let last = lxw_row_t(row - 1)
            guard let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue)) else { return }
            chart_title_set_name(chart, PackWorkbook.title(label))
            // Told apart in grey as well as in colour: solid, dashed and dotted lines of different widths.
            var lines: [ChartLine] = [
                (1, "Actual", 0x1F3B57, 2.0, LXW_CHART_LINE_DASH_SOLID),
                (3, "Trend (fitted)", 0x8A4F00, 1.25, LXW_CHART_LINE_DASH_DASH),
                (6, "Forecast", 0x1F3B57, 1.5, LXW_CHART_LINE_DASH_DASH),
                (7, "Forecast lower 95%", 0x5B7A99, 1.0, LXW_CHART_LINE_DASH_ROUND_DOT),
                (8, "Forecast upper 95%", 0x5B7A99, 1.0, LXW_CHART_LINE_DASH_ROUND_DOT),
            ]
            if m.residualChart != nil {
                let limits: [ChartLine] = [(4, "Process limit (lower)", 0x6E6E6E, 0.75, LXW_CHART_LINE_DASH_LONG_DASH),
                                      (5, "Process limit (upper)", 0x6E6E6E, 0.75, LXW_CHART_LINE_DASH_LONG_DASH)]
                lines.insert(contentsOf: limits, at: 2)
            }
            addLines(lines, to: chart, sheet: name, lastRow: last)
            if !starts.isEmpty {
                // Each intervention as a marker on the trend at the month it starts, named in the legend.
                let series = chart_add_series(chart, nil, nil)
                chart_series_set_categories(series, name, 1, 0, last, 0)
                chart_series_set_values(series, name, 1, 9, last, 9)
                chart_series_set_name(series, PackWorkbook.title("Starts: " + starts.sorted { $0.key < $1.key }.map { "\($0.value) (\(Wording.shortMonthName($0.key)))" }.joined(separator: ", ")))
                var none = lxw_chart_line()
                none.none = UInt8(LXW_TRUE.rawValue)
                chart_series_set_line(series, &none)
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_DIAMOND.rawValue))
                chart_series_set_marker_size(series, 9)
            }
            place(chart, on: sheet, column: 11)
        }

        /// `clinic report --records`: a "Looked after" sheet with why the number moved (the sentences, each
        /// flow against the year before, the groups at both ends) and a "Projection" sheet: the last 36
        /// months and the projected total with its 80% and 95% ranges, charted, then every group month by
        /// month (the `clinic project lac --json` rows).
        func lookedAfter(_ section: Pack.LookedAfter) throws {
            let e = section.explanation, p = section.projection
            let sheet = try self.sheet("Looked after")
            widths(sheet, [46, 13, 13], format: [0: wrap])
            header(sheet, ["Why the number of children looked after moved, \(e.windowName)", "This window", "Year before"])
            var r = 1
            for sentence in e.sentences { text(sheet, r, 0, sentence, wrap); r += 1 }
            r += 1
            text(sheet, r, 0, "Looked after at the start", bold); number(sheet, r, 1, Double(e.stockStart), whole); r += 1
            for f in e.flows {
                text(sheet, r, 0, f.exit.map { "Ended: \($0.label)" } ?? "Started")
                number(sheet, r, 1, Double(f.count), whole); number(sheet, r, 2, f.countYearBefore.map(Double.init), whole)
                r += 1
            }
            text(sheet, r, 0, "Looked after at the end", bold); number(sheet, r, 1, Double(e.stockEnd), whole); r += 1
            text(sheet, r, 0, "Residual (identity check)"); number(sheet, r, 1, Double(e.residual), whole); r += 2
            for (title, groups) in [("By age band", e.byAge), ("By placement", e.byPlacement)] {
                text(sheet, r, 0, title, bold); text(sheet, r, 1, "Start", bold); text(sheet, r, 2, "End", bold); r += 1
                for g in groups { text(sheet, r, 0, g.label); number(sheet, r, 1, Double(g.start), whole); number(sheet, r, 2, Double(g.end), whole); r += 1 }
                r += 1
            }

            let projection = try self.sheet("Projection")
            let fitted = units[.count]!.fitted
            widths(projection, [11, 30, 12, 12, 11, 11, 11, 11])
            header(projection, ["Month", "Group", "Looked after", "Projected (mean)", "Lower 80%", "Upper 80%", "Lower 95%", "Upper 95%"])
            r = 1
            for (month, count) in section.stock.suffix(36) {
                number(projection, r, 0, PackWorkbook.serial(month), date); text(projection, r, 1, "All children looked after")
                number(projection, r, 2, Double(count), whole); r += 1
            }
            for (k, month) in p.months.enumerated() {
                let i = p.total[k]
                number(projection, r, 0, PackWorkbook.serial(month), date); text(projection, r, 1, "All children looked after")
                for (c, v) in [i.mean, i.lower80, i.upper80, i.lower95, i.upper95].enumerated() { number(projection, r, 3 + c, v, fitted) }
                r += 1
            }
            let lastTotal = lxw_row_t(r - 1)
            for row in p.rows.dropFirst() {
                for (k, month) in p.months.enumerated() {
                    let i = row.intervals[k]
                    number(projection, r, 0, PackWorkbook.serial(month), date); text(projection, r, 1, row.label)
                    for (c, v) in [i.mean, i.lower80, i.upper80, i.lower95, i.upper95].enumerated() { number(projection, r, 3 + c, v, fitted) }
                    r += 1
                }
            }
            guard let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue)) else { return }
            chart_title_set_name(chart, "Children looked after: the last 36 months and the projection")
            let lines: [ChartLine] = [
                (2, "Looked after", 0x1F3B57, 2.0, LXW_CHART_LINE_DASH_SOLID),
                (3, "Projected (mean)", 0x1F3B57, 1.5, LXW_CHART_LINE_DASH_DASH),
                (4, "Lower 80%", 0x5B7A99, 1.0, LXW_CHART_LINE_DASH_SQUARE_DOT), (5, "Upper 80%", 0x5B7A99, 1.0, LXW_CHART_LINE_DASH_SQUARE_DOT),
                (6, "Lower 95%", 0x8A8A8A, 0.75, LXW_CHART_LINE_DASH_ROUND_DOT), (7, "Upper 95%", 0x8A8A8A, 0.75, LXW_CHART_LINE_DASH_ROUND_DOT),
            ]
            addLines(lines, to: chart, sheet: "Projection", lastRow: lastTotal)
            place(chart, on: projection, column: 9)
        }

        func quality(_ pack: Pack, view: PackView) throws {
            let sheet = try self.sheet("Data quality")
            widths(sheet, [50, 12, 9, 9, 9, 11, 12, 8, 9, 66])
            header(sheet, ["File", "Format", "Rows", "Values", "Accepted", "Suppressed", "Quarantined", "Errors", "Warnings", "SHA-256"])
            for (i, f) in pack.provenance.inputs.enumerated() {
                let r = i + 1
                text(sheet, r, 0, f.path); text(sheet, r, 1, f.format)
                for (c, v) in [f.rows, f.values, f.accepted, f.suppressed, f.quarantined, f.errors, f.warnings].enumerated() {
                    number(sheet, r, 2 + c, Double(v), whole)
                }
                text(sheet, r, 9, f.sha256)
            }
            var r = pack.provenance.inputs.count + 2
            for note in view.notes { text(sheet, r, 0, note); r += 1 }

            let provenance = try self.sheet("Provenance")
            widths(provenance, [34, 80], format: [1: wrap])
            var p = 0
            for fact in view.provenance { text(provenance, p, 0, fact.name, bold); text(provenance, p, 1, fact.value, wrap); p += 1 }
            for setting in view.settings { text(provenance, p, 0, "Setting", bold); text(provenance, p, 1, setting, wrap); p += 1 }
        }
    }
}
