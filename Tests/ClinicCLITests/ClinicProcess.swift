import Foundation
import ClinicTestSupport

/// Runs the `clinic` executable that SwiftPM built next to this test bundle.
struct ClinicProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        // On Linux the test runner lives in the products folder (.build/<config>/), beside `clinic`.
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("clinic"),
                          products.deletingLastPathComponent().appendingPathComponent("clinic")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `clinic arguments…` and waits for it; `environment` adds (or, with nil, removes) variables.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:]) throws -> Result {
        try launch(executable, arguments, in: directory, environment: environment)
    }

    /// Runs `program arguments…` (another program than `clinic`, such as `setpriv` in front of it).
    static func run(_ arguments: [String], program: URL, in directory: URL? = nil) throws -> Result {
        try launch(program, arguments, in: directory)
    }

    /// Runs `python3 -c script arguments…` (the packages `make test` installs) in `directory`.
    static func python(_ script: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        try launch(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments,
                   in: directory ?? FileManager.default.temporaryDirectory)
    }

    /// Runs `program arguments…` in `directory` (the current one when nil) and waits for it.
    private static func launch(_ program: URL, _ arguments: [String], in directory: URL?,
                               environment: [String: String?] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes, stderr on another thread, before waiting: a child that fills one pipe while the
        // other is being read to its end would otherwise block for ever.
        let errors = Collected()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        let errData = errors.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The repository's Tests/ folder (fixtures are shared with the core tests).
    static var testsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts `clinic` with `arguments` in the background, output discarded, for tests that run many at
    /// once (concurrent writers and readers); the caller waits for it.
    static func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A fresh temporary folder for files a test writes.
    static func temporaryFolder() throws -> URL {
        try ScratchFolder.make("cli")
    }
}

/// Bytes read on another thread, handed over after the thread is waited for.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
