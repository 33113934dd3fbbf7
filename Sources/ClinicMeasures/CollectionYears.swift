import ClinicData
import Foundation

/// The collection years record files cover. SSDA903 and CIN returns cover a year from April to March,
/// named by the year it ends (2022 = April 2021 – March 2022).
///
/// Contract: a file's year comes from its name when the name holds one (`episodes_2022.csv`,
/// `ssda903_2021-22_episodes.csv`, `CIN 2021_22.csv` → 2022), or its folder's; otherwise from its dates
/// (``years(ofEvents:latest:)``). A name with more than one candidate year is ambiguous and read from
/// the dates. Each inference is reported in a note.
public enum CollectionYears {
    /// The year ending in March that `month` falls in (April 2021 → 2022, March 2022 → 2022).
    public static func year(of month: Month) -> Int { month.month >= 4 ? month.year + 1 : month.year }

    /// April of the year before `year` through March of `year`.
    public static func months(of year: Int) -> ClosedRange<Month> {
        Month(year: year - 1, month: 4)!...Month(year: year, month: 3)!
    }

    /// The years a file without a year in its name covers, from its event months: those with events in
    /// at least 9 of their 12 months (a return also holds the starts of episodes open from years before,
    /// which must not make those years look covered), and the year of its latest event (which may be in
    /// progress).
    public static func years(ofEvents months: [Month], latest: Month) -> Set<Int> {
        var monthsByYear = [Int: Set<Int>]()
        for m in months { monthsByYear[year(of: m), default: []].insert(m.month) }
        return Set(monthsByYear.filter { $0.value.count >= 9 }.keys).union([year(of: latest)])
    }

    /// The first collection year that starts on or after `month` (the year of `month` when it is an April).
    public static func firstComplete(from month: Month) -> Int { year(of: month) + (month.month == 4 ? 0 : 1) }

    /// The collection year a file's path names: its file name's, else its folder's; nil when neither
    /// names one (the year is then read from the file's dates).
    public static func year(ofFile path: String) -> Int? {
        let name = (path as NSString).lastPathComponent
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return year(fromName: name) ?? year(fromName: folder)
    }

    /// The collection year a file name states, if any (nil when it states none, or more than one).
    public static func year(fromName name: String) -> Int? {
        let base = (name as NSString).lastPathComponent
        let digits = Array(base.unicodeScalars)
        var years = [Int]()
        var i = 0
        while i < digits.count {
            guard CharacterSet.decimalDigits.contains(digits[i]) else { i += 1; continue }
            var j = i
            while j < digits.count && CharacterSet.decimalDigits.contains(digits[j]) { j += 1 }
            let run = String(String.UnicodeScalarView(digits[i..<j]))
            if run.count == 4, let y = Int(run), (2000...2100).contains(y) {
                // "2021-22" or "2021_22": the year ending is the second; "2023-07" (a date): the year that
                // month falls in.
                if j + 2 < digits.count, ["-", "_"].contains(digits[j]),
                   let next = Int(String(String.UnicodeScalarView(digits[(j + 1)..<min(j + 3, digits.count)]))),
                   (j + 3 == digits.count || !CharacterSet.decimalDigits.contains(digits[j + 3])) {
                    if next == (y + 1) % 100 { years.append(y + 1) }
                    else if let month = Month(year: y, month: next) { years.append(year(of: month)) }
                    else { years.append(y) }
                    i = j + 3
                    continue
                } else {
                    years.append(y)
                }
            } else if run.count == 6, let a = Int(run.prefix(4)), let b = Int(run.suffix(2)), (2000...2100).contains(a), b == (a + 1) % 100 {
                years.append(a + 1)                                   // "202122"
            }
            i = j
        }
        return Set(years).count == 1 ? years[0] : nil
    }
}
