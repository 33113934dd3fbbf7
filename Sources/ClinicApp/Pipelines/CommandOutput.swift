/// What a command prints on stdout, and whether the input had problems (exit status 1).
/// Diagnostics and notes go to the `log` each pipeline takes (stderr), as they happen.
public struct CommandOutput: Sendable {
    public var stdout: String
    /// The input had errors (reported through `log`): the command exits with status 1.
    public var hadProblems: Bool

    public init(stdout: String, hadProblems: Bool) {
        self.stdout = stdout
        self.hadProblems = hadProblems
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
