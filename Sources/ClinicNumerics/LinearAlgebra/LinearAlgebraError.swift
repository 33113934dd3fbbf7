/// Failures of the linear algebra layer, with LAPACK's `info` codes turned into values a caller can read.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not fit the operation.
    case dimensionMismatch(operation: String, details: String)
    /// LAPACK rejected argument number `argument` (its `info` was `-argument`): a programming error here.
    case illegalArgument(routine: String, argument: Int)
    /// A triangular factor has an exactly zero diagonal element at (one-based) position `index`.
    case singular(routine: String, index: Int)
    /// An iterative LAPACK routine (SVD) did not converge; `info` is LAPACK's count of failures.
    case noConvergence(routine: String, info: Int)
    /// An input contains NaN or infinity where finite numbers are required.
    case nonFinite(operation: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(operation, details):
            return "\(operation): dimension mismatch (\(details))"
        case let .illegalArgument(routine, argument):
            return "\(routine): argument \(argument) had an illegal value"
        case let .singular(routine, index):
            return "\(routine): the matrix is singular (zero diagonal element at position \(index))"
        case let .noConvergence(routine, info):
            return "\(routine): did not converge (\(info) superdiagonals failed)"
        case let .nonFinite(operation):
            return "\(operation): input contains NaN or infinity"
        }
    }

    /// Maps a LAPACK `info` value to an error; `nil` when `info == 0`.
    static func check(_ routine: String, _ info: Int32, positive: (Int) -> LinearAlgebraError) throws {
        if info == 0 { return }
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, argument: Int(-info)) }
        throw positive(Int(info))
    }
}
