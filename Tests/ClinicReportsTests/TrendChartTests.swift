import ClinicData
import ClinicTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ClinicReports

// MARK: - Reading the SVG back

/// One element of a parsed SVG: name, attributes and the text directly inside it.
private struct SVGElement {
    var name: String
    var attributes: [String: String]
    var text: String

    var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }
    func has(class name: String) -> Bool { classes.contains { $0 == name } }
    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
}

private final class SVGCollector: NSObject, XMLParserDelegate {
    var elements = [SVGElement]()
    private var open = [Int]()

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(SVGElement(name: elementName, attributes: attributeDict, text: ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }
}

/// The elements of `svg`, or nil when XMLParser rejects it.
private func parseSVG(_ svg: String) -> [SVGElement]? {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = SVGCollector()
    parser.delegate = collector
    return parser.parse() ? collector.elements : nil
}

/// The numbers in path data or a points list, in order.
private func numbers(in text: String) -> [Double] {
    var result = [Double](), current = ""
    for character in text {
        if character.isNumber || character == "." || (character == "-" && current.isEmpty) {
            current.append(character)
        } else {
            if let value = Double(current) { result.append(value) }
            current = character == "-" ? "-" : ""
        }
    }
    if let value = Double(current) { result.append(value) }
    return result
}

/// A label's estimated box as the chart's contract describes it: 6.5 px per character from `x`
/// (labels are start-anchored), 10 px above the baseline to 3 px below.
private struct EstimatedBox {
    var left, right, top, bottom: Double

    init(_ element: SVGElement) {
        let x = element.number("x") ?? .nan, y = element.number("y") ?? .nan
        left = x
        right = x + Double(element.text.count) * 6.5
        top = y - 10
        bottom = y + 3
    }

    func overlaps(_ other: EstimatedBox) -> Bool {
        left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
}

private let january2013 = Month(year: 2013, month: 1)!
private let january2024 = Month(year: 2024, month: 1)!

// MARK: - NiceScale

extension TrendChartTests {
    @Suite("Nice scale")
    struct NiceScaleTests {
        @Test func zeroToNinetySevenIsTwenties() {
            let scale = NiceScale(low: 0, high: 97)
            #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
            #expect(scale.step == 20)
        }

        @Test func fractionalRangeGetsHalfSteps() {
            let scale = NiceScale(low: 3.2, high: 4.7, maximumCount: 6)
            #expect(scale.step == 0.5)
            #expect(scale.ticks == [3, 3.5, 4, 4.5, 5])
            #expect(scale.label(2.5) == "2.5")
            #expect(scale.label(3) == "3.0")
        }

        @Test func rangeAcrossZeroIsCovered() {
            let scale = NiceScale(low: -12, high: 30)
            #expect(scale.ticks == [-20, -10, 0, 10, 20, 30])
            #expect(scale.label(-20) == "−20")
            #expect(scale.label(0) == "0")
            #expect(scale.label(-0.0001) == "0")
        }

        @Test func degenerateAndNonFiniteRanges() {
            let zero = NiceScale(low: 0, high: 0)
            #expect(zero.ticks.first == 0 && zero.ticks.last == 1)
            let fifty = NiceScale(low: 50, high: 50)
            #expect((fifty.ticks.first ?? .nan) <= 45 && (fifty.ticks.last ?? .nan) >= 55, "\(fifty.ticks)")
            #expect((fifty.ticks.first ?? .nan) >= 40 && (fifty.ticks.last ?? .nan) <= 60, "\(fifty.ticks)")
            let negative = NiceScale(low: -200, high: -200)
            #expect((negative.ticks.first ?? .nan) <= -220 && (negative.ticks.last ?? .nan) >= -180, "\(negative.ticks)")
            for scale in [NiceScale(low: .nan, high: 3), NiceScale(low: 1, high: .infinity), NiceScale(low: -.infinity, high: .infinity)] {
                #expect(scale.ticks.first == 0 && scale.ticks.last == 1, "\(scale.ticks)")
            }
        }

