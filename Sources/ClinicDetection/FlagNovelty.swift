import ClinicData

/// What is new at each month of a replay (`clinic flags --replay`, ``FlagReplayEvaluation``): the checks
/// run again as of every month, and the clinic hears only what it has not heard before.
///
/// A red or amber flag is new when it is dated at the month the checks are run as of (the latest month's
/// checks and the year's change are raised again each month the condition holds, as a clinic would see
/// them). An information flag is new the first time it is raised, except that a changepoint within three
/// months of one raised before on the same series is the same change, not a new one, even when it is
/// now told as a change of level rather than of trend (PELT places and describes a change again with
/// every month of data).
public struct FlagNovelty: Sendable {
    private var seen = Set<String>()
    private var changepoints = [String: [Month]]()

    public init() {}

    /// Whether `flag`, raised by the checks as of `asOf`, is new; records it as seen either way.
    public mutating func isNew(_ flag: Flag, asOf: Month) -> Bool {
        let series = "\(flag.key)"
        if flag.method == .changepoint {
            let earlier = changepoints[series, default: []]
            changepoints[series, default: []].append(flag.month)
            return !earlier.contains { abs($0.distance(to: flag.month)) <= 3 }
        }
        let id = "\(series)|\(flag.method.rawValue)|\(flag.rule)|\(flag.month)"
        let known = seen.contains(id)
        seen.insert(id)
        return flag.severity != .info ? flag.month == asOf : !known
    }
}
