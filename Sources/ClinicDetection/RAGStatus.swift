import ClinicData

/// Red, amber or green against a target, read with the metric's polarity.
///
/// Contract: with higher better, a value at or above the target is green; below it by at most
/// `amberPercent`% of |target| amber; further below red (mirrored with lower better). A neutral metric
/// has no RAG status (nil): a target without a direction cannot be missed.
public enum RAGStatus: String, Sendable, Equatable {
    case red, amber, green

    public init?(value: Double, target: Double, amberPercent: Double, polarity: MetricDefinition.Polarity) {
        guard value.isFinite, target.isFinite else { return nil }
        let shortfall: Double
        switch polarity {
        case .higherBetter: shortfall = target - value
        case .lowerBetter: shortfall = value - target
        case .neutral: return nil
        }
        if shortfall <= 0 { self = .green }
        else if shortfall <= abs(target) * amberPercent / 100 { self = .amber }
        else { self = .red }
    }
}