        @Test func labelsGroupThousandsAndUseTheDecimalsOfTheStep() {
            let thousands = NiceScale(low: 0, high: 1180)
            #expect(thousands.label(1200) == "1,200")
            #expect(thousands.label(-1_234_567) == "−1,234,567")
            let fine = NiceScale(low: 0.011, high: 0.049)
            #expect(fine.step == 0.01)
            #expect(fine.label(0.02) == "0.02")
            #expect(NiceScale(low: 0, high: 97).label(40) == "40")
        }

        /// Random ranges over many magnitudes: covering, at most `maximumCount` ticks, evenly spaced, nice steps.
        @Test func randomRangesKeepTheContract() {
            var random = LinearCongruential(seed: 20_240_601)
            for trial in 0..<2_000 {
                let magnitude = pow(10, Double(Int(random.uniform() * 16) - 8))
                let a = (random.uniform() * 2 - 0.6) * magnitude
                let b = a + random.uniform() * magnitude * pow(10, -Double(Int(random.uniform() * 4)))
                let maximumCount = 3 + Int(random.uniform() * 8)
                let scale = NiceScale(low: a, high: b, maximumCount: maximumCount)
                let ticks = scale.ticks
                guard let first = ticks.first, let last = ticks.last else {
                    Issue.record("no ticks for \(a)…\(b)")
                    continue
                }
                #expect(first <= a && last >= b, "trial \(trial): \(ticks) for \(a)…\(b)")
                #expect(ticks.count >= 2 && ticks.count <= maximumCount, "trial \(trial): \(ticks.count) > \(maximumCount)")
                for (x, y) in zip(ticks, ticks.dropFirst()) {
                    #expect(abs((y - x) - scale.step) <= 1e-9 * max(scale.step, abs(y)), "trial \(trial): uneven \(ticks)")
                }
                let mantissa = scale.step / pow(10, floor(log10(scale.step)))
                #expect([1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }, "trial \(trial): step \(scale.step)")
            }
        }
    }
}

// MARK: - MonthAxis

extension TrendChartTests {
    @Suite("Month axis")
    struct MonthAxisTests {
        @Test func fifteenYearsInNarrowAxisAreLabelledByYearWithoutOverlap() {
            let width = 640.0, count = 180
            let axis = MonthAxis(start: january2013, count: count, width: width)
            #expect(axis.step >= 12)
            #expect(axis.step == 12)
            #expect(axis.ticks.first?.label == "2013")
            #expect(axis.ticks.count == 15)
            for tick in axis.ticks {
                let month = january2013.advanced(by: tick.index)
                #expect(month.month == 1)
                #expect(tick.label == String(month.year))
            }
            let boxes = axis.ticks.map { tick -> (Double, Double) in
                let centre = (Double(tick.index) + 0.5) * width / Double(count), half = Double(tick.label.count) * 6.5 / 2
                return (centre - half, centre + half)
            }
            for (a, b) in zip(boxes, boxes.dropFirst()) {
                #expect(a.1 + 8 <= b.0, "labels overlap: \(a) \(b)")
            }
        }

        @Test func oneYearInWideAxisIsMonthly() {
            let axis = MonthAxis(start: january2024, count: 12, width: 720)
            #expect(axis.step == 1)
            #expect(axis.ticks.map(\.label) == ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024",
                                                 "Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024", "Nov 2024", "Dec 2024"])
            #expect(axis.ticks.map(\.index) == Array(0..<12))
        }

        @Test func quartersSitOnJanuaryAprilJulyOctober() {
            let axis = MonthAxis(start: Month(year: 2022, month: 2)!, count: 36, width: 720)
            #expect(axis.step == 3)
            #expect(axis.ticks.first == MonthAxis.Tick(index: 2, label: "Apr 2022"))
            #expect(axis.ticks.allSatisfy { [1, 4, 7, 10].contains(Month(year: 2022, month: 2)!.advanced(by: $0.index).month) })
        }

