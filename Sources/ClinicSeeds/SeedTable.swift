/// One reference table from the repository's seeds/ folder, compiled into the binary at build time.
///
/// The build-tool plugin `SeedEmbedderPlugin` runs the `SeedEmbed` tool over every `seeds/*.csv`
/// file on each build; the tool parses the CSV (RFC 4180: quoted fields, doubled quotes, commas and
/// line breaks inside quotes) and writes its header and its cells, packed into one string, as Swift
/// literals. So the CSV files are
/// the one source of truth, `clinic` needs no files beside it, and a malformed seed fails the build
/// with its line number rather than failing at run time.
package struct SeedTable: Sendable {
    /// The path of the source file, relative to the repository (`seeds/metrics.csv`), for messages.
    package let file: String
    /// Header names, as written.
    package let columns: [String]
    /// Data cells in row order, `columns.count` per row.
    package let cells: [String]

    package init(file: String, columns: [String], cells: [String]) {
        precondition(columns.isEmpty ? cells.isEmpty : cells.count % columns.count == 0, "\(file): ragged seed table")
        self.file = file
        self.columns = columns
        self.cells = cells
    }

    /// A table whose `count` cells are packed into one string, separated by U+001F (how SeedEmbed writes
    /// them: one literal compiles quickly where an array literal of thousands of strings does not).
    package init(file: String, columns: [String], packedCells: String, count: Int) {
        // Split on the separator's byte (0x1F is one UTF-8 byte and never part of another character's
        // encoding): every command reads the seeds, and splitting 0.75 MB by Character took a fifth of a
        // one-authority report.
        var cells = [String]()
        if count > 0 {
            cells.reserveCapacity(count)
            var text = packedCells
            text.withUTF8 { bytes in
                var start = 0
                for i in bytes.indices where bytes[i] == 0x1F {
                    cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    start = i + 1
                }
                cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
        }
        precondition(cells.count == count, "\(file): packed seed cells do not split into \(count)")
        self.init(file: file, columns: columns, cells: cells)
    }

    /// Number of data rows.
    package var rowCount: Int { columns.isEmpty ? 0 : cells.count / columns.count }

    /// Data row `r` (0-based), one cell per column.
    package func row(_ r: Int) -> ArraySlice<String> {
        cells[(r * columns.count)..<((r + 1) * columns.count)]
    }

    /// The data rows.
    package var rows: [ArraySlice<String>] { (0..<rowCount).map(row) }

    /// The index of the column named `name` (case-insensitive), if any.
    package func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// The line of data row `r` in the file (1 is the header), for messages; exact when no cell spans lines.
    package func line(ofRow r: Int) -> Int { r + 2 }
}

extension SeedTable {
    /// seeds/metrics.csv: the metric catalogue.
    package static var metrics: SeedTable { named("metrics.csv") }
    /// seeds/record_codes.csv: SSDA903 and CIN code lists.
    package static var recordCodes: SeedTable { named("record_codes.csv") }
    /// seeds/population_0_17.csv: ONS mid-year estimates of 0–17 year olds.
    package static var population: SeedTable { named("population_0_17.csv") }
    /// seeds/la_code_changes.csv: authorities that replaced others.
    package static var codeChanges: SeedTable { named("la_code_changes.csv") }

    /// The embedded table from `seeds/<name>`; a name with no seed file is a programming error.
    package static func named(_ name: String) -> SeedTable {
        guard let table = embedded[name] else { preconditionFailure("seeds/\(name) is not embedded (is the file in seeds/?)") }
        return table
    }
}
