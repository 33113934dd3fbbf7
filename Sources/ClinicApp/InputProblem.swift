/// The input's own errors (already reported as diagnostics, with file, line and column) leave nothing
/// for the command to work with: the command line prints the message and exits with status 1 (problems
/// in the input), not 2 (usage), and writes nothing.
public struct InputProblem: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