        /// Whatever the width, labels never overlap: beyond 60 months the step keeps growing.
        @Test func labelsNeverOverlapAtAnyWidth() {
            for count in [1, 7, 40, 180, 600, 2_000] {
                for width in [0.0, 50, 200, 640, 1_500] {
                    let axis = MonthAxis(start: Month(year: 1990, month: 5)!, count: count, width: width)
                    let centres = axis.ticks.map { (Double($0.index) + 0.5) * width / Double(count) }
                    let widest = Double(axis.ticks.map(\.label.count).max() ?? 0) * 6.5
                    for (a, b) in zip(centres, centres.dropFirst()) {
                        #expect(b - a >= widest + 8, "count \(count), width \(width), step \(axis.step)")
                    }
                }
            }
        }
    }
}

// MARK: - TrendChart

@Suite("Trend chart SVG")
struct TrendChartTests {
    /// Ten years of a wobbling series with every layer drawn.
    func fullChart(months: Int = 120) -> TrendChartData {
        var actual = [Double?](), fitted = [Double?](), recent = [Double?](), lower = [Double?](), upper = [Double?]()
        for t in 0..<months {
            let level: Double = 301 + Double(t) * 0.7
            actual.append(level - 1 + Double(t % 5))
            fitted.append(level)
            recent.append(t < months - 24 ? nil : level + 0.05 * Double(t - months + 24))
            lower.append(level - 8)
            upper.append(level + 8)
        }
        actual[17] = nil
        var data = TrendChartData(title: "Children looked after, E99999999",
                                  description: "Monthly count of children looked after with its trend and forecast.",
                                  start: january2013, actual: actual)
        data.fitted = fitted
        data.recent = recent
        data.limitsLower = lower
        data.limitsUpper = upper
        for t in months..<(months + 12) {
            let level: Double = 301 + Double(t) * 0.7
            data.forecast.append(TrendChartData.Band(index: t, mean: level, lower: level - 11, upper: level + 11))
        }
        data.markers = [TrendChartData.Marker(index: 40, value: actual[40] ?? 0, label: "May 2016", kind: .red),
                        TrendChartData.Marker(index: 41, value: actual[41] ?? 0, label: "Jun 2016", kind: .amber),
                        TrendChartData.Marker(index: 90, value: actual[90] ?? 0, label: "Jul 2020", kind: .info)]
        data.events = [TrendChartData.Event(index: 38, label: "New front door")]
        return data
    }

    @Test func hostileTextAppearsOnlyEscaped() throws {
        let title = "<script>alert(1)</script>"
        let description = "Quotes \" and ' and & and ]]> and <![CDATA[ x and a bell \u{7}."
        var data = TrendChartData(title: title, description: description, start: january2024, actual: [1, 2, 3, 4])
        data.markers = [.init(index: 2, value: 3, label: "<script>alert(2)</script>", kind: .red)]
        data.events = [.init(index: 1, label: "]]>\"'&<")]
        data.unitSuffix = "<b>%"
        let svg = TrendChart.svg(data, id: "x\" onload=\"alert(1)", width: 600, height: 240)

        #expect(!svg.contains("<script"))
        #expect(!svg.contains("]]>"))
        #expect(!svg.contains("onload=\""))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!svg.contains("href") && !svg.contains("url(") && !svg.contains("foreignObject"))

        let elements = try #require(parseSVG(svg))
        let root = try #require(elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"] == "0 0 600 240")
        let labelledBy = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(labelledBy.count == 2)
        #expect(labelledBy.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        let titleElement = try #require(elements.first { $0.name == "title" })
        let descElement = try #require(elements.first { $0.name == "desc" })
        #expect(titleElement.attributes["id"] == labelledBy[0] && descElement.attributes["id"] == labelledBy[1])
        #expect(titleElement.text == title)
        #expect(descElement.text == description.replacingOccurrences(of: "\u{7}", with: ""))
        #expect(elements.contains { $0.has(class: "marker-label") && $0.text == "<script>alert(2)</script>" })
        #expect(elements.contains { $0.has(class: "event-label") && $0.text == "]]>\"'&<" })
        #expect(elements.contains { $0.has(class: "y-label") && $0.text.hasSuffix("<b>%") })
    }

