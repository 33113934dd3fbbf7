import ClinicData

/// The groups the clinic reads the looked-after population by (docs/DOMAIN.md, "Flows"): how a period of
/// care ended and the placement group at a month end (age bands and time in care: ``AgeBand`` and
/// ``TimeInCareBand`` in ClinicData, which the projection shares).
public enum CareExit: String, Sendable, CaseIterable, Comparable {
    case aged18 = "aged_18"
    case adoption
    case specialGuardianship = "special_guardianship"
    case childArrangements = "child_arrangements"
    case returnHome = "return_home"
    case independentLiving = "independent_living"
    case other

    /// What a sentence calls it.
    public var label: String {
        switch self {
        case .aged18: return "leaving at 18"
        case .adoption: return "adoptions"
        case .specialGuardianship: return "special guardianship orders"
        case .childArrangements: return "child arrangements orders"
        case .returnHome: return "returns home"
        case .independentLiving: return "moves to independent living before 18"
        case .other: return "other exits"
        }
    }

    /// The group of a period that ended with reason `rec` on `end`, for a child born on `birth`: an end
    /// on or after the 18th birthday is `aged18` whatever the code (checked first); otherwise the code's
    /// group in seeds/record_codes.csv (`other` for a code without one, and for X1 ending a period, which
    /// only happens when no episode follows it). Without a date of birth the code decides.
    public static func of(reasonCeased rec: String, end: Day, birth: Day?, codes: RecordCodes = .standard) -> CareExit {
        if let birth, birth.age(on: end) >= 18 { return .aged18 }
        return codes.group(of: rec, table: "ssda903_episodes", field: "REC").flatMap(CareExit.init(rawValue:)) ?? .other
    }

    public static func < (a: CareExit, b: CareExit) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// Placement groups (PLACE of the episode open at a month end), from seeds/record_codes.csv's `group`
/// column for PLACE.
public enum PlacementGroup: String, Sendable, CaseIterable, Comparable {
    case foster
    case placedForAdoption = "placed_for_adoption"
    case withParents = "with_parents"
    case residential
    case independentOrSupported = "independent_or_supported"
    case other

    /// The group of a PLACE code (`other` for a code the seed does not group).
    public init(place: String, codes: RecordCodes = .standard) {
        self = codes.group(of: place, table: "ssda903_episodes", field: "PLACE").flatMap(PlacementGroup.init(rawValue:)) ?? .other
    }

    public var label: String {
        switch self {
        case .foster: return "foster care"
        case .placedForAdoption: return "placed for adoption"
        case .withParents: return "placed with parents"
        case .residential: return "residential care"
        case .independentOrSupported: return "independent or supported living"
        case .other: return "other placements"
        }
    }

    public var index: Int { PlacementGroup.allCases.firstIndex(of: self)! }
    public static func < (a: PlacementGroup, b: PlacementGroup) -> Bool { a.index < b.index }
}
