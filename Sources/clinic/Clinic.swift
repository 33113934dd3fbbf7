import ArgumentParser
import ClinicApp

/// The root command. Subcommands grow with the project; each is thin: parse flags, call the
/// libraries, print. Errors become exit codes in one place (`ExitStatus`).
struct Clinic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic",
        abstract: "Performance analysis for children's services: validate monthly extracts, fit trends, flag what changed.",
        discussion: """
        Clinic reads the CSV files analysts already have and answers the questions of a monthly \
        Performance Clinic. Run `clinic help <command>` for the details of one command.

        Exit status: 0 success, 1 the input has problems (each reported as file:line:column), \
        2 usage error (unknown option, missing argument, a column that is not in the file).
        """,
        version: ClinicVersion.current,
        subcommands: [Validate.self, Ingest.self, SeriesCommand.self, Fit.self, BacktestCommand.self, Flags.self, Report.self, Explain.self, Project.self, Notebook.self, SPC.self, Benchmark.self, Regress.self, Simulate.self]
    )
}
