import ClinicData

/// Which months get a label on an x axis `width` pixels wide showing `count` months from `start`, so that
/// labels never overlap: the step is the smallest of 1, 2, 3, 6, 12, 24, 60 months for which the labels
/// (estimated at `characterWidth` px per character, plus 8 px gap) fit; labels sit on months that are a
/// multiple of the step counted from January (quarters on Jan/Apr/Jul/Oct, years on January).
/// Label text: "Jan 2024" for steps under 12 months, "2024" for yearly or longer steps.
///
/// Month `i` is centred at `(i + 0.5) · width / count`, so labels `step` months apart are
/// `step · width / count` pixels apart. When not even 60 months fit, the step keeps doubling (120, 240, …)
/// until the labels fit or at most one label is left.
public struct MonthAxis: Sendable {
    public struct Tick: Sendable, Equatable {
        public let index: Int
        public let label: String
    }

    public let step: Int
    public let ticks: [Tick]

    /// Gap between neighbouring labels, px.
    static let gap = 8.0

    public init(start: Month, count: Int, width: Double, characterWidth: Double = 6.5) {
        // Beyond a million months (83,000 years) Month arithmetic would leave Int32.
        let count = min(max(count, 0), 1_000_000)
        let monthWidth = count > 0 && width.isFinite && width > 0 ? width / Double(count) : 0
        let characterWidth = characterWidth.isFinite ? max(characterWidth, 0) : 6.5
        // Years only grow along the axis, so the last month has the longest year.
        let yearCharacters = count > 0 ? String(start.advanced(by: count - 1).year).count : 4

        func fits(_ step: Int) -> Bool {
            let characters = step < 12 ? 4 + yearCharacters : yearCharacters
            return Double(step) * monthWidth >= Double(characters) * characterWidth + Self.gap
        }
        var step = 1
        var candidates = [1, 2, 3, 6, 12, 24, 60][...]
        while true {
            step = candidates.popFirst() ?? step * 2
            if fits(step) || step >= count { break }
        }
        self.step = step

        var ticks = [Tick]()
        if count > 0 {
            let offset = (Int(start.index) % step + step) % step
            var index = offset == 0 ? 0 : step - offset
            while index < count {
                ticks.append(Tick(index: index, label: Self.label(start.advanced(by: index), step: step)))
                index += step
            }
        }
        self.ticks = ticks
    }

    static func label(_ month: Month, step: Int) -> String {
        step < 12 ? Wording.shortMonthName(month) : String(month.year)
    }
}
