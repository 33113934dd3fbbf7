import Foundation

/// What a benchmark chart shows: one published value a year for the authority, England, its region
/// and the mean, lowest and highest of its statistical neighbours.
public struct BenchmarkChartData: Sendable {
    public var title: String
    public var description: String
    public var years: [Int]
    public var authorityName: String
    public var regionName: String
    public var authority: [Double?]
    public var england: [Double?]
    public var region: [Double?]
    public var neighbours: [Double?]
    public var neighboursLowest: [Double?]
    public var neighboursHighest: [Double?]
    /// Appended to y tick labels, e.g. "%".
    public var unitSuffix = ""

    public init(title: String, description: String, years: [Int], authorityName: String, regionName: String) {
        self.title = title
        self.description = description
        self.years = years
        self.authorityName = authorityName
        self.regionName = regionName
        authority = years.map { _ in nil }
        england = authority; region = authority; neighbours = authority; neighboursLowest = authority; neighboursHighest = authority
    }
}

/// A small chart of a measure's published figures over the years, as LAIT shows them: the authority
/// (solid, with points), England (dashed), the region (dotted), the neighbours' mean (thin) inside the
/// band from their lowest to their highest (light grey, dashed outline). Told apart in grey by dash
/// and width, not colour alone. Contract as ``TrendChart``: self-contained SVG, `role="img"` with a
/// title and a description whose ids start with `id` (sanitised), every text XML-escaped, numbers
/// with at most 2 decimals.
public enum BenchmarkChart {
    public static func svg(_ data: BenchmarkChartData, id: String, width: Int = 360, height: Int = 170) -> String {
        let ids = SVGText.sanitisedID(id)
        let n = data.years.count
        let all = (data.authority + data.england + data.region + data.neighbours + data.neighboursLowest + data.neighboursHighest)
            .compactMap { $0 }.filter(\.isFinite)
        let scale = NiceScale(low: all.min() ?? 0, high: all.max() ?? 1)
        let yMin = scale.ticks.first ?? 0, yMax = scale.ticks.last ?? 1
        let left = 44.0, right = Double(width) - 12, top = 34.0, bottom = Double(height) - 22
        // Years sit inset from the plot's edges, so their labels ("2024-25") are never cut.
        let first = left + 22, last = right - 22
        func x(_ i: Int) -> Double { n <= 1 ? (first + last) / 2 : first + (last - first) * Double(i) / Double(n - 1) }
        func y(_ v: Double) -> Double { yMax == yMin ? (top + bottom) / 2 : bottom - (bottom - top) * (v - yMin) / (yMax - yMin) }
        func num(_ v: Double) -> String { SVGText.number(v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"benchmark-chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
        out += "role=\"img\" aria-labelledby=\"\(ids)-title \(ids)-desc\" font-family=\"sans-serif\" font-size=\"10\">"
        out += "<title id=\"\(ids)-title\">" + SVGText.escaped(data.title) + "</title><desc id=\"\(ids)-desc\">" + SVGText.escaped(data.description) + "</desc>"
        out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        for t in scale.ticks {
            out += "<line x1=\"\(num(left))\" x2=\"\(num(right))\" y1=\"\(num(y(t)))\" y2=\"\(num(y(t)))\" stroke=\"#e3e3e3\"/>"
            out += "<text x=\"\(num(left - 4))\" y=\"\(num(y(t) + 3))\" text-anchor=\"end\" fill=\"#333\">" + SVGText.escaped(scale.label(t) + data.unitSuffix) + "</text>"
        }
        for (i, year) in data.years.enumerated() {
            // Years ending 31 March: "2024-25" is the year to March 2025.
            out += "<text x=\"\(num(x(i)))\" y=\"\(num(bottom + 14))\" text-anchor=\"middle\" fill=\"#333\">\(year - 1)-\(String(format: "%02d", year % 100))</text>"
        }
        // The neighbours' band, where both ends are published.
        let band = data.years.indices.compactMap { i -> (Int, Double, Double)? in
            guard let lo = data.neighboursLowest[i], let hi = data.neighboursHighest[i] else { return nil }
            return (i, lo, hi)
        }
        if band.count >= 2 {
            let upper = band.map { "\(num(x($0.0))),\(num(y($0.2)))" }, lower = band.reversed().map { "\(num(x($0.0))),\(num(y($0.1)))" }
            out += "<polygon class=\"neighbours-range\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"#e4e4e4\" stroke=\"#8c8c8c\" stroke-width=\"0.75\" stroke-dasharray=\"3 2\"/>"
        }
        func line(_ values: [Double?], className: String, attributes: String, points: Bool = false) {
            var path = "", pen = false
            for (i, v) in values.enumerated() {
                guard let v, v.isFinite else { pen = false; continue }
                path += (pen ? "L" : "M") + "\(num(x(i))) \(num(y(v)))"
                pen = true
            }
            guard !path.isEmpty else { return }
            out += "<path class=\"\(className)\" fill=\"none\" d=\"\(path)\" \(attributes)/>"
            if points {
                for (i, v) in values.enumerated() {
                    if let v, v.isFinite { out += "<circle cx=\"\(num(x(i)))\" cy=\"\(num(y(v)))\" r=\"2.5\" fill=\"#1f4e79\"/>" }
                }
            }
        }
        line(data.neighbours, className: "neighbours", attributes: "stroke=\"#6e6e6e\" stroke-width=\"1\"")
        line(data.england, className: "england", attributes: "stroke=\"#333\" stroke-width=\"1.25\" stroke-dasharray=\"6 3\"")
        line(data.region, className: "region", attributes: "stroke=\"#8a4f00\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2.5\"")
        line(data.authority, className: "authority", attributes: "stroke=\"#1f4e79\" stroke-width=\"2\"", points: true)
        // Legend, two rows on top.
        let entries: [(String, String)] = [
            (data.authorityName, "stroke=\"#1f4e79\" stroke-width=\"2\""), ("England", "stroke=\"#333\" stroke-width=\"1.25\" stroke-dasharray=\"6 3\""),
            (data.regionName, "stroke=\"#8a4f00\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2.5\""),
            ("Neighbours (mean; band: range)", "stroke=\"#6e6e6e\" stroke-width=\"1\""),
        ]
        for (k, (label, attributes)) in entries.enumerated() {
            let lx = 8 + Double(k % 2) * Double(width) / 2, ly = 10 + Double(k / 2) * 12
            out += "<line x1=\"\(num(lx))\" x2=\"\(num(lx + 16))\" y1=\"\(num(ly))\" y2=\"\(num(ly))\" \(attributes)/>"
            out += "<text x=\"\(num(lx + 20))\" y=\"\(num(ly + 3.5))\" fill=\"#333\">" + SVGText.escaped(label) + "</text>"
        }
        return out + "</svg>"
    }
}
