/// Sample quantiles.
public enum Quantile {
    /// The `p`-quantile of `xs` by linear interpolation between order statistics, R's default
    /// (`quantile(type = 7)`, also numpy's `linear`): `h = (n − 1)·p`, `x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`.
    /// `sorted` must be in ascending order and non-empty; `p` in [0, 1].
    public static func type7(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(p), "type7 needs data and 0 ≤ p ≤ 1")
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