    @Test func fullChartIsWellFormedWithShortNumbers() throws {
        let svg = TrendChart.svg(fullChart(), id: "lac-E99999999")
        let elements = try #require(parseSVG(svg))
        #expect(elements.first?.attributes["width"] == "720" && elements.first?.attributes["height"] == "280")
        // Drawing order: limits, forecast band, forecast, fitted, actual, recent (on top, dashed, so the data
        // line cannot hide it), events, markers.
        let order = ["limits", "forecast-band", "forecast", "fitted", "actual", "recent", "event", "marker"]
        let positions = order.map { name in elements.firstIndex { $0.has(class: name) } }
        #expect(positions.allSatisfy { $0 != nil }, "\(positions)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // Every number in an attribute has at most 2 decimals.
        for element in elements {
            for (name, value) in element.attributes {
                for match in value.matches(of: /\.(\d+)/) {
                    #expect(match.1.count <= 2, "\(element.name) \(name)=\"\(value)\"")
                }
            }
        }
        // Every drawn element carries a class and its own presentation attributes (or inherits them from its group).
        for element in elements where ["path", "line", "circle", "polygon", "rect", "text"].contains(element.name) {
            #expect(element.attributes["class"] != nil, "\(element.name) without class")
        }
        #expect(elements.filter { $0.has(class: "actual-point") }.count == 119)
    }

    /// Printed in grey the two bands are told apart by their outlines (the limits' dashed, the forecast's
    /// solid), and every line keeps at least 3:1 contrast (WCAG relative luminance) against the band it
    /// crosses and the white behind it; the recent direction is drawn over the data line.
    @Test func readsInGrey() throws {
        let elements = try #require(parseSVG(TrendChart.svg(fullChart(), id: "grey")))
        let limits = try #require(elements.first { $0.has(class: "limits") })
        let band = try #require(elements.first { $0.has(class: "forecast-band") })
        #expect(limits.attributes["stroke-dasharray"] != nil && limits.attributes["stroke"] != "none")
        #expect(band.attributes["stroke-dasharray"] == nil && band.attributes["stroke"] != "none")
        func luminance(_ hex: String) -> Double {
            let digits = Array(hex.dropFirst()), full = digits.count == 3 ? digits.flatMap { [$0, $0] } : digits
            let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(String(full[$0...$0 + 1]), radix: 16)!) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        for name in ["actual", "fitted", "recent", "forecast"] {
            let line = try #require(elements.first { $0.name == "path" && $0.has(class: name) }?.attributes["stroke"], "\(name)")
            for under in ["#ffffff", try #require(limits.attributes["fill"]), try #require(band.attributes["fill"])] {
                #expect(contrast(line, under) >= 3, "\(name) \(line) on \(under): \(contrast(line, under))")
            }
        }
        #expect(contrast(try #require(limits.attributes["stroke"]), "#ffffff") >= 3)
        let recent = try #require(elements.firstIndex { $0.has(class: "recent") })
        #expect(recent > (elements.firstIndex { $0.has(class: "actual") } ?? .max))
    }

    /// The last 36 months of a chart: series cut, bands, markers and events re-indexed, earlier ones dropped.
    @Test func lastMonthsKeepsTheWindowAndTheForecast() {
        var data = TrendChartData(title: "t", description: "d", start: january2024, actual: (0..<48).map { Double($0) })
        data.fitted = (0..<48).map { Double($0) + 0.5 }
        data.forecast = [.init(index: 48, mean: 50, lower: 45, upper: 55)]
        data.markers = [.init(index: 5, value: 5, label: "early", kind: .red), .init(index: 40, value: 40, label: "late", kind: .amber)]
        data.events = [.init(index: 20, label: "new service")]
        let window = data.lastMonths(36)
        #expect(window.start == january2024.advanced(by: 12) && window.actual.first == 12 && window.actual.count == 36)
        #expect(window.fitted.first == 12.5 && window.forecast.map(\.index) == [36])
        #expect(window.markers.map(\.label) == ["late"] && window.markers.first?.index == 28)
        #expect(window.events.first?.index == 8)
        #expect(data.lastMonths(60).actual.count == 48)
    }

