/// The bands the looked-after population is counted and projected by.

/// DfE's age bands for the looked-after stock, by age in whole years at the day in question.
public enum AgeBand: String, Sendable, CaseIterable, Comparable {
    case underOne = "under_1"
    case oneToFour = "1_4"
    case fiveToNine = "5_9"
    case tenToFifteen = "10_15"
    case sixteenToSeventeen = "16_17"

    /// The band of a child aged `years` (nil from 18 on: no longer a child in care).
    public init?(years: Int) {
        switch years {
        case ..<1: self = .underOne
        case 1...4: self = .oneToFour
        case 5...9: self = .fiveToNine
        case 10...15: self = .tenToFifteen
        case 16...17: self = .sixteenToSeventeen
        default: return nil
        }
    }

    /// The band on `day` of a child born on `birth`.
    public init?(birth: Day, on day: Day) { self.init(years: max(0, birth.age(on: day))) }

    public var label: String {
        switch self {
        case .underOne: return "under 1"
        case .oneToFour: return "1 to 4"
        case .fiveToNine: return "5 to 9"
        case .tenToFifteen: return "10 to 15"
        case .sixteenToSeventeen: return "16 and 17"
        }
    }

    public var index: Int { AgeBand.allCases.firstIndex(of: self)! }
    public static func < (a: AgeBand, b: AgeBand) -> Bool { a.index < b.index }
}

/// How long a child has been in the current period of care, in bands where exit rates differ most:
/// most periods that end quickly end in the first three months.
public enum TimeInCareBand: String, Sendable, CaseIterable, Comparable {
    case underThreeMonths = "under_3_months"
    case threeToTwelveMonths = "3_12_months"
    case oneToThreeYears = "1_3_years"
    case threeYearsOrMore = "3_years_or_more"

    /// The band on `day` of a period of care that started on `start`.
    public init(start: Day, on day: Day) { self.init(months: Self.wholeMonths(from: start, to: day)) }

    /// Whole calendar months from `a` to `b` (1 March to 28 April is 1; to 1 May is 2; 0 when `b` is
    /// earlier than a month on).
    public static func wholeMonths(from a: Day, to b: Day) -> Int {
        let x = a.components, y = b.components
        var months = (y.year - x.year) * 12 + (y.month - x.month)
        if y.day < x.day { months -= 1 }
        return max(0, months)
    }

    /// The band after `months` whole months in care.
    public init(months: Int) {
        switch months {
        case ..<3: self = .underThreeMonths
        case 3..<12: self = .threeToTwelveMonths
        case 12..<36: self = .oneToThreeYears
        default: self = .threeYearsOrMore
        }
    }

    public var label: String {
        switch self {
        case .underThreeMonths: return "under 3 months"
        case .threeToTwelveMonths: return "3 to 12 months"
        case .oneToThreeYears: return "1 to 3 years"
        case .threeYearsOrMore: return "3 years or more"
        }
    }

    public var index: Int { TimeInCareBand.allCases.firstIndex(of: self)! }
    public static func < (a: TimeInCareBand, b: TimeInCareBand) -> Bool { a.index < b.index }
}
