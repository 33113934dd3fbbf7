import Foundation
import Mustache

/// Writes a ``Pack`` as files: `index.html` (self-contained: inline CSS and SVG, no script, no network),
/// `pack.md` with `charts/*.svg` beside it, and `pack.json` (the source of the other two).
public enum PackRenderer {
    public enum Format: String, Sendable, CaseIterable { case html, md, json }

    /// The files of the pack, by path relative to the output folder.
    public static func files(_ pack: Pack, formats: Set<Format>) throws -> [(path: String, contents: String)] {
        var files = [(path: String, contents: String)]()
        if formats.contains(.json) { files.append(("pack.json", pack.json().rendered() + "\n")) }
        guard formats.contains(.html) || formats.contains(.md) else { return files }
        let view = PackView(pack)
        if formats.contains(.html) {
            files.append(("index.html", try MustacheTemplate(string: PackTemplates.html).render(view)))
        }
        if formats.contains(.md) {
            MarkdownText.register()
            files.append(("pack.md", try MustacheTemplate(string: PackTemplates.markdown).render(view)))
            var written = Set<String>()
            for page in view.measures where written.insert(page.chartFile).inserted {
                files.append((page.chartFile, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + page.chart + "\n"))
            }
        }
        return files
    }
}

/// Markdown escaping for text from user files: characters that would start emphasis, code, links,
/// images, tables or raw HTML are escaped (`<`, `>`, `&` as entities, the rest with a backslash), and
/// line breaks become spaces, so a name can never change the document's structure.
struct MarkdownText: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": out.append("\\"); out.append(c)
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }

    static func register() { MustacheContentTypes.register(MarkdownText(), named: "MARKDOWN") }
}
