import ClinicData
import ClinicIngest
import ClinicModels
/// A JSON document with object keys kept in the order they were written, so output reads in the
/// order the CLI contract lists its fields.
///
/// Numbers are written in Swift's shortest round-trip form (`Double.description`): parsing the text
/// gives back exactly the same `Double`. NaN and infinities, which JSON cannot represent, are `null`.
public enum JSONValue: Sendable, Equatable {
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
        var out = [UInt8]()
        write(to: &out, indent: indent, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `{"key": [item(0), …, item(count − 1)]}` to `emit` one item at a time, exactly as
    /// `JSONValue.object([(key, .array(items))]).rendered(indent:)` renders it, without holding the
    /// whole document (or its tree) at once.
    public static func streamObject(key: String, count: Int, indent: Int = 2, item: (Int) -> JSONValue, emit: (String) -> Void) {
        streamObject(key: key, count: count, indent: indent, block: 1,
                     render: { range in range.map { item($0).renderedArrayItemText(indent: indent) } },
                     emit: { emit(String(decoding: $0, as: UTF8.self)) })
    }

    /// ``streamObject(key:count:indent:item:emit:)`` with the items rendered `block` at a time by
    /// `render`, which returns the UTF-8 text of each item in `range` as ``renderedArrayItemText(indent:)``
    /// gives it (so a caller can render a block on several cores); the document is the same, byte for
    /// byte, and only one block's text is held at a time. `emit` is given the document in pieces: the
    /// head, then one piece a block, then the tail.
    public static func streamObject(key: String, count: Int, indent: Int = 2, block: Int, render: (Range<Int>) -> [[UInt8]],
                                    emit: ([UInt8]) -> Void) {
        precondition(block >= 1)
        var head = [UInt8(ascii: "{")]
        newline(&head, indent: indent, depth: 1)
        writeString(key, to: &head)
        head.append(contentsOf: indent > 0 ? Self.colonSpace : Self.colon)
        guard count > 0 else {
            head.append(contentsOf: "[]".utf8)
            newline(&head, indent: indent, depth: 0)
            head.append(UInt8(ascii: "}"))
            emit(head)
            return
        }
        head.append(UInt8(ascii: "["))
        if indent > 0 { head.append(UInt8(ascii: "\n")) }
        emit(head)
        for lower in stride(from: 0, to: count, by: block) {
            let upper = min(count, lower + block)
            let texts = render(lower..<upper)
            precondition(texts.count == upper - lower, "render must give one text per item")
            var piece = [UInt8]()
            piece.reserveCapacity(texts.reduce(0) { $0 + $1.count + 2 })
            for (i, text) in zip(lower..<upper, texts) {
                piece.append(contentsOf: text)
                if i < count - 1 { piece.append(UInt8(ascii: ",")) }
                if indent > 0 { piece.append(UInt8(ascii: "\n")) }
            }
            emit(piece)
        }
        var tail = [UInt8](repeating: UInt8(ascii: " "), count: indent)
        tail.append(UInt8(ascii: "]"))
        newline(&tail, indent: indent, depth: 0)
        tail.append(UInt8(ascii: "}"))
        emit(tail)
    }

    /// This value as an element of the array ``streamObject(key:count:indent:item:emit:)`` writes, as
    /// UTF-8: its indentation, then the value (no separator).
    public func renderedArrayItemText(indent: Int = 2) -> [UInt8] {
        var out = [UInt8](repeating: UInt8(ascii: " "), count: 2 * indent)
        out.reserveCapacity(4096)
        write(to: &out, indent: indent, depth: 2)
        return out
    }

    private static let colon = Array(":".utf8), colonSpace = Array(": ".utf8)

    /// A line break and the padding of a line at `depth` (nothing when compact).
    private static func newline(_ out: inout [UInt8], indent: Int, depth: Int) {
        guard indent > 0 else { return }
        out.append(UInt8(ascii: "\n"))
        let width = indent * depth
        if width <= spaces.count { out.append(contentsOf: spaces[..<width]) } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
        }
    }

    /// Padding copied from, not built for each line.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private func write(to out: inout [UInt8], indent: Int, depth: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .integer(i): out.append(contentsOf: String(i).utf8)
        case let .number(d):
            if d.isFinite { Self.writeNumber(d, to: &out) } else { out.append(contentsOf: "null".utf8) }
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, depth: depth + 1)
                item.write(to: &out, indent: indent, depth: depth + 1)
            }
            Self.newline(&out, indent: indent, depth: depth)
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, depth: depth + 1)
                Self.writeString(key, to: &out)
                out.append(contentsOf: indent > 0 ? Self.colonSpace : Self.colon)
                value.write(to: &out, indent: indent, depth: depth + 1)
            }
            Self.newline(&out, indent: indent, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The shortest round-trip text of `d` (`description`), without the `.0` of an integral value,
    /// appended as bytes.
    private static func writeNumber(_ d: Double, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: d.description.utf8)
        let n = out.count
        if n - start >= 2, out[n - 2] == UInt8(ascii: "."), out[n - 1] == UInt8(ascii: "0") { out.removeLast(2) }
    }

    /// Shortest round-trip text; integral values keep Swift's `.0` only where JSON needs none
    /// (``writeNumber(_:to:)``'s text).
    static func format(_ d: Double) -> String {
        var out = [UInt8]()
        writeNumber(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: append them whole.
        var s = s
        s.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default: out.append(byte)   // UTF-8 bytes of other characters pass unchanged
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
