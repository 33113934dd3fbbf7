import ClinicData

/// What a measure's page chart shows, all in the series' units, indexed by month from `start`.
public struct TrendChartData: Sendable {
    public struct Band: Sendable {
        public var index: Int
        public var mean: Double
        public var lower: Double
        public var upper: Double
        public init(index: Int, mean: Double, lower: Double, upper: Double) {
            self.index = index
            self.mean = mean
            self.lower = lower
            self.upper = upper
        }
    }

    public enum MarkerKind: String, Sendable { case red, amber, info }

    public struct Marker: Sendable {
        public var index: Int
        public var value: Double
        public var label: String
        public var kind: MarkerKind
        public init(index: Int, value: Double, label: String, kind: MarkerKind) {
            self.index = index
            self.value = value
            self.label = label
            self.kind = kind
        }
    }

    public struct Event: Sendable {
        public var index: Int
        public var label: String
        public init(index: Int, label: String) {
            self.index = index
            self.label = label
        }
    }

    /// Short title, e.g. "Children looked after, E99999999".
    public var title: String
    /// The alt text: a sentence describing what the chart shows.
    public var description: String
    public var start: Month
    /// One per month from `start`; nil = no value that month.
    public var actual: [Double?]
    /// The trend model's fitted values (same indexing; may be shorter or empty).
    public var fitted: [Double?] = []
    /// The recent direction's smoothed level (optional line).
    public var recent: [Double?] = []
    /// Process limits around the fitted values (SPC band), optional.
    public var limitsLower: [Double?] = []
    public var limitsUpper: [Double?] = []
    /// Indices after the last actual month.
    public var forecast: [Band] = []
    /// Flagged points.
    public var markers: [Marker] = []
    /// Interventions: dated vertical markers with a label.
    public var events: [Event] = []
    /// Appended to y tick labels, e.g. "%".
    public var unitSuffix: String = ""
    /// What the legend calls the fitted line and the forecast band (a projection's chart names its own).
    public var fittedLabel = "Trend"
    public var forecastLabel = "Forecast and 95% range"

    public init(title: String, description: String, start: Month, actual: [Double?]) {
        self.title = title
        self.description = description
        self.start = start
        self.actual = actual
    }
}

/// A measure's chart as inline SVG.
///
/// Months sit at the centres of equal slots across the plot (month `i` at `(i + 0.5)` slot widths), the
/// layout `MonthAxis` assumes. Markers and events with a negative index are not drawn; the x axis
/// otherwise covers every month any series, band, marker or event refers to (capped at 12,000 months).
public enum TrendChart {
    /// Label width estimate per character at font size 11, px (as `MonthAxis`).
    static let characterWidth = 6.5
    /// One line of label text, px; a label's box runs from `baseline − ascent` to `baseline + descent`.
    static let lineHeight = 13.0
    static let ascent = 10.0
    static let descent = 3.0
    static let maximumMonths = 12_000

    enum Colour {
        static let text = "#333"
        static let grid = "#e3e3e3"
        static let axis = "#999"
        static let actual = "#1f4e79"
        static let fitted = "#555"
        /// 5.2:1 on the limits band and 6.6:1 on white (the lighter #d9730d was 2.6:1 on the band).
        static let recent = "#b35900"
        static let limits = "#e4e4e4"
        /// The limits band's dashed outline: 3.4:1 on white, so the band reads in grey print too.
        static let limitsOutline = "#8c8c8c"
        static let forecastBand = "#cfe2f3"
        static let forecast = "#2b6cb0"
        static let event = "#444"
        static let red = "#c0392b"
        static let redOutline = "#6e1a12"
        static let amber = "#f0a202"
        static let amberOutline = "#7a5200"
        static let info = "#333"
    }

