import ClinicData
import ClinicDetection
import ClinicIngest
import Foundation

/// `clinic spc`: an XmR chart of one column of a CSV file.
public enum SPCJob {
    /// The points in date order with their dates (nil without a date column), and the chart.
    public struct Result: Sendable {
        public let dates: [Day?]
        public let chart: SPCChart
    }

    /// Reads `file`, sorts its rows by `dateColumn` (stable; file order without one) and charts
    /// `valueColumn`, with a new group from each `rebase` date on. A missing column, or a rebase date
    /// after the last point, is a ``UsageError``; a blank or non-numeric value, or a date that cannot
    /// be read, is a ``Diagnostic`` at its line and column.
    public static func run(file: String, valueColumn: String, dateColumn: String?, rebase: [Day], options: SPCOptions) throws -> Result {
        let table = try CSVTable(contentsOf: file)
        func column(_ name: String) throws -> Int {
            guard let index = table.columnIndex(name) else {
                throw UsageError("\(file) has no column \"\(name)\"; its columns are: \(table.header.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            return index
        }
        let valueIndex = try column(valueColumn)
        guard !table.records.isEmpty else { throw Diagnostic(file: file, line: 1, code: "no_rows", message: "the file has a header but no rows to chart") }
        let values = try table.numericColumn(valueIndex).map { Double($0) }
        var dates = [Day?](repeating: nil, count: values.count)
        if let dateColumn {
            let d = try column(dateColumn)
            for r in table.records.indices {
                let text = table.records[r][d].trimmingCharacters(in: .whitespaces)
                guard let day = Self.day(text) else {
                    let p = table.position(record: r, field: d)
                    throw Diagnostic(file: file, line: p.line, column: p.column, code: "bad_date",
                                     message: "\"\(text)\" in column \"\(table.header[d])\" is not a date (write 2024-03-31 or 2024-03)")
                }
                dates[r] = day
            }
        } else if !rebase.isEmpty {
            throw UsageError("--rebase needs dates: name the date column with --date")
        }
        let order = values.indices.sorted { a, b in
            guard let x = dates[a], let y = dates[b], x != y else { return a < b }
            return x < y
        }
        let sortedDates = order.map { dates[$0] }
        var starts = Set<Int>()
        for day in rebase {
            guard let i = sortedDates.firstIndex(where: { $0.map { $0 >= day } ?? false }) else {
                throw UsageError("--rebase \(day.iso) is after the last date in \(file)")
            }
            starts.insert(i)
        }
        return Result(dates: sortedDates, chart: SPCChart(values: order.map { values[$0] }, rebases: starts, options: options))
    }

    /// A day from `2024-03-31` or `31/03/2024`, or the first day of a month in any form the extract
    /// reader accepts (`2024-03`, `Mar-24`, `March 2024`, …).
    public static func day(_ text: String) -> Day? {
        if let day = Day.parse(text) { return day }
        if case let .month(month) = MonthParser.parse(text) { return Day(year: month.year, month: month.month, day: 1) }
        return nil
    }
}
