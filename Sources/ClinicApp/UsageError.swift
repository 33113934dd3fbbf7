/// The user asked for something the input cannot give: a file or folder that does not exist, a
/// column that is not in the file, a metric that is not there, a settings file that cannot be used.
/// The command line reports it and exits with status 2 (usage), not 1 (problems in the data).
public struct UsageError: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
