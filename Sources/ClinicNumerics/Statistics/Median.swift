/// Medians without sorting.
public enum Median {
    /// The median of `xs` (reordered in place), by quickselect: linear time, no allocation.
    public static func inPlace(_ xs: inout [Double]) -> Double {
        let n = xs.count
        guard n > 0 else { return 0 }
        func select(_ k: Int) -> Double {
            var lo = 0, hi = n - 1
            while lo < hi {
                let pivot = xs[(lo + hi) / 2]
                var i = lo, j = hi
                while i <= j {
                    while xs[i] < pivot { i += 1 }
                    while xs[j] > pivot { j -= 1 }
                    if i <= j { xs.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return xs[k] }
            }
            return xs[k]
        }
        let upper = select(n / 2)
        if n % 2 == 1 { return upper }
        let lower = xs[0..<(n / 2)].max()!
        return (lower + upper) / 2
    }
}