    @Test func missingMonthIsAGapNotAZero() throws {
        let data = TrendChartData(title: "Gap", description: "A gap in March.", start: january2024, actual: [10, 12, nil, 14, 15])
        let elements = try #require(parseSVG(TrendChart.svg(data, id: "gap")))
        let actual = try #require(elements.first { $0.name == "path" && $0.has(class: "actual") })
        let d = try #require(actual.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2, "\(d)")
        let coordinates = numbers(in: d)
        #expect(coordinates.count == 8, "\(d)")
        #expect(elements.filter { $0.has(class: "actual-point") }.count == 4)
        // No point is drawn at zero: the y axis does not even reach it.
        let yLabels = elements.filter { $0.has(class: "y-label") }.map(\.text)
        #expect(!yLabels.contains("0"), "\(yLabels)")
    }

    @Test func redMarkerIsATriangleWithItsLabel() throws {
        var data = TrendChartData(title: "Flags", description: "One red flag.", start: january2024,
                                  actual: [5, 6, 5, 9, 6, 5])
        data.markers = [.init(index: 3, value: 9, label: "Apr 2024", kind: .red),
                        .init(index: 4, value: 6, label: "May 2024", kind: .amber),
                        .init(index: 5, value: 5, label: "Jun 2024", kind: .info)]
        let elements = try #require(parseSVG(TrendChart.svg(data, id: "flags")))
        let drawn = elements.filter { $0.has(class: "marker") }
        let red = try #require(drawn.first { $0.has(class: "marker-red") })
        #expect(red.name == "polygon")
        let points = numbers(in: red.attributes["points"] ?? "")
        #expect(points.count == 6)
        // Upward-pointing: the apex is above (smaller y than) the two base corners.
        #expect(points.count == 6 && points[1] < points[3] && points[3] == points[5])
        let amber = try #require(drawn.first { $0.has(class: "marker-amber") })
        #expect(amber.name == "polygon" && numbers(in: amber.attributes["points"] ?? "").count == 8)
        let info = try #require(drawn.first { $0.has(class: "marker-info") })
        #expect(info.name == "rect" && info.attributes["fill"] == "none")
        let labels = elements.filter { $0.has(class: "marker-label") }.map(\.text)
        #expect(labels == ["Apr 2024", "May 2024", "Jun 2024"])
    }