    /// A self-contained inline SVG (no external references, no script), `width` × `height` px with a
    /// viewBox, `role="img"`, `aria-labelledby` pointing at <title> and <desc> children holding the
    /// escaped title and description (ids made unique with `id`, which is used only after sanitising to
    /// [A-Za-z0-9_-]). Contract: every text from the data is XML-escaped (& < > " '); numbers are written
    /// with at most 2 decimals; the output is well-formed XML.
    ///
    /// Sizes below 120 × 100 px are raised to that.
    public static func svg(_ data: TrendChartData, id: String, width: Int = 720, height: Int = 280) -> String {
        let width = max(width, 120), height = max(height, 100)
        let canvasWidth = Double(width), canvasHeight = Double(height)
        let ids = SVGText.sanitisedID(id)
        let count = monthCount(data)
        let present = Present(data, count: count)

        // Y scale over every finite value drawn.
        var low = Double.infinity, high = -Double.infinity
        func include(_ value: Double?) {
            if let value, value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        for value in data.actual.prefix(count) { include(value) }
        for value in data.fitted.prefix(count) { include(value) }
        for value in data.recent.prefix(count) { include(value) }
        for (lower, upper) in zip(data.limitsLower, data.limitsUpper).prefix(count) where isFinite(lower) && isFinite(upper) {
            include(lower)
            include(upper)
        }
        for band in data.forecast where (0..<count).contains(band.index) {
            include(band.mean)
            if band.lower.isFinite && band.upper.isFinite {
                include(band.lower)
                include(band.upper)
            }
        }
        for marker in data.markers where (0..<count).contains(marker.index) { include(marker.value) }
        let scale = low <= high ? NiceScale(low: low, high: high) : NiceScale(low: 0, high: 0)
        let yLabels = scale.ticks.map { scale.label($0) + data.unitSuffix }

        // Layout: legend rows on top, y labels on the left, month labels below, room on the right for
        // half of the last month label.
        let legend = layOutLegend(present.items, labels: { $0.label(data) }, canvasWidth: canvasWidth)
        let plotTop = legend.rows > 0 ? 8 + Double(legend.rows) * 16 + 6 : 12
        let plotBottom = canvasHeight - 26
        let yLabelCharacters = yLabels.map(\.count).max() ?? 1
        let plotLeft = min(max(36, Double(yLabelCharacters) * characterWidth + 12), canvasWidth / 2)
        let plotRight = canvasWidth - 30
        let geometry = Geometry(left: plotLeft, top: plotTop, width: max(plotRight - plotLeft, 10),
                                height: max(plotBottom - plotTop, 10), count: max(count, 1),
                                yMin: scale.ticks.first ?? 0, yMax: scale.ticks.last ?? 1)

        var out = ""
        out.reserveCapacity(6_000 + 140 * count + 200 * (data.markers.count + data.events.count))
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend-chart\" width=\"\(width)\" height=\"\(height)\" ")
        out.append("viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(ids)-title \(ids)-desc\" ")
        out.append("font-family=\"sans-serif\" font-size=\"11\">")
        out.append("<title id=\"\(ids)-title\">")
        SVGText.appendEscaped(data.title, to: &out)
        out.append("</title><desc id=\"\(ids)-desc\">")
        SVGText.appendEscaped(data.description, to: &out)
        out.append("</desc>")
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>")

        // Grid and y labels.
        out.append("<g class=\"grid\" stroke=\"\(Colour.grid)\" stroke-width=\"1\">")
        for tick in scale.ticks {
            let y = geometry.y(tick)
            out.append("<line class=\"grid-line\" x1=\"")
            SVGText.appendNumber(geometry.left, to: &out)
            out.append("\" x2=\"")
            SVGText.appendNumber(geometry.left + geometry.width, to: &out)
            out.append("\" y1=\"")
            SVGText.appendNumber(y, to: &out)
            out.append("\" y2=\"")
            SVGText.appendNumber(y, to: &out)
            out.append("\"/>")
        }
        out.append("</g><g class=\"y-labels\" fill=\"\(Colour.text)\" text-anchor=\"end\">")
        for (tick, label) in zip(scale.ticks, yLabels) {
            out.append("<text class=\"y-label\" x=\"")
            SVGText.appendNumber(geometry.left - 6, to: &out)
            out.append("\" y=\"")
            SVGText.appendNumber(geometry.y(tick) + 4, to: &out)
            out.append("\">")
            SVGText.appendEscaped(label, to: &out)
            out.append("</text>")
        }
        out.append("</g>")

        // X axis with month labels.
        let axisY = geometry.top + geometry.height
        out.append("<line class=\"x-axis\" x1=\"")
        SVGText.appendNumber(geometry.left, to: &out)
        out.append("\" x2=\"")
        SVGText.appendNumber(geometry.left + geometry.width, to: &out)
        out.append("\" y1=\"")
        SVGText.appendNumber(axisY, to: &out)
        out.append("\" y2=\"")
        SVGText.appendNumber(axisY, to: &out)
        out.append("\" stroke=\"\(Colour.axis)\" stroke-width=\"1\"/>")
        let axis = MonthAxis(start: data.start, count: count, width: geometry.width, characterWidth: characterWidth)
        out.append("<g class=\"x-labels\" fill=\"\(Colour.text)\" stroke=\"\(Colour.axis)\" text-anchor=\"middle\">")
        for tick in axis.ticks {
            let x = geometry.x(tick.index)
            out.append("<line class=\"x-tick\" x1=\"")
            SVGText.appendNumber(x, to: &out)
            out.append("\" x2=\"")
            SVGText.appendNumber(x, to: &out)
            out.append("\" y1=\"")
            SVGText.appendNumber(axisY, to: &out)
            out.append("\" y2=\"")
            SVGText.appendNumber(axisY + 4, to: &out)
            out.append("\"/><text class=\"x-label\" stroke=\"none\" x=\"")
            SVGText.appendNumber(x, to: &out)
            out.append("\" y=\"")
            SVGText.appendNumber(axisY + 16, to: &out)
            out.append("\">")
            out.append(tick.label)
            out.append("</text>")
        }
        out.append("</g>")

        appendLegend(legend, to: &out)

        if count == 0 {
            out.append("<text class=\"no-data\" x=\"")
            SVGText.appendNumber(geometry.left + geometry.width / 2, to: &out)
            out.append("\" y=\"")
            SVGText.appendNumber(geometry.top + geometry.height / 2, to: &out)
            out.append("\" fill=\"\(Colour.text)\" text-anchor=\"middle\">No data</text></svg>")
            return out
        }

        // Process limits band.
        if present.limits {
            var points = [BandPoint]()
            points.reserveCapacity(min(data.limitsLower.count, data.limitsUpper.count, count))
            for (index, (lower, upper)) in zip(data.limitsLower, data.limitsUpper).prefix(count).enumerated() {
                points.append(BandPoint(index: index, lower: lower, upper: upper))
            }
            // Told apart from the forecast band in grey by its dashed outline (the forecast band's is solid).
            out.append("<path class=\"limits\" fill=\"\(Colour.limits)\" stroke=\"\(Colour.limitsOutline)\" stroke-width=\"0.75\" stroke-dasharray=\"3 2\" d=\"")
            appendBandPath(points, geometry, to: &out)
            out.append("\"/>")
        }

        // Forecast band and mean.
        if present.forecast {
            let bands = data.forecast.filter { (0..<count).contains($0.index) }.sorted { $0.index < $1.index }
            if bands.contains(where: { $0.lower.isFinite && $0.upper.isFinite }) {
                out.append("<path class=\"forecast-band\" fill=\"\(Colour.forecastBand)\" stroke=\"\(Colour.forecast)\" stroke-width=\"0.75\" d=\"")
                appendBandPath(bands.map { BandPoint(index: $0.index, lower: $0.lower, upper: $0.upper) }, geometry, to: &out)
                out.append("\"/>")
            }
            if bands.contains(where: { $0.mean.isFinite }) {
                out.append("<path class=\"forecast\" fill=\"none\" stroke=\"\(Colour.forecast)\" stroke-width=\"1.5\" ")
                out.append("stroke-dasharray=\"5 3\" d=\"")
                appendLinePath(bands.map { LinePoint(index: $0.index, value: $0.mean) }, geometry, to: &out)
                out.append("\"/>")
            }
        }

        // Fitted, recent and actual lines.
        if present.fitted {
            out.append("<path class=\"fitted\" fill=\"none\" stroke=\"\(Colour.fitted)\" stroke-width=\"1.5\" ")
            out.append("stroke-dasharray=\"6 4\" d=\"")
            appendLinePath(data.fitted.prefix(count), geometry, to: &out)
            out.append("\"/>")
        }
        if present.actual {
            out.append("<path class=\"actual\" fill=\"none\" stroke=\"\(Colour.actual)\" stroke-width=\"1.75\" ")
            out.append("stroke-linejoin=\"round\" d=\"")
            appendLinePath(data.actual.prefix(count), geometry, to: &out)
            // Small circles with a thin white rim, smaller still when months are dense so that the line stays readable.
            let r = max(1.25, min(2.5, geometry.monthWidth / 3))
            var radius = "", rim = ""
            SVGText.appendNumber(r, to: &radius)
            SVGText.appendNumber(r * 0.3, to: &rim)
            out.append("\"/><g class=\"actual-points\" fill=\"\(Colour.actual)\" stroke=\"#fff\" stroke-width=\"\(rim)\">")
            for (index, value) in data.actual.prefix(count).enumerated() {
                guard let value, value.isFinite else { continue }
                out.append("<circle class=\"actual-point\" cx=\"")
                SVGText.appendNumber(geometry.x(index), to: &out)
                out.append("\" cy=\"")
                SVGText.appendNumber(geometry.y(value), to: &out)
                out.append("\" r=\"\(radius)\"/>")
            }
            out.append("</g>")
        }
        // The recent direction on top, dashed, so the data line cannot hide it where they run together.
        if present.recent {
            out.append("<path class=\"recent\" fill=\"none\" stroke=\"\(Colour.recent)\" stroke-width=\"2.25\" stroke-dasharray=\"9 3\" d=\"")
            appendLinePath(data.recent.prefix(count), geometry, to: &out)
            out.append("\"/>")
        }

        // Labels for events and markers, placed greedily so that no two overlap.
        var placed = [LabelBox]()
        let bounds = LabelBounds(canvasWidth: canvasWidth, canvasHeight: canvasHeight,
                                 plotTop: geometry.top, plotBottom: axisY)
        let events = data.events.filter { (0..<count).contains($0.index) }.sorted { $0.index < $1.index }
        var eventLabels = [LabelBox?]()
        for event in events {
            guard !event.label.isEmpty else {
                eventLabels.append(nil)
                continue
            }
            let x = geometry.x(event.index)
            eventLabels.append(place(event.label, left: x + 3, preferred: [geometry.top + ascent + 1], bounds: bounds, placed: &placed))
        }
        let markers = data.markers.filter { (0..<count).contains($0.index) && $0.value.isFinite }
            .sorted { $0.index < $1.index }
        var markerLabels = [LabelBox?]()
        for marker in markers {
            guard !marker.label.isEmpty else {
                markerLabels.append(nil)
                continue
            }
            let x = geometry.x(marker.index), y = geometry.y(marker.value)
            let width = labelWidth(marker.label)
            // Just above the marker, else just below it (a little less preferred), else the nearest free line.
            let preferred = [y - 9 - descent, y + 9 + ascent]
            markerLabels.append(place(marker.label, left: x - width / 2, preferred: preferred, bounds: bounds, placed: &placed))
        }

        // Events: dotted vertical line and label at the top.
        if !events.isEmpty {
            out.append("<g class=\"events\">")
            for (event, box) in zip(events, eventLabels) {
                let x = geometry.x(event.index)
                out.append("<line class=\"event\" x1=\"")
                SVGText.appendNumber(x, to: &out)
                out.append("\" x2=\"")
                SVGText.appendNumber(x, to: &out)
                out.append("\" y1=\"")
                SVGText.appendNumber(geometry.top, to: &out)
                out.append("\" y2=\"")
                SVGText.appendNumber(axisY, to: &out)
                out.append("\" stroke=\"\(Colour.event)\" stroke-width=\"1.25\" stroke-dasharray=\"2 3\"/>")
                if let box { appendLabel(event.label, box: box, className: "event-label", to: &out) }
            }
            out.append("</g>")
        }

        // Flagged markers: shape by kind (colour is never the only signal), then their labels on top.
        if !markers.isEmpty {
            out.append("<g class=\"markers\">")
            for marker in markers {
                appendMarker(marker.kind, x: geometry.x(marker.index), y: geometry.y(marker.value), to: &out)
            }
            for (marker, box) in zip(markers, markerLabels) {
                if let box { appendLabel(marker.label, box: box, className: "marker-label marker-label-\(marker.kind.rawValue)", to: &out) }
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out
    }

    // MARK: - Geometry

    struct Geometry {
        let left, top, width, height: Double
        let count: Int
        let yMin, yMax: Double
        let monthWidth: Double
        let yScale: Double

        init(left: Double, top: Double, width: Double, height: Double, count: Int, yMin: Double, yMax: Double) {
            self.left = left
            self.top = top
            self.width = width
            self.height = height
            self.count = count
            self.yMin = yMin
            self.yMax = yMax
            monthWidth = width / Double(count)
            yScale = yMax > yMin ? height / (yMax - yMin) : 0
        }

        /// The centre of month `index`'s slot.
        func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * monthWidth }
        func y(_ value: Double) -> Double { top + (yMax - value) * yScale }
    }

    static func isFinite(_ value: Double?) -> Bool { value?.isFinite ?? false }

    /// Months on the x axis: every month a series, band, marker or event refers to.
    static func monthCount(_ data: TrendChartData) -> Int {
        var count = max(data.actual.count, data.fitted.count, data.recent.count,
                        min(data.limitsLower.count, data.limitsUpper.count))
        for band in data.forecast where band.index >= 0 && band.index < maximumMonths { count = max(count, band.index + 1) }
        for marker in data.markers where marker.index >= 0 && marker.index < maximumMonths {
            count = max(count, marker.index + 1)
        }
        for event in data.events where event.index >= 0 && event.index < maximumMonths { count = max(count, event.index + 1) }
        return min(count, maximumMonths)
    }

    // MARK: - Paths

    struct LinePoint {
        var index: Int
        var value: Double?
    }

    struct BandPoint {
        var index: Int
        var lower: Double?
        var upper: Double?
    }

    /// Path data through consecutive months of `values` (indexed from 0); the pen lifts (a new "M") at a
    /// missing or non-finite value: a gap, never a zero.
    static func appendLinePath(_ values: ArraySlice<Double?>, _ geometry: Geometry, to out: inout String) {
        var penDown = false, started = false
        for (index, value) in values.enumerated() {
            guard let value, value.isFinite else {
                penDown = false
                continue
            }
            out.append(penDown ? "L" : (started ? " M" : "M"))
            started = true
            SVGText.appendNumber(geometry.x(index), to: &out)
            out.append(" ")
            SVGText.appendNumber(geometry.y(value), to: &out)
            penDown = true
        }
    }

    /// Path data through points in increasing index order; the pen lifts at a missing value or a skipped month.
    static func appendLinePath(_ points: [LinePoint], _ geometry: Geometry, to out: inout String) {
        var previous: Int?, started = false
        for point in points {
            guard let value = point.value, value.isFinite else {
                previous = nil
                continue
            }
            let penDown = previous.map { $0 + 1 == point.index } ?? false
            out.append(penDown ? "L" : (started ? " M" : "M"))
            started = true
            SVGText.appendNumber(geometry.x(point.index), to: &out)
            out.append(" ")
            SVGText.appendNumber(geometry.y(value), to: &out)
            previous = point.index
        }
    }

    /// Closed areas between lower and upper over each run of consecutive months where both are finite;
    /// a run of one month is a 6 px wide bar.
    static func appendBandPath(_ points: [BandPoint], _ geometry: Geometry, to out: inout String) {
        var run = [(index: Int, lower: Double, upper: Double)]()
        var started = false
        func flush() {
            guard let first = run.first else { return }
            if started { out.append(" ") }
            started = true
            if run.count == 1 {
                let x = geometry.x(first.index)
                out.append("M")
                SVGText.appendNumber(x - 3, to: &out)
                out.append(" ")
                SVGText.appendNumber(geometry.y(first.upper), to: &out)
                out.append("H")
                SVGText.appendNumber(x + 3, to: &out)
                out.append("V")
                SVGText.appendNumber(geometry.y(first.lower), to: &out)
                out.append("H")
                SVGText.appendNumber(x - 3, to: &out)
                out.append("Z")
            } else {
                out.append("M")
                for (n, point) in run.enumerated() {
                    if n > 0 { out.append("L") }
                    SVGText.appendNumber(geometry.x(point.index), to: &out)
                    out.append(" ")
                    SVGText.appendNumber(geometry.y(point.upper), to: &out)
                }
                for point in run.reversed() {
                    out.append("L")
                    SVGText.appendNumber(geometry.x(point.index), to: &out)
                    out.append(" ")
                    SVGText.appendNumber(geometry.y(point.lower), to: &out)
                }
                out.append("Z")
            }
            run.removeAll(keepingCapacity: true)
        }
        for point in points {
            guard let lower = point.lower, let upper = point.upper, lower.isFinite, upper.isFinite else {
                flush()
                continue
            }
            if let last = run.last, last.index + 1 != point.index { flush() }
            run.append((point.index, min(lower, upper), max(lower, upper)))
        }
        flush()
    }

    // MARK: - Markers and labels

    /// Red: upward-pointing triangle; amber: diamond; info: square outline.
    static func appendMarker(_ kind: TrendChartData.MarkerKind, x: Double, y: Double, className: String = "marker",
                             to out: inout String) {
        func point(_ dx: Double, _ dy: Double) {
            SVGText.appendNumber(x + dx, to: &out)
            out.append(",")
            SVGText.appendNumber(y + dy, to: &out)
        }
        switch kind {
        case .red:
            out.append("<polygon class=\"\(className) marker-red\" fill=\"\(Colour.red)\" stroke=\"\(Colour.redOutline)\" ")
            out.append("stroke-width=\"1\" points=\"")
            point(0, -6.5)
            out.append(" ")
            point(6, 4)
            out.append(" ")
            point(-6, 4)
            out.append("\"/>")
        case .amber:
            out.append("<polygon class=\"\(className) marker-amber\" fill=\"\(Colour.amber)\" stroke=\"\(Colour.amberOutline)\" ")
            out.append("stroke-width=\"1\" points=\"")
            point(0, -6)
            out.append(" ")
            point(6, 0)
            out.append(" ")
            point(0, 6)
            out.append(" ")
            point(-6, 0)
            out.append("\"/>")
        case .info:
            out.append("<rect class=\"\(className) marker-info\" fill=\"none\" stroke=\"\(Colour.info)\" stroke-width=\"1.5\" x=\"")
            SVGText.appendNumber(x - 4.5, to: &out)
            out.append("\" y=\"")
            SVGText.appendNumber(y - 4.5, to: &out)
            out.append("\" width=\"9\" height=\"9\"/>")
        }
    }

    /// A label's estimated box: `left … left + width` across, `baseline − ascent … baseline + descent` down.
    struct LabelBox: Equatable {
        var left: Double
        var baseline: Double
        var width: Double
        var top: Double { baseline - TrendChart.ascent }
        var bottom: Double { baseline + TrendChart.descent }

        /// Closer than half a pixel counts as overlapping, so that rounding coordinates to 0.01 px in the
        /// output never makes two placed labels touch.
        func overlaps(_ other: LabelBox) -> Bool {
            let pad = 0.5
            return left < other.left + other.width + pad && other.left < left + width + pad
                && top < other.bottom + pad && other.top < bottom + pad
        }
    }

    struct LabelBounds {
        var canvasWidth: Double
        var canvasHeight: Double
        var plotTop: Double
        var plotBottom: Double
    }

    static func labelWidth(_ text: String) -> Double { Double(text.count) * characterWidth }

    /// Greedy stacking: the label takes the free baseline nearest one of its `preferred` baselines (the first
    /// wins ties, later ones cost a quarter line more each), free meaning that its box overlaps no label
    /// placed before and stays within the plot's height; failing that, within the canvas; failing that, the
    /// first preferred baseline. Candidates are the preferred baselines, the bounds, and the lines one pixel
    /// above and below every placed label: any free position slides to one of them, so a free place is
    /// found whenever one exists. The box is kept inside the canvas horizontally.
    static func place(_ text: String, left: Double, preferred: [Double], bounds: LabelBounds,
                      placed: inout [LabelBox]) -> LabelBox {
        let width = labelWidth(text)
        let left = max(2, min(left, bounds.canvasWidth - 2 - width))
        func box(_ baseline: Double) -> LabelBox { LabelBox(left: left, baseline: baseline, width: width) }
        let neighbours = placed.filter { $0.left < left + width + 1 && left < $0.left + $0.width + 1 }
        var candidates = preferred
        candidates.reserveCapacity(preferred.count + 4 + 2 * neighbours.count)
        candidates += [bounds.plotTop + ascent, bounds.plotBottom - descent, ascent, bounds.canvasHeight - descent]
        for other in neighbours {
            candidates.append(other.top - descent - 1)  // one pixel apart
            candidates.append(other.bottom + ascent + 1)
        }
        func cost(_ baseline: Double) -> Double {
            var best = Double.infinity
            for (rank, target) in preferred.enumerated() {
                best = min(best, abs(baseline - target) + Double(rank) * lineHeight / 4)
            }
            return best
        }
        func best(top: Double, bottom: Double) -> LabelBox? {
            var chosen: LabelBox?, chosenCost = Double.infinity
            for baseline in candidates {
                let candidate = box(baseline)
                guard candidate.top >= top, candidate.bottom <= bottom,
                      !neighbours.contains(where: { $0.overlaps(candidate) }) else { continue }
                let c = cost(baseline)
                if c < chosenCost {
                    chosen = candidate
                    chosenCost = c
                }
            }
            return chosen
        }
        let chosen = best(top: bounds.plotTop - 2, bottom: bounds.plotBottom)
            ?? best(top: 0, bottom: bounds.canvasHeight)
            ?? box(preferred.first ?? bounds.plotTop + ascent)
        placed.append(chosen)
        return chosen
    }

    static func appendLabel(_ text: String, box: LabelBox, className: String, to out: inout String) {
        out.append("<text class=\"\(className)\" x=\"")
        SVGText.appendNumber(box.left, to: &out)
        out.append("\" y=\"")
        SVGText.appendNumber(box.baseline, to: &out)
        out.append("\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">")
        SVGText.appendEscaped(text, to: &out)
        out.append("</text>")
    }

    // MARK: - Legend

    enum LegendItem: CaseIterable {
        case actual, fitted, recent, limits, forecast, red, amber, info, event

        var label: String {
            switch self {
            case .actual: "Actual"
            case .fitted: "Trend"
            case .recent: "Recent direction"
            case .limits: "Process limits"
            case .forecast: "Forecast and 95% range"
            case .red: "Flag: red"
            case .amber: "Flag: amber"
            case .info: "Flag: info"
            case .event: "Intervention"
            }
        }

        /// The label for `data` (the fitted line and the forecast band can be named by the chart).
        func label(_ data: TrendChartData) -> String {
            switch self {
            case .fitted: data.fittedLabel
            case .forecast: data.forecastLabel
            default: label
            }
        }

        var className: String {
            switch self {
            case .actual: "actual"
            case .fitted: "fitted"
            case .recent: "recent"
            case .limits: "limits"
            case .forecast: "forecast"
            case .red: "marker-red"
            case .amber: "marker-amber"
            case .info: "marker-info"
            case .event: "event"
            }
        }
    }

    /// Which series the chart draws.
    struct Present {
        var actual = false, fitted = false, recent = false, limits = false, forecast = false
        var red = false, amber = false, info = false, event = false

        init(_ data: TrendChartData, count: Int) {
            actual = data.actual.contains(where: TrendChart.isFinite)
            fitted = data.fitted.contains(where: TrendChart.isFinite)
            recent = data.recent.contains(where: TrendChart.isFinite)
            limits = zip(data.limitsLower, data.limitsUpper).contains { TrendChart.isFinite($0) && TrendChart.isFinite($1) }
            forecast = data.forecast.contains {
                (0..<count).contains($0.index) && ($0.mean.isFinite || ($0.lower.isFinite && $0.upper.isFinite))
            }
            for marker in data.markers where (0..<count).contains(marker.index) && marker.value.isFinite {
                switch marker.kind {
                case .red: red = true
                case .amber: amber = true
                case .info: info = true
                }
            }
            event = data.events.contains { (0..<count).contains($0.index) }
        }

        var items: [LegendItem] {
            LegendItem.allCases.filter { item in
                switch item {
                case .actual: actual
                case .fitted: fitted
                case .recent: recent
                case .limits: limits
                case .forecast: forecast
                case .red: red
                case .amber: amber
                case .info: info
                case .event: event
                }
            }
        }
    }

    struct LegendLayout {
        var entries: [(item: LegendItem, label: String, x: Double, baseline: Double)]
        var rows: Int
    }

    /// Swatch (18 px) and text left to right, wrapping to a new row when the canvas is full.
    static func layOutLegend(_ items: [LegendItem], labels: (LegendItem) -> String, canvasWidth: Double) -> LegendLayout {
        var entries = [(item: LegendItem, label: String, x: Double, baseline: Double)]()
        var x = 8.0, row = 0
        for item in items {
            let label = labels(item)
            let width = 18 + 5 + labelWidth(label) + 14
            if x > 8 && x + width > canvasWidth - 8 {
                row += 1
                x = 8
            }
            entries.append((item, label, x, 18 + Double(row) * 16))
            x += width
        }
        return LegendLayout(entries: entries, rows: items.isEmpty ? 0 : row + 1)
    }

    static func appendLegend(_ legend: LegendLayout, to out: inout String) {
        guard !legend.entries.isEmpty else { return }
        out.append("<g class=\"legend\">")
        for (item, label, x, baseline) in legend.entries {
            let middle = baseline - 4
            out.append("<g class=\"legend-item legend-\(item.className)\">")
            func line(_ attributes: String) {
                out.append("<line class=\"legend-swatch\" x1=\"")
                SVGText.appendNumber(x, to: &out)
                out.append("\" x2=\"")
                SVGText.appendNumber(x + 18, to: &out)
                out.append("\" y1=\"")
                SVGText.appendNumber(middle, to: &out)
                out.append("\" y2=\"")
                SVGText.appendNumber(middle, to: &out)
                out.append("\" \(attributes)/>")
            }
            func rect(_ fill: String, outline: String) {
                out.append("<rect class=\"legend-swatch\" x=\"")
                SVGText.appendNumber(x, to: &out)
                out.append("\" y=\"")
                SVGText.appendNumber(middle - 5, to: &out)
                out.append("\" width=\"18\" height=\"10\" fill=\"\(fill)\" \(outline)/>")
            }
            switch item {
            case .actual:
                line("stroke=\"\(Colour.actual)\" stroke-width=\"1.75\"")
                out.append("<circle class=\"legend-swatch\" cx=\"")
                SVGText.appendNumber(x + 9, to: &out)
                out.append("\" cy=\"")
                SVGText.appendNumber(middle, to: &out)
                out.append("\" r=\"2.5\" fill=\"\(Colour.actual)\"/>")
            case .fitted:
                line("stroke=\"\(Colour.fitted)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"")
            case .recent:
                line("stroke=\"\(Colour.recent)\" stroke-width=\"2.25\" stroke-dasharray=\"9 3\"")
            case .limits:
                rect(Colour.limits, outline: "stroke=\"\(Colour.limitsOutline)\" stroke-width=\"0.75\" stroke-dasharray=\"3 2\"")
            case .forecast:
                rect(Colour.forecastBand, outline: "stroke=\"\(Colour.forecast)\" stroke-width=\"0.75\"")
                line("stroke=\"\(Colour.forecast)\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"")
            case .red:
                appendMarker(.red, x: x + 9, y: middle, className: "legend-swatch", to: &out)
            case .amber:
                appendMarker(.amber, x: x + 9, y: middle, className: "legend-swatch", to: &out)
            case .info:
                appendMarker(.info, x: x + 9, y: middle, className: "legend-swatch", to: &out)
            case .event:
                out.append("<line class=\"legend-swatch\" x1=\"")
                SVGText.appendNumber(x + 9, to: &out)
                out.append("\" x2=\"")
                SVGText.appendNumber(x + 9, to: &out)
                out.append("\" y1=\"")
                SVGText.appendNumber(middle - 6, to: &out)
                out.append("\" y2=\"")
                SVGText.appendNumber(middle + 6, to: &out)
                out.append("\" stroke=\"\(Colour.event)\" stroke-width=\"1.25\" stroke-dasharray=\"2 3\"/>")
            }
            out.append("<text class=\"legend-label\" x=\"")
            SVGText.appendNumber(x + 23, to: &out)
            out.append("\" y=\"")
            SVGText.appendNumber(baseline, to: &out)
            out.append("\" fill=\"\(Colour.text)\">")
            SVGText.appendEscaped(label, to: &out)
            out.append("</text></g>")
        }
        out.append("</g>")
    }
}
