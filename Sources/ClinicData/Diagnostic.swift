import ClinicNumerics
import ClinicSeeds
/// A problem found in an input file, located precisely enough for a person to open the file and fix it.
///
/// `line` and `column` are one-based; `column` counts characters (not bytes) from the start of the
/// physical line where the offending field begins. `code` is a stable machine-readable identifier
/// (`unterminated_quote`, `non_numeric`, …) that scripts and tests can match on.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let file: String
    public let line: Int?
    public let column: Int?
    public let code: String
    public let severity: Severity
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, code: String,
                severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: error: message [code]`, the form compilers use, which editors can jump to.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(severity.rawValue): \(message) [\(code)]"
    }
}
