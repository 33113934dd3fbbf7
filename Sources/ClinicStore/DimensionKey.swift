import Foundation

/// How a series' dimensions are written in the store's `series.dimensions` column: a JSON array of
/// `[name, value]` pairs in name order, with one canonical spelling (no spaces; only `"`, `\` and control
/// characters escaped, as `\"`, `\\` and `\u00XX`), so that equal dimensions are always equal text and
/// the column's uniqueness is the series' identity. Any character may appear in a name or a value:
/// `ethnicity = "Mixed; White and Asian"` is one dimension, never two.
enum DimensionKey {
    static func encode(_ dimensions: [(name: String, value: String)]) -> String {
        var out = "["
        for (i, d) in dimensions.enumerated() {
            if i > 0 { out += "," }
            out += "[" + quoted(d.name) + "," + quoted(d.value) + "]"
        }
        return out + "]"
    }

    static func decode(_ text: String) throws -> [(String, String)] {
        guard let pairs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]],
              pairs.allSatisfy({ $0.count == 2 }) else {
            throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "series dimensions are not [name, value] pairs: \(text)"])
        }
        return pairs.map { ($0[0], $0[1]) }
    }

    /// The dimensions as the store wrote them before version 2 (`name=value;name=value`), read the way it
    /// read them: only for migrating such a store.
    static func decodeVersion1(_ text: String) -> [(String, String)] {
        text.isEmpty ? [] : text.split(separator: ";").map { part in
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
