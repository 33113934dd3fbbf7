/// A sum of terms and exact products carried in twice ``ExtendedDouble``'s precision, by error-free
/// transformations (Knuth's TwoSum, Dekker's TwoProduct with Veltkamp splitting; Ogita, Rump & Oishi
/// 2005, "Accurate sum and dot product", algorithm Dot2).
///
/// Contract: the result equals the exact sum rounded as if computed in precision 2p (p = 64 bits for
/// Float80), then rounded once more to ``ExtendedDouble``; the error is at most
/// `u·|Σ| + γ(n)²·Σ|terms|` with `u` the unit roundoff. That matters where the terms cancel heavily:
/// a least-squares residual `y − Σ xⱼβⱼ` of an ill-conditioned design has products many orders larger
/// than the residual, and plain extended accumulation loses those orders (measured: residuals good to
/// 1e-12 on a cubic in t ≈ 1000, where this gives 1e-19). Overflow is not guarded (the splitting
/// multiplies by 2³² + 1), which is far outside any data Clinic reads.
package struct CompensatedSum {
    private(set) var sum: ExtendedDouble = 0
    private(set) var error: ExtendedDouble = 0

    package init(_ initial: ExtendedDouble = 0) { sum = initial }

    /// The accumulated value, rounded once.
    package var value: ExtendedDouble { sum + error }

    /// Adds `x` exactly (its rounding error is kept).
    @inline(__always)
    package mutating func add(_ x: ExtendedDouble) {
        let s = sum + x
        let z = s - sum
        error += (sum - (s - z)) + (x - z)
        sum = s
    }

    /// Adds the exact product `a·b`.
    @inline(__always)
    package mutating func add(_ a: ExtendedDouble, times b: ExtendedDouble) {
        add(a, split: Self.split(a), times: b, split: Self.split(b))
    }

    /// Adds the exact product `a·b` given each factor's ``split(_:)`` as well: the same value as
    /// ``add(_:times:)`` (the same operations on the same halves), for loops that meet each factor many times.
    @inline(__always)
    package mutating func add(_ a: ExtendedDouble, split aParts: (hi: ExtendedDouble, lo: ExtendedDouble),
                              times b: ExtendedDouble, split bParts: (hi: ExtendedDouble, lo: ExtendedDouble)) {
        let p = a * b
        let (ah, al) = aParts, (bh, bl) = bParts
        let productError = al * bl - (((p - ah * bh) - al * bh) - ah * bl)
        add(p)
        error += productError
    }

    /// Veltkamp's split of `x` into `hi + lo`, each with at most half the significand's bits.
    @inline(__always)
    package static func split(_ x: ExtendedDouble) -> (hi: ExtendedDouble, lo: ExtendedDouble) {
        let c = splitter * x
        let hi = c - (c - x)
        return (hi, x - hi)
    }

    /// 2^⌈p/2⌉ + 1 for the p-bit significand of ``ExtendedDouble`` (2³² + 1 for Float80).
    package static let splitter = ExtendedDouble(sign: .plus, exponent: (ExtendedDouble.significandBitCount + 2) / 2, significand: 1) + 1
}

extension CompensatedSum {
    /// `y − X·β` row by row, each as one compensated sum (the products in the design's column order),
    /// for a `Matrix` X with `y.count` rows and `β.count` columns. Each coefficient's split is made
    /// once; a zero of the design adds an exact zero and is skipped (the sum's value is the same).
    package static func residuals(_ y: [Double], design x: Matrix, coefficients beta: [Double]) -> [ExtendedDouble] {
        precondition(x.rows == y.count && x.columns == beta.count, "one row per value, one column per coefficient")
        let n = y.count, k = beta.count
        let negated = beta.map { -ExtendedDouble($0) }
        let parts = negated.map(split)
        var sums = y.map { CompensatedSum(ExtendedDouble($0)) }
        x.storage.withUnsafeBufferPointer { column in
            for a in 0..<k {
                let b = negated[a], bParts = parts[a], base = a * n
                for i in 0..<n {
                    let entry = column[base + i]
                    if entry == 0 { continue }
                    let value = ExtendedDouble(entry)
                    sums[i].add(value, split: split(value), times: b, split: bParts)
                }
            }
        }
        return sums.map(\.value)
    }
}
