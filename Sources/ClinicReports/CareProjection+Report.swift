import ClinicData
import ClinicMeasures
import ClinicModels

extension CareProjection {
    /// The rows of the projection: total, then each age band, then each placement group, month by month.
    var rows: [(group: String, label: String, now: Int, intervals: [Interval])] {
        [("total", "All children looked after", startTotal, total)]
            + AgeBand.allCases.map { ("age:\($0.rawValue)", "Aged \($0.label)", startByAge[$0.index], byAge[$0.index]) }
            + PlacementGroup.allCases.map { ("placement:\($0.rawValue)", "Placement: \($0.label)", startByPlacement[$0.index], byPlacement[$0.index]) }
    }

    /// The `clinic project lac --json` document (docs/CLI.md): one entry per month and group.
    public func json(area: String) -> JSONValue {
        var entries = [JSONValue]()
        for (group, _, _, intervals) in rows {
            for (month, i) in zip(months, intervals) {
                entries.append(.object([
                    ("month", .string(month.description)), ("group", .string(group)), ("mean", .number(i.mean)),
                    ("lower_80", .number(i.lower80)), ("upper_80", .number(i.upper80)),
                    ("lower_95", .number(i.lower95)), ("upper_95", .number(i.upper95)),
                ]))
            }
        }
        return .object([
            ("area", .string(area)), ("origin", .string(origin.description)), ("start_total", .integer(startTotal)),
            ("due_to_turn_18_in_horizon", .integer(dueToTurn18)),
            ("exit_months", .integer(exitWindow)), ("entry_months", .integer(entryWindow)),
            ("entry_shift_probability", .number(entryShiftProbability)),
            ("entry_shift_month", entryShiftMonth.map { .string($0.description) } ?? .null),
            ("entries_per_month_before_shift", entriesBeforeShift.map(JSONValue.number) ?? .null),
            ("entries_per_month_since_shift", entriesSinceShift.map(JSONValue.number) ?? .null),
            ("entries_per_month_over_window", .number(entriesOverWindow)),
            ("entrants_last_12_months", entrantsLast12Months.map { .integer($0) } ?? .null),
            ("entry_drift_per_month", .number(entryDrift)),
            ("exit_drift_per_month", .number(exitDrift)),
            ("entries_per_month", .object(AgeBand.allCases.map { ($0.rawValue, .number(entriesPerMonth[$0.index])) }
                + [("unknown", .number(entriesPerMonth[AgeBand.allCases.count]))])),
            ("projection", .array(entries)),
        ])
    }

    /// The projection in one plain sentence: where the total starts, what it assumes, where it ends with
    /// its 80% and 95% ranges (and that they allow for the rates to drift: ``CareProjection/Wander``), and
    /// how many of today's children turn 18 by then.
    public var sentence: String {
        let last = months.count - 1, end = total[last]
        let entries = entriesPerMonth.reduce(0, +)
        let years = exitWindow == 12 ? "year's" : exitWindow % 12 == 0 ? "\(exitWindow / 12) years'" : "\(exitWindow) months'"
        let window = entryWindow == 12 ? "year's" : "\(entryWindow) months'"
        let yearly = Int((entries * 12).rounded()), overWindow = Int((entriesOverWindow * 12).rounded())
        // What the rate weighs: the window's own rate, the last year's count beside it (so a reader sees
        // what the rate smooths over), and a shift in the entrants' level as likely as the data make it.
        var reading = ["the last \(window) rate, \(overWindow)"]
        if entryShiftProbability >= 0.05 {
            reading[0] += ", allowing for a shift in their level: probability \(Self.percent(entryShiftProbability))"
            if let month = entryShiftMonth, let before = entriesBeforeShift, let since = entriesSinceShift {
                // The months on each side, because the window bounds them: a few low months at its start
                // read as "the level before" only if the reader can see how few they are.
                let monthsSince = month.distance(to: origin) + 1, monthsBefore = entryWindow - monthsSince
                reading[0] += ", likeliest a \(before > since ? "fall" : "rise") in \(Wording.monthName(month)) from about "
                    + "\(Int((before * 12).rounded())) a year over the \(Self.months(monthsBefore)) before it to "
                    + "\(Int((since * 12).rounded())) over the \(Self.months(monthsSince)) since"
            }
        }
        if let last12 = entrantsLast12Months { reading.append("\(last12) in the last 12 months") }
        let arrivals = "arrivals at about \(yearly) a year (" + reading.joined(separator: "; ")
        return "\(startTotal) children were looked after at the end of \(Wording.monthName(origin)). "
            + "Projected with \(arrivals), counting children still in care at the end of the month they came in) "
            + "and the last \(years) rates of leaving by age, time in care and placement, about \(Int(end.mean.rounded())) will be looked after at the end of \(Wording.monthName(months[last])) "
            + "(80% range \(Int(end.lower80.rounded())) to \(Int(end.upper80.rounded())); 95% range \(Int(end.lower95.rounded())) to \(Int(end.upper95.rounded())), "
            + "allowing arrivals and leaving to drift from year to year at least as much as English councils' have); "
            + "\(dueToTurn18) of the children in care now turn 18 by then."
    }

    /// "month" or "N months".
    static func months(_ n: Int) -> String { n == 1 ? "month" : "\(n) months" }

    /// A probability as a whole percentage ("77%"), "below 1%" or "above 99%" at the ends.
    static func percent(_ p: Double) -> String {
        p < 0.01 ? "below 1%" : p > 0.99 ? "above 99%" : "\(Int((100 * p).rounded()))%"
    }

    /// The terminal report: a sentence on the total, then each group at a few horizons with its 80% range.
    public func text(area: String) -> String {
        let last = months.count - 1
        var out = "Children looked after\(area.isEmpty ? "" : " in \(area)"): projection from the end of \(Wording.monthName(origin))\n\n"
        out += sentence + "\n\n"
        let shown = [0, 2, 5, 11, 23, 35, 59].filter { $0 <= last } + ([0, 2, 5, 11, 23, 35, 59].contains(last) ? [] : [last])
        var header = "".padding(toLength: 44, withPad: " ", startingAt: 0) + "now".leftPadded(8)
        for k in shown { header += Wording.shortMonthName(months[k]).leftPadded(22) }
        out += header + "\n"
        for row in rows {
            var line = row.label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(row.now).leftPadded(8)
            for k in shown {
                let v = row.intervals[k]
                line += "\(Int(v.mean.rounded())) (\(Int(v.lower80.rounded()))–\(Int(v.upper80.rounded())))".leftPadded(22)
            }
            out += line + "\n"
        }
        out += "\nEach cell: the mean of \(paths) simulated paths and their 80% range (children without a date of birth count in the total only)."
        return out + "\n"
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
