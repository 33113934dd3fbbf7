/// What a command prints on stdout, and whether the input had problems (exit status 1).
/// Diagnostics and notes go to the `log` each pipeline takes (stderr), as they happen.
public struct CommandOutput: Sendable {
    public var stdout: String
    /// The input had errors (reported through `log`): the command exits with status 1.
    public var hadProblems: Bool
    /// Output too large to hold as one text (the national `fit` is 64 MB): handed to `write` piece by
    /// piece as UTF-8, after ``stdout``, so that only a few pieces are held at a time. A piece may be
    /// written while the next is made: `write` must not be given a piece it will change.
    public var streamed: (@Sendable (_ write: ([UInt8]) -> Void) -> Void)?

    public init(stdout: String, hadProblems: Bool, streamed: (@Sendable (_ write: ([UInt8]) -> Void) -> Void)? = nil) {
        self.stdout = stdout
        self.hadProblems = hadProblems
        self.streamed = streamed
    }
}

/// The month options every reading command takes, still as text.
public struct MonthOptions: Sendable {
    public var asOf: String?
    public var from: String?

    public init(asOf: String? = nil, from: String? = nil) {
        self.asOf = asOf
        self.from = from
    }
}
