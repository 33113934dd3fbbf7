import Foundation

/// Text from user files made inert for a terminal: escape sequences (ANSI colours, OSC titles and links,
/// cursor moves) start with a control character, so every C0 control but tab and line feed, DEL and
/// every C1 control (U+0080–U+009F, among them the one-byte CSI) is shown as `\u{XX}` instead of being
/// sent. Used for everything on stderr, and for stdout when it is a terminal (redirected to a file,
/// stdout keeps its bytes: CSV and JSON are data).
enum TerminalText {
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00..<0x20, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }
}
