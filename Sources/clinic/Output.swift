import ArgumentParser
import ClinicApp
import Foundation

/// Where a command's results go: its output on stdout, notes and diagnostics on stderr.
enum Output {
    /// Prints the command's stdout, then exits 1 if the input had problems (they were on stderr already).
    static func emit(_ output: CommandOutput) throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        /// Bytes as they go to stdout: on a terminal, with control characters from files made inert.
        func prepared(_ bytes: [UInt8]) -> Data {
            terminal ? Data(TerminalText.inert(String(decoding: bytes, as: UTF8.self)).utf8) : Data(bytes)
        }
        FileHandle.standardOutput.write(prepared(Array(output.stdout.utf8)))
        if let streamed = output.streamed {
            // Pieces are gathered to about 1 MB per write, and written on a thread of their own while the
            // next pieces are made (the national `fit` document is 64 MB: written in line, the cores that
            // render it waited for each write). At most two writes wait, so at most about 3 MB is held.
            let writes = DispatchQueue(label: "clinic.stdout")
            let slots = DispatchSemaphore(value: 2)
            func send(_ bytes: [UInt8]) {
                let data = prepared(bytes)
                slots.wait()
                writes.async {
                    FileHandle.standardOutput.write(data)
                    slots.signal()
                }
            }
            var pending = [UInt8]()
            streamed { piece in
                pending += piece
                if pending.count >= 1 << 20 { send(pending); pending.removeAll(keepingCapacity: true) }
            }
            if !pending.isEmpty { send(pending) }
            writes.sync {}
        }
        if output.hadProblems { throw ExitCode(ExitStatus.problems) }
    }

    /// One line on stderr.
    static func note(_ text: String) { ExitStatus.writeError(text) }
}
