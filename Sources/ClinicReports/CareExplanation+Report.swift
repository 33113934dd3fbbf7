import ClinicData
import ClinicMeasures

extension CareExplanation {
    /// "2023-24" for April to March, else "April 2023 to January 2024" ("March 2024" for one month).
    var windowName: String {
        if from.month == 4 && to == from.advanced(by: 11) { return "\(from.year)-\(String(format: "%02d", (from.year + 1) % 100))" }
        if from == to { return Wording.monthName(from) }
        if to == from.advanced(by: 11) { return "the 12 months to \(Wording.monthName(to))" }
        return "\(Wording.monthName(from)) to \(Wording.monthName(to))"
    }

    /// The same window a year earlier, named the same way.
    var windowYearBeforeName: String {
        if from.month == 4 && to == from.advanced(by: 11) { return "\(from.year - 1)-\(String(format: "%02d", from.year % 100))" }
        let a = from.advanced(by: -12), b = to.advanced(by: -12)
        if b == a.advanced(by: 11) { return "the 12 months to \(Wording.monthName(b))" }
        return a == b ? Wording.monthName(a) : "\(Wording.monthName(a)) to \(Wording.monthName(b))"
    }

    /// The plain-English answer to "why did the number of children looked after move?", built only from
    /// the counts above:
    /// 1. the change and its flows ("Looked after fell by 36 in 2023-24, from 310 to 274: 180 children
    ///    started to be looked after and 216 left.");
    /// 2. against the year before, the flow whose change moved the stock most in the direction of the
    ///    difference, and starts when they are not it;
    /// 3. the clinic's standing question: whether exits at 18 explain a fall (they do when they rose and
    ///    their rise is the largest contribution to the difference, or at least half of it), or whether
    ///    fewer exits at 18 explain a rise;
    /// 4. the identity's residual when it is not 0, and the children due to turn 18 in the next year;
    /// 5. with a UASC table, the unaccompanied asylum-seeking children who came into care (against the
    ///    year before) and those looked after at the two ends.
    public var sentences: [String] {
        var out = [String]()
        let moved = change > 0 ? "rose by \(change)" : change < 0 ? "fell by \(-change)" : "did not change"
        let startsText = "\(starts.count) \(starts.count == 1 ? "child" : "children") started to be looked after and \(ends) left"
        out.append("Looked after \(moved) in \(windowName), from \(stockStart) to \(stockEnd): \(startsText).")
        let aged18 = flow(.aged18)
        if let before = changeYearBefore, let startsBefore = starts.countYearBefore {
            // Contribution of each flow's change to (this change − last year's change).
            var contributions: [(name: String, now: Int, was: Int, effect: Int)] = [("starts", starts.count, startsBefore, starts.count - startsBefore)]
            for f in flows.dropFirst() { if let was = f.countYearBefore { contributions.append((f.exit!.label, f.count, was, was - f.count)) } }
            let difference = change - before
            let beforeText = before > 0 ? "when it rose by \(before)" : before < 0 ? "when it fell by \(-before)" : "when it did not change"
            if difference != 0 {
                let sameWay = contributions.filter { $0.effect != 0 && ($0.effect > 0) == (difference > 0) }
                if let main = sameWay.max(by: { abs($0.effect) < abs($1.effect) }) {
                    let direction = main.now > main.was ? "rose" : "fell"
                    var text = "Against \(windowYearBeforeName) (\(beforeText)), the largest change was in \(main.name), which \(direction) from \(main.was) to \(main.now)"
                    if main.name != "starts" { text += "; starts were \(starts.count) (\(startsBefore) the year before)" }
                    out.append(text + ".")
                }
            } else {
                out.append("The change matches \(windowYearBeforeName)'s (\(beforeText)).")
            }
            if let was = aged18.countYearBefore {
                let rise = aged18.count - was
                let share = difference != 0 ? Double(-rise) / Double(difference) : 0
                let isLargest = contributions.filter { $0.effect != 0 && ($0.effect > 0) == (difference > 0) }
                    .max(by: { abs($0.effect) < abs($1.effect) })?.name == CareExit.aged18.label
                let counts = "Children leaving at 18 were \(aged18.count) (\(was) the year before)"
                if change < 0 {
                    let explains = rise > 0 && difference < 0 && (isLargest || share >= 0.5)
                    out.append("\(counts), so they \(explains ? "help explain" : "do not explain") the fall.")
                } else if change > 0 {
                    let explains = rise < 0 && difference > 0 && (isLargest || share >= 0.5)
                    out.append("\(counts), so \(explains ? "fewer leaving at 18 helps explain" : "they do not explain") the rise.")
                } else {
                    out.append("\(counts).")
                }
            }
        } else {
            out.append("Children leaving at 18 were \(aged18.count); the same months a year earlier are not in the files, so there is no comparison.")
        }
        let moves = byAge.filter { $0.change != 0 }.sorted { abs($0.change) > abs($1.change) }.prefix(2)
        if !moves.isEmpty {
            out.append("By age, the largest changes were " + moves.map { "\($0.label) (\(Self.signed($0.change)))" }.joined(separator: " and ") + ".")
        }
        let placed = byPlacement.filter { $0.change != 0 }.sorted { abs($0.change) > abs($1.change) }.prefix(2)
        if !placed.isEmpty {
            out.append("By placement: " + placed.map { "\($0.label) \(Self.signed($0.change))" }.joined(separator: ", ") + ".")
        }
        if residual != 0 {
            out.append("The periods of care do not account for \(abs(residual)) of the change (starts − ends differs from the count at the month ends; see the monthly account).")
        }
        var due = "\(dueToTurn18) \(dueToTurn18 == 1 ? "child" : "children") looked after at the end of \(Wording.monthName(to)) \(dueToTurn18 == 1 ? "turns" : "turn") 18 in the next 12 months"
        if withoutBirthDate > 0 { due += " (\(withoutBirthDate) more without a date of birth)" }
        out.append(due + ".")
        if let u = uasc {
            let came = "\(u.starts) unaccompanied asylum-seeking \(u.starts == 1 ? "child" : "children") came into care"
            let before = u.startsYearBefore.map { " (\($0) the year before)" } ?? ""
            out.append("\(came)\(before); \(u.stockEnd) \(u.stockEnd == 1 ? "was" : "were") looked after at the end, against \(u.stockStart) at the start.")
        }
        return out
    }

