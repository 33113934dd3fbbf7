import CXlsxWriter
import ClinicData
import ClinicDetection
import ClinicModels
import Foundation

/// The pack as an Excel workbook (`pack.xlsx`, through libxlsxwriter): a Summary sheet (a row per
/// measure, numbers as numbers), the Agenda, a data sheet per measure with a native line chart
/// (actual, fitted, forecast and its range), Data quality and Provenance.
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

    struct Writer {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        let bold: UnsafeMutablePointer<lxw_format>?
        let date: UnsafeMutablePointer<lxw_format>?
        let wrap: UnsafeMutablePointer<lxw_format>?

        init(workbook: UnsafeMutablePointer<lxw_workbook>) {
            self.workbook = workbook
            bold = workbook_add_format(workbook)
            format_set_bold(bold)
            date = workbook_add_format(workbook)
            format_set_num_format(date, "mmm yyyy")
            wrap = workbook_add_format(workbook)
            format_set_text_wrap(wrap)
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

        func header(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ names: [String]) {
            for (c, name) in names.enumerated() { text(sheet, 0, c, name, bold) }
            worksheet_freeze_panes(sheet, 1, 0)
        }

        /// A new sheet; libxlsxwriter returns nil for a name Excel would refuse.
        func sheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw WriteError(description: "the Excel workbook cannot have a sheet named \"\(name)\"")
            }
            return sheet
        }

        mutating func write(_ pack: Pack, view: PackView) throws {
            var used = Set<String>(["summary", "agenda", "data quality", "provenance"])
            let summary = try sheet("Summary")
            let agenda = try sheet("Agenda")
            let names = pack.measures.map { m in PackWorkbook.sheetName(m.series.key.metric + m.series.key.dimensions.map { " \($0.value)" }.joined(), used: &used) }

            header(summary, ["Measure", "Sheet", "Area", "Latest month", "Latest value", "Change on last month", "Change on a year ago",
                             "Recent slope a month", "Slope lower 95%", "Slope upper 95%", "Variation", "Assurance", "Target", "RAG",
                             "Benchmark year", "Benchmark value", "England", "Region", "Neighbours", "Quartile"])
            worksheet_set_column(summary, 0, 0, 40, nil)
            for (i, m) in pack.measures.enumerated() {
                let r = i + 1
                text(summary, r, 0, view.summary[i].label)
                text(summary, r, 1, names[i])
                text(summary, r, 2, m.series.key.area)
                if let latest = m.latest {
                    number(summary, r, 3, PackWorkbook.serial(latest.month), date)
                    number(summary, r, 4, latest.value)
                    number(summary, r, 5, m.change(overMonths: 1))
                    number(summary, r, 6, m.change(overMonths: 12))
                }
                if let d = m.fit.recentDirection {
                    number(summary, r, 7, d.slopePerMonth.value); number(summary, r, 8, d.slopePerMonth.lower); number(summary, r, 9, d.slopePerMonth.upper)
                }
                text(summary, r, 10, view.summary[i].variation)
                text(summary, r, 11, view.summary[i].assurance)
                if let t = m.target { number(summary, r, 12, t.value); text(summary, r, 13, t.status?.rawValue ?? "") }
                if let b = m.benchmark {
                    number(summary, r, 14, Double(b.year)); number(summary, r, 15, b.value); number(summary, r, 16, b.england)
                    number(summary, r, 17, b.region); number(summary, r, 18, b.neighbours); number(summary, r, 19, b.quartile.map(Double.init))
                }
            }

            header(agenda, ["Severity", "Measure", "Month", "Method", "Sentence"])
            worksheet_set_column(agenda, 1, 1, 36, nil)
            worksheet_set_column(agenda, 4, 4, 100, wrap)
            for (i, item) in view.agenda.enumerated() {
                text(agenda, i + 1, 0, item.severity)
                text(agenda, i + 1, 1, item.measure)
                number(agenda, i + 1, 2, PackWorkbook.serial(pack.agenda[i].lead.month), date)
                text(agenda, i + 1, 3, item.method)
                text(agenda, i + 1, 4, item.sentence)
            }

            for (i, m) in pack.measures.enumerated() { try measureSheet(m, name: names[i], label: view.summary[i].label) }
            try quality(pack, view: view)
        }

        /// Month by month: value, status, fitted, process limits, then the forecast rows; a line chart.
        func measureSheet(_ m: Pack.Measure, name: String, label: String) throws {
            let sheet = try self.sheet(name)
            header(sheet, ["Month", "Value", "Status", "Fitted", "Process lower", "Process upper", "Forecast", "Forecast lower 95%", "Forecast upper 95%"])
            worksheet_set_column(sheet, 0, 0, 11, nil)
            let s = m.series
            var limits = [Month: (Double?, Double?)]()
            if let c = m.residualChart { for (j, month) in c.months.enumerated() { limits[month] = (c.lower[j], c.upper[j]) } }
            var row = 1
            for i in s.values.indices {
                let month = s.start.advanced(by: i)
                number(sheet, row, 0, PackWorkbook.serial(month), date)
                if s.status[i] == .observed || s.status[i] == .imputed { number(sheet, row, 1, s.values[i]) }
                text(sheet, row, 2, s.status[i].rawValue)
                if i < m.fit.fitted.count { number(sheet, row, 3, m.fit.fitted[i]) }
                if let (lower, upper) = limits[month] { number(sheet, row, 4, lower); number(sheet, row, 5, upper) }
                row += 1
            }
            for f in m.fit.forecast {
                number(sheet, row, 0, PackWorkbook.serial(f.month), date)
                number(sheet, row, 6, f.mean); number(sheet, row, 7, f.lower); number(sheet, row, 8, f.upper)
                row += 1
            }
            let last = lxw_row_t(row - 1)
            guard let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue)) else { return }
            chart_title_set_name(chart, PackWorkbook.title(label))
            for (column, seriesName, dashed) in [(1, "Actual", false), (3, "Trend (fitted)", true), (6, "Forecast", true),
                                                 (7, "Forecast lower 95%", true), (8, "Forecast upper 95%", true)] {
                let series = chart_add_series(chart, nil, nil)
                chart_series_set_categories(series, name, 1, 0, last, 0)
                chart_series_set_values(series, name, 1, lxw_col_t(column), last, lxw_col_t(column))
                chart_series_set_name(series, seriesName)
                var line = lxw_chart_line()
                line.width = column == 1 ? 1.5 : 1.0
                line.dash_type = UInt8(dashed ? LXW_CHART_LINE_DASH_DASH.rawValue : LXW_CHART_LINE_DASH_SOLID.rawValue)
                chart_series_set_line(series, &line)
            }
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
            worksheet_insert_chart(sheet, 1, 10, chart)
        }

        func quality(_ pack: Pack, view: PackView) throws {
            let sheet = try self.sheet("Data quality")
            header(sheet, ["File", "Format", "Rows", "Values", "Accepted", "Suppressed", "Quarantined", "Errors", "Warnings", "SHA-256"])
            worksheet_set_column(sheet, 0, 0, 50, nil)
            for (i, f) in pack.provenance.inputs.enumerated() {
                let r = i + 1
                text(sheet, r, 0, f.path); text(sheet, r, 1, f.format)
                for (c, v) in [f.rows, f.values, f.accepted, f.suppressed, f.quarantined, f.errors, f.warnings].enumerated() {
                    number(sheet, r, 2 + c, Double(v))
                }
                text(sheet, r, 9, f.sha256)
            }
            var r = pack.provenance.inputs.count + 2
            for note in view.notes { text(sheet, r, 0, note); r += 1 }

            let provenance = try self.sheet("Provenance")
            worksheet_set_column(provenance, 0, 0, 24, nil)
            worksheet_set_column(provenance, 1, 1, 80, nil)
            var p = 0
            for fact in view.provenance { text(provenance, p, 0, fact.name, bold); text(provenance, p, 1, fact.value); p += 1 }
            for setting in view.settings { text(provenance, p, 0, "Setting", bold); text(provenance, p, 1, setting); p += 1 }
        }
    }
}
