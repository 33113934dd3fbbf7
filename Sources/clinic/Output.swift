import ArgumentParser
import ClinicApp
import Foundation

/// Where a command's results go: its output on stdout, notes and diagnostics on stderr.
enum Output {
    /// Prints the command's stdout, then exits 1 if the input had problems (they were on stderr already).
    static func emit(_ output: CommandOutput) throws {
        FileHandle.standardOutput.write(Data((isatty(STDOUT_FILENO) == 1 ? TerminalText.inert(output.stdout) : output.stdout).utf8))
        if output.hadProblems { throw ExitCode(ExitStatus.problems) }
    }

    /// One line on stderr.
    static func note(_ text: String) { ExitStatus.writeError(text) }
}