    @Test func labelsInAdjacentMonthsDoNotOverlap() throws {
        var data = TrendChartData(title: "Crowded", description: "Flags in adjacent months.", start: january2013,
                                  actual: (0..<180).map { 50 + Double($0 % 7) })
        data.markers = [.init(index: 62, value: 52, label: "Mar 2018", kind: .red),
                        .init(index: 63, value: 52, label: "Apr 2018", kind: .amber)]
        let two = try #require(parseSVG(TrendChart.svg(data, id: "two", width: 640)))
        let twoBoxes = two.filter { $0.has(class: "marker-label") }.map(EstimatedBox.init)
        #expect(twoBoxes.count == 2)
        #expect(twoBoxes.count == 2 && !twoBoxes[0].overlaps(twoBoxes[1]), "\(twoBoxes)")

        // A crowd: twelve flags in a row and three interventions among them, all labels apart.
        data.markers = (60..<72).map { .init(index: $0, value: 50 + Double($0 % 7), label: "Flag month \($0)", kind: .red) }
        data.events = [.init(index: 60, label: "Front door"), .init(index: 61, label: "New manager"),
                       .init(index: 66, label: "Edge of care team")]
        let crowd = try #require(parseSVG(TrendChart.svg(data, id: "crowd", width: 640)))
        let boxes = crowd.filter { $0.has(class: "marker-label") || $0.has(class: "event-label") }.map(EstimatedBox.init)
        #expect(boxes.count == 15)
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].overlaps(boxes[j]), "labels \(i) and \(j) overlap: \(boxes[i]) \(boxes[j])")
            }
            #expect(boxes[i].left >= 0 && boxes[i].right <= 640 && boxes[i].top >= 0 && boxes[i].bottom <= 280)
        }
    }

    @Test func yAxisCoversAForecastAboveTheData() throws {
        var data = TrendChartData(title: "Forecast", description: "Rising.", start: january2024,
                                  actual: (0..<24).map { 10 + Double($0) * 0.4 })
        data.forecast = (24..<36).map { .init(index: $0, mean: 30, lower: 20, upper: 60 + Double($0 - 24)) }
        data.unitSuffix = "%"
        let elements = try #require(parseSVG(TrendChart.svg(data, id: "forecast")))
        let labels = elements.filter { $0.has(class: "y-label") }.map(\.text)
        #expect(labels.allSatisfy { $0.hasSuffix("%") })
        let values = labels.compactMap { Double($0.dropLast().replacingOccurrences(of: ",", with: "")) }
        #expect(values.count == labels.count && (values.max() ?? 0) >= 71, "\(labels)")
        #expect((values.min() ?? .infinity) <= 10, "\(labels)")
        let gridY = elements.filter { $0.has(class: "grid-line") }.compactMap { $0.number("y1") }
        let top = try #require(gridY.min()), bottom = try #require(gridY.max())
        let band = try #require(elements.first { $0.has(class: "forecast-band") })
        let bandY = numbers(in: band.attributes["d"] ?? "").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(!bandY.isEmpty && bandY.allSatisfy { $0 >= top - 0.01 && $0 <= bottom + 0.01 }, "\(bandY) outside \(top)…\(bottom)")
        // The x axis runs on over the forecast year.
        let xLabels = elements.filter { $0.has(class: "x-label") }.map(\.text)
        #expect(xLabels.contains("Jan 2026") || xLabels.contains("Oct 2026") || xLabels.contains("2026"), "\(xLabels)")
    }

    @Test func legendNamesOnlyTheSeriesPresent() throws {
        func legend(_ data: TrendChartData) throws -> [String] {
            try #require(parseSVG(TrendChart.svg(data, id: "legend"))).filter { $0.has(class: "legend-label") }.map(\.text)
        }
        let plain = TrendChartData(title: "Plain", description: "Only data.", start: january2024, actual: [1, 2, 3])
        #expect(try legend(plain) == ["Actual"])

        var some = plain
        some.fitted = [1, 2, 3]
        some.events = [.init(index: 1, label: "Change")]
        some.markers = [.init(index: 2, value: 3, label: "Mar 2024", kind: .amber)]
        #expect(try legend(some) == ["Actual", "Trend", "Flag: amber", "Intervention"])

        let all = try legend(fullChart())
        #expect(all == ["Actual", "Trend", "Recent direction", "Process limits", "Forecast and 95% range",
                        "Flag: red", "Flag: amber", "Flag: info", "Intervention"])
        let svg = TrendChart.svg(plain, id: "plain")
        #expect(!svg.contains("class=\"fitted\"") && !svg.contains("class=\"forecast") && !svg.contains("class=\"limits\""))
    }

    @Test func emptyDataStillGivesAWellFormedChart() throws {
        let data = TrendChartData(title: "Empty", description: "No values yet.", start: january2024, actual: [])
        let elements = try #require(parseSVG(TrendChart.svg(data, id: "")))
        #expect(elements.contains { $0.has(class: "no-data") })
        #expect(elements.first?.attributes["aria-labelledby"] == "chart-title chart-desc")
        let allMissing = TrendChartData(title: "Missing", description: "All missing.", start: january2024, actual: [nil, nil, .nan])
        #expect(parseSVG(TrendChart.svg(allMissing, id: "missing")) != nil)
    }
}