    /// The terminal report: the sentences, then the flows with the year before and the groups.
    public func text(area: String) -> String {
        var out = "Children looked after\(area.isEmpty ? "" : " in \(area)"): why the number moved, \(windowName)\n\n"
        out += sentences.joined(separator: "\n") + "\n\n"
        func row(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == 0 ? c.padding(toLength: 50, withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, 12 - c.count)) + c }
                .joined() + "\n"
        }
        out += row(["", "this window", "year before"])
        out += row(["Looked after at the start", String(stockStart), changeYearBefore == nil ? "–" : ""])
        for f in flows {
            let name = f.exit.map { "  ended: \($0.label)" } ?? "  started"
            out += row([name, String(f.count), f.countYearBefore.map(String.init) ?? "–"])
        }
        out += row(["Looked after at the end", String(stockEnd), ""])
        out += row(["Change", Self.signed(change), changeYearBefore.map(Self.signed) ?? "–"])
        out += row(["Residual (identity check)", String(residual), ""])
        out += "\n" + row(["By age band", "start", "end"])
        for g in byAge { out += row(["  \(g.label)", String(g.start), String(g.end)]) }
        out += "\n" + row(["By placement", "start", "end"])
        for g in byPlacement { out += row(["  \(g.label)", String(g.start), String(g.end)]) }
        if let u = uasc {
            out += "\n" + row(["Unaccompanied asylum-seeking children", "this window", "year before"])
            out += row(["  started", String(u.starts), u.startsYearBefore.map(String.init) ?? "–"])
            out += row(["  looked after at the start / end", "\(u.stockStart) / \(u.stockEnd)", ""])
        }
        return out
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "0" }

    /// The `clinic explain lac --json` document (docs/CLI.md): area, window, stocks, flows with the year
    /// before, residual, due to turn 18, and the groups and sentences beside them.
    public func json(area: String) -> JSONValue {
        func count(_ n: Int?) -> JSONValue { n.map(JSONValue.integer) ?? .null }
        func groups(_ list: [GroupChange]) -> JSONValue {
            .array(list.map { .object([("group", .string($0.group)), ("start", .integer($0.start)), ("end", .integer($0.end))]) })
        }
        return .object([
            ("area", .string(area)), ("from", .string(from.description)), ("to", .string(to.description)),
            ("stock_start", .integer(stockStart)), ("stock_end", .integer(stockEnd)),
            ("flows", .array(flows.map { .object([("flow", .string($0.name)), ("count", .integer($0.count)), ("count_year_before", count($0.countYearBefore))]) })),
            ("residual", .integer(residual)),
            ("due_to_turn_18_next_12_months", .integer(dueToTurn18)),
            ("change_year_before", count(changeYearBefore)),
            ("by_age", groups(byAge)), ("by_placement", groups(byPlacement)),
            ("uasc", uasc.map { u in
                .object([("stock_start", .integer(u.stockStart)), ("stock_end", .integer(u.stockEnd)), ("starts", .integer(u.starts)),
                         ("starts_year_before", count(u.startsYearBefore))])
            } ?? .null),
            ("sentences", .array(sentences.map(JSONValue.string))),
        ])
    }
}

extension CareFlows {
    /// The monthly account as CSV: month, stock_start, starts, one column per exit group, stock_end,
    /// residual, then the month-end stock by age band, placement group and time in care; with a UASC table,
    /// uasc_starts and uasc_stock_end.
    public func csv() -> String {
        var header = ["month", "stock_start", "starts"] + CareExit.allCases.map { "end:\($0.rawValue)" } + ["stock_end", "residual"]
        header += AgeBand.allCases.map { "age:\($0.rawValue)" } + ["age:unknown"]
        header += PlacementGroup.allCases.map { "placement:\($0.rawValue)" }
        header += TimeInCareBand.allCases.map { "time_in_care:\($0.rawValue)" }
        let withUASC = months.first?.uasc != nil
        if withUASC { header += ["uasc_starts", "uasc_stock_end"] }
        var out = header.joined(separator: ",") + "\n"
        for m in months {
            var cells = [m.month.description, String(m.stockStart), String(m.starts)] + m.ends.map(String.init)
                + [String(m.stockEnd), String(m.residual)] + m.byAge.map(String.init) + m.byPlacement.map(String.init) + m.byTimeInCare.map(String.init)
            if withUASC, let u = m.uasc { cells += [String(u.starts), String(u.stockEnd)] }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}
