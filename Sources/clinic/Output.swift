import ArgumentParser
import ClinicApp
import Foundation

/// Where a command's results go: its output on stdout, notes and diagnostics on stderr.
enum Output {
    /// Prints the command's stdout, then exits 1 if the input had problems (they were on stderr already).
    static func emit(_ output: CommandOutput) throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        let write = { (text: String) in
            FileHandle.standardOutput.write(Data((terminal ? TerminalText.inert(text) : text).utf8))
        }
        write(output.stdout)
        if let streamed = output.streamed {
            // Pieces are gathered to about 1 MB per write.
            var pending = ""
            streamed { piece in
                pending += piece
                if pending.utf8.count >= 1 << 20 { write(pending); pending = "" }
            }
            if !pending.isEmpty { write(pending) }
        }
        if output.hadProblems { throw ExitCode(ExitStatus.problems) }
    }

    /// One line on stderr.
    static func note(_ text: String) { ExitStatus.writeError(text) }
}
