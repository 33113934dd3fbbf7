/// The extended-precision type Clinic accumulates residuals in.
///
/// On x86-64 this is the x87 80-bit format (64-bit significand, unit roundoff 2⁻⁶⁴ ≈ 5.4e-20), eleven
/// bits more than `Double`; arithmetic is hardware speed. Least-squares refinement (see
/// ``RefinedLeastSquares``) needs exactly this: residuals `y − X·x` computed with more precision than the
/// data so that corrections are not swamped by rounding. Decimal input parsed straight into this type
/// (`ExtendedDouble("0.8116")`) keeps digits that parsing to `Double` would round away.
///
/// On other architectures Swift has no `Float80`; there the type falls back to `Double`, refinement
/// converges to the ordinary double-precision QR solution, and the NIST accuracy bar is not met (the
/// test suite says so rather than passing silently).
#if arch(x86_64) || arch(i386)
public typealias ExtendedDouble = Float80
#else
public typealias ExtendedDouble = Double
#endif

extension ExtendedDouble {
    /// Whether `ExtendedDouble` really carries more precision than `Double` on this machine.
    public static var isWiderThanDouble: Bool { ExtendedDouble.significandBitCount > Double.significandBitCount }
}
