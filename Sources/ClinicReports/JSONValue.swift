import ClinicData
import ClinicIngest
import ClinicModels
/// A JSON document with object keys kept in the order they were written, so output reads in the
/// order the CLI contract lists its fields.
///
/// Numbers are written in Swift's shortest round-trip form (`Double.description`): parsing the text
/// gives back exactly the same `Double`. NaN and infinities, which JSON cannot represent, are `null`.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

    /// The document as text; `indent` > 0 pretty-prints.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, depth: 0)
        return out
    }

    /// Writes `{"key": [item(0), …, item(count − 1)]}` to `emit` one item at a time, exactly as
    /// `JSONValue.object([(key, .array(items))]).rendered(indent:)` renders it, without holding the
    /// whole document (or its tree) at once.
    public static func streamObject(key: String, count: Int, indent: Int = 2, item: (Int) -> JSONValue, emit: (String) -> Void) {
        streamObject(key: key, count: count, indent: indent, block: 1,
                     render: { range in range.map { item($0).renderedArrayItem(indent: indent) } }, emit: emit)
    }

    /// ``streamObject(key:count:indent:item:emit:)`` with the items rendered `block` at a time by
    /// `render`, which returns the text of each item in `range` as ``renderedArrayItem(indent:)`` gives it
    /// (so a caller can render a block on several cores); the document is the same, byte for byte, and
    /// only one block's text is held at a time.
    public static func streamObject(key: String, count: Int, indent: Int = 2, block: Int, render: (Range<Int>) -> [String],
                                    emit: (String) -> Void) {
        precondition(block >= 1)
        let newline = indent > 0 ? "\n" : ""
        var head = "{" + newline + String(repeating: " ", count: indent)
        writeString(key, to: &head)
        head += indent > 0 ? ": " : ":"
        guard count > 0 else { emit(head + "[]" + newline + "}"); return }
        emit(head + "[" + newline)
        for lower in stride(from: 0, to: count, by: block) {
            let upper = min(count, lower + block)
            let texts = render(lower..<upper)
            precondition(texts.count == upper - lower, "render must give one text per item")
            for (i, text) in zip(lower..<upper, texts) {
                emit(text + (i < count - 1 ? "," : "") + newline)
            }
        }
        emit(String(repeating: " ", count: indent) + "]" + newline + "}")
    }

    /// This value as an element of the array ``streamObject(key:count:indent:item:emit:)`` writes: its
    /// indentation, then the value (no separator).
    public func renderedArrayItem(indent: Int = 2) -> String {
        var out = String(repeating: " ", count: 2 * indent)
        write(to: &out, indent: indent, depth: 2)
        return out
    }

    private func write(to out: inout String, indent: Int, depth: Int) {
        let newline = indent > 0 ? "\n" : ""
        // Padding only for containers (scalars, most of the nodes, need none).
        var pad: String { String(repeating: " ", count: indent * (depth + 1)) }
        var closePad: String { String(repeating: " ", count: indent * depth) }
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .integer(i): out += String(i)
        case let .number(d): out += d.isFinite ? Self.format(d) : "null"
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            let pad = pad
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent, depth: depth + 1)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            let pad = pad
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.writeString(key, to: &out)
                out += indent > 0 ? ": " : ":"
                value.write(to: &out, indent: indent, depth: depth + 1)
                out += (i < members.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    /// Shortest round-trip text; integral values keep Swift's `.0` only where JSON needs none.
    static func format(_ d: Double) -> String {
        let text = d.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
