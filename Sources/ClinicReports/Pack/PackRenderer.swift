import Foundation
import Mustache

/// Writes a ``Pack`` as files: `index.html` (self-contained: inline CSS and SVG, no script, no network),
/// `pack.md` with `charts/*.svg` beside it, `pack.xlsx` (``PackWorkbook``) and `pack.json` (the source
/// of the others).
public enum PackRenderer {
    public enum Format: String, Sendable, CaseIterable { case html, md, json, xlsx }

    /// The files of the pack, by path relative to the output folder.
    public static func files(_ pack: Pack, formats: Set<Format>) throws -> [(path: String, contents: Data)] {
        var files = [(path: String, contents: Data)]()
        if formats.contains(.json) { files.append(("pack.json", Data((pack.json().rendered() + "\n").utf8))) }
        guard formats.contains(.html) || formats.contains(.md) || formats.contains(.xlsx) else { return files }
        let view = PackView(pack)
        if formats.contains(.html) {
            files.append(("index.html", Data(try MustacheTemplate(string: PackTemplates.html).render(view).utf8)))
        }
        if formats.contains(.md) {
            MarkdownText.register()
            files.append(("pack.md", Data(try MustacheTemplate(string: PackTemplates.markdown).render(view).utf8)))
            /// An SVG chart as a file of its own, with the XML declaration.
            func svgFile(_ path: String, _ svg: String) {
                files.append((path, Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n").utf8)))
            }
            for page in view.measures {
                svgFile(page.chartFile, page.chart)
                if page.hasHistory { svgFile(page.historyChartFile, page.historyChart) }
                if page.hasBenchmarkChart { svgFile(page.benchmarkChartFile, page.benchmarkChart) }
            }
            for section in view.lookedAfter { svgFile(section.chartFile, section.chart) }
        }
        if formats.contains(.xlsx) { files.append(("pack.xlsx", try PackWorkbook.data(pack, view: view))) }
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
