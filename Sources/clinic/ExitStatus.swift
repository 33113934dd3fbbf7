import ArgumentParser
import ClinicApp
import ClinicData
import Foundation

/// The one place where errors become messages on stderr and exit codes.
///
/// 0: success. 1: the input has problems (a ``Diagnostic``, a model that cannot be fitted).
/// 2: usage error (bad flags, a column that is not in the file). Help and version requests exit 0.
enum ExitStatus {
    static let success: Int32 = 0
    static let problems: Int32 = 1
    static let usage: Int32 = 2

    /// Parses the command line, runs the command, and exits with the right status.
    static func runAndExit() -> Never {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "help", let name = arguments.dropFirst().first,
           !Clinic.configuration.subcommands.contains(where: { $0._commandName == name }) {
            writeError("clinic: no command \"\(name)\"; the commands are: \(Clinic.configuration.subcommands.map { $0._commandName }.joined(separator: ", "))")
            exit(usage)
        }
        do {
            var command = try Clinic.parseAsRoot()
            try command.run()
            exit(success)
        } catch {
            report(error)
        }
    }

    static func report(_ error: Error) -> Never {
        switch error {
        case let failure as UsageError:
            writeError("clinic: \(failure.message)")
            exit(usage)
        case let problem as InputProblem:                        // the input's errors left nothing to do
            writeError("clinic: \(problem.message)")
            exit(problems)
        case let code as ExitCode:                               // a command that reported its own problems
            exit(code.rawValue)
        case let diagnostic as Diagnostic:
            writeError(diagnostic.description)
            exit(problems)
        default:
            let code = Clinic.exitCode(for: error)
            if code == .success {                                // --help, --version
                Clinic.exit(withError: error)
            }
            writeError(Clinic.fullMessage(for: error))
            if code == .validationFailure { exit(usage) }
            exit(problems)
        }
    }

    static func writeError(_ text: String) {
        let inert = TerminalText.inert(text)
        FileHandle.standardError.write(Data((inert.hasSuffix("\n") ? inert : inert + "\n").utf8))
    }
}
