import Foundation

// SeedEmbed OUTPUT.swift SEED.csv...
//
// Parses each seed CSV (RFC 4180) and writes a Swift file that defines `SeedTable.embedded`, the
// tables keyed by file name. A malformed seed stops the build with `file:line: error: ...`.

struct SeedError: Error, CustomStringConvertible {
    let description: String
}

/// Splits CSV text into records of fields: quoted fields may hold commas, line breaks and doubled
/// quotes; CRLF and LF both end a record; a final line break is optional.
func records(_ text: String, file: String) throws -> [[String]] {
    var result = [[String]]()
    var record = [String]()
    var field = ""
    var quoted = false, fieldStarted = false
    var line = 1
    var characters = Array(text.unicodeScalars)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    var i = 0
    func endField() { record.append(field); field = ""; fieldStarted = false }
    while i < characters.count {
        let c = characters[i]
        if quoted {
            if c == "\"" {
                if i + 1 < characters.count && characters[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 }
                else { quoted = false }
            } else {
                if c == "\n" { line += 1 }
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            guard !fieldStarted && field.isEmpty else { throw SeedError(description: "\(file):\(line): error: a quote inside an unquoted field") }
            quoted = true; fieldStarted = true
        } else if c == "," {
            endField()
        } else if c == "\r" || c == "\n" {
            if c == "\r" && i + 1 < characters.count && characters[i + 1] == "\n" { i += 1 }
            endField()
            result.append(record); record = []
            line += 1
        } else {
            field.unicodeScalars.append(c); fieldStarted = true
        }
        i += 1
    }
    if quoted { throw SeedError(description: "\(file):\(line): error: unterminated quoted field") }
    if fieldStarted || !field.isEmpty || !record.isEmpty { endField(); result.append(record) }
    return result.filter { !($0.count == 1 && $0[0].isEmpty) }          // blank lines
}

/// A Swift string literal for `text`.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}

/// The separator between packed cells (the ASCII unit separator), as `SeedTable` splits them.
enum SeedTableSeparator { static let scalar: Unicode.Scalar = "\u{1F}" }

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: SeedEmbed OUTPUT.swift SEED.csv...\n".utf8))
    exit(2)
}
do {
    var swift = "// Generated at build time by SeedEmbed from seeds/*.csv. Do not edit: edit the CSV files.\n\n"
    swift += "extension SeedTable {\n    package static let embedded: [String: SeedTable] = [\n"
    for path in arguments.dropFirst(2) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let file = "seeds/\(name)"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SeedError(description: "\(path): error: cannot be read as UTF-8 text")
        }
        let rows = try records(text, file: path)
        guard let header = rows.first else { throw SeedError(description: "\(path):1: error: the seed has no header row") }
        for (r, row) in rows.enumerated().dropFirst() where row.count != header.count {
            throw SeedError(description: "\(path):\(r + 1): error: \(row.count) fields where the header has \(header.count)")
        }
        swift += "        \(literal(name)): SeedTable(\n"
        swift += "            file: \(literal(file)),\n"
        swift += "            columns: [\(header.map(literal).joined(separator: ", "))],\n"
        // One string literal per table, cells joined by the unit separator (U+001F): a literal array of
        // ten thousand strings takes the optimiser minutes; one string compiles at once.
        let cells = rows.dropFirst().flatMap { $0 }
        if let r = rows.dropFirst().firstIndex(where: { $0.contains { $0.unicodeScalars.contains(SeedTableSeparator.scalar) } }) {
            throw SeedError(description: "\(path):\(r + 1): error: a cell holds the control character U+001F")
        }
        swift += "            packedCells: \(literal(cells.joined(separator: String(SeedTableSeparator.scalar)))),\n"
        swift += "            count: \(cells.count)\n        ),\n"
    }
    swift += "    ]\n}\n"
    try swift.write(toFile: arguments[1], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
