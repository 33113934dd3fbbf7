import Foundation

/// Ticks at 1, 2 or 5 × 10^k covering [low, high] (Heckbert's "nice numbers"): the first tick ≤ low,
/// the last ≥ high, at most `maximumCount` ticks (≥ 2), evenly spaced. A degenerate range (low == high)
/// is widened around the value (0 → [0, 1]; v → about ±10% of |v|); non-finite input gives [0, 1].
///
/// The step is the smallest nice number giving at most `maximumCount` ticks, so the axis gets as many
/// ticks as allowed. Ticks are multiples of the step, so a range that straddles zero needs at least
/// three (−s, 0, s): there `maximumCount` is raised to 3. `maximumCount` is capped at 1,000.
public struct NiceScale: Sendable, Equatable {
    public let ticks: [Double]
    public let step: Double
    /// Decimals a tick label needs: max(0, −k) for a step of m × 10^k.
    let decimals: Int

    public init(low: Double, high: Double, maximumCount: Int = 6) {
        var low = low, high = high
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if low > high { swap(&low, &high) }
        if low == high {
            if low == 0 {
                high = 1
            } else {
                let margin = low.magnitude * 0.1
                (low, high) = (low - margin, high + margin)
                if !(low < high) { (low, high) = (low - 1, high + 1) }  // subnormal values
            }
        }
        let count = min(max(maximumCount, low < 0 && high > 0 ? 3 : 2), 1000)

        // Raw step for `count` ticks; halves first so that ±1e308 does not overflow.
        let raw = max((high / 2 - low / 2) / Double(count - 1) * 2, 1e-300)
        let firstExponent = Int(floor(log10(raw))) - 1
        for exponent in firstExponent...(firstExponent + 40) {
            for mantissa in [1.0, 2, 5] {
                if let found = Self.candidate(low: low, high: high, mantissa: mantissa, exponent: exponent, count: count) {
                    ticks = found
                    step = Self.value(mantissa, exponent)
                    decimals = max(0, -exponent)
                    return
                }
            }
        }
        // Unreachable for finite input; kept so that no input traps.
        ticks = [low, high]
        step = high - low
        decimals = 2
    }

    /// Tick label with exactly the decimals the step needs (step 0.5 → "2.5", step 20 → "40"), thousands
    /// grouped with "," ("1,200"), minus sign "−" (U+2212).
    public func label(_ value: Double) -> String {
        SVGText.decimal(value, decimals: decimals)
    }

    /// m × 10^k, computed so that decimal steps are the nearest doubles (5 / 10 rather than 5 × 0.1).
    static func value(_ mantissa: Double, _ exponent: Int) -> Double {
        exponent >= 0 ? mantissa * SVGText.power10(exponent) : mantissa / SVGText.power10(-exponent)
    }

    /// The ticks n·step … for step m × 10^k when they cover [low, high] in at most `count` ticks.
    private static func candidate(low: Double, high: Double, mantissa: Double, exponent: Int, count: Int) -> [Double]? {
        let step = value(mantissa, exponent)
        guard step.isFinite, step > 0 else { return nil }
        func tick(_ n: Double) -> Double {
            exponent >= 0 ? n * mantissa * SVGText.power10(exponent) : n * mantissa / SVGText.power10(-exponent)
        }
        let lowRatio = low / step, highRatio = high / step
        var first = floor(lowRatio + 1e-9 * max(1, lowRatio.magnitude))
        var last = ceil(highRatio - 1e-9 * max(1, highRatio.magnitude))
        // A tolerance step too far: at most a couple of corrections (bounded in case n is beyond 2^53).
        for _ in 0..<3 where tick(first) > low { first -= 1 }
        for _ in 0..<3 where tick(last) < high { last += 1 }
        guard tick(first) <= low, tick(last) >= high, last - first + 1 <= Double(count) else { return nil }
        var ticks = [Double]()
        ticks.reserveCapacity(Int(last - first) + 1)
        for j in 0...Int(last - first) {
            let t = tick(first + Double(j))
            ticks.append(t == 0 ? 0 : t)  // no −0
        }
        guard ticks.allSatisfy(\.isFinite) else { return nil }
        return ticks
    }
}
